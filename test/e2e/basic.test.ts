// examples/basic through the real Pulumi CLI, as a user runs it: stack init, preview, up, the stack's
// outputs, the edits a user makes (add a VM, flip registration, move a VM, delete a vnet), refresh after a
// change made behind the engine's back, export/import, destroy. Each step checks the CLI's summary, the
// outputs and the emulator store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { linkLines, recordSetLines, registered, storeRecords } from "../examples/helpers";
import { CliStack, cliStack } from "./cli-stack";

const T = 300_000;
const corp = "corp.internal";

describe.sequential("examples/basic under the Pulumi CLI", () => {
  let s: CliStack;
  beforeAll(async () => {
    // The first preview type-checks, as `pulumi up` does by default: the example compiles.
    s = await cliStack("basic", { typeCheck: true });
  }, T);
  afterAll(() => s?.cleanup());

  it("pulumi preview plans six creates and writes nothing", async () => {
    const r = await s.preview();
    expect(r.changes).toEqual({ create: 6 });
    expect(r.stdout).toContain("+  pulumi-nodejs:dynamic/privatedns:VnetLink app-registration create");
    expect(s.storeBytes()).toBeUndefined();
  }, T);

  it("pulumi up registers web1 and web2; pulumi stack output shows their records", async () => {
    const r = await s.up();
    expect(r.changes).toEqual({ create: 6 });
    expect(await s.outputs()).toEqual({
      zoneName: corp,
      fqdns: ["web1.corp.internal", "web2.corp.internal"],
      registeredRecords: [registered("web1", corp, "10.0.1.4"), registered("web2", corp, "10.0.1.5")],
    });
    s.store((emu) => {
      expect(recordSetLines(emu, corp)).toEqual(["@ SOA", "web1 A auto", "web2 A auto"]);
      expect(linkLines(emu)).toEqual(["corp.internal/app-registration -> app registration"]);
    });
  }, T);

  it("a second pulumi up settles the zone's counters; then preview shows no change", async () => {
    // The zone's outputs were read when it was created, before the VMs registered; the provider's diff
    // reports that drift, so the next up reads them again (README: outputs that lag an up).
    expect((await s.up()).changes).toEqual({ same: 5, update: 1 });
    expect((await s.preview()).changes).toEqual({ same: 6 });
    const zone = (await s.byKind("Zone")).corp;
    expect([zone.outputs.numberOfRecordSets, zone.outputs.numberOfVirtualNetworkLinksWithRegistration]).toEqual([3, 1]);
  }, T);

  it("adding a VM registers it", async () => {
    s.edit(['["web1", "web2"]', '["web1", "web2", "web3"]']);
    const r = await s.up();
    expect(r.changes).toEqual({ same: 6, create: 1 });
    expect(r.stdout).toMatch(/\+ {2}pulumi-nodejs:dynamic\/privatedns:Vm web3 created/);
    expect((await s.outputs()).registeredRecords[2]).toEqual(registered("web3", corp, "10.0.1.6"));
    s.store((emu) => expect(storeRecords(emu).web3).toEqual(registered("web3", corp, "10.0.1.6")));
  }, T);

  it("disabling registration removes the records; enabling it registers the VMs again (L9)", async () => {
    s.edit(["registrationEnabled: true,", "registrationEnabled: false,"]);
    let r = await s.up();
    // The link, the three VMs (their records changed) and the zone (its record sets changed).
    expect(r.changes).toEqual({ same: 2, update: 5 });
    expect((await s.outputs()).registeredRecords).toEqual([[], [], []]);
    s.store((emu) => expect(recordSetLines(emu, corp)).toEqual(["@ SOA"]));

    s.edit(["registrationEnabled: false,", "registrationEnabled: true,"]);
    r = await s.up();
    expect(r.changes).toEqual({ same: 2, update: 5 });
    expect((await s.outputs()).registeredRecords).toEqual([
      registered("web1", corp, "10.0.1.4"),
      registered("web2", corp, "10.0.1.5"),
      registered("web3", corp, "10.0.1.6"),
    ]);
  }, T);

  it("moving a VM to another vnet moves its records (A6), an update and not a replacement", async () => {
    s.edit(['["web1", "web2", "web3"]', '["web1", "web2"]'], [
      "export const zoneName",
      [
        'const data = new pdns.Vnet("data", { addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });',
        'const dataLink = new pdns.VnetLink("data-registration", { privateZoneName: zone.name, virtualNetwork: { id: data.id }, registrationEnabled: true });',
        'const web3 = new pdns.Vm("web3", { virtualNetwork: { id: data.id }, networkInterfaces: [{ name: "web3-nic", privateIPAddress: "10.1.0.6" }] }, { dependsOn: [dataLink] });',
        "export const web3Records = web3.autoRegisteredRecords;",
        "export const zoneName",
      ].join("\n"),
    ]);
    const r = await s.up();
    expect(r.changes).toEqual({ same: 5, create: 2, update: 2 });
    expect(r.stdout).toMatch(/~ {2}pulumi-nodejs:dynamic\/privatedns:Vm web3 updated/);
    expect((await s.outputs()).web3Records).toEqual(registered("web3", corp, "10.1.0.6"));
    s.store((emu) => {
      expect(emu.resolve({ virtualNetworkName: "app" }, "6.1.0.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
      expect(emu.resolve({ virtualNetworkName: "data" }, "6.0.1.10.in-addr.arpa", "PTR").answers.map((a) => a.data)).toEqual(["web3.corp.internal"]);
    });
  }, T);

  it("deleting the vnet from the program deletes its VM and link first (L11)", async () => {
    const text = s.program();
    s.edit([text.slice(text.indexOf("const data = "), text.indexOf("export const zoneName")), ""]);
    const r = await s.up();
    expect(r.changes).toEqual({ same: 5, update: 1, delete: 3 });
    const at = (what: string) => r.stdout.indexOf(`-  pulumi-nodejs:dynamic/privatedns:${what} deleted`);
    expect(at("Vnet data")).toBeGreaterThan(Math.max(at("Vm web3"), at("VnetLink data-registration")));
    expect(Math.min(at("Vm web3"), at("VnetLink data-registration"))).toBeGreaterThan(0);
    expect((await s.outputs()).web3Records).toBeUndefined();
    s.store((emu) => expect(emu.listVnets().map((v) => v.name)).toEqual(["app"]));
  }, T);

  it("pulumi refresh reads a VM deleted and a registration disabled behind the engine's back", async () => {
    s.store((emu) => {
      emu.deleteVm({ vmName: "web2" });
      emu.updateLink({ privateZoneName: corp, virtualNetworkLinkName: "app-registration", registrationEnabled: false });
    });
    const r = await s.ok(["refresh", "--yes", "--skip-preview"]);
    expect(r.stdout).toMatch(/- {2}pulumi-nodejs:dynamic\/privatedns:Vm web2 deleted/);
    const vms = await s.byKind("Vm");
    expect(Object.keys(vms)).toEqual(["web1"]);
    expect((await s.byKind("VnetLink"))["app-registration"].outputs.registrationEnabled).toBe(false);
    s.store((emu) => expect(vms.web1.outputs.autoRegisteredRecords).toEqual(storeRecords(emu).web1));
  }, T);

  it("pulumi stack export round-trips through pulumi stack import", async () => {
    // The plan before: web2 (deleted behind the engine's back, still declared) comes back; the zone updates.
    const plan = (await s.preview()).changes;
    expect(plan).toEqual({ same: 4, create: 1, update: 1 });
    const { before, after } = await s.reimported();
    expect(after.deployment.resources).toEqual(before.deployment.resources);
    // And the imported state drives the next preview to the same plan.
    expect((await s.preview()).changes).toEqual(plan);
  }, T);

  it("pulumi destroy empties the store", async () => {
    const r = await s.ok(["destroy", "--yes", "--skip-preview"]);
    expect(changesOfDestroy(r.stdout)).toBe(5);
    s.store((emu) => expect(emu.export()).toEqual({ zones: [], vnets: [], links: [], vms: [], recordSets: [], resourceGroups: [], subnets: [], networkInterfaces: [], privateEndpoints: [], privateDnsZoneGroups: [] }));
    expect(await s.outputs()).toEqual({});
  }, T);
});

function changesOfDestroy(stdout: string): number {
  return Number(/^ {4}- (\d+) deleted$/m.exec(stdout)?.[1]);
}
