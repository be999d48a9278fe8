/**
 * Issue 3: every kind's provider, as the SDK sends its code (`__provider`), driven through the real
 * dynamic-provider host over gRPC, with the package as it sits in the repo and as `npm pack` installs it.
 */
import * as fs from "fs";
import * as path from "path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Deployment, KINDS, packedProgram, Props, REPO, serializeProviders, Serialized, tempDir, UNKNOWN, urnOf, vnetArmId } from "../support/provider-harness";
import { Emulator } from "../../dist/provider/emulator";

// The vitest project chooses (vitest.config.mts): the package as it sits in the repository, or installed from its tarball.
const modes = (process.env.PDNS_PROVIDER_MODES ?? "repo,packed").split(",");

describe.each(modes)("dynamic providers through the real host (%s package)", (mode) => {
  let programDir: string;
  let ser: Serialized;
  let db: string;
  const open: Deployment[] = [];
  const deployment = async (opts: { db?: string; config?: Props; env?: Props } = {}) => {
    const d = await Deployment.start(programDir, ser.providers, { db, ...opts });
    open.push(d);
    return d;
  };

  beforeAll(() => {
    programDir = mode === "repo" ? REPO : packedProgram();
    ser = serializeProviders(programDir);
  }, 600_000);

  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
  });

  const fresh = () => {
    db = path.join(tempDir(), "emulator.db");
    return db;
  };
  const zoneIn = (name = "corp.internal", extra: Props = {}) => ({ privateZoneName: name, ...extra });
  const vnetIn = (name: string, prefix = "10.0.0.0/16") => ({ virtualNetworkName: name, addressSpace: { addressPrefixes: [prefix] } });
  const linkIn = (zone: string, vnet: string, registrationEnabled: boolean, name = `${vnet}-link`) =>
    ({ privateZoneName: zone, virtualNetworkLinkName: name, virtualNetwork: { id: vnetArmId(vnet) }, registrationEnabled });
  const vmIn = (name: string, vnet: string, ip: string) =>
    ({ vmName: name, virtualNetwork: { id: vnetArmId(vnet) }, networkInterfaces: [{ name: "nic0", privateIPAddress: ip }] });

  it("providers' code captures nothing: one short line, the kind's name and require-by-package-name only", () => {
    for (const kind of KINDS) {
      const text = ser.providers[kind];
      expect(text.length).toBeLessThan(160); // it crosses gRPC four times per create (docs/performance.md)
      expect(text).toContain('require("pulumi-privatedns-emulator/provider")');
      expect(text).toContain(`.dynamic("${kind}")`);
      expect(text).not.toMatch(/better-sqlite3|CREATE TABLE|Database|EmulatorError/);
    }
    // The SDK sends the URN (claims are keyed by it) and, for `{ id: vnet.id }`, the vnet's program-side id.
    expect(ser.resources.link.inputs.__urn).toBe("urn:pulumi:stack::project::pulumi-nodejs:dynamic/privatedns:VnetLink::link");
    expect(ser.resources.link.inputs.__virtualNetworkId).toBe(vnetArmId("vnet"));
    expect(ser.resources.vm.inputs.__virtualNetworkId).toBe(vnetArmId("vnet"));
  });

  it("Zone: create with every Z8 output, update tags in place, replace on name change, delete, delete when gone", async () => {
    fresh();
    const d = await deployment();
    const zone = await d.create("Zone", "z", zoneIn("Corp.Internal", { tags: { env: "dev" } }));
    expect(zone.id).toBe("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.Network/privateDnsZones/corp.internal");
    expect(zone.outs).toMatchObject({
      privateZoneName: "corp.internal", name: "corp.internal", numberOfRecordSets: 1, numberOfVirtualNetworkLinks: 0,
      numberOfVirtualNetworkLinksWithRegistration: 0, maxNumberOfRecordSets: 25000, maxNumberOfVirtualNetworkLinks: 1000,
      maxNumberOfVirtualNetworkLinksWithRegistration: 100, provisioningState: "Succeeded", tags: { env: "dev" },
      recordSets: [{ name: "@", recordType: "SOA", fqdn: "corp.internal.", ttl: 3600, isAutoRegistered: false }],
    });
    const same = await d.plan("Zone", "z", zone, zoneIn("corp.internal", { tags: { env: "dev" } }));
    expect(same.diff.changes).toBe("none");
    const retag = await d.plan("Zone", "z", zone, zoneIn("corp.internal", { tags: { env: "prod" } }));
    expect(retag.diff).toMatchObject({ changes: "some", replaces: [] });
    const updated = await d.update("Zone", "z", zone, retag.checked.inputs);
    expect(updated.tags).toEqual({ env: "prod" });
    const renamed = await d.plan("Zone", "z", { ...zone, outs: updated }, zoneIn("corp2.internal"));
    expect(renamed.diff.replaces).toEqual(["privateZoneName"]);
    await d.delete("Zone", "z", { ...zone, outs: updated });
    const emu = Emulator.open(db);
    expect(emu.listZones()).toEqual([]);
    emu.close();
    await d.delete("Zone", "z", { ...zone, outs: updated }); // already gone: succeeds
  });

  it("Vm and VnetLink: registered records as outputs, in-place update of the IP, refresh and diff after drift", async () => {
    fresh();
    const d = await deployment();
    await d.create("Zone", "z", zoneIn());
    await d.create("Vnet", "hub", vnetIn("hub"));
    const link = await d.create("VnetLink", "l", linkIn("corp.internal", "hub", false));
    expect(link.outs).toMatchObject({ virtualNetworkLinkState: "Completed", provisioningState: "Succeeded", registrationEnabled: false });
    const vm = await d.create("Vm", "web1", vmIn("web1", "hub", "10.0.0.4"));
    expect(vm.outs.autoRegisteredRecords).toEqual([]);

    // Flip registration on the link (L9): the VM's records appear; the VM's state is now stale.
    const flip = await d.plan("VnetLink", "l", link, linkIn("corp.internal", "hub", true));
    expect(flip.diff).toMatchObject({ changes: "some", replaces: [] });
    await d.update("VnetLink", "l", link, flip.checked.inputs);
    const drift = await d.plan("Vm", "web1", vm, vmIn("web1", "hub", "10.0.0.4"));
    expect(drift.diff.changes).toBe("some"); // drift of autoRegisteredRecords is reported, not hidden
    const refreshed = await d.read("Vm", "web1", vm);
    expect(refreshed.properties.autoRegisteredRecords).toEqual([
      { zone: "corp.internal", relativeName: "web1", fqdn: "web1.corp.internal.", type: "A", ttl: 10, value: "10.0.0.4" },
      { zone: "in-addr.arpa", relativeName: "4.0.0.10", fqdn: "4.0.0.10.in-addr.arpa.", type: "PTR", ttl: 10, value: "web1.corp.internal." },
    ]);
    expect(refreshed.inputs?.networkInterfaces).toEqual([{ name: "nic0", privateIPAddress: "10.0.0.4", primary: true }]);

    // A new IP is an update in place (A6), not a replacement.
    const move = await d.plan("Vm", "web1", { ...vm, outs: refreshed.properties }, vmIn("web1", "hub", "10.0.0.5"));
    expect(move.diff).toMatchObject({ changes: "some", replaces: [] });
    const moved = await d.update("Vm", "web1", { ...vm, outs: refreshed.properties }, move.checked.inputs);
    expect(moved.autoRegisteredRecords[0].value).toBe("10.0.0.5");

    // Deleting the VM behind Pulumi's back: refresh drops it (empty id), diff asks for a new one.
    const emu = Emulator.open(db);
    emu.deleteVm({ vmName: "web1" });
    emu.close();
    expect((await d.read("Vm", "web1", { ...vm, outs: moved })).id).toBe("");
    expect((await d.plan("Vm", "web1", { ...vm, outs: moved }, vmIn("web1", "hub", "10.0.0.5"))).diff.replaces).toContain("vmName");
  });

  it("a create commits the transaction its check judged, its own claim only; once the plan is released it is judged again", async () => {
    fresh();
    const d = await deployment();
    await d.create("Zone", "z", zoneIn());
    await d.create("Vnet", "hub", vnetIn("hub"));
    await d.create("VnetLink", "l", linkIn("corp.internal", "hub", true));
    const names = () => {
      const emu = Emulator.open(db);
      try {
        return { vms: emu.listVms().map((v) => v.name), records: emu.getZone({ privateZoneName: "corp.internal" }).numberOfRecordSets };
      } finally {
        emu.close();
      }
    };
    // Two checks, then their creates, as the engine interleaves them: the first create commits its own claim, not b's.
    const a = await d.check("Vm", "a", vmIn("a", "hub", "10.0.0.4"));
    const b = await d.check("Vm", "b", vmIn("b", "hub", "10.0.0.5"));
    const createdA = await d.host.create({ urn: urnOf("Vm", "a") }, a.inputs);
    expect(createdA.properties.autoRegisteredRecords.map((r: Props) => r.fqdn)).toEqual(["a.corp.internal.", "4.0.0.10.in-addr.arpa."]);
    expect(names()).toEqual({ vms: ["a"], records: 2 }); // the SOA and a's A record
    await d.host.create({ urn: urnOf("Vm", "b") }, b.inputs);
    expect(names()).toEqual({ vms: ["a", "b"], records: 3 });

    // Checked, then another process takes the address before the create. Its write waits until the checks' plan
    // transaction is released (after a pause in checks); the create then finds no plan to commit and is judged anew.
    const c = await d.check("Vm", "c", vmIn("c", "hub", "10.0.0.6"));
    const other = Emulator.open(db);
    other.createVm({ vmName: "other", virtualNetwork: { id: vnetArmId("hub") }, networkInterfaces: [{ name: "nic0", privateIPAddress: "10.0.0.6" }] });
    other.close();
    const refused = await d.host.create({ urn: urnOf("Vm", "c") }, c.inputs).catch((e) => e);
    expect(String(refused.message)).toContain("The address 10.0.0.6 is already used in this virtual network");
    expect(names()).toEqual({ vms: ["a", "b", "other"], records: 4 });
  });

  it("RecordSet: fqdn and isAutoRegistered; a user A set overrides a VM's record (A7); type change replaces", async () => {
    fresh();
    const d = await deployment();
    await d.create("Zone", "z", zoneIn());
    await d.create("Vnet", "hub", vnetIn("hub"));
    await d.create("VnetLink", "l", linkIn("corp.internal", "hub", true));
    const vm = await d.create("Vm", "web1", vmIn("web1", "hub", "10.0.0.4"));
    expect(vm.outs.autoRegisteredRecords.map((r: any) => r.type)).toEqual(["A", "PTR"]);
    const rs = await d.create("RecordSet", "web1-a", {
      privateZoneName: "corp.internal", relativeRecordSetName: "WEB1", recordType: "A", ttl: 300, aRecords: [{ ipv4Address: "10.9.9.9" }],
    });
    expect(rs.outs).toMatchObject({ fqdn: "web1.corp.internal.", isAutoRegistered: false, name: "web1", aRecords: [{ ipv4Address: "10.9.9.9" }] });
    expect((await d.read("Vm", "web1", vm)).properties.autoRegisteredRecords.map((r: any) => r.type)).toEqual(["PTR"]);
    const same = await d.plan("RecordSet", "web1-a", rs, { privateZoneName: "corp.internal", relativeRecordSetName: "web1", recordType: "A", ttl: 300, aRecords: [{ ipv4Address: "10.9.9.9" }] });
    expect(same.diff.changes).toBe("none");
    const retype = await d.plan("RecordSet", "web1-a", rs, { privateZoneName: "corp.internal", relativeRecordSetName: "web1", recordType: "TXT", ttl: 300, txtRecords: [{ value: ["x"] }] });
    expect(retype.diff.replaces).toEqual(["recordType"]);
    await d.delete("RecordSet", "web1-a", rs);
    expect((await d.read("Vm", "web1", vm)).properties.autoRegisteredRecords.map((r: any) => r.type)).toEqual(["A", "PTR"]);
  });

  it("replace: a registration link moved to another zone, checked twice and replaced delete-before-create", async () => {
    fresh();
    const d = await deployment();
    for (const z of ["a.internal", "b.internal"]) await d.create("Zone", z, zoneIn(z));
    await d.create("Vnet", "hub", vnetIn("hub"));
    await d.create("Vm", "web1", vmIn("web1", "hub", "10.0.0.4"));
    const link = await d.create("VnetLink", "l", linkIn("a.internal", "hub", true));
    // The engine: check with olds, diff (replace), check again without olds, then delete and create.
    const plan = await d.plan("VnetLink", "l", link, linkIn("b.internal", "hub", true));
    expect(plan.checked.failures).toEqual([]);
    expect(plan.diff.replaces).toEqual(["privateZoneName"]);
    const recheck = await d.check("VnetLink", "l", linkIn("b.internal", "hub", true));
    expect(recheck.failures).toEqual([]);
    await d.delete("VnetLink", "l", link);
    const created = await d.host.create({ urn: urnOf("VnetLink", "l") }, recheck.inputs);
    expect(created.id).toMatch(/privateDnsZones\/b\.internal\/virtualNetworkLinks\/hub-link$/);
    const emu = Emulator.open(db);
    expect(emu.registeredRecords({ vmName: "web1" })[0]).toMatchObject({ zone: "b.internal", value: "10.0.0.4" });
    emu.close();
  });

  it("L12: a VnetLink to a privatelink zone without resolutionPolicy is stored with Default, and the same inputs are no change", async () => {
    fresh();
    const d = await deployment();
    await d.create("Zone", "z", zoneIn("privatelink.blob.core.windows.net"));
    await d.create("Vnet", "hub", vnetIn("hub"));
    const link = await d.create("VnetLink", "l", linkIn("privatelink.blob.core.windows.net", "hub", false));
    expect(link.outs.resolutionPolicy).toBe("Default");
    expect((await d.plan("VnetLink", "l", link, linkIn("privatelink.blob.core.windows.net", "hub", false))).diff.changes).toBe("none");
    const redirect = await d.plan("VnetLink", "l", link, { ...linkIn("privatelink.blob.core.windows.net", "hub", false), resolutionPolicy: "NxDomainRedirect" });
    expect(redirect.diff).toMatchObject({ changes: "some", replaces: [] });
  });

  it("diff ignores __provider: new provider code alone is no change", async () => {
    fresh();
    const d = await deployment();
    const zone = await d.create("Zone", "z", zoneIn());
    const diff = await d.host.diff({ urn: urnOf("Zone", "z") }, zone.id, { ...zone.outs, __provider: "exports.handler = () => ({})" }, zone.inputs);
    expect(diff.changes).toBe("none");
  });

  describe("preview-time refusals", () => {
    // At preview the engine calls check only; Vnet ids are unknown, the SDK's __virtualNetworkId stands in.
    const previewLink = (zone: string, vnet: string, registrationEnabled: boolean, name = `${vnet}-link`) =>
      ({ privateZoneName: zone, virtualNetworkLinkName: name, virtualNetwork: { id: UNKNOWN }, __virtualNetworkId: vnetArmId(vnet), registrationEnabled });

    it("L3: two registration links for one new vnet in one program, naming the other resource; nothing written", async () => {
      fresh();
      const d = await deployment();
      for (const [k, n, i] of [["Zone", "a", zoneIn("a.internal")], ["Zone", "b", zoneIn("b.internal")], ["Vnet", "spoke", vnetIn("spoke")]] as const)
        expect((await d.check(k, n, i)).failures).toEqual([]);
      expect((await d.check("VnetLink", "la", previewLink("a.internal", "spoke", true, "la"))).failures).toEqual([]);
      const { failures } = await d.check("VnetLink", "lb", previewLink("b.internal", "spoke", true, "lb"));
      expect(failures).toEqual([{
        property: "registrationEnabled",
        reason: 'Conflict (L3): A virtual network can only be linked to 1 Private DNS zone(s) with auto-registration enabled; ' +
          `conflicting Private DNS zone is "a.internal" (together with ${urnOf("VnetLink", "la")}, declared in this program)`,
      }]);
      expect(fs.existsSync(db)).toBe(false); // preview did not even create the store
    });

    it("L3: a registration link refused against the store; the store file's bytes are unchanged", async () => {
      fresh();
      const emu = Emulator.open(db);
      emu.createZone({ privateZoneName: "a.internal" });
      emu.createZone({ privateZoneName: "b.internal" });
      const v = emu.createVnet({ virtualNetworkName: "spoke", addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });
      emu.createLink({ privateZoneName: "a.internal", virtualNetworkLinkName: "la", virtualNetwork: { id: v.id }, registrationEnabled: true });
      emu.close();
      const before = fs.readFileSync(db);
      const d = await deployment();
      const { failures } = await d.check("VnetLink", "lb", linkIn("b.internal", "spoke", true, "lb"));
      expect(failures[0].property).toBe("registrationEnabled");
      expect(failures[0].reason).toMatch(/^Conflict \(L3\): .*conflicting Private DNS zone is "a.internal"$/);
      await d.close();
      expect(fs.readFileSync(db).equals(before)).toBe(true);
    });

    it("L5: one vnet linked twice to one zone in one program", async () => {
      fresh();
      const d = await deployment();
      await d.check("Zone", "a", zoneIn("a.internal"));
      await d.check("Vnet", "hub", vnetIn("hub"));
      expect((await d.check("VnetLink", "l1", previewLink("a.internal", "hub", false, "l1"))).failures).toEqual([]);
      const { failures } = await d.check("VnetLink", "l2", previewLink("a.internal", "hub", true, "l2"));
      expect(failures).toEqual([{
        property: "virtualNetwork",
        reason: `Conflict (L5): Private zone 'a.internal' is already linked to the virtual network '${vnetArmId("hub")}'. ` +
          `(together with ${urnOf("VnetLink", "l1")}, declared in this program)`,
      }]);
    });

    it("L6: two links of one name in one zone", async () => {
      fresh();
      const d = await deployment();
      await d.check("Zone", "a", zoneIn("a.internal"));
      await d.check("Vnet", "hub", vnetIn("hub"));
      await d.check("Vnet", "spoke", vnetIn("spoke", "10.1.0.0/16"));
      await d.check("VnetLink", "l1", previewLink("a.internal", "hub", false, "shared"));
      const { failures } = await d.check("VnetLink", "l2", previewLink("a.internal", "spoke", false, "shared"));
      expect(failures[0].property).toBe("virtualNetworkLinkName");
      expect(failures[0].reason).toContain("Conflict (L6): The Virtual Network link shared for the Private DNS zone a.internal exists already");
      expect(failures[0].reason).toContain(urnOf("VnetLink", "l1"));
    });

    it("Z6: two zones of one name in one resource group; one vnet linked to same-named zones of two groups", async () => {
      fresh();
      const d = await deployment();
      await d.check("Zone", "a", zoneIn("a.internal"));
      const dup = await d.check("Zone", "a2", zoneIn("A.Internal"));
      expect(dup.failures[0].property).toBe("privateZoneName");
      expect(dup.failures[0].reason).toContain("Conflict (Z6): The Zone a.internal exists already");
      expect(dup.failures[0].reason).toContain(urnOf("Zone", "a"));
      await d.check("Zone", "a-other-rg", zoneIn("a.internal", { resourceGroupName: "rg2" }));
      await d.check("Vnet", "hub", vnetIn("hub"));
      await d.check("VnetLink", "l1", previewLink("a.internal", "hub", false, "l1"));
      const twin = await d.check("VnetLink", "l2", { ...previewLink("a.internal", "hub", false, "l2"), resourceGroupName: "rg2" });
      expect(twin.failures[0].property).toBe("privateZoneName");
      expect(twin.failures[0].reason).toContain("BadRequest (Z6): A virtual network cannot be linked to multiple zones with overlapping namespaces");
    });

    it("A9: two VMs of one program with one address in one vnet, and an address outside the vnet", async () => {
      fresh();
      const d = await deployment();
      await d.check("Vnet", "hub", vnetIn("hub"));
      const vm = (name: string, ip: string) =>
        ({ vmName: name, virtualNetwork: { id: UNKNOWN }, __virtualNetworkId: vnetArmId("hub"), networkInterfaces: [{ name: "nic0", privateIPAddress: ip }] });
      expect((await d.check("Vm", "a", vm("a", "10.0.0.4"))).failures).toEqual([]);
      const dup = await d.check("Vm", "b", vm("b", "10.0.0.4"));
      expect(dup.failures[0]).toMatchObject({ property: "networkInterfaces" });
      expect(dup.failures[0].reason).toContain("Conflict (A9): The address 10.0.0.4 is already used in this virtual network");
      expect(dup.failures[0].reason).toContain(urnOf("Vm", "a"));
      const outside = await d.check("Vm", "c", vm("c", "192.168.0.4"));
      expect(outside.failures[0].reason).toContain("BadRequest (A9): NIC 'nic0': 192.168.0.4 is outside the address space");
    });

    it("unknown inputs are tolerated: judged where known, passed where not", async () => {
      fresh();
      const d = await deployment();
      // A single-label zone is refused even when its tags are unknown (Z1).
      const z1 = await d.check("Zone", "bad", { privateZoneName: "contoso", tags: UNKNOWN });
      expect(z1.failures).toEqual([{ property: "privateZoneName", reason: "BadRequest (Z1): Single-label private DNS zones aren't supported: 'contoso' needs two or more labels." }]);
      // A TTL of 0 is refused while the zone name is still unknown (R2).
      const r2 = await d.check("RecordSet", "r", { privateZoneName: UNKNOWN, relativeRecordSetName: "www", recordType: "A", ttl: 0 });
      expect(r2.failures[0]).toMatchObject({ property: "ttl" });
      expect(r2.failures[0].reason).toContain("(R2)");
      // A link whose vnet is unknown and unhinted cannot be judged: no failure, and the unknown is kept.
      const l = await d.check("VnetLink", "l", { privateZoneName: UNKNOWN, virtualNetworkLinkName: "l", virtualNetwork: { id: UNKNOWN }, registrationEnabled: UNKNOWN });
      expect(l.failures).toEqual([]);
      expect(l.inputs.virtualNetwork).toEqual({ id: UNKNOWN });
      const vm = await d.check("Vm", "v", { vmName: "v", virtualNetwork: { id: vnetArmId("nowhere") }, networkInterfaces: UNKNOWN });
      expect(vm.failures).toEqual([]);
    });
  });

  describe("store choice", () => {
    it("stack config privatedns:emulatorDb wins over the environment; updates and deletes go to the store that holds the resource", async () => {
      const envDb = fresh();
      const configDb = path.join(tempDir(), "config.db");
      const d1 = await deployment({ config: { "privatedns:emulatorDb": configDb } });
      const zone = await d1.create("Zone", "z", zoneIn());
      expect(zone.outs.__emulatorDb).toBe(configDb);
      expect(fs.existsSync(envDb)).toBe(false);
      // Next deployment without the config key: the zone would move to the env store (replace),
      // and its delete still goes to the store that holds it.
      const d2 = await deployment();
      const plan = await d2.plan("Zone", "z", zone, zoneIn());
      expect(plan.diff.replaces).toEqual(["__emulatorDb"]);
      await d2.delete("Zone", "z", zone);
      const emu = Emulator.open(configDb);
      expect(emu.listZones()).toEqual([]);
      emu.close();
    });

    it("$PRIVATEDNS_EMULATOR_DB, else .privatedns/emulator.db under the program directory", async () => {
      fresh();
      const d = await deployment();
      expect((await d.create("Zone", "z", zoneIn())).outs.__emulatorDb).toBe(db);
      const d2 = await Deployment.start(programDir, ser.providers, { env: { PRIVATEDNS_EMULATOR_DB: "" } });
      open.push(d2);
      // The host runs in the program directory; the default store lies under it.
      const z = await d2.create("Zone", "z", zoneIn(`default-store-${mode}.internal`));
      expect(z.outs.__emulatorDb).toBe(path.join(fs.realpathSync(programDir), ".privatedns", "emulator.db"));
      await d2.delete("Zone", "z", z);
    });
  });
});
