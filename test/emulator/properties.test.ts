/**
 * Property-based tests (fast-check): names, addresses, and random operation sequences (refused ones
 * included) after which the store's invariants (test/support/invariants.ts) must hold.
 */
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanup, Emulator, fileEmulator, isEmulatorError, link, vnet, zone } from "../support/helpers";
import { assertInvariants, violations } from "../support/invariants";
import { ids, Operation, RESERVED_ZONE_NAMES } from "../../dist/provider/emulator";

afterAll(cleanup);

const mixedCase = (s: fc.Arbitrary<string>) =>
  fc.tuple(s, fc.infiniteStream(fc.boolean())).map(([text, flips]) => {
    const it = flips[Symbol.iterator]();
    return [...text].map((c) => (it.next().value ? c.toUpperCase() : c)).join("");
  });
const chars = (alphabet: string) => fc.constantFrom(...alphabet.split(""));
const str = (alphabet: string, minLength: number, maxLength: number) => fc.string({ unit: chars(alphabet), minLength, maxLength });
const LOWER_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789";
const LABEL_CHARS = `${LOWER_DIGITS}-_`;
const label = (max = 12) => mixedCase(str(LABEL_CHARS, 1, max));
const BAD_CHARS = " !@#$%^&()+=,;:'\"<>?/\\|~`é*";

/** Refusal as data: code, rule, value; throws if the call succeeds or throws something else. */
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (!isEmulatorError(e)) throw e;
    return { code: e.code, rule: e.rule, value: e.value, message: e.message };
  }
  return undefined;
}

describe("names (Z1-Z4, L6, R1)", () => {
  let em: Emulator;
  beforeAll(() => {
    em = fileEmulator();
    zone(em, "names.test");
    vnet(em, "v");
  });
  const vid = ids.vnetId("emulator", "v");

  it("Z1 Z2 Z3: valid zone names (2-34 labels of [a-z0-9_-]{1,63}, at most 253) are accepted and lower-cased", () => {
    const name = fc.array(label(63), { minLength: 2, maxLength: 34 }).map((ls) => ls.join("."))
      .filter((n) => n.length <= 253 && !RESERVED_ZONE_NAMES.has(n.toLowerCase()) && n.toLowerCase() !== "names.test");
    fc.assert(fc.property(name, (n) => {
      const z = em.createZone({ privateZoneName: n });
      expect(z.name).toBe(n.toLowerCase());
      expect(em.getZone({ privateZoneName: n.toUpperCase() }).id).toBe(z.id);
      expect(em.listRecordSets({ privateZoneName: n })).toHaveLength(1);
      expect(em.deleteZone({ privateZoneName: n.toLowerCase() })).toBe(true);
    }), { numRuns: 300 });
  });

  it("Z1 Z2 Z4: invalid zone names are refused with the right rule, naming the name, changing nothing", () => {
    const short = fc.array(label(5), { minLength: 2, maxLength: 6 });
    const cases: fc.Arbitrary<[string, string]> = fc.oneof(
      label(63).map((l) => [l, "Z1"] as [string, string]),
      fc.array(label(3), { minLength: 35, maxLength: 60 }).map((ls) => [ls.join("."), "Z1"] as [string, string]),
      fc.tuple(short, fc.nat(), chars(BAD_CHARS)).map(([ls, i, c]) => {
        const k = i % ls.length;
        ls[k] = ls[k] + c;
        return [ls.join("."), "Z2"] as [string, string];
      }),
      fc.tuple(short, fc.nat(), str(LABEL_CHARS, 64, 90)).map(([ls, i, long]) => {
        ls[i % ls.length] = long;
        return [ls.join("."), "Z2"] as [string, string];
      }),
      fc.tuple(short, fc.nat()).map(([ls, i]) => {
        ls.splice(1 + (i % ls.length), 0, "");
        return [ls.join("."), "Z2"] as [string, string];
      }),
      short.map((ls) => [`${ls.join(".")}.`, "Z2"] as [string, string]),
      // 6-10 labels of 45-63 characters: always more than 253 in all, never more than 34 labels.
      fc.array(mixedCase(str(LABEL_CHARS, 45, 63)), { minLength: 6, maxLength: 10 }).map((ls) => [ls.join("."), "Z2"] as [string, string]),
      mixedCase(fc.constantFrom(...RESERVED_ZONE_NAMES)).map((n) => [n, "Z4"] as [string, string]),
    );
    const before = JSON.stringify(em.export());
    fc.assert(fc.property(cases, ([n, rule]) => {
      const r = refusal(() => em.createZone({ privateZoneName: n }));
      expect(r, n).toMatchObject({ code: "BadRequest", rule, value: n });
      expect(r!.message).toContain(n);
    }), { numRuns: 400 });
    expect(JSON.stringify(em.export())).toBe(before);
  });

  it("L6 Z3: link names: valid ones accepted and lower-cased, invalid ones refused with L6", () => {
    const valid = fc.tuple(mixedCase(str(LOWER_DIGITS, 1, 1)), mixedCase(str(`${LOWER_DIGITS}_.-`, 0, 78)), mixedCase(str(`${LOWER_DIGITS}_`, 1, 1)), fc.boolean())
      .map(([a, mid, z, single]) => (single ? a : `${a}${mid}${z}`));
    fc.assert(fc.property(valid, (n) => {
      const l = link(em, "names.test", n, vid);
      expect(l.name).toBe(n.toLowerCase());
      expect(em.getLink({ privateZoneName: "names.test", virtualNetworkLinkName: n.toUpperCase() }).id).toBe(l.id);
      expect(em.deleteLink({ privateZoneName: "names.test", virtualNetworkLinkName: n })).toBe(true);
    }), { numRuns: 300 });
    const invalid = fc.oneof(
      fc.tuple(chars("_.-"), str(LABEL_CHARS, 0, 10)).map(([a, b]) => `${a}${b}`),
      fc.tuple(str(LOWER_DIGITS, 1, 10), chars(".-")).map(([a, b]) => `${a}${b}`),
      str(LOWER_DIGITS, 81, 120),
      fc.tuple(str(LOWER_DIGITS, 1, 10), chars(BAD_CHARS), str(LOWER_DIGITS, 1, 10)).map(([a, c, b]) => `${a}${c}${b}`),
      fc.constant(""),
    );
    const before = JSON.stringify(em.export());
    fc.assert(fc.property(invalid, (n) => {
      expect(refusal(() => link(em, "names.test", n, vid)), n).toMatchObject({ code: "BadRequest", rule: "L6", value: n });
    }), { numRuns: 300 });
    expect(JSON.stringify(em.export())).toBe(before);
  });

  it("R1 Z3: record set names: labels, apex, wildcards accepted and lower-cased; invalid ones refused with R1", () => {
    const valid = fc.oneof(
      fc.array(label(20), { minLength: 1, maxLength: 4 }).map((ls) => ls.join(".")),
      fc.array(label(20), { minLength: 0, maxLength: 3 }).map((ls) => ["*", ...ls].join(".")),
      fc.constant("@"),
    );
    fc.assert(fc.property(valid, fc.constantFrom("A", "TXT", "CNAME", "SRV"), (n, type) => {
      if (type === "CNAME" && n === "@") return;
      const rs = em.createRecordSet({ privateZoneName: "names.test", relativeRecordSetName: n, recordType: type as any, ttl: 60 });
      expect(rs.name).toBe(n.toLowerCase());
      expect(rs.fqdn).toBe(n === "@" ? "names.test." : `${n.toLowerCase()}.names.test.`);
      expect(em.deleteRecordSet({ privateZoneName: "names.test", relativeRecordSetName: n.toUpperCase(), recordType: type as any })).toBe(true);
    }), { numRuns: 300 });
    const invalid = fc.oneof(
      fc.tuple(fc.array(label(10), { minLength: 1, maxLength: 3 }), fc.nat()).map(([ls, i]) => {
        ls.splice(1 + (i % ls.length), 0, "*");
        return ls.join(".");
      }),
      fc.tuple(label(10), chars(BAD_CHARS.replace("*", "")), label(10)).map(([a, c, b]) => `${a}${c}${b}`),
      fc.array(label(10), { minLength: 1, maxLength: 3 }).map((ls) => `${ls.join(".")}.`),
      fc.array(label(10), { minLength: 2, maxLength: 3 }).map((ls) => `${ls[0]}..${ls[1]}`),
      str(LABEL_CHARS, 64, 80),
      fc.constant(""),
    );
    const before = JSON.stringify(em.export());
    fc.assert(fc.property(invalid, (n) => {
      expect(refusal(() => em.createRecordSet({ privateZoneName: "names.test", relativeRecordSetName: n, recordType: "A", ttl: 60 })), n)
        .toMatchObject({ code: "BadRequest", rule: "R1", value: n });
    }), { numRuns: 300 });
    expect(JSON.stringify(em.export())).toBe(before);
    assertInvariants(em);
  });
});

describe("addresses (A9, A3)", () => {
  const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
  const toInt = (b: number[]) => ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
  const dotted = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");

  it("A9 A4 A5: a NIC address is accepted iff inside the vnet's address space; accepted ones are registered with their PTR", () => {
    const em = fileEmulator();
    zone(em, "ip.test");
    // Addresses biased to fall near the prefix, so that both outcomes are common.
    const gen = fc.tuple(ipv4, fc.integer({ min: 8, max: 30 }), fc.integer({ min: 0, max: 31 }), fc.nat())
      .map(([base, bits, flipBit, noise]) => {
        const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
        const net = (toInt(base) & mask) >>> 0;
        const host = (net | (noise & ~mask)) >>> 0;
        const ip = flipBit < bits && noise % 2 === 0 ? (host ^ (1 << (31 - flipBit))) >>> 0 : host;
        return { prefix: `${dotted(net)}/${bits}`, ip: dotted(ip), inside: ((ip & mask) >>> 0) === net };
      });
    let accepted = 0;
    let refused = 0;
    fc.assert(fc.property(gen, ({ prefix, ip, inside }) => {
      em.reset();
      zone(em, "ip.test");
      const v = vnet(em, "v", [prefix]);
      link(em, "ip.test", "reg", v.id, { registrationEnabled: true });
      const before = JSON.stringify(em.export());
      const r = refusal(() => em.createVm({ vmName: "m", virtualNetwork: { id: v.id }, networkInterfaces: [{ name: "n", privateIPAddress: ip }] }));
      if (inside) {
        expect(r, `${ip} in ${prefix}`).toBeUndefined();
        accepted++;
        const recs = em.registeredRecords({ vmName: "m" });
        expect(recs.map((x) => `${x.type} ${x.fqdn} ${x.value}`)).toEqual([
          `A m.ip.test. ${ip}`, `PTR ${ip.split(".").reverse().join(".")}.in-addr.arpa. m.ip.test.`,
        ]);
      } else {
        expect(r, `${ip} in ${prefix}`).toMatchObject({ code: "BadRequest", rule: "A9", value: ip });
        expect(JSON.stringify(em.export())).toBe(before);
        refused++;
      }
    }), { numRuns: 300 });
    expect(accepted).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(30);
    assertInvariants(em);
  });

  it("A3 A2: an IPv6 primary NIC gets no record (no AAAA), whatever the other NICs; an IPv4 primary is registered", () => {
    const em = fileEmulator();
    zone(em, "ip6.test");
    const v = vnet(em, "v", ["10.0.0.0/16", "fd00::/64"]);
    link(em, "ip6.test", "reg", v.id, { registrationEnabled: true });
    const v6 = fc.array(fc.nat(0xffff), { minLength: 4, maxLength: 4 }).map((g) => `fd00::${g.map((x) => x.toString(16)).join(":")}`);
    const v4 = fc.tuple(fc.nat(255), fc.integer({ min: 1, max: 254 })).map(([a, b]) => `10.0.${a}.${b}`);
    let n = 0;
    fc.assert(fc.property(v6, v4, fc.boolean(), fc.boolean(), (six, four, v6primary, withOther) => {
      const name = `m${n++}`;
      const nics = !withOther ? [{ name: "a", privateIPAddress: v6primary ? six : four }]
        : [{ name: "a", privateIPAddress: six, primary: v6primary }, { name: "b", privateIPAddress: four, primary: !v6primary }];
      em.createVm({ vmName: name, virtualNetwork: { id: v.id }, networkInterfaces: nics });
      const recs = em.registeredRecords({ vmName: name });
      if (v6primary) expect(recs).toEqual([]);
      else expect(recs.map((r) => `${r.type} ${r.value}`)).toEqual([`A ${four}`, `PTR ${name}.ip6.test.`]);
      expect(em.listRecordSets({ privateZoneName: "ip6.test" }, { type: "AAAA" })).toEqual([]);
      expect(violations(em)).toEqual([]);
      em.deleteVm({ vmName: name });
    }), { numRuns: 200 });
  });
});

// ---- Random operation sequences -------------------------------------------------------------------------

const ZONES = ["a.com", "b.com", "sub.a.com", "privatelink.c.net", "0.10.in-addr.arpa"];
const RGS = [undefined, "rg2"];
const VNETS = ["v1", "v2", "v3"];
const PREFIXES = [["10.0.0.0/16"], ["10.0.0.0/24", "fd00::/64"], ["10.1.0.0/16"], ["10.0.0.0/8"], ["10.0.0.0/24"]];
const LINKS = ["l1", "l2"];
const VMS = ["vm1", "vm2", "vm3", "vm4"];
const HOSTS = [undefined, "host", "vm2", "www"];
const IPS = ["10.0.0.4", "10.0.0.5", "10.0.1.4", "10.1.0.4", "fd00::4", "10.0.0.4"];
const RS_NAMES = ["vm1", "vm2", "host", "www", "*"];
const vid = (name: string) => ids.vnetId("emulator", name);

const zoneRef = fc.record({ privateZoneName: fc.constantFrom(...ZONES), resourceGroupName: fc.constantFrom(...RGS) });
const nicsArb = fc.oneof(
  fc.constantFrom(...IPS).map((ip) => [{ name: "n0", privateIPAddress: ip }]),
  fc.tuple(fc.constantFrom(...IPS), fc.constantFrom(...IPS), fc.constantFrom(0, 1, 2)).map(([a, b, p]) => [
    { name: "n0", privateIPAddress: a, primary: p === 0 }, { name: "n1", privateIPAddress: b, primary: p === 1 },
  ]),
);
const vmArgs = fc.record({
  vmName: fc.constantFrom(...VMS),
  computerName: fc.constantFrom(...HOSTS),
  virtualNetwork: fc.constantFrom(...VNETS).map((v) => ({ id: vid(v) })),
  networkInterfaces: nicsArb,
  powerState: fc.constantFrom<"running" | "deallocated">("running", "running", "deallocated"),
});
const rsArgs = fc.tuple(zoneRef, fc.constantFrom(...RS_NAMES), fc.constantFrom("A", "CNAME", "TXT"), fc.constantFrom("10.0.0.99", "10.0.0.4"))
  .map(([z, name, type, ip]) => ({
    ...z, relativeRecordSetName: name, recordType: type as "A" | "CNAME" | "TXT", ttl: 60,
    ...(type === "A" ? { aRecords: [{ ipv4Address: ip }] } : type === "CNAME" ? { cnameRecord: { cname: "www.a.com" } } : { txtRecords: [{ value: ["t"] }] }),
  }));

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 2, arbitrary: zoneRef.map((args) => ({ op: "createZone", args }) as Operation) },
  { weight: 1, arbitrary: zoneRef.map((args) => ({ op: "deleteZone", args }) as Operation) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...VNETS), fc.constantFrom(...PREFIXES), fc.constantFrom<"ResourceManager" | "Classic">("ResourceManager", "ResourceManager", "ResourceManager", "Classic"))
    .map(([name, p, m]) => ({ op: "putVnet", args: { virtualNetworkName: name, addressSpace: { addressPrefixes: p }, deploymentModel: m } }) as Operation) },
  { weight: 1, arbitrary: fc.constantFrom(...VNETS).map((v) => ({ op: "deleteVnet", args: vid(v) }) as Operation) },
  { weight: 4, arbitrary: fc.tuple(zoneRef, fc.constantFrom(...LINKS), fc.constantFrom(...VNETS), fc.boolean(), fc.constantFrom(undefined, "Default", "NxDomainRedirect"), fc.constantFrom("createLink", "putLink"))
    .map(([z, l, v, reg, policy, op]) => ({ op, args: { ...z, virtualNetworkLinkName: l, virtualNetwork: { id: vid(v) }, registrationEnabled: reg, ...(policy ? { resolutionPolicy: policy } : {}) } }) as Operation) },
  { weight: 2, arbitrary: fc.tuple(zoneRef, fc.constantFrom(...LINKS), fc.boolean())
    .map(([z, l, reg]) => ({ op: "updateLink", args: { ...z, virtualNetworkLinkName: l, registrationEnabled: reg } }) as Operation) },
  { weight: 1, arbitrary: fc.tuple(zoneRef, fc.constantFrom(...LINKS)).map(([z, l]) => ({ op: "deleteLink", args: { ...z, virtualNetworkLinkName: l } }) as Operation) },
  { weight: 5, arbitrary: fc.tuple(vmArgs, fc.constantFrom("createVm", "updateVm", "putVm")).map(([args, op]) => ({ op, args }) as Operation) },
  { weight: 2, arbitrary: fc.constantFrom(...VMS).map((vmName) => ({ op: "deleteVm", args: { vmName } }) as Operation) },
  { weight: 3, arbitrary: fc.tuple(rsArgs, fc.constantFrom("createRecordSet", "putRecordSet", "updateRecordSet")).map(([args, op]) => ({ op, args }) as Operation) },
  { weight: 2, arbitrary: rsArgs.map(({ privateZoneName, resourceGroupName, relativeRecordSetName, recordType }) =>
    ({ op: "deleteRecordSet", args: { privateZoneName, resourceGroupName, relativeRecordSetName, recordType } }) as Operation) },
);

/** A start that makes the interesting cases likely: zones, vnets, a registration link. */
const PRELUDE: Operation[] = [
  { op: "createZone", args: { privateZoneName: "a.com" } },
  { op: "createZone", args: { privateZoneName: "b.com" } },
  { op: "createVnet", args: { virtualNetworkName: "v1", addressSpace: { addressPrefixes: ["10.0.0.0/16", "fd00::/64"] } } },
  { op: "createVnet", args: { virtualNetworkName: "v2", addressSpace: { addressPrefixes: ["10.0.0.0/8"] } } },
  { op: "createLink", args: { privateZoneName: "a.com", virtualNetworkLinkName: "l1", virtualNetwork: { id: vid("v1") }, registrationEnabled: true } },
];

function applyChecked(em: Emulator, op: Operation, stats: { ok: number; refused: number }) {
  const before = JSON.stringify(em.export());
  try {
    em.apply(op);
    stats.ok++;
  } catch (e) {
    if (!isEmulatorError(e)) throw new Error(`${JSON.stringify(op)} threw a non-emulator error: ${String((e as Error)?.stack ?? e)}`);
    stats.refused++;
    const after = JSON.stringify(em.export());
    if (after !== before) throw new Error(`refused ${JSON.stringify(op)} (${e.message}) changed the store`);
  }
}

describe("random operation sequences", () => {
  it("invariants hold after every operation of random sequences (refused operations change nothing)", () => {
    const em = fileEmulator();
    const stats = { ok: 0, refused: 0 };
    fc.assert(fc.property(fc.array(operation, { minLength: 5, maxLength: 40 }), (ops) => {
      em.reset();
      for (const op of [...PRELUDE, ...ops]) {
        applyChecked(em, op, stats);
        const v = violations(em, { fileIntegrity: false }); // the file's own check: once the sequence is done, below
        if (v.length) throw new Error(`after ${JSON.stringify(op)}:\n  ${v.join("\n  ")}`);
      }
      assertInvariants(em, { resolution: true });
    }), { numRuns: 1000 });
    expect(stats.ok).toBeGreaterThan(1000);
    expect(stats.refused).toBeGreaterThan(300);
  });

  it("Q1-Q5: the DNS server's in-memory view answers every question as Emulator.resolve, and follows this connection's writes", () => {
    const em = fileEmulator();
    const stats = { ok: 0, refused: 0 };
    // One reader per vnet for the whole run: its view must notice every write made between two of its batches.
    const readers = new Map(VNETS.map((v) => [v, em.snapshots(vid(v))]));
    let asked = 0;
    fc.assert(fc.property(fc.array(operation, { minLength: 5, maxLength: 30 }), (ops) => {
      em.reset();
      // Names of two labels under a zone, so that empty non-terminals (NODATA, not NXDOMAIN) and wildcards below them occur.
      const deep = ["x.deep", "*.deep"].map((name): Operation => ({ op: "putRecordSet", args: {
        privateZoneName: "a.com", relativeRecordSetName: name, recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.9.9.9" }] } }));
      for (const op of [...PRELUDE, ...ops, ...deep]) applyChecked(em, op, stats);
      const e = em.export();
      const names = new Set<string>(["nothere.a.com", "x.y.sub.a.com", "a.com", "b.com", "single", "4.0.0.10.in-addr.arpa", "y.deep.a.com", "z.y.deep.a.com"]);
      for (const rs of e.recordSets) for (let n = rs.fqdn.replace(/\.$/, ""); n.includes("."); n = n.slice(n.indexOf(".") + 1)) names.add(n);
      for (const vm of e.vms) for (const r of vm.registeredRecords) names.add(r.fqdn.replace(/\.$/, ""));
      for (const vnet of e.vnets) {
        const reader = readers.get(vnet.name)!;
        try {
          for (const name of names) for (const type of ["A", "AAAA", "CNAME", "TXT", "SOA", "PTR"]) {
            asked++;
            expect({ name, type, r: reader.resolve(name, type) }).toEqual({ name, type, r: em.resolve(vnet.id, name, type) });
          }
        } finally {
          reader.end();
        }
      }
    }), { numRuns: 150 });
    expect(asked).toBeGreaterThan(10_000);
  });

  it("E: wouldRefuse(op, pending) equals what applying pending then op really does, and writes nothing", () => {
    const em = fileEmulator();
    fc.assert(fc.property(fc.array(operation, { maxLength: 15 }), fc.array(operation, { maxLength: 6 }), operation, (start, pending, op) => {
      em.reset();
      for (const s of [...PRELUDE, ...start]) {
        try {
          em.apply(s);
        } catch (e) {
          if (!isEmulatorError(e)) throw e;
        }
      }
      const before = JSON.stringify(em.export());
      const predicted = em.wouldRefuse(op, pending);
      expect(JSON.stringify(em.export())).toBe(before);
      for (const p of pending) {
        try {
          em.apply(p);
        } catch (e) {
          if (!isEmulatorError(e)) throw e;
        }
      }
      const actual = refusal(() => em.apply(op));
      if (predicted === undefined) expect(actual, JSON.stringify(op)).toBeUndefined();
      else expect(actual, JSON.stringify(op)).toEqual({ code: predicted.code, rule: predicted.rule, value: predicted.value, message: predicted.message });
    }), { numRuns: 800 });
  });

  it("the invariant checker can fail: it catches a corrupted counter, a stray auto record and a second registration link", () => {
    const em = fileEmulator();
    zone(em, "a.com");
    zone(em, "b.com");
    const v = vnet(em, "v1");
    link(em, "a.com", "l", v.id, { registrationEnabled: true });
    em.createVm({ vmName: "m", virtualNetwork: { id: v.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.4" }] });
    expect(violations(em, { resolution: true })).toEqual([]);
    const db = em.store.db;
    db.prepare("UPDATE zones SET record_set_count = record_set_count + 1 WHERE name = 'a.com'").run();
    expect(violations(em).join("\n")).toMatch(/Z8: zone a\.com record_set_count 3 != 2/);
    expect(() => assertInvariants(em)).toThrow(/numberOfRecordSets 3 != 2/);
    db.prepare("UPDATE zones SET record_set_count = record_set_count - 1 WHERE name = 'a.com'").run();
    db.prepare("UPDATE zones SET registration_link_count = 0 WHERE name = 'a.com'").run();
    expect(violations(em).join("\n")).toMatch(/registration_link_count 0 != 1/);
    db.prepare("UPDATE zones SET registration_link_count = 1 WHERE name = 'a.com'").run();
    expect(violations(em)).toEqual([]);
    // A stray auto record (no VM behind it).
    db.prepare(`INSERT INTO record_sets (zone_id, name, rname, type, ttl, data, metadata, auto, etag)
                SELECT id, 'ghost', 'ghost', 'A', 10, '{"aRecords":[{"ipv4Address":"10.0.0.9"}]}', '{}', 1, 'x' FROM zones WHERE name = 'b.com'`).run();
    expect(violations(em).join("\n")).toMatch(/A6: auto set ghost\.b\.com .* belongs to no running registered VM/);
    db.prepare("DELETE FROM record_sets WHERE name = 'ghost'").run();
    // The VM's record gone missing behind the emulator's back.
    db.prepare("DELETE FROM record_sets WHERE name = 'm'").run();
    db.prepare("UPDATE zones SET record_set_count = record_set_count - 1 WHERE name = 'a.com'").run();
    expect(violations(em).join("\n")).toMatch(/A4: VM m has no A record m\.a\.com/);
    em.updateVm({ vmName: "m", virtualNetwork: { id: v.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.5" }] });
    expect(violations(em, { resolution: true })).toEqual([]);
    // A second registration link (bypassing the rule and the unique index).
    db.exec("DROP INDEX links_one_registration_zone");
    db.prepare(`INSERT INTO links (zone_id, vnet_id, name, registration, resolution_policy, tags, etag)
                SELECT z.id, v.id, 'l2', 1, NULL, '{}', 'x' FROM zones z, vnets v WHERE z.name = 'b.com' AND v.name = 'v1'`).run();
    expect(violations(em).join("\n")).toMatch(/L3: vnet \d+ has 2 registration links/);
  });
});
