// examples/hub-spoke through the Automation API (the package's `testing` helper, or set up by hand): preview,
// up (each vnet's view of the names, the records of each VM), changes made by editing a copy of the
// program, refresh after changes made behind the engine's back, destroy. Each step checks the stack
// outputs, the state and the emulator store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  byKind, ExampleStack, exampleStack, expectStateMatchesStore, linkLines, recordSetLines, registered, storeRecords, values,
  type EngineName,
} from "./helpers";
import { corp, initialRecords, initialViews, nx, ok, PTR, view } from "../support/hub-spoke-expected";

const T = 300_000;
/** The steps and their assertions, through one engine (test/examples: the `testing` helper; test/automation: the Automation API set up by hand). */
export function hubSpokeScenario(engine: EngineName): void {
  describe.sequential(`examples/hub-spoke (${engine})`, () => {
    let ex: ExampleStack;
    beforeAll(async () => {
      ex = await exampleStack("hub-spoke", { engine });
    });
    afterAll(() => ex?.cleanup());

    it("preview plans 19 creates and writes nothing", async () => {
      const res = await ex.stack.preview();
      expect(res.changeSummary).toEqual({ create: 19 });
      expect(res.stdout).toContain("+  pulumi-nodejs:dynamic/privatedns:VnetLink spoke-b-corp create");
      expect(ex.storeBytes()).toBeUndefined();
      expect(await ex.resources()).toEqual([]);
    }, T);

    it("up: the hub resolves through its resolution links, each spoke registers its VMs, jump has no records", async () => {
      const res = await ex.stack.up();
      expect(res.summary.resourceChanges).toEqual({ create: 19 });
      const out = values(res.outputs);
      expect(out.zones).toEqual([corp, "svc.internal"]);
      expect(out.resolvedFrom).toEqual(initialViews());
      expect(out.registeredRecords).toEqual(initialRecords());
      ex.store((emu) => {
        expect(emu.listZones().map((z) => [z.name, z.numberOfRecordSets, z.numberOfVirtualNetworkLinks, z.numberOfVirtualNetworkLinksWithRegistration]))
          .toEqual([[corp, 4, 3, 2], ["svc.internal", 4, 3, 0]]);
        expect(linkLines(emu)).toEqual([
          "corp.internal/hub-corp -> hub",
          "corp.internal/spoke-a-corp -> spoke-a registration",
          "corp.internal/spoke-b-corp -> spoke-b registration",
          "svc.internal/hub-svc -> hub",
          "svc.internal/spoke-a-svc -> spoke-a",
          "svc.internal/spoke-b-svc -> spoke-b",
        ]);
        expect(recordSetLines(emu, corp)).toEqual(["@ SOA", "db-b1 A auto", "web-a1 A auto", "web-a2 A auto"]);
        expect(recordSetLines(emu, "svc.internal")).toEqual(["@ SOA", "@ TXT", "api A", "portal CNAME"]);
        expect(storeRecords(emu)).toEqual(out.registeredRecords);
      });
    }, T);

    it("adding a VM to spoke-b registers it", async () => {
      ex.edit(['vms: ["db-b1"] }', 'vms: ["db-b1", "db-b2"] }']);
      const res = await ex.stack.up();
      // The zones are updated too: their record sets and links changed after they were created (drift read by diff).
      expect(res.summary.resourceChanges).toEqual({ same: 17, update: 2, create: 1 });
      expect(res.stdout).toContain("+  pulumi-nodejs:dynamic/privatedns:Vm db-b2 created");
      expect(values(res.outputs).registeredRecords["db-b2"]).toEqual(registered("db-b2", corp, "10.2.0.5"));
      ex.store((emu) => {
        expect(storeRecords(emu)["db-b2"]).toEqual(registered("db-b2", corp, "10.2.0.5"));
        expect(emu.resolve({ virtualNetworkName: "hub" }, "db-b2.corp.internal").answers.map((a) => a.data)).toEqual(["10.2.0.5"]);
      });
    }, T);

    it("enabling registration on the hub's link registers jump (L9)", async () => {
      ex.edit([
        'new pdns.VnetLink("hub-corp", { privateZoneName: corp.name, virtualNetwork: { id: hub.id } })',
        'new pdns.VnetLink("hub-corp", { privateZoneName: corp.name, virtualNetwork: { id: hub.id }, registrationEnabled: true })',
      ]);
      const res = await ex.stack.up();
      expect(res.summary.resourceChanges).toEqual({ same: 17, update: 3 }); // hub-corp, jump, corp.internal
      expect(res.stdout).toContain("~  pulumi-nodejs:dynamic/privatedns:VnetLink hub-corp updated");
      expect(res.stdout).toContain("~  pulumi-nodejs:dynamic/privatedns:Vm jump updated");
      const out = values(res.outputs);
      expect(out.registeredRecords.jump).toEqual(registered("jump", corp, "10.0.0.4"));
      expect(out.resolvedFrom.hub["jump.corp.internal"]).toEqual(ok("10.0.0.4"));
      expect(out.resolvedFrom["spoke-a"]["jump.corp.internal"]).toEqual(ok("10.0.0.4"));
      ex.store((emu) => {
        expect(linkLines(emu)).toContain("corp.internal/hub-corp -> hub registration");
        expect(storeRecords(emu).jump).toEqual(registered("jump", corp, "10.0.0.4"));
      });
    }, T);

    it("moving web-a2 from spoke-a to spoke-b moves its records (A6)", async () => {
      ex.edit(['vms: ["web-a1", "web-a2"]', 'vms: ["web-a1"]'], ['vms: ["db-b1", "db-b2"]', 'vms: ["db-b1", "db-b2", "web-a2"]']);
      const res = await ex.stack.up();
      expect(res.summary.resourceChanges).toEqual({ same: 18, update: 2 }); // web-a2 (no replacement) and corp.internal
      expect(res.stdout).toContain("~  pulumi-nodejs:dynamic/privatedns:Vm web-a2 updated");
      expect(values(res.outputs).registeredRecords["web-a2"]).toEqual(registered("web-a2", corp, "10.2.0.6"));
      ex.store((emu) => {
        expect(emu.getVm({ vmName: "web-a2" }).virtualNetwork.id).toBe(emu.getVnet({ virtualNetworkName: "spoke-b" }).id);
        expect(storeRecords(emu)["web-a2"]).toEqual(registered("web-a2", corp, "10.2.0.6"));
        expect(emu.resolve({ virtualNetworkName: "spoke-a" }, "5.0.1.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
        expect(emu.resolve({ virtualNetworkName: "spoke-b" }, "6.0.2.10.in-addr.arpa", "PTR").answers.map((a) => a.data)).toEqual(["web-a2.corp.internal"]);
      });
    }, T);

    it("deleting spoke-b deletes its VMs and links first, then the vnet; their records go (L11)", async () => {
      ex.edit(['  { name: "spoke-b", prefix: "10.2", vms: ["db-b1", "db-b2", "web-a2"] },\n', ""], ['  "spoke-b": pdns.resolveNames(spokeVnets[1], names, all),\n', ""]);
      const res = await ex.stack.up();
      // corp's recordSets carry their records (issue 12): web-a2's new address of the last step is drift now.
      expect(res.summary.resourceChanges).toEqual({ same: 13, update: 1, delete: 6 });
      const at = (s: string) => res.stdout.indexOf(s);
      const vnetDeleted = at("-  pulumi-nodejs:dynamic/privatedns:Vnet spoke-b deleted");
      expect(vnetDeleted).toBeGreaterThan(0);
      for (const dependent of ["Vm db-b1", "Vm db-b2", "Vm web-a2", "VnetLink spoke-b-corp", "VnetLink spoke-b-svc"]) {
        const i = at(`-  pulumi-nodejs:dynamic/privatedns:${dependent} deleted`);
        expect(i, dependent).toBeGreaterThan(0);
        expect(i, dependent).toBeLessThan(vnetDeleted);
      }
      let out = values(res.outputs);
      expect(Object.keys(out.resolvedFrom)).toEqual(["hub", "spoke-a"]);
      expect(Object.keys(out.registeredRecords).sort()).toEqual(["jump", "web-a1"]);
      // Stack outputs are computed while the program runs, and resources the program no longer declares are
      // deleted after it exits (as the Pulumi CLI does): this up's resolvedFrom still saw db-b1.
      expect(out.resolvedFrom.hub["db-b1.corp.internal"]).toEqual(ok("10.2.0.4"));
      ex.store((emu) => {
        expect(emu.listVnets().map((v) => v.name).sort()).toEqual(["hub", "spoke-a"]);
        expect(linkLines(emu)).toEqual([
          "corp.internal/hub-corp -> hub registration",
          "corp.internal/spoke-a-corp -> spoke-a registration",
          "svc.internal/hub-svc -> hub",
          "svc.internal/spoke-a-svc -> spoke-a",
        ]);
        expect(recordSetLines(emu, corp)).toEqual(["@ SOA", "jump A auto", "web-a1 A auto"]);
        expect(Object.keys(storeRecords(emu)).sort()).toEqual(["jump", "web-a1"]);
        expect(emu.resolve({ virtualNetworkName: "hub" }, "db-b1.corp.internal").rcode).toBe("NXDOMAIN");
      });
      // The next up (only the zones' drifted outputs to update) computes the outputs from the store without them.
      const again = await ex.stack.up();
      expect(again.summary.resourceChanges).toEqual({ same: 12, update: 2 });
      out = values(again.outputs);
      expect(out.resolvedFrom.hub).toEqual(view({ "db-b1.corp.internal": nx, "jump.corp.internal": ok("10.0.0.4") }));
      expect(out.resolvedFrom["spoke-a"]).toEqual(view({ "db-b1.corp.internal": nx, "jump.corp.internal": ok("10.0.0.4"), [PTR]: ok("web-a1.corp.internal.") }));
    }, T);

    it("refresh reads a deleted VM and a disabled registration made behind the engine's back", async () => {
      ex.store((emu) => {
        emu.deleteVm({ vmName: "web-a1" });
        emu.updateLink({ privateZoneName: corp, virtualNetworkLinkName: "hub-corp", registrationEnabled: false });
      });
      const res = await ex.stack.refresh();
      // web-a1 is dropped; hub-corp's inputs drifted (registration off): an update. The computed outputs of the
      // zone and of jump are read back from the store too (checked below), which the engine counts as same.
      expect(res.summary.resourceChanges).toEqual({ same: 12, update: 1, delete: 1 });
      expect(res.stdout).toContain("-  pulumi-nodejs:dynamic/privatedns:Vm web-a1 deleted");
      expect(Object.keys(await byKind(ex, "Vm"))).toEqual(["jump"]);
      expect((await byKind(ex, "Vm")).jump.outputs.autoRegisteredRecords).toEqual([]);
      expect((await byKind(ex, "VnetLink"))["hub-corp"].outputs.registrationEnabled).toBe(false);
      await expectStateMatchesStore(ex);
    }, T);

    it("destroy empties the store and the state", async () => {
      const res = await ex.stack.destroy();
      expect(res.summary.resourceChanges).toEqual({ delete: 13 });
      ex.store((emu) => expect(emu.export()).toEqual({ zones: [], vnets: [], links: [], vms: [], recordSets: [], resourceGroups: [], subnets: [], networkInterfaces: [], privateEndpoints: [], privateDnsZoneGroups: [] }));
      expect(await ex.resources()).toEqual([]);
    }, T);
  });
}
