// examples/basic through the Automation API (the package's `testing` helper, or set up by hand): preview,
// up, changes made by editing a copy of the program, refresh after changes made behind the engine's back,
// destroy. Each step checks the stack outputs, the state and the emulator store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { byKind, ExampleStack, exampleStack, linkLines, recordSetLines, registered, storeRecords, values, type EngineName } from "./helpers";

const T = 300_000;
const corp = "corp.internal";

/** The steps and their assertions, through one engine (test/examples: the `testing` helper; test/automation: the Automation API set up by hand). */
export function basicScenario(engine: EngineName): void {
  describe.sequential(`examples/basic (${engine})`, () => {
    let ex: ExampleStack;
    beforeAll(async () => {
      // Transpile-only: test/types/typecheck.test.ts type-checks every example (examples/*/tsconfig.json), and
      // test/e2e/basic.test.ts runs this one with the CLI's default type-check.
      ex = await exampleStack("basic", { engine });
    });
    afterAll(() => ex?.cleanup());

    it("preview plans six creates and writes nothing", async () => {
      const res = await ex.stack.preview();
      expect(res.changeSummary).toEqual({ create: 6 });
      expect(res.stdout).toContain("+  pulumi-nodejs:dynamic/privatedns:VnetLink app-registration create");
      expect(ex.storeBytes()).toBeUndefined();
      expect(await ex.resources()).toEqual([]);
    }, T);

    it("up registers web1 and web2 (A and PTR) and exports them", async () => {
      const res = await ex.stack.up();
      expect(res.summary.resourceChanges).toEqual({ create: 6 });
      expect(values(res.outputs)).toEqual({
        zoneName: corp,
        fqdns: ["web1.corp.internal", "web2.corp.internal"],
        registeredRecords: [registered("web1", corp, "10.0.1.4"), registered("web2", corp, "10.0.1.5")],
      });
      ex.store((emu) => {
        expect(emu.listZones().map((z) => [z.name, z.numberOfRecordSets, z.numberOfVirtualNetworkLinks, z.numberOfVirtualNetworkLinksWithRegistration]))
          .toEqual([[corp, 3, 1, 1]]);
        expect(emu.listVnets().map((v) => v.name)).toEqual(["app"]);
        expect(linkLines(emu)).toEqual(["corp.internal/app-registration -> app registration"]);
        expect(recordSetLines(emu, corp)).toEqual(["@ SOA", "web1 A auto", "web2 A auto"]);
        expect(storeRecords(emu)).toEqual({ web1: registered("web1", corp, "10.0.1.4"), web2: registered("web2", corp, "10.0.1.5") });
        const answer = emu.resolve({ virtualNetworkName: "app" }, "web2.corp.internal");
        expect([answer.rcode, answer.answers.map((a) => a.data)]).toEqual(["NOERROR", ["10.0.1.5"]]);
      });
      expect(await ex.resources()).toHaveLength(7); // the Stack, the default pulumi-nodejs provider and five resources
    }, T);

    it("adding a VM to the program registers it", async () => {
      ex.edit(['["web1", "web2"]', '["web1", "web2", "web3"]']);
      // The zone is updated too: its computed outputs (numberOfRecordSets, recordSets) were read when it was
      // created, before web1 and web2 registered; diff reports that drift and the update reads the store again.
      const preview = await ex.stack.preview();
      expect(preview.changeSummary).toEqual({ same: 5, update: 1, create: 1 });
      expect(preview.stdout).toContain("+  pulumi-nodejs:dynamic/privatedns:Vm web3 create");
      expect(ex.store((emu) => emu.findVm({ vmName: "web3" }))).toBeUndefined();
      const res = await ex.stack.up();
      expect(res.summary.resourceChanges).toEqual({ same: 5, update: 1, create: 1 });
      const out = values(res.outputs);
      expect(out.fqdns).toEqual(["web1.corp.internal", "web2.corp.internal", "web3.corp.internal"]);
      expect(out.registeredRecords[2]).toEqual(registered("web3", corp, "10.0.1.6"));
      ex.store((emu) => {
        expect(recordSetLines(emu, corp)).toEqual(["@ SOA", "web1 A auto", "web2 A auto", "web3 A auto"]);
        expect(storeRecords(emu).web3).toEqual(registered("web3", corp, "10.0.1.6"));
      });
    }, T);

    it("disabling registration on the link removes the records; enabling it registers the VMs again (L9)", async () => {
      ex.edit(["registrationEnabled: true,", "registrationEnabled: false,"]);
      let res = await ex.stack.up();
      // The link, the three VMs (their records changed) and the zone (its record sets changed).
      expect(res.summary.resourceChanges).toEqual({ same: 2, update: 5 });
      expect(res.stdout).toContain("~  pulumi-nodejs:dynamic/privatedns:Vm web3 updated");
      expect(values(res.outputs).registeredRecords).toEqual([[], [], []]);
      ex.store((emu) => {
        expect(linkLines(emu)).toEqual(["corp.internal/app-registration -> app"]);
        expect(recordSetLines(emu, corp)).toEqual(["@ SOA"]);
        expect(storeRecords(emu)).toEqual({ web1: [], web2: [], web3: [] });
      });

      ex.edit(["registrationEnabled: false,", "registrationEnabled: true,"]);
      res = await ex.stack.up();
      expect(res.summary.resourceChanges).toEqual({ same: 2, update: 5 });
      expect(values(res.outputs).registeredRecords).toEqual([
        registered("web1", corp, "10.0.1.4"),
        registered("web2", corp, "10.0.1.5"),
        registered("web3", corp, "10.0.1.6"),
      ]);
      ex.store((emu) => expect(recordSetLines(emu, corp)).toEqual(["@ SOA", "web1 A auto", "web2 A auto", "web3 A auto"]));
    }, T);

    it("moving a VM to another vnet moves its records (A6)", async () => {
      // web3 leaves the list and is declared on its own, in a new vnet "data" that also registers in corp.internal.
      ex.edit(['["web1", "web2", "web3"]', '["web1", "web2"]']);
      ex.edit([
        "export const zoneName",
        [
          'const data = new pdns.Vnet("data", { addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });',
          'const dataLink = new pdns.VnetLink("data-registration", { privateZoneName: zone.name, virtualNetwork: { id: data.id }, registrationEnabled: true });',
          'const web3 = new pdns.Vm("web3", {',
          "  virtualNetwork: { id: data.id },",
          '  networkInterfaces: [{ name: "web3-nic", privateIPAddress: "10.1.0.6" }],',
          "}, { dependsOn: [dataLink] });",
          "export const web3Records = web3.autoRegisteredRecords;",
          "",
          "export const zoneName",
        ].join("\n"),
      ]);
      const res = await ex.stack.up();
      // web3 keeps its URN: an update (A6), not a replacement; the zone is updated for the earlier drift.
      expect(res.summary.resourceChanges).toEqual({ same: 5, create: 2, update: 2 });
      expect(res.stdout).toContain("~  pulumi-nodejs:dynamic/privatedns:Vm web3 updated");
      const out = values(res.outputs);
      expect(out.fqdns).toEqual(["web1.corp.internal", "web2.corp.internal"]);
      expect(out.web3Records).toEqual(registered("web3", corp, "10.1.0.6"));
      ex.store((emu) => {
        expect(emu.getVm({ vmName: "web3" }).virtualNetwork.id).toBe(emu.getVnet({ virtualNetworkName: "data" }).id);
        expect(storeRecords(emu).web3).toEqual(registered("web3", corp, "10.1.0.6"));
        expect(linkLines(emu)).toEqual(["corp.internal/app-registration -> app registration", "corp.internal/data-registration -> data registration"]);
        // The old PTR (6.1.0.10) is gone; the new one answers inside "data" only (Q5).
        expect(emu.resolve({ virtualNetworkName: "app" }, "6.1.0.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
        expect(emu.resolve({ virtualNetworkName: "data" }, "6.0.1.10.in-addr.arpa", "PTR").answers.map((a) => a.data)).toEqual(["web3.corp.internal"]);
        expect(emu.resolve({ virtualNetworkName: "app" }, "web3.corp.internal").answers.map((a) => a.data)).toEqual(["10.1.0.6"]);
      });
    }, T);

    it("deleting a vnet from the program deletes its VM and link first, and their records (L11)", async () => {
      ex.edit([ex.program().slice(ex.program().indexOf("const data = "), ex.program().indexOf("export const zoneName")), ""]);
      const res = await ex.stack.up();
      expect(res.summary.resourceChanges).toEqual({ same: 5, update: 1, delete: 3 });
      // Dependents first: the VM and the link before the vnet.
      const order = ["web3 deleted", "data-registration deleted", "Vnet data deleted"].map((s) => res.stdout.indexOf(s));
      expect(order.every((i) => i > 0)).toBe(true);
      expect(order[2]).toBeGreaterThan(Math.max(order[0], order[1]));
      expect(values(res.outputs).web3Records).toBeUndefined();
      ex.store((emu) => {
        expect(emu.listVnets().map((v) => v.name)).toEqual(["app"]);
        expect(linkLines(emu)).toEqual(["corp.internal/app-registration -> app registration"]);
        expect(recordSetLines(emu, corp)).toEqual(["@ SOA", "web1 A auto", "web2 A auto"]);
        expect(Object.keys(storeRecords(emu))).toEqual(["web1", "web2"]);
      });
      expect(Object.keys(await byKind(ex, "Vm")).sort()).toEqual(["web1", "web2"]);
    }, T);

    it("refresh reads changes made behind the engine's back", async () => {
      ex.store((emu) => {
        emu.deleteVm({ vmName: "web2" });
        emu.updateLink({ privateZoneName: corp, virtualNetworkLinkName: "app-registration", registrationEnabled: false });
      });
      const res = await ex.stack.refresh();
      // web2 is dropped; the link's inputs drifted (registration off): an update. The zone's and web1's computed
      // outputs are read back from the store too (checked below), which the engine counts as same.
      expect(res.summary.resourceChanges).toEqual({ same: 4, update: 1, delete: 1 });
      expect(res.stdout).toContain("-  pulumi-nodejs:dynamic/privatedns:Vm web2 deleted");
      const [vms, zones] = [await byKind(ex, "Vm"), await byKind(ex, "Zone")];
      expect(Object.keys(vms)).toEqual(["web1"]);
      expect((await byKind(ex, "VnetLink"))["app-registration"].outputs.registrationEnabled).toBe(false);
      // The state's outputs are the store's.
      ex.store((emu) => {
        expect(vms.web1.outputs.autoRegisteredRecords).toEqual(storeRecords(emu).web1);
        expect(storeRecords(emu)).toEqual({ web1: [] });
        expect(zones.corp.outputs.numberOfRecordSets).toBe(emu.getZone({ privateZoneName: corp }).numberOfRecordSets);
      });
    }, T);

    it("destroy empties the store and the state", async () => {
      const res = await ex.stack.destroy();
      expect(res.summary.resourceChanges).toEqual({ delete: 5 });
      ex.store((emu) => {
        expect(emu.listZones()).toEqual([]);
        expect(emu.listVnets()).toEqual([]);
        expect(emu.listLinks()).toEqual([]);
        expect(emu.listVms()).toEqual([]);
      });
      expect(await ex.resources()).toEqual([]);
      expect(await ex.stack.outputs()).toEqual({});
    }, T);
  });
}
