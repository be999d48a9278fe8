import * as fs from "fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, errorOf, expectRefusal, fileEmulator, link, vm, vnet, zone } from "../support/helpers";
import { assertInvariants } from "../support/invariants";
import { Emulator, EmulatorError, ids, Operation } from "../../dist/provider/emulator";

afterEach(cleanup);

// NotFound is Azure's code for a record set that does not exist (add_record_when_record_set_is_empty, recorded).
const AZURE_CODES = ["BadRequest", "Conflict", "NotFound", "ResourceNotFound", "ParentResourceNotFound", "CannotDeleteResource", "PreconditionFailed", "QuotaExceeded"];
const vnetId = (name: string) => ids.vnetId("emulator", name);

/** contoso.com (registration from v1, with vm1 and user sets) and its namesake in rg2, fabrikam.com (resolution from v2), a classic vnet. */
function base(): Emulator {
  const em = fileEmulator();
  zone(em, "contoso.com");
  zone(em, "fabrikam.com");
  zone(em, "privatelink.x.net");
  zone(em, "contoso.com", "rg2");
  const v1 = vnet(em, "v1");
  const v2 = vnet(em, "v2", ["10.1.0.0/16"]);
  vnet(em, "old", ["10.2.0.0/16"], { deploymentModel: "Classic" });
  link(em, "contoso.com", "reg", v1.id, { registrationEnabled: true });
  link(em, "fabrikam.com", "res", v2.id);
  vm(em, "vm1", v1.id, "10.0.0.4");
  em.createRecordSet({ privateZoneName: "contoso.com", relativeRecordSetName: "www", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.0.0.80" }] });
  em.createRecordSet({ privateZoneName: "contoso.com", relativeRecordSetName: "alias", recordType: "CNAME", ttl: 60, cnameRecord: { cname: "www.contoso.com" } });
  return em;
}

const C = { privateZoneName: "contoso.com" };
const F = { privateZoneName: "fabrikam.com" };
const vmOp = (over: Record<string, unknown> = {}): Operation =>
  ({ op: "createVm", args: { vmName: "vm2", virtualNetwork: { id: vnetId("v1") }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.5" }], ...over } }) as Operation;

/** Operations the base state refuses, with the rule each breaks. */
const REFUSED: [string, Operation][] = [
  ["Z1", { op: "createZone", args: { privateZoneName: "single" } }],
  ["Z2", { op: "createZone", args: { privateZoneName: "bad..name" } }],
  ["Z4", { op: "createZone", args: { privateZoneName: "azure.com" } }],
  ["Z6", { op: "createZone", args: { privateZoneName: "Contoso.com" } }],
  ["Z6", { op: "createLink", args: { privateZoneName: "contoso.com", resourceGroupName: "rg2", virtualNetworkLinkName: "x", virtualNetwork: { id: vnetId("v1") } } }],
  ["Z7", { op: "deleteZone", args: C }],
  ["Z5", { op: "createRecordSet", args: { ...C, relativeRecordSetName: "sub", recordType: "NS" as any, ttl: 60 } }],
  ["Z5", { op: "deleteRecordSet", args: { ...C, relativeRecordSetName: "@", recordType: "SOA" } }],
  ["R1", { op: "createRecordSet", args: { ...C, relativeRecordSetName: "a.*", recordType: "A", ttl: 60 } }],
  ["R1", { op: "createRecordSet", args: { ...C, relativeRecordSetName: "www", recordType: "A", ttl: 60 } }],
  ["R2", { op: "createRecordSet", args: { ...C, relativeRecordSetName: "t", recordType: "A", ttl: 0 } }],
  ["R3", { op: "createRecordSet", args: { ...C, relativeRecordSetName: "t", recordType: "A", ttl: 60, aRecords: Array.from({ length: 21 }, (_, i) => ({ ipv4Address: `10.0.0.${i}` })) } }],
  ["R4", { op: "createRecordSet", args: { ...C, relativeRecordSetName: "alias", recordType: "TXT", ttl: 60 } }],
  ["R4", { op: "createRecordSet", args: { ...C, relativeRecordSetName: "vm1", recordType: "CNAME", ttl: 60, cnameRecord: { cname: "a.b.c" } } }],
  ["R5", { op: "createRecordSet", args: { ...C, relativeRecordSetName: "t", recordType: "TXT", ttl: 60, txtRecords: [{ value: ["x".repeat(300)] }] } }],
  ["L1", { op: "createLink", args: { ...F, virtualNetworkLinkName: "x", virtualNetwork: {} as any } }],
  ["L2", { op: "createLink", args: { ...F, virtualNetworkLinkName: "x", virtualNetwork: { id: vnetId("v1") }, registrationEnabled: "true" as any } }],
  ["L3", { op: "createLink", args: { ...F, virtualNetworkLinkName: "x", virtualNetwork: { id: vnetId("v1") }, registrationEnabled: true } }],
  ["L5", { op: "createLink", args: { ...C, virtualNetworkLinkName: "other", virtualNetwork: { id: vnetId("v1") } } }],
  ["L6", { op: "createLink", args: { ...C, virtualNetworkLinkName: "reg", virtualNetwork: { id: vnetId("v2") } } }],
  ["L6", { op: "createLink", args: { ...C, virtualNetworkLinkName: "-bad", virtualNetwork: { id: vnetId("v2") } } }],
  ["L7", { op: "createLink", args: { ...C, virtualNetworkLinkName: "old", virtualNetwork: { id: vnetId("old") } } }],
  ["L12", { op: "createLink", args: { ...C, virtualNetworkLinkName: "x", virtualNetwork: { id: vnetId("v2") }, resolutionPolicy: "NxDomainRedirect" } }],
  ["L13", { op: "updateLink", args: { ...C, virtualNetworkLinkName: "reg", virtualNetwork: { id: vnetId("v2") } } }],
  ["A2", vmOp({ networkInterfaces: [{ name: "a", privateIPAddress: "10.0.0.5" }, { name: "b", privateIPAddress: "10.0.0.6" }] })],
  ["A4", vmOp({ computerName: "bad_name" })],
  ["A6", vmOp({ powerState: "stopped" })],
  ["A9", vmOp({ networkInterfaces: [{ name: "n", privateIPAddress: "10.9.0.5" }] })],
  ["A9", vmOp({ networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.4" }] })],
  ["A9", { op: "updateVnet", args: { virtualNetworkName: "v1", addressSpace: { addressPrefixes: ["10.0.1.0/24"] } } }],
  ["E", { op: "updateVm", args: { vmName: "ghost", virtualNetwork: { id: vnetId("v1") }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.9" }] } }],
  ["E", { op: "createLink", args: { privateZoneName: "nozone.com", virtualNetworkLinkName: "x", virtualNetwork: { id: vnetId("v1") } } }],
  ["E", { op: "createVnet", args: { virtualNetworkName: "v1", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } } }],
  ["E", { op: "updateRecordSet", args: { ...C, relativeRecordSetName: "nope", recordType: "A", ttl: 60 } }],
];

/** Operations the base state accepts. */
const ACCEPTED: Operation[] = [
  { op: "createZone", args: { privateZoneName: "new.com" } },
  { op: "createZone", args: { privateZoneName: "fabrikam.com", resourceGroupName: "rg2" } },
  { op: "createVnet", args: { virtualNetworkName: "v3", addressSpace: { addressPrefixes: ["10.3.0.0/16"] } } },
  { op: "createLink", args: { ...F, virtualNetworkLinkName: "x", virtualNetwork: { id: vnetId("v1") } } },
  { op: "updateLink", args: { ...C, virtualNetworkLinkName: "reg", registrationEnabled: false } },
  { op: "deleteLink", args: { ...C, virtualNetworkLinkName: "reg" } },
  vmOp(),
  { op: "deleteVm", args: { vmName: "vm1" } },
  { op: "deleteVnet", args: vnetId("v1") },
  { op: "createRecordSet", args: { ...C, relativeRecordSetName: "vm1", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "1.2.3.4" }] } },
  { op: "deleteRecordSet", args: { ...C, relativeRecordSetName: "alias", recordType: "CNAME" } },
  { op: "putZone", args: { ...C, tags: { env: "test" } } },
];

const same = (a: EmulatorError | undefined, b: EmulatorError | undefined) => {
  expect(a).toBeDefined();
  expect(b).toBeDefined();
  expect({ code: a!.code, rule: a!.rule, message: a!.message, json: a!.toJSON() }).toEqual({ code: b!.code, rule: b!.rule, message: b!.message, json: b!.toJSON() });
};

const fileBytes = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p) : Buffer.alloc(0));

describe("errors (E)", () => {
  it("E: every refusal carries an Azure-style code, the rule, the resource and value, and changes nothing", () => {
    const em = base();
    const db = em.path;
    for (const [rule, op] of REFUSED) {
      const mainBefore = fileBytes(db);
      const e = expectRefusal(em, () => em.apply(op), { code: expect.any(String) as any, rule });
      expect(AZURE_CODES).toContain(e.code);
      expect(e.name).toBe("EmulatorError");
      expect(e.message.startsWith(`${e.code} (${e.rule}) ${e.resource}: `)).toBe(true);
      expect(e.message).toContain(e.detail);
      expect(e.field, `${rule}: the offending field is carried`).not.toBe("");
      expect(e.message, "the message names the field").toContain(e.field);
      expect(JSON.parse(JSON.stringify(e))).toEqual({ code: e.code, rule: e.rule, resource: e.resource, field: e.field, value: e.value === undefined ? undefined : JSON.parse(JSON.stringify(e.value)), message: e.detail });
      expect(fileBytes(db).equals(mainBefore)).toBe(true);
    }
    assertInvariants(em);
  });

  it("E: codes match the kind of refusal", () => {
    const em = base();
    const code = (op: Operation) => errorOf(() => em.apply(op)).code;
    const rule = (r: string) => REFUSED.filter(([x]) => x === r).map(([, op]) => code(op));
    expect(rule("L3")).toEqual(["Conflict"]);
    expect(rule("L5")).toEqual(["Conflict"]);
    expect(rule("Z7")).toEqual(["CannotDeleteResource"]);
    expect(rule("R3")).toEqual(["QuotaExceeded"]);
    expect(rule("Z1")).toEqual(["BadRequest"]);
    expect(rule("E")).toEqual(["ResourceNotFound", "ParentResourceNotFound", "Conflict", "NotFound"]);
  });

  it("E: wouldRefuse gives exactly the error the operation gives, and undefined for accepted operations", () => {
    for (const [rule, op] of REFUSED) {
      const em = base();
      const predicted = em.wouldRefuse(op);
      expect(predicted?.rule, `${rule} ${JSON.stringify(op)}`).toBe(rule);
      same(predicted, errorOf(() => em.apply(op)));
      cleanup();
    }
    for (const op of ACCEPTED) {
      const em = base();
      expect(em.wouldRefuse(op), JSON.stringify(op)).toBeUndefined();
      em.apply(op);
      assertInvariants(em);
      cleanup();
    }
  });

  it("E: wouldRefuse with pending operations answers as if they were applied, skipping pending ones that would be refused", () => {
    const cases: { pending: Operation[]; op: Operation; rule?: string }[] = [
      // Two registration links for one new vnet, both still pending: L3.
      { pending: [{ op: "createVnet", args: { virtualNetworkName: "v3", addressSpace: { addressPrefixes: ["10.3.0.0/16"] } } },
        { op: "createLink", args: { ...C, virtualNetworkLinkName: "l3", virtualNetwork: { id: vnetId("v3") }, registrationEnabled: true } }],
        op: { op: "createLink", args: { ...F, virtualNetworkLinkName: "l3", virtualNetwork: { id: vnetId("v3") }, registrationEnabled: true } }, rule: "L3" },
      // A refused pending operation is skipped; the rest still counts.
      { pending: [{ op: "createZone", args: { privateZoneName: "contoso" } }, { op: "createZone", args: { privateZoneName: "new.com" } }],
        op: { op: "createZone", args: { privateZoneName: "new.com" } }, rule: "Z6" },
      // A pending delete frees the vnet's registration.
      { pending: [{ op: "deleteLink", args: { ...C, virtualNetworkLinkName: "reg" } }],
        op: { op: "createLink", args: { ...F, virtualNetworkLinkName: "x", virtualNetwork: { id: vnetId("v1") }, registrationEnabled: true } } },
      // A pending VM takes an address.
      { pending: [vmOp({ vmName: "vm9", networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.9" }] })],
        op: vmOp({ networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.9" }] }), rule: "A9" },
      // A pending unlink lets the zone go.
      { pending: [{ op: "deleteLink", args: { ...F, virtualNetworkLinkName: "res" } }], op: { op: "deleteZone", args: F } },
      // A pending refused unlink (wrong zone) is skipped: the zone still has its link.
      { pending: [{ op: "deleteLink", args: { privateZoneName: "x", virtualNetworkLinkName: "res" } }], op: { op: "deleteZone", args: F }, rule: "Z7" },
      // A pending user CNAME at a VM host, then a VM of that host: accepted; a TXT there: R4.
      { pending: [{ op: "createRecordSet", args: { ...C, relativeRecordSetName: "web", recordType: "CNAME", ttl: 5, cnameRecord: { cname: "www.contoso.com" } } }],
        op: { op: "createRecordSet", args: { ...C, relativeRecordSetName: "web", recordType: "TXT", ttl: 5 } }, rule: "R4" },
    ];
    for (const { pending, op, rule } of cases) {
      const em = base();
      const before = em.export();
      const predicted = em.wouldRefuse(op, pending);
      expect(em.export()).toEqual(before);
      for (const p of pending) {
        try {
          em.apply(p);
        } catch (e) {
          if (!(e instanceof Error) || e.name !== "EmulatorError") throw e;
        }
      }
      if (rule === undefined) {
        expect(predicted, JSON.stringify(op)).toBeUndefined();
        em.apply(op);
      } else {
        expect(predicted?.rule).toBe(rule);
        same(predicted, errorOf(() => em.apply(op)));
      }
      assertInvariants(em);
      cleanup();
    }
  });

  it("E: wouldRefuse never changes the store file, commits nothing, and leaves the store usable", () => {
    const em = base();
    em.store.db.pragma("wal_checkpoint(TRUNCATE)");
    const main = em.path;
    const wal = `${main}-wal`;
    const before = { main: fileBytes(main), wal: fileBytes(wal), export: em.export() };
    const other = new Database(main, { readonly: true });
    const version = () => other.pragma("data_version", { simple: true });
    const v0 = version();
    const allPending = [...ACCEPTED, ...REFUSED.map(([, op]) => op)];
    let calls = 0;
    for (let round = 0; round < 20; round++) {
      for (const [, op] of REFUSED) {
        const pending = allPending.filter((_, i) => (i + round) % 3 === 0);
        em.wouldRefuse(op, pending);
        calls++;
      }
      for (const op of ACCEPTED) {
        expect(em.wouldRefuse(op)).toBeUndefined();
        calls++;
      }
    }
    expect(calls).toBeGreaterThan(500);
    expect(version()).toBe(v0);
    expect(fileBytes(main).equals(before.main)).toBe(true);
    expect(fileBytes(wal).equals(before.wal)).toBe(true);
    expect(em.export()).toEqual(before.export);
    expect(em.store.db.inTransaction).toBe(false);
    // Another process's view: nothing committed.
    const count = other.prepare("SELECT (SELECT count(*) FROM zones) AS z, (SELECT count(*) FROM links) AS l, (SELECT count(*) FROM vms) AS v, (SELECT count(*) FROM record_sets) AS r").get();
    expect(count).toEqual({ z: 4, l: 2, v: 1, r: 7 });
    other.close();
    // The store still works after all that.
    em.apply(vmOp());
    expect(em.getRecordSet({ ...C, relativeRecordSetName: "vm2", recordType: "A" }).isAutoRegistered).toBe(true);
    assertInvariants(em);
  });
});
