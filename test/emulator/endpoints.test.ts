/**
 * SPEC P: private endpoints in subnets, their one private DNS zone group, the A records the platform writes for
 * it, and the public name's CNAME into the privatelink zone (P5). On a real SQLite file, with the invariants
 * checked after each scenario.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, expectRefusal, fileEmulator, link, vm, zone } from "../support/helpers";
import { assertInvariants } from "../support/invariants";
import { Emulator, ids, PrivateEndpointArgs } from "../../dist/provider/emulator";

afterEach(cleanup);

const RG = "pe";
const BLOB = "privatelink.blob.core.windows.net";
const account = (name: string) => `/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/${name}`;
const subnetOf = (v: string, s: string) => ids.subnetId(RG, v, s);
const zoneIdOf = (z: string) => ids.zoneId(RG, z);

/** Hub (10.0/16, subnet shared) and spoke (10.1/16, subnets endpoints and app); the blob zone linked to hub only. */
function setup() {
  const em = fileEmulator();
  zone(em, BLOB, RG);
  const hub = em.createVnet({ resourceGroupName: RG, virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
    subnets: [{ name: "shared", addressPrefix: "10.0.1.0/24" }] });
  const spoke = em.createVnet({ resourceGroupName: RG, virtualNetworkName: "spoke", addressSpace: { addressPrefixes: ["10.1.0.0/16"] },
    subnets: [{ name: "endpoints", addressPrefix: "10.1.2.0/24" }, { name: "tiny", addressPrefix: "10.1.3.0/29" }] });
  link(em, BLOB, "hub", hub.id, { resourceGroupName: RG });
  return { em, hub, spoke };
}

const endpointArgs = (name: string, extra: Partial<PrivateEndpointArgs> = {}): PrivateEndpointArgs => ({
  resourceGroupName: RG, privateEndpointName: name, subnet: { id: subnetOf("spoke", "endpoints") },
  privateLinkServiceConnections: [{ name: `${name}-conn`, privateLinkServiceId: account("stdata"), groupIds: ["blob"] }], ...extra,
});
const endpoint = (em: Emulator, name: string, extra: Partial<PrivateEndpointArgs> = {}) => em.createPrivateEndpoint(endpointArgs(name, extra));
const group = (em: Emulator, pe: string, configs: { name?: string; privateDnsZoneId: string }[] = [{ name: "blob", privateDnsZoneId: zoneIdOf(BLOB) }], name = "default") =>
  em.putPrivateDnsZoneGroup({ resourceGroupName: RG, privateEndpointName: pe, privateDnsZoneGroupName: name, privateDnsZoneConfigs: configs as any });
const blobA = (em: Emulator, zoneName = BLOB) => em.findRecordSet({ resourceGroupName: RG, privateZoneName: zoneName, relativeRecordSetName: "stdata", recordType: "A" });
const ipsOf = (set: { aRecords?: { ipv4Address: string }[] } | undefined) => (set?.aRecords ?? []).map((a) => a.ipv4Address);

describe("private endpoints (P1)", () => {
  it("P1 N3: an endpoint gets the lowest free address of its subnet, held by a NIC the platform makes for it", () => {
    const { em } = setup();
    const pe = endpoint(em, "pe-blob");
    expect(pe.privateIPAddress).toBe("10.1.2.4");
    expect(pe.privateIPAllocationMethod).toBe("Dynamic");
    expect(pe.id).toBe(ids.privateEndpointId(RG, "pe-blob"));
    expect(pe.privateLinkServiceConnections[0]).toMatchObject({ groupIds: ["blob"], privateLinkServiceConnectionState: { status: "Approved" } });
    expect(pe.customDnsConfigs).toEqual([{ fqdn: "stdata.blob.core.windows.net", ipAddresses: ["10.1.2.4"] }]);
    const nic = em.listNetworkInterfaces().find((n) => n.id === pe.networkInterfaces[0].id)!;
    expect(nic.name).toMatch(/^pe-blob\.nic\.[0-9a-f-]{36}$/);
    expect(nic.privateEndpoint).toEqual({ id: pe.id });
    expect(nic.ipConfigurations[0]).toMatchObject({ privateIPAddress: "10.1.2.4", subnet: { id: subnetOf("spoke", "endpoints") } });
    // A9: the next NIC or endpoint in the vnet gets the next address.
    expect(endpoint(em, "pe-two", { customNetworkInterfaceName: "pe-two-nic" }).privateIPAddress).toBe("10.1.2.5");
    expect(em.getNetworkInterface({ resourceGroupName: RG, networkInterfaceName: "pe-two-nic" }).privateEndpoint).toBeDefined();
    assertInvariants(em);
  });

  it("P1 N3: a static address must lie in the subnet, outside its reserved addresses, and be free in the vnet", () => {
    const { em } = setup();
    const stat = (ip: string) => ({ ipConfigurations: [{ name: "cfg", groupId: "blob", memberName: "blob", privateIPAddress: ip }] });
    const pe = endpoint(em, "pe-static", stat("10.1.2.50"));
    expect([pe.privateIPAddress, pe.privateIPAllocationMethod, pe.ipConfigurations]).toEqual(["10.1.2.50", "Static",
      [{ name: "cfg", groupId: "blob", memberName: "blob", privateIPAddress: "10.1.2.50" }]]);
    expectRefusal(em, () => endpoint(em, "pe-out", stat("10.1.9.9")),
      { code: "PrivateIPAddressNotInSubnet", rule: "N3", resource: ids.privateEndpointId(RG, "pe-out"), value: "10.1.9.9" });
    expectRefusal(em, () => endpoint(em, "pe-res", stat("10.1.2.1")), { code: "PrivateIPAddressInReservedRange", rule: "N2", value: "10.1.2.1" });
    const e = expectRefusal(em, () => endpoint(em, "pe-dup", stat("10.1.2.50")), { code: "PrivateIPAddressInUse", rule: "A9", value: "10.1.2.50" });
    expect(e.field).toBe("ipConfigurations[0].privateIPAddress");
    assertInvariants(em);
  });

  it("P1: exactly one connection, to a resource id, with one group id that the target type offers", () => {
    const { em } = setup();
    const id = ids.privateEndpointId(RG, "pe-bad");
    const conn = (c: any) => endpointArgs("pe-bad", { privateLinkServiceConnections: c });
    expectRefusal(em, () => em.createPrivateEndpoint(conn([])), { code: "InvalidPrivateLinkServiceConnection", rule: "P1", resource: id, value: 0 });
    expectRefusal(em, () => em.createPrivateEndpoint({ ...conn([{ privateLinkServiceId: account("a"), groupIds: ["blob"] }]),
      manualPrivateLinkServiceConnections: [{ privateLinkServiceId: account("b"), groupIds: ["blob"] }] }), { code: "InvalidPrivateLinkServiceConnection", rule: "P1", value: 2 });
    expectRefusal(em, () => em.createPrivateEndpoint(conn([{ privateLinkServiceId: "stdata", groupIds: ["blob"] }])),
      { code: "InvalidPrivateLinkServiceConnection", rule: "P1", value: "stdata" });
    expectRefusal(em, () => em.createPrivateEndpoint(conn([{ privateLinkServiceId: account("a"), groupIds: ["blob", "file"] }])),
      { code: "InvalidPrivateLinkServiceConnection", rule: "P1" });
    const e = expectRefusal(em, () => em.createPrivateEndpoint(conn([{ privateLinkServiceId: account("a"), groupIds: ["vault"] }])),
      { code: "PrivateLinkServiceGroupIdNotSupported", rule: "P1", value: "vault" });
    expect(e.field).toBe("privateLinkServiceConnections[0].groupIds[0]");
    expect(e.message).toContain("blob, blob_secondary, table, queue, file, web, dfs");
    // A target type the table does not know (a Private Link service of one's own) takes any group id.
    const own = "/subscriptions/s/resourceGroups/svc/providers/Microsoft.Network/privateLinkServices/mine";
    expect(em.createPrivateEndpoint(conn([{ privateLinkServiceId: own, groupIds: ["anything"] }])).customDnsConfigs).toEqual([]);
    expectRefusal(em, () => em.createPrivateEndpoint(endpointArgs("pe-nosub", { subnet: undefined as any })), { code: "BadRequest", rule: "P1" });
    expectRefusal(em, () => em.createPrivateEndpoint(endpointArgs("pe-gone", { subnet: { id: subnetOf("spoke", "nope") } })), { code: "ResourceNotFound", rule: "E" });
    assertInvariants(em);
  });

  it("P1 N3: a full subnet refuses the next endpoint (SubnetIsFull)", () => {
    const { em } = setup();
    const tiny = { subnet: { id: subnetOf("spoke", "tiny") } }; // /29: 8 addresses, 5 reserved
    for (const n of ["a", "b", "c"]) endpoint(em, `pe-${n}`, tiny);
    expectRefusal(em, () => endpoint(em, "pe-d", tiny), { code: "SubnetIsFull", rule: "N3", resource: ids.privateEndpointId(RG, "pe-d") });
  });

  it("P1 N5: the endpoint's NIC changes and goes with it only; its subnet and vnet cannot be deleted under it", () => {
    const { em } = setup();
    const pe = endpoint(em, "pe-blob");
    const nicName = ids.parseResourceId(pe.networkInterfaces[0].id)!.name;
    expectRefusal(em, () => em.deleteNetworkInterface({ resourceGroupName: RG, networkInterfaceName: nicName }), { code: "NicInUse", rule: "P1" });
    expectRefusal(em, () => em.putNetworkInterface({ resourceGroupName: RG, networkInterfaceName: nicName,
      ipConfigurations: [{ name: "x", subnet: { id: subnetOf("spoke", "endpoints") } }] }), { code: "NicInUse", rule: "P1" });
    expectRefusal(em, () => em.deleteSubnet({ resourceGroupName: RG, virtualNetworkName: "spoke", subnetName: "endpoints" }), { code: "InUseSubnetCannotBeDeleted", rule: "N5" });
    expectRefusal(em, () => em.deleteVnet({ resourceGroupName: RG, virtualNetworkName: "spoke" }), { code: "InUseSubnetCannotBeDeleted", rule: "N5" });
    expectRefusal(em, () => em.putPrivateEndpoint(endpointArgs("pe-blob", { customNetworkInterfaceName: "renamed" })),
      { code: "PrivateEndpointPropertyCannotBeChanged", rule: "P1", value: "renamed" });
    expect(em.deletePrivateEndpoint({ resourceGroupName: RG, privateEndpointName: "pe-blob" })).toBe(true);
    expect(em.listNetworkInterfaces()).toEqual([]);
    expect(em.deleteSubnet({ resourceGroupName: RG, virtualNetworkName: "spoke", subnetName: "endpoints" })).toBe(true);
    expect(em.deletePrivateEndpoint({ resourceGroupName: RG, privateEndpointName: "pe-blob" })).toBe(false);
    assertInvariants(em);
  });

  it("N1: a second endpoint of one name is a conflict; names are case-insensitive", () => {
    const { em } = setup();
    endpoint(em, "PE-Blob");
    expectRefusal(em, () => endpoint(em, "pe-blob"), { code: "Conflict", rule: "E", value: "pe-blob" });
    expect(em.getPrivateEndpoint({ resourceGroupName: RG.toUpperCase(), privateEndpointName: "Pe-Blob" }).name).toBe("pe-blob");
  });
});

describe("private DNS zone groups (P2-P4)", () => {
  it("P3: a zone group writes an A record set named after the target, TTL 10, holding the endpoint's address", () => {
    const { em } = setup();
    endpoint(em, "pe-blob");
    const g = group(em, "pe-blob");
    expect(g.privateDnsZoneConfigs).toEqual([{ name: "blob", privateDnsZoneId: zoneIdOf(BLOB), recordSets: [
      { recordType: "A", recordSetName: "stdata", fqdn: `stdata.${BLOB}`, ttl: 10, ipAddresses: ["10.1.2.4"], provisioningState: "Succeeded" }] }]);
    const set = blobA(em)!;
    expect([set.ttl, set.isAutoRegistered, ipsOf(set)]).toEqual([10, false, ["10.1.2.4"]]);
    expect(set.metadata.creator).toMatch(/^created by private endpoint pe-blob with resource guid /);
    expect(em.getZone({ resourceGroupName: RG, privateZoneName: BLOB }).numberOfRecordSets).toBe(2);
    assertInvariants(em);
  });

  it("P2: a second zone group on one endpoint is refused with Azure's words", () => {
    const { em } = setup();
    endpoint(em, "pe-blob");
    group(em, "pe-blob");
    const e = expectRefusal(em, () => group(em, "pe-blob", undefined, "other"),
      { code: "CannotCreateMoreThanOnePrivateDnsZoneGroup", rule: "P2", resource: ids.zoneGroupId(RG, "pe-blob", "other"), value: "default" });
    expect(e.message).toContain("Cannot create more than one private dns zone groups in the private endpoint");
    // The same group again is an update in place.
    expect(group(em, "pe-blob").name).toBe("default");
  });

  it("P2: 1 to 5 zone configs, each named, names and zones once each, zones that exist", () => {
    const { em } = setup();
    endpoint(em, "pe-blob");
    const more = ["a.internal", "b.internal", "c.internal", "d.internal", "e.internal"].map((z) => zone(em, z, RG));
    const cfg = (z: string, name = z.split(".")[0]) => ({ name, privateDnsZoneId: zoneIdOf(z) });
    expectRefusal(em, () => group(em, "pe-blob", []), { code: "PrivateDnsZoneConfigsLimitExceeded", rule: "P2", value: 0 });
    expectRefusal(em, () => group(em, "pe-blob", [cfg(BLOB, "blob"), ...more.map((z) => cfg(z.name))]), { code: "PrivateDnsZoneConfigsLimitExceeded", rule: "P2", value: 6 });
    expect(group(em, "pe-blob", [cfg(BLOB, "blob"), ...more.slice(0, 4).map((z) => cfg(z.name))]).privateDnsZoneConfigs).toHaveLength(5);
    em.deletePrivateDnsZoneGroup({ resourceGroupName: RG, privateEndpointName: "pe-blob", privateDnsZoneGroupName: "default" });
    const nameless = expectRefusal(em, () => group(em, "pe-blob", [{ privateDnsZoneId: zoneIdOf(BLOB) }]), { code: "BadRequest", rule: "P2" });
    expect(nameless.field).toBe("privateDnsZoneConfigs[0].name");
    expectRefusal(em, () => group(em, "pe-blob", [cfg(BLOB, "x"), cfg("a.internal", "X")]), { code: "InvalidRequestFormat", rule: "P2", value: "x" });
    expectRefusal(em, () => group(em, "pe-blob", [cfg(BLOB, "x"), cfg(BLOB, "y")]), { code: "BadRequest", rule: "P2", value: zoneIdOf(BLOB) });
    expectRefusal(em, () => group(em, "pe-blob", [{ name: "x", privateDnsZoneId: "privatelink.blob.core.windows.net" }]), { code: "BadRequest", rule: "P2" });
    expectRefusal(em, () => group(em, "pe-blob", [cfg("missing.internal")]), { code: "ResourceNotFound", rule: "E" });
    expectRefusal(em, () => group(em, "pe-nope"), { code: "ResourceNotFound", rule: "E", value: "pe-nope" });
    assertInvariants(em);
  });

  it("P3 (choice): a user record set at the name is replaced while the group exists; a user's later write makes the set theirs", () => {
    const { em } = setup();
    em.createRecordSet({ resourceGroupName: RG, privateZoneName: BLOB, relativeRecordSetName: "stdata", recordType: "CNAME", ttl: 300, cnameRecord: { cname: "elsewhere.example" } });
    endpoint(em, "pe-blob");
    group(em, "pe-blob");
    expect(em.findRecordSet({ resourceGroupName: RG, privateZoneName: BLOB, relativeRecordSetName: "stdata", recordType: "CNAME" })).toBeUndefined();
    expect(ipsOf(blobA(em))).toEqual(["10.1.2.4"]);
    em.putRecordSet({ resourceGroupName: RG, privateZoneName: BLOB, relativeRecordSetName: "stdata", recordType: "A", ttl: 30, aRecords: [{ ipv4Address: "10.9.9.9" }] });
    expect(em.getPrivateDnsZoneGroup({ resourceGroupName: RG, privateEndpointName: "pe-blob", privateDnsZoneGroupName: "default" }).privateDnsZoneConfigs[0].recordSets).toEqual([]);
    // The group deleted, the user's set stays.
    em.deletePrivateDnsZoneGroup({ resourceGroupName: RG, privateEndpointName: "pe-blob", privateDnsZoneGroupName: "default" });
    expect(ipsOf(blobA(em))).toEqual(["10.9.9.9"]);
    assertInvariants(em);
  });

  it("P3 (choice) A7: a user's delete of the group's set leaves the name to a VM registered there, until the group is written again", () => {
    const { em, hub } = setup();
    em.deleteLink({ resourceGroupName: RG, privateZoneName: BLOB, virtualNetworkLinkName: "hub" });
    link(em, BLOB, "hub", hub.id, { resourceGroupName: RG, registrationEnabled: true });
    endpoint(em, "pe-blob");
    group(em, "pe-blob");
    vm(em, "stdata", hub.id, "10.0.0.50", { resourceGroupName: RG });
    expect(ipsOf(blobA(em))).toEqual(["10.1.2.4"]); // the group's set, not the VM's (P3 replaces)
    expect(em.deleteRecordSet({ resourceGroupName: RG, privateZoneName: BLOB, relativeRecordSetName: "stdata", recordType: "A" })).toBe(true);
    expect(blobA(em)).toMatchObject({ isAutoRegistered: true, aRecords: [{ ipv4Address: "10.0.0.50" }] }); // A7: the VM's record comes back
    assertInvariants(em);
    group(em, "pe-blob");
    expect(blobA(em)).toMatchObject({ isAutoRegistered: false, aRecords: [{ ipv4Address: "10.1.2.4" }] });
    expect(em.resolve(hub.id, "stdata.blob.core.windows.net").answers.map((a) => a.data)).toEqual([`stdata.${BLOB}`, "10.1.2.4"]);
    assertInvariants(em, { resolution: true });
  });

  it("P4: a new address updates the record; deleting the group, then the endpoint, removes what they wrote", () => {
    const { em } = setup();
    endpoint(em, "pe-blob");
    group(em, "pe-blob");
    em.putPrivateEndpoint(endpointArgs("pe-blob", { ipConfigurations: [{ name: "cfg", privateIPAddress: "10.1.2.77" }] }));
    expect(ipsOf(blobA(em))).toEqual(["10.1.2.77"]);
    expect(em.deletePrivateDnsZoneGroup({ resourceGroupName: RG, privateEndpointName: "pe-blob", privateDnsZoneGroupName: "default" })).toBe(true);
    expect(blobA(em)).toBeUndefined();
    group(em, "pe-blob");
    expect(ipsOf(blobA(em))).toEqual(["10.1.2.77"]);
    expect(em.deletePrivateEndpoint({ resourceGroupName: RG, privateEndpointName: "pe-blob" })).toBe(true);
    expect(blobA(em)).toBeUndefined();
    expect(em.getZone({ resourceGroupName: RG, privateZoneName: BLOB }).numberOfRecordSets).toBe(1);
    expect(em.deletePrivateDnsZoneGroup({ resourceGroupName: RG, privateEndpointName: "pe-blob", privateDnsZoneGroupName: "default" })).toBe(false);
    assertInvariants(em);
  });

  it("P4: a zone named by a zone group cannot be deleted while the group exists (Z7's code)", () => {
    const { em } = setup();
    endpoint(em, "pe-blob");
    group(em, "pe-blob");
    // P4 before Z7: a plan dropping the zone drops its links too, not the group that still names it (what to act on).
    expectRefusal(em, () => em.deleteZone({ resourceGroupName: RG, privateZoneName: BLOB }), { code: "CannotDeleteResource", rule: "P4" });
    em.deleteLink({ resourceGroupName: RG, privateZoneName: BLOB, virtualNetworkLinkName: "hub" });
    const e = expectRefusal(em, () => em.deleteZone({ resourceGroupName: RG, privateZoneName: BLOB }),
      { code: "CannotDeleteResource", rule: "P4", resource: zoneIdOf(BLOB), value: ids.zoneGroupId(RG, "pe-blob", "default") });
    expect(e.status).toBe(409);
    em.deletePrivateDnsZoneGroup({ resourceGroupName: RG, privateEndpointName: "pe-blob", privateDnsZoneGroupName: "default" });
    expect(em.deleteZone({ resourceGroupName: RG, privateZoneName: BLOB })).toBe(true);
    assertInvariants(em);
  });

  it("P3 (choice, as A8): two endpoints of one target into one zone share one set; each address leaves with its endpoint", () => {
    const { em } = setup();
    endpoint(em, "pe-spoke");
    group(em, "pe-spoke");
    em.createPrivateEndpoint(endpointArgs("pe-hub", { subnet: { id: subnetOf("hub", "shared") } }));
    group(em, "pe-hub");
    expect(ipsOf(blobA(em))).toEqual(["10.0.1.4", "10.1.2.4"]);
    em.deletePrivateEndpoint({ resourceGroupName: RG, privateEndpointName: "pe-spoke" });
    expect(ipsOf(blobA(em))).toEqual(["10.0.1.4"]);
    assertInvariants(em);
  });

  it("P3 A7: the group's set displaces a VM's registered record of that name, which comes back when the group goes", () => {
    const { em, hub } = setup();
    zone(em, "corp.internal", RG);
    link(em, "corp.internal", "reg", hub.id, { resourceGroupName: RG, registrationEnabled: true });
    vm(em, "stdata", hub.id, "10.0.1.10");
    endpoint(em, "pe-blob");
    group(em, "pe-blob", [{ name: "corp", privateDnsZoneId: zoneIdOf("corp.internal") }]);
    expect(ipsOf(blobA(em, "corp.internal"))).toEqual(["10.1.2.4"]);
    em.deletePrivateDnsZoneGroup({ resourceGroupName: RG, privateEndpointName: "pe-blob", privateDnsZoneGroupName: "default" });
    const back = blobA(em, "corp.internal")!;
    expect([back.isAutoRegistered, ipsOf(back)]).toEqual([true, ["10.0.1.10"]]);
    assertInvariants(em);
  });

  it("P4 E2: deleting a resource group deletes its endpoints, their groups and records, then the zones", () => {
    const { em } = setup();
    endpoint(em, "pe-blob");
    group(em, "pe-blob");
    em.putResourceGroup({ resourceGroupName: RG, location: "westeurope" });
    expect(em.deleteResourceGroup({ resourceGroupName: RG })).toBe(true);
    const e = em.export();
    expect([e.privateEndpoints.length, e.privateDnsZoneGroups.length, e.networkInterfaces.length, e.zones.length]).toEqual([0, 0, 0, 0]);
    assertInvariants(em);
  });
});

describe("the public name inside a vnet (P5)", () => {
  it("P5 Q4: from a vnet linked to the privatelink zone the public name is a CNAME to the endpoint's A record", () => {
    const { em, hub, spoke } = setup();
    endpoint(em, "pe-blob");
    group(em, "pe-blob");
    const r = em.resolve(hub.id, "StData.blob.core.windows.net");
    expect(r.rcode).toBe("NOERROR");
    expect(r.answers).toEqual([
      { name: "stdata.blob.core.windows.net", ttl: 60, type: "CNAME", data: `stdata.${BLOB}` },
      { name: `stdata.${BLOB}`, ttl: 10, type: "A", data: "10.1.2.4" },
    ]);
    expect(em.resolve(hub.id, "stdata.blob.core.windows.net", "CNAME").answers).toHaveLength(1);
    // Q1: the spoke is not linked to the zone, and the emulator has no public DNS.
    expect(em.resolve(spoke.id, "stdata.blob.core.windows.net").rcode).toBe("REFUSED");
    // Q2: a name with no endpoint behind it: the CNAME, then NXDOMAIN with the privatelink zone's SOA.
    const missing = em.resolve(hub.id, "other.blob.core.windows.net");
    expect([missing.rcode, missing.answers.length, missing.authority[0]?.type]).toEqual(["NXDOMAIN", 1, "SOA"]);
    // Only `<name>.<suffix>`: deeper names are not aliased.
    expect(em.resolve(hub.id, "a.b.blob.core.windows.net").rcode).toBe("REFUSED");
  });

  it("P5: Key Vault's public name aliases into privatelink.vaultcore.azure.net; SQL's into privatelink.database.windows.net", () => {
    const { em, hub } = setup();
    for (const z of ["privatelink.vaultcore.azure.net", "privatelink.database.windows.net"]) {
      zone(em, z, RG);
      link(em, z, "hub", hub.id, { resourceGroupName: RG });
    }
    const target = (type: string, name: string) => `/subscriptions/s/resourceGroups/app/providers/${type}/${name}`;
    em.createPrivateEndpoint(endpointArgs("pe-kv", { privateLinkServiceConnections: [{ privateLinkServiceId: target("Microsoft.KeyVault/vaults", "KV-Prod"), groupIds: ["vault"] }] }));
    group(em, "pe-kv", [{ name: "kv", privateDnsZoneId: zoneIdOf("privatelink.vaultcore.azure.net") }]);
    em.createPrivateEndpoint(endpointArgs("pe-sql", { privateLinkServiceConnections: [{ privateLinkServiceId: target("Microsoft.Sql/servers", "sql1"), groupIds: ["sqlServer"] }] }));
    group(em, "pe-sql", [{ name: "sql", privateDnsZoneId: zoneIdOf("privatelink.database.windows.net") }]);
    expect(em.resolve(hub.id, "kv-prod.vault.azure.net").answers.map((a) => a.data)).toEqual(["kv-prod.privatelink.vaultcore.azure.net", "10.1.2.4"]);
    expect(em.resolve(hub.id, "sql1.database.windows.net").answers.map((a) => a.data)).toEqual(["sql1.privatelink.database.windows.net", "10.1.2.5"]);
    assertInvariants(em);
  });
});
