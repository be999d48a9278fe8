import { afterEach, describe, expect, it } from "vitest";
import { cleanup, expectRefusal, fileEmulator, link, vm, vnet, zone } from "../support/helpers";
import { assertInvariants } from "../support/invariants";
import { Emulator, ids, RecordSetArgs } from "../../dist/provider/emulator";

afterEach(cleanup);

const Z = { privateZoneName: "contoso.com" };
const rsId = (type: string, name: string) => ids.recordSetId("emulator", "contoso.com", type, name);

function setup(): Emulator {
  const em = fileEmulator();
  zone(em, "contoso.com");
  return em;
}

describe("record sets (R)", () => {
  it("R1: the eight types; names relative to the zone; apex, wildcards and multi-label names; fqdn", () => {
    const em = setup();
    const made = [
      em.createRecordSet({ ...Z, relativeRecordSetName: "@", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.0.0.1" }] }),
      em.createRecordSet({ ...Z, relativeRecordSetName: "v6", recordType: "AAAA", ttl: 60, aaaaRecords: [{ ipv6Address: "FD00:0:0::1" }] }),
      em.createRecordSet({ ...Z, relativeRecordSetName: "alias", recordType: "CNAME", ttl: 60, cnameRecord: { cname: "www.contoso.com" } }),
      em.createRecordSet({ ...Z, relativeRecordSetName: "@", recordType: "MX", ttl: 60, mxRecords: [{ preference: 10, exchange: "mail.contoso.com" }] }),
      em.createRecordSet({ ...Z, relativeRecordSetName: "4.0", recordType: "PTR", ttl: 60, ptrRecords: [{ ptrdname: "host.contoso.com" }] }),
      em.createRecordSet({ ...Z, relativeRecordSetName: "_sip._tcp", recordType: "SRV", ttl: 60, srvRecords: [{ priority: 1, weight: 2, port: 5060, target: "sip.contoso.com" }] }),
      em.createRecordSet({ ...Z, relativeRecordSetName: "@", recordType: "TXT", ttl: 60, txtRecords: [{ value: ["v=spf1 -all"] }] }),
      em.createRecordSet({ ...Z, relativeRecordSetName: "*", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.0.0.9" }] }),
      em.createRecordSet({ ...Z, relativeRecordSetName: "*.apps", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.0.0.10" }] }),
    ];
    expect(made.map((r) => r.fqdn)).toEqual([
      "contoso.com.", "v6.contoso.com.", "alias.contoso.com.", "contoso.com.", "4.0.contoso.com.", "_sip._tcp.contoso.com.",
      "contoso.com.", "*.contoso.com.", "*.apps.contoso.com.",
    ]);
    expect(made[1].aaaaRecords).toEqual([{ ipv6Address: "fd00::1" }]);
    expect(made[0].type).toBe("Microsoft.Network/privateDnsZones/A");
    expect(made[0].id).toBe(rsId("A", "@"));
    expect(em.getZone(Z).numberOfRecordSets).toBe(10);
    // Refusals: unknown type, bad names, data of another type, bad addresses.
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "x", recordType: "CAA" as any, ttl: 60 }), { code: "BadRequest", rule: "R1", value: "CAA" });
    for (const bad of ["a.*", "www.", "a..b", "sp ace", "x.*.y", "b@d", "**"])
      expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: bad, recordType: "A", ttl: 60 }), { code: "BadRequest", rule: "R1", value: bad });
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "mixed", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.0.0.1" }], txtRecords: [{ value: ["x"] }] }),
      { code: "BadRequest", rule: "R1", resource: rsId("A", "mixed"), value: "txtRecords" });
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "bad", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "fd00::1" }] }),
      { code: "BadRequest", rule: "R1", value: "fd00::1" });
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "bad", recordType: "AAAA", ttl: 60, aaaaRecords: [{ ipv6Address: "10.0.0.1" }] }),
      { code: "BadRequest", rule: "R1", value: "10.0.0.1" });
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "bad", recordType: "MX", ttl: 60, mxRecords: [{ preference: 70000, exchange: "m.contoso.com" }] }),
      { code: "BadRequest", rule: "R1", value: 70000 });
    // A second create of an existing user set is refused; update/put change it.
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "V6", recordType: "AAAA", ttl: 60 }),
      { code: "PreconditionFailed", rule: "R1", resource: rsId("AAAA", "v6"), value: "v6" });
    expect(em.putRecordSet({ ...Z, relativeRecordSetName: "v6", recordType: "AAAA", ttl: 30, aaaaRecords: [] }).ttl).toBe(30);
    assertInvariants(em);
  });

  it("R2: TTL is required, 1 to 2147483647", () => {
    const em = setup();
    expect(em.createRecordSet({ ...Z, relativeRecordSetName: "min", recordType: "A", ttl: 1 }).ttl).toBe(1);
    expect(em.createRecordSet({ ...Z, relativeRecordSetName: "max", recordType: "A", ttl: 2147483647 }).ttl).toBe(2147483647);
    for (const ttl of [0, -1, 2147483648, 1.5, "60", undefined, null, Number.NaN]) {
      const args = { ...Z, relativeRecordSetName: "t", recordType: "A", ttl } as unknown as RecordSetArgs;
      expectRefusal(em, () => em.createRecordSet(args), { code: "BadRequest", rule: "R2", resource: rsId("A", "t") });
      expectRefusal(em, () => em.updateRecordSet({ ...args, relativeRecordSetName: "min" }), { code: "BadRequest", rule: "R2" });
    }
    assertInvariants(em);
  });

  it("R3: at most 20 records per set", () => {
    const em = setup();
    const ips = (n: number) => Array.from({ length: n }, (_, i) => ({ ipv4Address: `10.0.0.${i + 1}` }));
    expect(em.createRecordSet({ ...Z, relativeRecordSetName: "twenty", recordType: "A", ttl: 60, aRecords: ips(20) }).aRecords).toHaveLength(20);
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "many", recordType: "A", ttl: 60, aRecords: ips(21) }),
      { code: "QuotaExceeded", rule: "R3", value: 21 });
    expectRefusal(em, () => em.updateRecordSet({ ...Z, relativeRecordSetName: "twenty", recordType: "A", ttl: 60, aRecords: ips(21) }),
      { code: "QuotaExceeded", rule: "R3", value: 21 });
    const txt = Array.from({ length: 21 }, (_, i) => ({ value: [`t${i}`] }));
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "txt", recordType: "TXT", ttl: 60, txtRecords: txt }),
      { code: "QuotaExceeded", rule: "R3", value: 21 });
  });

  it("R3: at most 25000 record sets per zone, the SOA included (really created)", () => {
    const em = setup();
    em.store.tx(() => {
      for (let i = 1; i < 25000; i++)
        em.createRecordSet({ ...Z, relativeRecordSetName: `h${i}`, recordType: "A", ttl: 60 });
    });
    expect(em.getZone(Z).numberOfRecordSets).toBe(25000);
    expect(em.store.db.prepare("SELECT count(*) AS n FROM record_sets").get()).toEqual({ n: 25000 });
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "one-more", recordType: "TXT", ttl: 60 }),
      { code: "QuotaExceeded", rule: "R3", resource: rsId("TXT", "one-more"), value: 25000 });
    // Existing sets can still be replaced, and a delete makes room for one more.
    em.putRecordSet({ ...Z, relativeRecordSetName: "h1", recordType: "A", ttl: 30, aRecords: [{ ipv4Address: "10.0.0.1" }] });
    expect(em.deleteRecordSet({ ...Z, relativeRecordSetName: "h2", recordType: "A" })).toBe(true);
    em.createRecordSet({ ...Z, relativeRecordSetName: "one-more", recordType: "TXT", ttl: 60 });
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "two-more", recordType: "TXT", ttl: 60 }),
      { code: "QuotaExceeded", rule: "R3", value: 25000 });
    // That one operation costs the same in a big store is measured by bench/store-size.js (tests never time).
    expect(em.store.db.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("R4: CNAME holds one record, not at the apex, and coexists with no other type", () => {
    const em = setup();
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "@", recordType: "CNAME", ttl: 60, cnameRecord: { cname: "x.contoso.com" } }),
      { code: "BadRequest", rule: "R4", resource: rsId("CNAME", "@"), value: "@" });
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "two", recordType: "CNAME", ttl: 60, cnameRecord: [{ cname: "a.com" }, { cname: "b.com" }] as any }),
      { code: "BadRequest", rule: "R4" });
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "bad", recordType: "CNAME", ttl: 60, cnameRecord: { cname: "not a name" } }),
      { code: "BadRequest", rule: "R4", value: "not a name" });
    em.createRecordSet({ ...Z, relativeRecordSetName: "www", recordType: "CNAME", ttl: 60, cnameRecord: { cname: "web.contoso.com" } });
    for (const type of ["A", "AAAA", "MX", "PTR", "SRV", "TXT"] as const)
      expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "WWW", recordType: type, ttl: 60 }),
        { code: "Conflict", rule: "R4", resource: rsId(type, "www"), value: "www" });
    em.createRecordSet({ ...Z, relativeRecordSetName: "txt", recordType: "TXT", ttl: 60, txtRecords: [{ value: ["x"] }] });
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "txt", recordType: "CNAME", ttl: 60, cnameRecord: { cname: "a.contoso.com" } }),
      { code: "Conflict", rule: "R4", value: "txt" });
    // An auto-registered A set is another type too: a user CNAME cannot be created over it.
    const v = vnet(em, "v1");
    link(em, "contoso.com", "reg", v.id, { registrationEnabled: true });
    vm(em, "vm1", v.id, "10.0.0.4");
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "vm1", recordType: "CNAME", ttl: 60, cnameRecord: { cname: "a.contoso.com" } }),
      { code: "Conflict", rule: "R4", value: "vm1" });
    // Update keeps the single record.
    expect(em.updateRecordSet({ ...Z, relativeRecordSetName: "www", recordType: "CNAME", ttl: 5, cnameRecord: { cname: "Other.Contoso.com." } }).cnameRecord)
      .toEqual({ cname: "other.contoso.com" });
    assertInvariants(em);
  });

  it("R5: TXT strings at most 255 characters, at most 4096 characters per set", () => {
    const em = setup();
    const s255 = "x".repeat(255);
    expect(em.createRecordSet({ ...Z, relativeRecordSetName: "ok", recordType: "TXT", ttl: 60, txtRecords: [{ value: [s255, "y"] }] }).txtRecords)
      .toEqual([{ value: [s255, "y"] }]);
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "long", recordType: "TXT", ttl: 60, txtRecords: [{ value: ["x".repeat(256)] }] }),
      { code: "BadRequest", rule: "R5", resource: rsId("TXT", "long"), value: 256 });
    // 16 strings of 255 = 4080, + 16 = 4096: fine; one more character: refused.
    const at4096 = [...Array.from({ length: 16 }, () => ({ value: [s255] })), { value: ["y".repeat(16)] }];
    expect(em.createRecordSet({ ...Z, relativeRecordSetName: "full", recordType: "TXT", ttl: 60, txtRecords: at4096 }).txtRecords).toHaveLength(17);
    const over = [...Array.from({ length: 16 }, () => ({ value: [s255] })), { value: ["y".repeat(17)] }];
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "over", recordType: "TXT", ttl: 60, txtRecords: over }),
      { code: "BadRequest", rule: "R5", value: 4097 });
    expectRefusal(em, () => em.updateRecordSet({ ...Z, relativeRecordSetName: "full", recordType: "TXT", ttl: 60, txtRecords: over }),
      { code: "BadRequest", rule: "R5", value: 4097 });
    expectRefusal(em, () => em.createRecordSet({ ...Z, relativeRecordSetName: "num", recordType: "TXT", ttl: 60, txtRecords: [{ value: [42 as any] }] }),
      { code: "BadRequest", rule: "R5", value: 42 });
    assertInvariants(em);
  });

  it("R6: a record set may be empty (a placeholder)", () => {
    const em = setup();
    for (const type of ["A", "AAAA", "CNAME", "MX", "PTR", "SRV", "TXT"] as const) {
      const r = em.createRecordSet({ ...Z, relativeRecordSetName: `empty-${type.toLowerCase()}`, recordType: type, ttl: 60 });
      expect(r.recordType).toBe(type);
      if (type !== "CNAME") expect((r as any)[{ A: "aRecords", AAAA: "aaaaRecords", MX: "mxRecords", PTR: "ptrRecords", SRV: "srvRecords", TXT: "txtRecords" }[type]]).toEqual([]);
    }
    expect(em.getZone(Z).numberOfRecordSets).toBe(8);
    // An empty placeholder answers NODATA (the name exists).
    const v = vnet(em, "v1");
    link(em, "contoso.com", "l", v.id);
    expect(em.resolve(v.id, "empty-a.contoso.com", "A")).toMatchObject({ rcode: "NOERROR", answers: [] });
    assertInvariants(em);
  });

  it("R7: isAutoRegistered is true only for records the platform created", () => {
    const em = setup();
    const v = vnet(em, "v1");
    link(em, "contoso.com", "reg", v.id, { registrationEnabled: true });
    vm(em, "vm1", v.id, "10.0.0.4");
    const user = em.createRecordSet({ ...Z, relativeRecordSetName: "www", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.0.0.5" }] });
    expect(user.isAutoRegistered).toBe(false);
    const auto = em.getRecordSet({ ...Z, relativeRecordSetName: "vm1", recordType: "A" });
    expect(auto).toMatchObject({ isAutoRegistered: true, ttl: 10, aRecords: [{ ipv4Address: "10.0.0.4" }] });
    expect(em.listRecordSets(Z).filter((r) => r.isAutoRegistered).map((r) => r.name)).toEqual(["vm1"]);
    // A user write at that name makes it a user set (A7).
    const edited = em.updateRecordSet({ ...Z, relativeRecordSetName: "vm1", recordType: "A", ttl: 300, aRecords: [{ ipv4Address: "10.0.0.4" }] });
    expect(edited.isAutoRegistered).toBe(false);
    expect(em.listRecordSets(Z).some((r) => r.isAutoRegistered)).toBe(false);
    assertInvariants(em);
  });
});
