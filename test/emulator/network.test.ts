/**
 * SPEC N: resource groups, subnets, network interfaces with ip configurations, and VMs that reference NICs by
 * id; registration (A2-A6) following the primary NIC's primary ip configuration. On a real SQLite file.
 */
import * as fs from "fs";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, expectRefusal, fileEmulator, link, tempDir, vm, vnet, zone } from "../support/helpers";
import { assertInvariants } from "../support/invariants";
import { Emulator, ids, SCHEMA_VERSION } from "../../dist/provider/emulator";

afterEach(cleanup);

const RG = "net";
const subnetOf = (v: string, s: string) => ids.subnetId(RG, v, s);
const nicOf = (n: string) => ids.nicId(RG, n);

/** Zone contoso.com; vnet hub (10.0/16) with subnets app (10.0.1.0/24) and db (10.0.2.0/24), linked for registration. */
function setup() {
  const em = fileEmulator();
  zone(em, "contoso.com");
  const hub = em.createVnet({ resourceGroupName: RG, virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
    subnets: [{ name: "app", addressPrefix: "10.0.1.0/24" }, { name: "db", addressPrefix: "10.0.2.0/24" }] });
  link(em, "contoso.com", "reg", hub.id, { registrationEnabled: true });
  return { em, hub };
}

const nic = (em: Emulator, name: string, configs: { name?: string; subnet?: string; ip?: string; primary?: boolean }[] = [{}]) =>
  em.putNetworkInterface({ resourceGroupName: RG, networkInterfaceName: name, ipConfigurations: configs.map((c, i) => ({
    name: c.name ?? `ipconfig${i + 1}`, subnet: { id: subnetOf("hub", c.subnet ?? "app") },
    ...(c.ip ? { privateIPAllocationMethod: "Static" as const, privateIPAddress: c.ip } : {}), ...(c.primary ? { primary: true } : {}),
  })) });

const machine = (em: Emulator, name: string, nics: { id: string; primary?: boolean }[], extra: { computerName?: string; powerState?: "running" | "deallocated" | "stopped" } = {}) =>
  em.createVirtualMachine({ resourceGroupName: RG, vmName: name, networkInterfaces: nics, ...extra });

const aRecords = (em: Emulator) => em.listRecordSets({ privateZoneName: "contoso.com" }, { type: "A" })
  .map((r) => `${r.name}:${(r.aRecords ?? []).map((a) => a.ipv4Address).join(",")}`);

describe("the network model (N)", () => {
  it("E2 N5: deleting a resource group deletes what it holds (VMs, NICs, zones with links and records, vnets), as ARM does", () => {
    const { em } = setup();
    em.putResourceGroup({ resourceGroupName: RG, location: "westeurope" });
    nic(em, "web-nic", [{ subnet: "app" }]);
    machine(em, "web", [{ id: nicOf("web-nic") }]);
    expect(aRecords(em).length).toBeGreaterThan(0);
    expect(em.deleteResourceGroup({ resourceGroupName: RG })).toBe(true);
    const e = em.export();
    expect([e.vms.length, e.vnets.length, e.links.length, e.networkInterfaces?.length ?? 0]).toEqual([0, 0, 0, 0]);
    expect(e.zones.filter((z) => z.resourceGroupName === RG)).toEqual([]);
    expect(e.recordSets.filter((r) => r.isAutoRegistered)).toEqual([]);
    expect(em.findResourceGroup({ resourceGroupName: RG })).toBeUndefined();
    expect(em.deleteResourceGroup({ resourceGroupName: RG })).toBe(false);
    expect(em.store.db.prepare("SELECT count(*) AS n FROM registrations").get()).toEqual({ n: 0 });
    assertInvariants(em);
  });

  it("N1: resource groups are resources with ARM ids; names are case-insensitive", () => {
    const em = fileEmulator();
    const rg = em.putResourceGroup({ resourceGroupName: "Prod-RG", location: "WestEurope", tags: { team: "dns" } });
    expect(rg).toMatchObject({ id: `/subscriptions/${ids.EMULATED_SUBSCRIPTION}/resourceGroups/prod-rg`, name: "prod-rg", location: "westeurope" });
    expect(em.getResourceGroup({ resourceGroupName: "PROD-rg" }).tags).toEqual({ team: "dns" });
    // N1: a create never takes over an existing resource (two resources of a program never share one); put updates.
    expectRefusal(em, () => em.createResourceGroup({ resourceGroupName: "PROD-RG" }), { code: "Conflict", rule: "E", value: "prod-rg" });
    expect(em.putResourceGroup({ resourceGroupName: "prod-rg", tags: {} }).location).toBe("westeurope");
    expect(em.deleteResourceGroup({ resourceGroupName: "prod-rg" })).toBe(true);
    // E2: Azure answers a missing group with its own code (recorded), ResourceGroupNotFound.
    expectRefusal(em, () => em.getResourceGroup({ resourceGroupName: "prod-rg" }), { code: "ResourceGroupNotFound", rule: "E2" });
  });

  it("N2: a subnet lies inside its vnet's address space and overlaps no other subnet", () => {
    const { em } = setup();
    expect(em.putSubnet({ resourceGroupName: RG, virtualNetworkName: "hub", subnetName: "Web", addressPrefix: "10.0.3.0/24" }))
      .toMatchObject({ id: subnetOf("hub", "web"), addressPrefix: "10.0.3.0/24" });
    expectRefusal(em, () => em.createSubnet({ resourceGroupName: RG, virtualNetworkName: "hub", subnetName: "APP", addressPrefix: "10.0.8.0/24" }),
      { code: "Conflict", rule: "E", value: "app" });
    nic(em, "n1");
    expectRefusal(em, () => em.createNetworkInterface({ resourceGroupName: RG, networkInterfaceName: "n1", ipConfigurations: [] }),
      { code: "Conflict", rule: "E", value: "n1" });
    expectRefusal(em, () => em.putSubnet({ resourceGroupName: RG, virtualNetworkName: "hub", subnetName: "out", addressPrefix: "10.1.0.0/24" }),
      { code: "NetcfgSubnetRangeOutsideVnet", rule: "N2", value: "10.1.0.0/24" });
    const e = expectRefusal(em, () => em.putSubnet({ resourceGroupName: RG, virtualNetworkName: "hub", subnetName: "wide", addressPrefix: "10.0.0.0/22" }),
      { code: "NetcfgSubnetRangesOverlap", rule: "N2", value: "10.0.0.0/22" });
    expect(e.detail).toContain("existing subnet 'app'");
    expectRefusal(em, () => em.putSubnet({ resourceGroupName: RG, virtualNetworkName: "hub", subnetName: "bad", addressPrefix: "10.0.9" }),
      { code: "NetcfgInvalidSubnet", rule: "N2", value: "10.0.9" });
    expectRefusal(em, () => em.updateVnet({ resourceGroupName: RG, virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/23"] } }),
      { code: "NetcfgSubnetRangeOutsideVnet", rule: "N2" });
    expectRefusal(em, () => em.createVnet({ resourceGroupName: RG, virtualNetworkName: "spoke", addressSpace: { addressPrefixes: ["10.5.0.0/16"] },
      subnets: [{ name: "a", addressPrefix: "10.5.0.0/24" }, { name: "b", addressPrefix: "10.5.0.128/25" }] }), { code: "NetcfgSubnetRangesOverlap", rule: "N2" });
  });

  it("N2, N3: Dynamic takes the lowest free address after the four Azure keeps; never the last", () => {
    const { em } = setup();
    expect(nic(em, "a").ipConfigurations[0]).toMatchObject({ privateIPAddress: "10.0.1.4", privateIPAllocationMethod: "Dynamic", primary: true });
    expect(nic(em, "b", [{ ip: "10.0.1.5" }]).ipConfigurations[0].privateIPAddress).toBe("10.0.1.5");
    expect(nic(em, "c").ipConfigurations[0].privateIPAddress).toBe("10.0.1.6");
    em.deleteNetworkInterface({ resourceGroupName: RG, networkInterfaceName: "a" });
    expect(nic(em, "d").ipConfigurations[0].privateIPAddress).toBe("10.0.1.4");
    // An update keeps a Dynamic address (Azure does), even when a lower one became free.
    em.deleteNetworkInterface({ resourceGroupName: RG, networkInterfaceName: "b" });
    expect(nic(em, "c").ipConfigurations[0].privateIPAddress).toBe("10.0.1.6");
    for (const ip of ["10.0.1.0", "10.0.1.1", "10.0.1.3", "10.0.1.255"])
      expectRefusal(em, () => nic(em, "x", [{ ip }]), { code: "PrivateIPAddressInReservedRange", rule: "N2", value: ip });
    em.putSubnet({ resourceGroupName: RG, virtualNetworkName: "hub", subnetName: "tiny", addressPrefix: "10.0.9.0/29" });
    expect(["t1", "t2", "t3"].map((n) => nic(em, n, [{ subnet: "tiny" }]).ipConfigurations[0].privateIPAddress)).toEqual(["10.0.9.4", "10.0.9.5", "10.0.9.6"]);
    expectRefusal(em, () => nic(em, "t4", [{ subnet: "tiny" }]), { code: "SubnetIsFull", rule: "N3", value: "10.0.9.0/29" });
  });

  it("N3, A9: a Static address is inside its subnet and not in use in the vnet, by a NIC or an older Vm", () => {
    const { em, hub } = setup();
    nic(em, "a", [{ ip: "10.0.1.10" }]);
    expectRefusal(em, () => nic(em, "b", [{ ip: "10.0.2.10" }]), { code: "PrivateIPAddressNotInSubnet", rule: "N3", value: "10.0.2.10" });
    const e = expectRefusal(em, () => nic(em, "b", [{ ip: "10.0.1.10" }]), { code: "PrivateIPAddressInUse", rule: "A9", value: "10.0.1.10" });
    expect(e.detail).toContain(ids.ipConfigurationId(RG, "a", "ipconfig1"));
    vm(em, "old", hub.id, "10.0.1.20");
    expectRefusal(em, () => nic(em, "b", [{ ip: "10.0.1.20" }]), { code: "PrivateIPAddressInUse", rule: "A9", value: "10.0.1.20" });
    expectRefusal(em, () => vm(em, "old2", hub.id, "10.0.1.10"), { code: "Conflict", rule: "A9", value: "10.0.1.10" });
    // Dynamic skips what the older Vm holds.
    em.putSubnet({ resourceGroupName: RG, virtualNetworkName: "hub", subnetName: "s3", addressPrefix: "10.0.3.0/24" });
    vm(em, "old3", hub.id, "10.0.3.4");
    expect(nic(em, "c", [{ subnet: "s3" }]).ipConfigurations[0].privateIPAddress).toBe("10.0.3.5");
    assertInvariants(em);
  });

  it("N3: one or more ip configurations, exactly one primary, subnets of one vnet", () => {
    const { em } = setup();
    const two = nic(em, "two", [{ subnet: "app" }, { subnet: "db", primary: true }]);
    expect(two.ipConfigurations.map((c) => [c.name, c.privateIPAddress, c.primary])).toEqual([["ipconfig1", "10.0.1.4", false], ["ipconfig2", "10.0.2.4", true]]);
    expectRefusal(em, () => nic(em, "x", []), { code: "BadRequest", rule: "N3" });
    expectRefusal(em, () => nic(em, "x", [{ primary: true }, { primary: true }]), { code: "BadRequest", rule: "N3", value: 2 });
    // None marked: the first is primary (Azure); a secondary configuration without a subnet is in the primary's.
    const first = em.putNetworkInterface({ resourceGroupName: RG, networkInterfaceName: "first", ipConfigurations: [
      { name: "a", subnet: { id: subnetOf("hub", "db") } }, { name: "b" } as any] });
    expect(first.ipConfigurations.map((c) => [c.name, c.subnet.id, c.privateIPAddress, c.primary]))
      .toEqual([["a", subnetOf("hub", "db"), "10.0.2.5", true], ["b", subnetOf("hub", "db"), "10.0.2.6", false]]);
    expectRefusal(em, () => nic(em, "x", [{ subnet: "nope" }]), { code: "ResourceNotFound", rule: "E" });
    em.createVnet({ resourceGroupName: RG, virtualNetworkName: "spoke", addressSpace: { addressPrefixes: ["10.9.0.0/16"] }, subnets: [{ name: "app", addressPrefix: "10.9.0.0/24" }] });
    expectRefusal(em, () => em.putNetworkInterface({ resourceGroupName: RG, networkInterfaceName: "x", ipConfigurations: [
      { name: "a", subnet: { id: subnetOf("hub", "app") }, primary: true }, { name: "b", subnet: { id: subnetOf("spoke", "app") } }] }), { code: "BadRequest", rule: "N3" });
  });

  it("N4, A2: a VM references NICs by id, one primary; registration follows the primary NIC's primary ip configuration", () => {
    const { em } = setup();
    const a = nic(em, "a");
    const b = nic(em, "b", [{ subnet: "app" }, { subnet: "db", primary: true }]);
    const v = machine(em, "App", [{ id: a.id }, { id: b.id, primary: true }], { computerName: "Web01" });
    expect(v).toMatchObject({ name: "app", hostName: "web01", powerState: "running", privateIPAddress: "10.0.2.4",
      networkInterfaces: [{ id: nicOf("a"), primary: false }, { id: nicOf("b"), primary: true }] });
    expect(aRecords(em)).toEqual(["web01:10.0.2.4"]);
    expect(em.registeredRecords({ resourceGroupName: RG, vmName: "app" }).map((r) => `${r.type} ${r.fqdn} ${r.value}`))
      .toEqual(["A web01.contoso.com. 10.0.2.4", "PTR 4.2.0.10.in-addr.arpa. web01.contoso.com."]);
    expect(em.getNetworkInterface({ resourceGroupName: RG, networkInterfaceName: "b" })).toMatchObject({ virtualMachine: { id: v.id }, primary: true });
    expectRefusal(em, () => machine(em, "x", [{ id: nicOf("c") }]), { code: "ResourceNotFound", rule: "E" });
    const c = nic(em, "c"), d = nic(em, "d");
    expectRefusal(em, () => machine(em, "x", [{ id: c.id }, { id: d.id }]), { code: "VirtualMachineMustHaveOneNetworkInterfaceAsPrimary", rule: "A2", value: 0 });
    expectRefusal(em, () => machine(em, "x", [{ id: a.id }]), { code: "NicInUse", rule: "N3", value: nicOf("a") });
    expectRefusal(em, () => em.deleteNetworkInterface({ resourceGroupName: RG, networkInterfaceName: "a" }), { code: "NicInUse", rule: "N3" });
    assertInvariants(em);
  });

  it("N4, A6: power state running, deallocated or stopped; only running VMs are registered", () => {
    const { em } = setup();
    const a = nic(em, "a");
    machine(em, "app", [{ id: a.id }]);
    const put = (powerState: any) => em.updateVirtualMachine({ resourceGroupName: RG, vmName: "app", networkInterfaces: [{ id: a.id }], powerState });
    put("stopped");
    expect(aRecords(em)).toEqual([]);
    put("deallocated");
    expect(aRecords(em)).toEqual([]);
    put("running");
    expect(aRecords(em)).toEqual(["app:10.0.1.4"]);
    expectRefusal(em, () => put("hibernated"), { code: "BadRequest", rule: "A6", value: "hibernated" });
    assertInvariants(em);
  });

  it("A6, N3: a new address on the VM's primary NIC updates its record at once; a deleted VM frees its NICs", () => {
    const { em } = setup();
    const a = nic(em, "a");
    machine(em, "app", [{ id: a.id }]);
    nic(em, "a", [{ ip: "10.0.1.50" }]);
    expect(aRecords(em)).toEqual(["app:10.0.1.50"]);
    nic(em, "a", [{ subnet: "db" }]);
    expect(aRecords(em)).toEqual(["app:10.0.2.4"]);
    expect(em.deleteVirtualMachine({ resourceGroupName: RG, vmName: "app" })).toBe(true);
    expect(aRecords(em)).toEqual([]);
    expect(em.getNetworkInterface({ resourceGroupName: RG, networkInterfaceName: "a" }).virtualMachine).toBeUndefined();
    machine(em, "again", [{ id: a.id }]);
    expect(aRecords(em)).toEqual(["again:10.0.2.4"]);
    assertInvariants(em);
  });

  it("N5: a subnet in use cannot be deleted, nor its vnet; free ones go", () => {
    const { em, hub } = setup();
    nic(em, "a");
    const e = expectRefusal(em, () => em.deleteSubnet({ resourceGroupName: RG, virtualNetworkName: "hub", subnetName: "app" }),
      { code: "InUseSubnetCannotBeDeleted", rule: "N5", value: ids.ipConfigurationId(RG, "a", "ipconfig1") });
    expect(e.status).toBe(400);
    expect(e.detail).toBe(`Subnet app is in use by ${ids.ipConfigurationId(RG, "a", "ipconfig1")} and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet.`);
    expectRefusal(em, () => em.deleteVnet(hub.id), { code: "InUseSubnetCannotBeDeleted", rule: "N5" });
    expectRefusal(em, () => em.updateVnet({ resourceGroupName: RG, virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [] }),
      { code: "InUseSubnetCannotBeDeleted", rule: "N5" });
    expect(em.deleteSubnet({ resourceGroupName: RG, virtualNetworkName: "hub", subnetName: "db" })).toBe(true);
    em.deleteNetworkInterface({ resourceGroupName: RG, networkInterfaceName: "a" });
    expect(em.deleteVnet(hub.id)).toBe(true);
    expect(em.export()).toMatchObject({ vnets: [], subnets: [], networkInterfaces: [], links: [] });
  });

  it("N1, N2: inline subnets set exactly the vnet's subnets; left out, a vnet's subnets stay", () => {
    const { em } = setup();
    em.putSubnet({ resourceGroupName: RG, virtualNetworkName: "hub", subnetName: "extra", addressPrefix: "10.0.5.0/24" });
    em.updateVnet({ resourceGroupName: RG, virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/16", "10.1.0.0/16"] } });
    expect(em.listSubnets({ resourceGroupName: RG, virtualNetworkName: "hub" }).map((s) => s.name)).toEqual(["app", "db", "extra"]);
    em.updateVnet({ resourceGroupName: RG, virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [{ name: "APP", addressPrefix: "10.0.1.0/24" }] });
    expect(em.listSubnets({ resourceGroupName: RG, virtualNetworkName: "hub" }).map((s) => s.name)).toEqual(["app"]);
  });
});

describe("schema migration (DESIGN: forward migrations)", () => {
  it("a store written by schema version 1 opens, migrates, and keeps zones, links, VMs and their records", () => {
    const file = path.join(tempDir(), "old.db");
    fs.copyFileSync(path.join(__dirname, "../fixtures/stores/schema-v1.db"), file);
    const raw = new (require("better-sqlite3"))(file);
    expect(raw.pragma("user_version", { simple: true })).toBe(1);
    raw.close();
    const em = Emulator.open(file);
    try {
      expect(em.store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
      expect(em.getVm({ vmName: "app" })).toMatchObject({ hostName: "app", networkInterfaces: [{ privateIPAddress: "10.0.0.4" }] });
      expect(em.listRecordSets({ privateZoneName: "contoso.com" }, { type: "A" }).map((r) => r.name)).toEqual(["app"]);
      // The new model works on the migrated store, next to the old VM (A9 across both).
      em.putSubnet({ virtualNetworkName: "hub", subnetName: "default", addressPrefix: "10.0.0.0/24" });
      const n = em.putNetworkInterface({ networkInterfaceName: "n1", ipConfigurations: [{ name: "c", subnet: { id: ids.subnetId(undefined, "hub", "default") } }] });
      expect(n.ipConfigurations[0].privateIPAddress).toBe("10.0.0.5");
      em.createVirtualMachine({ vmName: "web", networkInterfaces: [{ id: n.id }] });
      expect(em.listRecordSets({ privateZoneName: "contoso.com" }, { type: "A" }).map((r) => r.name)).toEqual(["app", "web"]);
      assertInvariants(em);
    } finally {
      em.close();
    }
  });
});
