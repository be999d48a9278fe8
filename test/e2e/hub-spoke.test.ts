// examples/hub-spoke through the real Pulumi CLI: each vnet's view of the names and each VM's records as
// `pulumi stack output` shows them, then the edits a user makes (add a VM, enable registration on the hub,
// move a VM, delete a spoke), refresh after changes behind the engine's back, export/import, destroy.

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { linkLines, registered, storeRecords } from "../examples/helpers";
import { corp, initialRecords, initialViews, nx, ok, PTR, view } from "../support/hub-spoke-expected";
import { CliStack, cliStack } from "./cli-stack";

const T = 300_000;

describe.sequential("examples/hub-spoke under the Pulumi CLI", () => {
  let s: CliStack;
  beforeAll(async () => {
    s = await cliStack("hub-spoke");
  }, T);
  afterAll(() => s?.cleanup());

  it("pulumi up: the hub resolves, the spokes register their VMs, jump has no records", async () => {
    expect((await s.preview()).changes).toEqual({ create: 19 });
    expect(s.storeBytes()).toBeUndefined();
    expect((await s.up()).changes).toEqual({ create: 19 });
    const out = await s.outputs();
    expect(out.zones).toEqual([corp, "svc.internal"]);
    expect(out.resolvedFrom).toEqual(initialViews());
    expect(out.registeredRecords).toEqual(initialRecords());
    s.store((emu) => expect(storeRecords(emu)).toEqual(out.registeredRecords));
  }, T);

  it("adding a VM to spoke-b registers it", async () => {
    s.edit(['vms: ["db-b1"] }', 'vms: ["db-b1", "db-b2"] }']);
    const r = await s.up();
    // The zones are updated too: their record sets and links changed after they were created.
    expect(r.changes).toEqual({ same: 17, update: 2, create: 1 });
    expect((await s.outputs()).registeredRecords["db-b2"]).toEqual(registered("db-b2", corp, "10.2.0.5"));
  }, T);

  it("enabling registration on the hub's link registers jump (L9)", async () => {
    s.edit([
      'new pdns.VnetLink("hub-corp", { privateZoneName: corp.name, virtualNetwork: { id: hub.id } })',
      'new pdns.VnetLink("hub-corp", { privateZoneName: corp.name, virtualNetwork: { id: hub.id }, registrationEnabled: true })',
    ]);
    const r = await s.up();
    expect(r.changes).toEqual({ same: 17, update: 3 }); // hub-corp, jump, corp.internal
    const out = await s.outputs();
    expect(out.registeredRecords.jump).toEqual(registered("jump", corp, "10.0.0.4"));
    expect(out.resolvedFrom["spoke-a"]["jump.corp.internal"]).toEqual(ok("10.0.0.4"));
  }, T);

  it("moving web-a2 from spoke-a to spoke-b moves its records (A6)", async () => {
    s.edit(['vms: ["web-a1", "web-a2"]', 'vms: ["web-a1"]'], ['vms: ["db-b1", "db-b2"]', 'vms: ["db-b1", "db-b2", "web-a2"]']);
    const r = await s.up();
    expect(r.changes).toEqual({ same: 18, update: 2 }); // web-a2 (no replacement) and corp.internal
    expect((await s.outputs()).registeredRecords["web-a2"]).toEqual(registered("web-a2", corp, "10.2.0.6"));
    s.store((emu) => expect(emu.getVm({ vmName: "web-a2" }).virtualNetwork.id).toBe(emu.getVnet({ virtualNetworkName: "spoke-b" }).id));
  }, T);

  it("deleting spoke-b deletes its VMs and links before the vnet (L11)", async () => {
    s.edit(['  { name: "spoke-b", prefix: "10.2", vms: ["db-b1", "db-b2", "web-a2"] },\n', ""], ['  "spoke-b": pdns.resolveNames(spokeVnets[1], names, all),\n', ""]);
    const r = await s.up();
    // corp's recordSets carry their records (issue 12): web-a2's new address of the last step is drift now.
    expect(r.changes).toEqual({ same: 13, update: 1, delete: 6 });
    const at = (what: string) => r.stdout.indexOf(`-  pulumi-nodejs:dynamic/privatedns:${what} deleted`);
    for (const dependent of ["Vm db-b1", "Vm db-b2", "Vm web-a2", "VnetLink spoke-b-corp", "VnetLink spoke-b-svc"]) {
      expect(at(dependent), dependent).toBeGreaterThan(0);
      expect(at(dependent), dependent).toBeLessThan(at("Vnet spoke-b"));
    }
    // The outputs were computed while the program ran, before the deletes; the next up sees the store without them.
    expect((await s.up()).changes).toEqual({ same: 12, update: 2 });
    const out = await s.outputs();
    expect(out.resolvedFrom.hub).toEqual(view({ "db-b1.corp.internal": nx, "jump.corp.internal": ok("10.0.0.4") }));
    s.store((emu) => expect(linkLines(emu)).toEqual([
      "corp.internal/hub-corp -> hub registration",
      "corp.internal/spoke-a-corp -> spoke-a registration",
      "svc.internal/hub-svc -> hub",
      "svc.internal/spoke-a-svc -> spoke-a",
    ]));
  }, T);

  it("pulumi refresh reads a deleted VM and a disabled registration", async () => {
    s.store((emu) => {
      emu.deleteVm({ vmName: "web-a1" });
      emu.updateLink({ privateZoneName: corp, virtualNetworkLinkName: "hub-corp", registrationEnabled: false });
    });
    const r = await s.ok(["refresh", "--yes", "--skip-preview"]);
    expect(r.stdout).toMatch(/- {2}pulumi-nodejs:dynamic\/privatedns:Vm web-a1 deleted/);
    const vms = await s.byKind("Vm");
    expect(Object.keys(vms)).toEqual(["jump"]);
    expect(vms.jump.outputs.autoRegisteredRecords).toEqual([]);
    expect((await s.byKind("VnetLink"))["hub-corp"].outputs.registrationEnabled).toBe(false);
  }, T);

  it("pulumi stack export round-trips through pulumi stack import", async () => {
    const plan = (await s.preview()).changes;
    const { before, after } = await s.reimported();
    expect(after.deployment.resources).toEqual(before.deployment.resources);
    expect((await s.preview()).changes).toEqual(plan);
  }, T);

  it("pulumi destroy empties the store", async () => {
    await s.ok(["destroy", "--yes", "--skip-preview"]);
    s.store((emu) => expect(emu.export()).toEqual({ zones: [], vnets: [], links: [], vms: [], recordSets: [], resourceGroups: [], subnets: [], networkInterfaces: [], privateEndpoints: [], privateDnsZoneGroups: [] }));
    expect(await s.outputs()).toEqual({});
  }, T);
});
