import { afterEach, describe, expect, it } from "vitest";
import { cleanup, expectRefusal, fileEmulator, link, vnet, zone } from "../support/helpers";
import { assertInvariants } from "../support/invariants";
import { RESERVED_ZONE_NAMES, ids } from "../../dist/provider/emulator";

afterEach(cleanup);

const zoneRes = (name: string, rg = "emulator") => ids.zoneId(rg, name);

describe("zones (Z)", () => {
  it("Z1: a zone name has 2 to 34 labels; single-label names are refused", () => {
    const em = fileEmulator();
    expectRefusal(em, () => zone(em, "contoso"), { code: "BadRequest", rule: "Z1", value: "contoso" });
    const labels34 = Array.from({ length: 34 }, (_, i) => `l${i}`).join(".");
    const labels35 = `x.${labels34}`;
    expect(zone(em, labels34).name).toBe(labels34);
    expect(zone(em, "a.b").name).toBe("a.b");
    expectRefusal(em, () => zone(em, labels35), { code: "BadRequest", rule: "Z1", value: labels35 });
    assertInvariants(em);
  });

  it("Z2: labels are letters, digits, '-', '_', 1-63 characters; at most 253 in all; no trailing dot", () => {
    const em = fileEmulator();
    expect(zone(em, "my_zone-1.internal").name).toBe("my_zone-1.internal");
    const l63 = "a".repeat(63);
    expect(zone(em, `${l63}.com`).name).toBe(`${l63}.com`);
    for (const bad of ["contoso.com.", "con toso.com", "a..com", "conto$o.com", `${"a".repeat(64)}.com`, "", "ex!ample.org", "é.com"])
      expectRefusal(em, () => zone(em, bad), { code: "BadRequest", rule: "Z2", value: bad });
    // 253 characters are fine, 254 are not (4 labels of 63 + 3 dots = 255; build exact lengths).
    const name253 = [l63, l63, l63, "a".repeat(61)].join(".");
    expect(name253.length).toBe(253);
    expect(zone(em, name253).name).toBe(name253);
    const name254 = [l63, l63, l63, "a".repeat(62)].join(".");
    expectRefusal(em, () => zone(em, name254), { code: "BadRequest", rule: "Z2", value: name254 });
    assertInvariants(em);
  });

  it("Z3: names are case-insensitive everywhere and output lower case", () => {
    const em = fileEmulator();
    const z = zone(em, "Contoso.COM", "MyRG");
    expect(z.name).toBe("contoso.com");
    expect(z.resourceGroupName).toBe("myrg");
    expect(z.id).toBe(zoneRes("contoso.com", "myrg"));
    expect(em.getZone({ privateZoneName: "CONTOSO.com", resourceGroupName: "myrg" }).id).toBe(z.id);
    expectRefusal(em, () => zone(em, "contoso.com", "MYRG"), { code: "Conflict", rule: "Z6" });
    const v = vnet(em, "Vnet-One");
    expect(v.name).toBe("vnet-one");
    expect(em.getVnet({ virtualNetworkName: "VNET-ONE" }).id).toBe(v.id);
    const l = link(em, "CONTOSO.com", "Link-A", v.id.toUpperCase(), { resourceGroupName: "MyRg" });
    expect(l.name).toBe("link-a");
    expect(l.privateZoneName).toBe("contoso.com");
    expect(l.virtualNetwork.id).toBe(v.id);
    const rs = em.createRecordSet({ privateZoneName: "Contoso.Com", resourceGroupName: "MYRG", relativeRecordSetName: "WWW", recordType: "a" as any, ttl: 5, aRecords: [{ ipv4Address: "10.0.0.1" }] });
    expect(rs.name).toBe("www");
    expect(rs.fqdn).toBe("www.contoso.com.");
    expect(rs.recordType).toBe("A");
    expect(em.getRecordSet({ privateZoneName: "contoso.com", resourceGroupName: "myrg", relativeRecordSetName: "wWw", recordType: "A" }).id).toBe(rs.id);
    const m = em.createVm({ vmName: "WebVM", computerName: "WEB01", virtualNetwork: { id: v.id }, networkInterfaces: [{ name: "Nic0", privateIPAddress: "10.0.0.4" }] });
    expect(m.name).toBe("webvm");
    expect(em.getVm({ vmName: "WEBVM" }).id).toBe(m.id);
    assertInvariants(em);
  });

  it("Z4: reserved names are refused (exact match only; subdomains are fine)", () => {
    const em = fileEmulator();
    expect(RESERVED_ZONE_NAMES.size).toBe(24);
    for (const name of RESERVED_ZONE_NAMES) {
      expectRefusal(em, () => zone(em, name), { code: "BadRequest", rule: "Z4", value: name });
      expectRefusal(em, () => zone(em, name.toUpperCase()), { code: "BadRequest", rule: "Z4", value: name.toUpperCase() });
    }
    for (const ok of ["privatelink.blob.core.windows.net", "privatelink.azure.com", "my.microsoft.com", "core.windows.net.contoso", "xazure.com"])
      expect(zone(em, ok).name).toBe(ok);
    assertInvariants(em);
  });

  it("Z5: a new zone holds exactly one record set, the SOA at @; NS cannot be created; SOA cannot be created or deleted, its host cannot change", () => {
    const em = fileEmulator();
    const z = zone(em, "contoso.com");
    expect(z.numberOfRecordSets).toBe(1);
    const sets = em.listRecordSets({ privateZoneName: "contoso.com" });
    expect(sets).toHaveLength(1);
    const soa = sets[0];
    expect(soa.name).toBe("@");
    expect(soa.recordType).toBe("SOA");
    expect(soa.ttl).toBe(3600);
    expect(soa.fqdn).toBe("contoso.com.");
    expect(soa.isAutoRegistered).toBe(false);
    expect(soa.soaRecord).toEqual({
      host: "azureprivatedns.net", email: "azureprivatedns-host.microsoft.com", serialNumber: 1,
      refreshTime: 3600, retryTime: 300, expireTime: 2419200, minimumTtl: 10,
    });
    expect(em.listRecordSets({ privateZoneName: "contoso.com" }, { type: "A" })).toHaveLength(0);
    const zoneArgs = { privateZoneName: "contoso.com" };
    expectRefusal(em, () => em.createRecordSet({ ...zoneArgs, relativeRecordSetName: "@", recordType: "NS" as any, ttl: 3600 }),
      { code: "BadRequest", rule: "Z5", value: "NS" });
    expectRefusal(em, () => em.createRecordSet({ ...zoneArgs, relativeRecordSetName: "sub", recordType: "ns" as any, ttl: 3600 }),
      { code: "BadRequest", rule: "Z5", value: "ns" });
    expectRefusal(em, () => em.createRecordSet({ ...zoneArgs, relativeRecordSetName: "@", recordType: "SOA", ttl: 3600, soaRecord: soa.soaRecord }),
      { code: "BadRequest", rule: "Z5", value: "SOA" });
    expectRefusal(em, () => em.deleteRecordSet({ ...zoneArgs, relativeRecordSetName: "@", recordType: "SOA" }),
      { code: "BadRequest", rule: "Z5", value: "SOA" });
    expectRefusal(em, () => em.updateRecordSet({ ...zoneArgs, relativeRecordSetName: "@", recordType: "SOA", ttl: 3600, soaRecord: { ...soa.soaRecord!, host: "ns1.example.com" } }),
      { code: "BadRequest", rule: "Z5", value: "ns1.example.com" });
    // Fields other than host and serial number may change; the serial number stays (Private_Dns_Zone6_Import, recorded).
    const updated = em.updateRecordSet({ ...zoneArgs, relativeRecordSetName: "@", recordType: "SOA", ttl: 300,
      soaRecord: { ...soa.soaRecord!, email: "hostmaster.contoso.com", serialNumber: 7, refreshTime: 100, retryTime: 50, expireTime: 1000, minimumTtl: 30 } });
    expect(updated.ttl).toBe(300);
    expect(updated.soaRecord).toEqual({ host: "azureprivatedns.net", email: "hostmaster.contoso.com", serialNumber: 1, refreshTime: 100, retryTime: 50, expireTime: 1000, minimumTtl: 30 });
    expect(em.getZone(zoneArgs).numberOfRecordSets).toBe(1);
    assertInvariants(em);
  });

  it("Z6: zone names are unique per resource group; one vnet is never linked to two zones of one name", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    expectRefusal(em, () => zone(em, "contoso.com"), { code: "Conflict", rule: "Z6", resource: zoneRes("contoso.com"), value: "contoso.com" });
    expectRefusal(em, () => em.createZone({ privateZoneName: "Contoso.Com", resourceGroupName: "Emulator" }), { code: "Conflict", rule: "Z6" });
    expect(zone(em, "contoso.com", "rg2").id).toBe(zoneRes("contoso.com", "rg2"));
    const v = vnet(em, "v1");
    const w = vnet(em, "v2", ["10.1.0.0/16"]);
    link(em, "contoso.com", "l1", v.id);
    expectRefusal(em, () => link(em, "contoso.com", "l1", v.id, { resourceGroupName: "rg2" }), { code: "BadRequest", rule: "Z6", value: "contoso.com" });
    expectRefusal(em, () => link(em, "contoso.com", "other", v.id, { resourceGroupName: "rg2", registrationEnabled: true }), { code: "BadRequest", rule: "Z6", value: "contoso.com" });
    // Another vnet may link to the rg2 zone; a differently named zone may link to v1.
    link(em, "contoso.com", "l1", w.id, { resourceGroupName: "rg2" });
    zone(em, "fabrikam.com");
    link(em, "fabrikam.com", "l1", v.id);
    assertInvariants(em);
  });

  it("Z7: a zone with links cannot be deleted (CannotDeleteResource naming a link); deleting a zone deletes its record sets", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    const v = vnet(em, "v1");
    link(em, "contoso.com", "the-link", v.id);
    em.createRecordSet({ privateZoneName: "contoso.com", relativeRecordSetName: "www", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.0.0.1" }] });
    const e = expectRefusal(em, () => em.deleteZone({ privateZoneName: "contoso.com" }),
      { code: "CannotDeleteResource", rule: "Z7", resource: zoneRes("contoso.com"), value: "the-link" });
    expect(e.message).toContain("virtualNetworkLinks/the-link");
    expect(em.deleteLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "the-link" })).toBe(true);
    expect(em.deleteZone({ privateZoneName: "contoso.com" })).toBe(true);
    expect(em.findZone({ privateZoneName: "contoso.com" })).toBeUndefined();
    expect(em.store.db.prepare("SELECT count(*) AS n FROM record_sets").get()).toEqual({ n: 0 });
    expect(em.deleteZone({ privateZoneName: "contoso.com" })).toBe(false);
    // A new zone of the same name starts clean (Z5).
    expect(zone(em, "contoso.com").numberOfRecordSets).toBe(1);
    expect(em.findRecordSet({ privateZoneName: "contoso.com", relativeRecordSetName: "www", recordType: "A" })).toBeUndefined();
    assertInvariants(em);
  });

  it("Z8: zone outputs carry counters, limits and provisioningState", () => {
    const em = fileEmulator();
    const z = zone(em, "contoso.com");
    expect(z).toMatchObject({
      id: zoneRes("contoso.com"), name: "contoso.com", resourceGroupName: "emulator", type: "Microsoft.Network/privateDnsZones",
      location: "global", numberOfRecordSets: 1, numberOfVirtualNetworkLinks: 0, numberOfVirtualNetworkLinksWithRegistration: 0,
      maxNumberOfRecordSets: 25000, maxNumberOfVirtualNetworkLinks: 1000, maxNumberOfVirtualNetworkLinksWithRegistration: 100,
      provisioningState: "Succeeded",
    });
    const v1 = vnet(em, "v1");
    const v2 = vnet(em, "v2", ["10.1.0.0/16"]);
    link(em, "contoso.com", "l1", v1.id, { registrationEnabled: true });
    link(em, "contoso.com", "l2", v2.id);
    em.createVm({ vmName: "vm1", virtualNetwork: { id: v1.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.4" }] });
    em.createRecordSet({ privateZoneName: "contoso.com", relativeRecordSetName: "txt", recordType: "TXT", ttl: 60, txtRecords: [{ value: ["x"] }] });
    expect(em.getZone({ privateZoneName: "contoso.com" })).toMatchObject({
      numberOfRecordSets: 3, numberOfVirtualNetworkLinks: 2, numberOfVirtualNetworkLinksWithRegistration: 1,
    });
    em.updateLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "l1", registrationEnabled: false });
    expect(em.getZone({ privateZoneName: "contoso.com" })).toMatchObject({
      numberOfRecordSets: 2, numberOfVirtualNetworkLinks: 2, numberOfVirtualNetworkLinksWithRegistration: 0,
    });
    em.deleteVnet(v2.id);
    expect(em.getZone({ privateZoneName: "contoso.com" })).toMatchObject({ numberOfVirtualNetworkLinks: 1 });
    expect(em.listZones().map((x) => x.name)).toEqual(["contoso.com"]);
    assertInvariants(em);
  });
});
