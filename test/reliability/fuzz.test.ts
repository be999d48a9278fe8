/**
 * fast-check over every input of every emulator operation and of every resource kind's `check`: valid
 * arguments with one to three fields replaced by arbitrary values (wrong types, huge strings, the preview's
 * unknown GUID, NaN, arrays for objects...) or removed, and wholly arbitrary arguments. Every failure must be a
 * typed EmulatorError (SPEC E: a code and a rule) or a check failure entry naming one; never a TypeError, a
 * crash or a hang (each call is timed). A refused operation changes nothing, and check never changes anything:
 * `export()` is compared before and after.
 */
import * as fs from "fs";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator, isEmulatorError } from "../../dist/provider/emulator";
import { handlers, releasePlan, UNKNOWN } from "../../dist/provider";
import { checkInvariants, integrityCheck } from "../support/table-invariants";
import { tempDb } from "../support/store";

const vnetId = (name: string, rg = "emulator") =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${name}`;
const HUB = vnetId("hub");
const SPOKE = vnetId("spoke");
const CLASSIC = vnetId("classic");
const SLOW_MS = 20_000; // a hang guard, not a speed target (bench/ measures speed)
const RUNS = Number(process.env.FUZZ_RUNS || 400);
/** Fixed seeds keep the suite reproducible; FUZZ_SEED=n explores other cases (FUZZ_RUNS=n for more of them). */
const SEED = Number(process.env.FUZZ_SEED || 0);

/** Values of every wrong kind: specials, huge strings, the unknown GUID, ids, arbitrary JSON and JS values. */
const weird: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(
    undefined, null, NaN, Infinity, -Infinity, -0, 0, -1, 1.5, 2 ** 31, 2 ** 53, 1e308, true, false,
    "", " ", ".", "..", "@", "*", "*.*", "/", "\u0000", "ÄÖ.internal", "💥", "10.0.0.4", "10.0.0.0/16", "::1",
    "fd00::/8", "0.0.0.0/0", "10.0.0.0/33", "256.0.0.1", "1.2.3", UNKNOWN, [UNKNOWN], { id: UNKNOWN }, "__proto__",
    "constructor", "toString", "hasOwnProperty", [], {}, [[]], [{}], [null], HUB, SPOKE, CLASSIC, `${HUB}/subnets/x`,
    "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/", "Classic", "deallocated",
    "NxDomainRedirect", "SOA", "NS", "ns", "CNAME", "a", "corp.internal", "CORP.INTERNAL.", "azure.com",
  ) },
  { weight: 1, arbitrary: fc.constantFrom(
    "a".repeat(100_000), "a.".repeat(50_000), "x".repeat(254), `${"a".repeat(63)}.`.repeat(4) + "com",
    "9".repeat(400), "-".repeat(81), "(a+)+$".repeat(2000), "a".repeat(64) + ".internal", Array(300).fill("a").join("."),
  ) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 90 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

type Path = (string | number)[];
function pathsOf(v: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...prefix, i])));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...prefix, k]));
  return out;
}
function setAt(root: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [k, ...rest] = path;
  if (rest.length === 0) {
    if (remove) delete copy[k];
    else copy[k] = value;
  } else copy[k] = setAt(copy[k], rest, value, remove);
  return copy;
}

/** A valid template with 1-3 fields replaced (or removed, or a new key added), or a wholly arbitrary value. */
function mutated(template: Record<string, unknown>): fc.Arbitrary<any> {
  const paths = pathsOf(template).filter((p) => p.length > 0);
  const change = fc.record({
    path: fc.constantFrom(...paths), value: weird, remove: fc.boolean(),
  });
  const extraKey = fc.tuple(fc.constantFrom("extra", "__urn", "__provider", "__virtualNetworkId", "id", "name"), weird);
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.array(change, { minLength: 1, maxLength: 3 }), fc.option(extraKey)).map(([changes, extra]) => {
      let v: any = template;
      for (const c of changes) v = setAt(v, c.path, c.value, c.remove && c.path.length > 0);
      return extra ? { ...v, [extra[0]]: extra[1] } : v;
    }) },
    { weight: 1, arbitrary: fc.constant(template) },
    { weight: 1, arbitrary: weird },
  );
}

// Valid arguments against the seeded store, one per operation family.
const zoneArgs = { privateZoneName: "new.internal", resourceGroupName: "rg2", tags: { env: "dev" } };
const zoneRef = { privateZoneName: "corp.internal" };
const vnetArgs = { virtualNetworkName: "v9", resourceGroupName: "net", addressSpace: { addressPrefixes: ["10.5.0.0/16", "fd00::/48"] }, deploymentModel: "ResourceManager" };
const vnetRef = { virtualNetworkName: "hub" };
const linkArgs = {
  privateZoneName: "corp.internal", virtualNetworkLinkName: "spoke-link", virtualNetwork: { id: SPOKE },
  registrationEnabled: true, resolutionPolicy: "Default", tags: { a: "b" },
};
const linkRef = { privateZoneName: "corp.internal", virtualNetworkLinkName: "hub-reg" };
const vmArgs = {
  vmName: "app", computerName: "app1", virtualNetwork: { id: HUB }, powerState: "running",
  networkInterfaces: [{ name: "nic0", privateIPAddress: "10.0.0.9", primary: true }, { name: "nic1", privateIPAddress: "10.0.1.9", primary: false }],
};
const vmRef = { vmName: "web" };
const recordArgs: Record<string, Record<string, unknown>> = {
  A: { aRecords: [{ ipv4Address: "10.0.0.7" }, { ipv4Address: "10.0.0.8" }] },
  AAAA: { aaaaRecords: [{ ipv6Address: "fd00::7" }] },
  CNAME: { cnameRecord: { cname: "web.corp.internal" } },
  MX: { mxRecords: [{ preference: 10, exchange: "mail.corp.internal" }] },
  PTR: { ptrRecords: [{ ptrdname: "web.corp.internal" }] },
  SRV: { srvRecords: [{ priority: 1, weight: 2, port: 443, target: "web.corp.internal" }] },
  TXT: { txtRecords: [{ value: ["hello", "world"] }] },
  SOA: { soaRecord: { host: "azureprivatedns.net", email: "admin.corp.internal", serialNumber: 2, refreshTime: 1, retryTime: 1, expireTime: 1, minimumTtl: 1 } },
};
const recordSet = (type: string) => ({
  privateZoneName: "corp.internal", relativeRecordSetName: type === "SOA" ? "@" : `r-${type.toLowerCase()}`, recordType: type, ttl: 300,
  metadata: { k: "v" }, ...recordArgs[type],
});
const recordRef = { privateZoneName: "corp.internal", relativeRecordSetName: "www", recordType: "CNAME" };

function seed(emu: Emulator) {
  emu.reset();
  emu.createZone({ privateZoneName: "corp.internal" });
  emu.createZone({ privateZoneName: "privatelink.blob.core.windows.net" });
  emu.createZone({ privateZoneName: "other.internal", resourceGroupName: "rg2" });
  const hub = emu.createVnet({ virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
  emu.createVnet({ virtualNetworkName: "spoke", addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });
  emu.createVnet({ virtualNetworkName: "classic", addressSpace: { addressPrefixes: ["10.9.0.0/16"] }, deploymentModel: "Classic" });
  emu.createLink({ ...linkRef, virtualNetwork: { id: hub.id }, registrationEnabled: true });
  emu.createVm({ vmName: "web", virtualNetwork: { id: hub.id }, networkInterfaces: [{ name: "nic", privateIPAddress: "10.0.0.4" }] });
  emu.createRecordSet({ ...recordRef, ttl: 60, cnameRecord: { cname: "web.corp.internal" } } as any);
  emu.createRecordSet({ privateZoneName: "corp.internal", relativeRecordSetName: "mail", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.0.2.1" }] });
}

/** Every operation of the emulator, each with arbitrary arguments derived from a valid template. */
const OPERATIONS: [string, fc.Arbitrary<unknown[]>][] = [
  ...["createZone", "updateZone", "putZone"].map((op) => [op, mutated(zoneArgs).map((a) => [a])] as [string, fc.Arbitrary<unknown[]>]),
  ...["deleteZone", "getZone", "findZone"].map((op) => [op, mutated(zoneRef).map((a) => [a])] as [string, fc.Arbitrary<unknown[]>]),
  ...["createVnet", "updateVnet", "putVnet"].map((op) => [op, mutated(vnetArgs).map((a) => [a])] as [string, fc.Arbitrary<unknown[]>]),
  ...["deleteVnet", "getVnet", "findVnet"].map((op) => [op, fc.oneof(mutated(vnetRef), mutated({ id: HUB }).map((x: any) => x?.id)).map((a) => [a])] as [string, fc.Arbitrary<unknown[]>]),
  ...["createLink", "updateLink", "putLink"].map((op) => [op, mutated(linkArgs).map((a) => [a])] as [string, fc.Arbitrary<unknown[]>]),
  ...["deleteLink", "getLink", "findLink"].map((op) => [op, mutated(linkRef).map((a) => [a])] as [string, fc.Arbitrary<unknown[]>]),
  ["listLinks", mutated({ zone: zoneRef, vnet: HUB }).map((a) => [a])],
  ...["createVm", "updateVm", "putVm"].map((op) => [op, mutated(vmArgs).map((a) => [a])] as [string, fc.Arbitrary<unknown[]>]),
  ...["deleteVm", "getVm", "findVm", "registeredRecords"].map((op) => [op, mutated(vmRef).map((a) => [a])] as [string, fc.Arbitrary<unknown[]>]),
  ...["createRecordSet", "updateRecordSet", "putRecordSet"].map((op) =>
    [op, fc.constantFrom(...Object.keys(recordArgs)).chain((t) => mutated(recordSet(t))).map((a) => [a])] as [string, fc.Arbitrary<unknown[]>]),
  ...["deleteRecordSet", "getRecordSet", "findRecordSet"].map((op) => [op, mutated(recordRef).map((a) => [a])] as [string, fc.Arbitrary<unknown[]>]),
  ["listRecordSets", fc.tuple(mutated(zoneRef), mutated({ type: "A" }))],
  ["resolve", fc.tuple(fc.oneof(mutated(vnetRef), fc.constant(HUB), weird), mutated({ n: "web.corp.internal" }).map((x: any) => x?.n ?? x),
    fc.oneof(fc.constantFrom("A", "PTR", "TXT", "SOA", "ANY", "NS", "a"), weird))],
  ["apply", mutated({ op: "createZone", args: zoneArgs }).map((a) => [a])],
  ["wouldRefuse", fc.tuple(mutated({ op: "createLink", args: linkArgs }), fc.oneof(fc.constant([]),
    fc.array(mutated({ op: "createZone", args: zoneArgs }), { maxLength: 3 }), weird))],
];

function isTyped(e: unknown): boolean {
  return isEmulatorError(e) && typeof (e as any).code === "string" && (e as any).code.length > 0
    && typeof (e as any).rule === "string" && (e as any).rule.length > 0 && typeof (e as any).resource === "string";
}
const describeError = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}\n${(e.stack ?? "").split("\n").slice(1, 5).join("\n")}` : String(e));
const show = (v: unknown) => { try { const s = JSON.stringify(v); return s === undefined ? String(v) : s.slice(0, 400); } catch { return String(v); } };

let db: string;
let emu: Emulator;
beforeAll(() => {
  db = tempDb("pdns-fuzz-");
  process.env.PRIVATEDNS_EMULATOR_DB = db;
  emu = Emulator.open(db);
  seed(emu);
});
afterAll(() => emu?.close());

describe("fast-check over every emulator operation", () => {
  it.each(OPERATIONS.map(([op, args]) => ({ op, args })))("$op: every failure is a typed EmulatorError; a refusal changes nothing", ({ op, args }) => {
    let runs = 0;
    fc.assert(
      fc.property(args, (argv) => {
        if (++runs % 50 === 0) seed(emu); // keep the store small and the templates meaningful
        const before = JSON.stringify(emu.export());
        const t0 = Date.now();
        let error: unknown;
        try {
          (emu as any)[op](...argv);
        } catch (e) {
          error = e;
        }
        const ms = Date.now() - t0;
        if (ms > SLOW_MS) throw new Error(`${op}(${show(argv)}) took ${ms} ms`);
        if (error !== undefined) {
          if (!isTyped(error)) throw new Error(`${op}(${show(argv)}) threw an untyped error: ${describeError(error)}`);
          const after = JSON.stringify(emu.export());
          if (after !== before) throw new Error(`${op}(${show(argv)}) was refused (${(error as Error).message}) but changed the store`);
        }
        if (op === "wouldRefuse" && JSON.stringify(emu.export()) !== before) throw new Error(`wouldRefuse(${show(argv)}) changed the store`);
      }),
      { numRuns: RUNS, seed: SEED + 0xfa57 + op.length, endOnFailure: true },
    );
    expect(integrityCheck(emu)).toBe("ok");
    expect(checkInvariants(emu)).toEqual([]);
  });
});

// What the SDK sends for each kind (inputs plus __provider, __urn, and for `{ id: vnet.id }` the vnet's program-side id).
const urnOf = (kind: string) => `urn:pulumi:test::fuzz::pulumi-nodejs:dynamic/privatedns:${kind}::fuzz`;
const BLOB_ZONE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net";
const NEWS: Record<"Zone" | "Vnet" | "VnetLink" | "Vm" | "RecordSet" | "PrivateEndpoint" | "PrivateDnsZoneGroup", Record<string, unknown>> = {
  Zone: { ...zoneArgs, __provider: "x" },
  Vnet: { ...vnetArgs, __provider: "x" },
  VnetLink: { ...linkArgs, __virtualNetworkId: SPOKE, __provider: "x" },
  Vm: { ...vmArgs, __virtualNetworkId: HUB, __provider: "x" },
  RecordSet: { ...recordSet("TXT"), __provider: "x" },
  // SPEC P: what the SDK sends for an endpoint and a zone group (with the zones its program declares, P4).
  PrivateEndpoint: {
    resourceGroupName: "net", privateEndpointName: "pe", subnet: { id: `${SPOKE}/subnets/endpoints` }, customNetworkInterfaceName: "pe-nic",
    privateLinkServiceConnections: [{ name: "c", privateLinkServiceId: "/subscriptions/0/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/st", groupIds: ["blob"] }],
    ipConfigurations: [{ name: "ip", groupId: "blob", memberName: "blob", privateIPAddress: "10.1.0.9" }], __provider: "x",
  },
  PrivateDnsZoneGroup: {
    resourceGroupName: "net", privateEndpointName: "pe", privateDnsZoneGroupName: "default", privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: BLOB_ZONE }],
    __programZones: [BLOB_ZONE], __privateDnsZoneIds: [BLOB_ZONE], __provider: "x",
  },
};

describe("fast-check over every kind's check (handlers, in process)", () => {
  it.each(Object.keys(NEWS).map((kind) => ({ kind: kind as keyof typeof handlers })))(
    "$kind: check with arbitrary inputs give inputs and typed failures, never a throw, and never write", async ({ kind }) => {
      const dbBytes = () => fs.readFileSync(db);
      const templates = kind === "RecordSet" ? Object.keys(recordArgs).map((t) => ({ ...recordSet(t), __provider: "x" })) : [NEWS[kind as keyof typeof NEWS]];
      const news = fc.oneof(...templates.map((t) => mutated(t)))
        // news is always an object (a protobuf Struct); the urn is fixed so that claims stay few
        .map((n) => ({ ...(n && typeof n === "object" && !Array.isArray(n) ? n : { value: n }), __urn: urnOf(kind) }));
      const olds = fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.oneof(...templates.map((t) => mutated(t))) })
        .map((o) => (o && typeof o === "object" && !Array.isArray(o) ? o : {}));
      const exportBefore = JSON.stringify(emu.export());
      const bytesBefore = dbBytes();
      await fc.assert(
        fc.asyncProperty(olds, news, async (o, n) => {
          const t0 = Date.now();
          let result: any;
          try {
            result = await handlers[kind].check(o, n);
          } catch (e) {
            throw new Error(`${kind}.check(${show(o)}, ${show(n)}) threw: ${describeError(e)}`);
          } finally {
            releasePlan(); // checks hold an uncommitted plan transaction; this process writes with another connection
          }
          const ms = Date.now() - t0;
          if (ms > SLOW_MS) throw new Error(`${kind}.check took ${ms} ms on ${show(n)}`);
          if (!result || typeof result.inputs !== "object" || !Array.isArray(result.failures))
            throw new Error(`${kind}.check returned ${show(result)}`);
          for (const f of result.failures)
            if (typeof f.property !== "string" || !/^[A-Za-z]+ \([A-Z][0-9]*\): /.test(f.reason))
              throw new Error(`${kind}.check failure without a code and rule: ${show(f)}`);
        }),
        { numRuns: RUNS, seed: SEED + 0xc4ec + kind.length },
      );
      expect(JSON.stringify(emu.export())).toBe(exportBefore);
      expect(dbBytes().equals(bytesBefore), "check wrote to the store file").toBe(true);
    });
});

describe("the cases the fuzzing found, kept as plain examples", () => {
  const refusedWithoutChange = (fn: () => unknown, rule: string) => {
    const before = JSON.stringify(emu.export());
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(isTyped(error), describeError(error)).toBe(true);
    expect((error as any).rule).toBe(rule);
    expect(JSON.stringify(emu.export())).toBe(before);
  };
  beforeAll(() => seed(emu));

  it("E: arguments that are not an object are a BadRequest, not a TypeError", () => {
    for (const bad of [null, undefined, "corp.internal", 7, []]) {
      refusedWithoutChange(() => emu.createZone(bad as any), "E");
      refusedWithoutChange(() => emu.getVm(bad as any), "E");
      refusedWithoutChange(() => emu.createRecordSet(bad as any), "E");
    }
    refusedWithoutChange(() => emu.getVnet(null as any), "E");
    refusedWithoutChange(() => emu.putLink({ ...linkRef, virtualNetwork: { id: null } } as any), "E");
  });

  it("E: apply and wouldRefuse run only the emulator's mutations ({ op: 'reset' } or 'close' as a pending operation wiped or closed the store)", () => {
    for (const op of ["reset", "close", "export", "constructor", "__proto__", "wouldRefuse", 42])
      refusedWithoutChange(() => emu.apply({ op, args: {} } as any), "E");
    expect(emu.wouldRefuse({ op: "createZone", args: { privateZoneName: "z.internal" } }, [{ op: "reset", args: {} } as any, { op: "close" } as any])).toBeUndefined();
    expect(emu.listZones().length).toBe(3);
    refusedWithoutChange(() => emu.wouldRefuse({ op: "createZone", args: zoneArgs } as any, "x" as any), "E");
  });

  it("E: a value whose toString is not a function (valid JSON: {\"toString\": 1}) is worded, not a TypeError", () => {
    refusedWithoutChange(() => emu.deleteVnet({ virtualNetworkName: { toString: 1 } } as any), "E");
    refusedWithoutChange(() => emu.createZone({ privateZoneName: { toString: 1 } } as any), "Z2");
    refusedWithoutChange(() => emu.createVm({ ...vmArgs, computerName: { toString: 1 } } as any), "A4");
  });

  it("A4, Z5: a computer name or SOA host that is not a string is refused with its rule", () => {
    refusedWithoutChange(() => emu.createVm({ ...vmArgs, computerName: ["x"] } as any), "A4");
    refusedWithoutChange(() => emu.updateRecordSet({ ...recordSet("SOA"), soaRecord: { ...recordArgs.SOA.soaRecord as object, host: true } } as any), "Z5");
  });

  it("A2: a sparse NIC list is refused, not a TypeError", () => {
    // eslint-disable-next-line no-sparse-arrays
    refusedWithoutChange(() => emu.createVm({ ...vmArgs, networkInterfaces: [vmArgs.networkInterfaces[0], , ] } as any), "A2");
  });

  it("Z2: a query name longer than 253 characters is refused at once (100,000 characters took 40 s)", () => {
    const t0 = Date.now();
    refusedWithoutChange(() => emu.resolve(HUB, "a.".repeat(50_000) + "corp.internal"), "Z2");
    expect(Date.now() - t0).toBeLessThan(500);
    refusedWithoutChange(() => emu.resolve(HUB, { name: 1 } as any), "E");
    expect(emu.resolve(HUB, `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(47)}.corp.internal`).rcode).toBe("NXDOMAIN");
  });
});
