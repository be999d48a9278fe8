/**
 * Property-based tests (fast-check) of private endpoints and their DNS zone groups (SPEC P1-P5): random sequences of
 * endpoint puts (static or dynamic address, new target), zone group puts (random configs among a few zones), deletes
 * of groups, endpoints and zones (refused while a group names the zone), links, user record set writes at the
 * target's name and VM registration at that name. After every step the store's invariants hold, a refused operation
 * changed nothing, and the endpoints and groups are what the operations that succeeded made them (a model kept here).
 * At the end, the public name of every target resolves, from each vnet, as the live endpoints and groups imply, and
 * the DNS server's in-memory view answers exactly as Emulator.resolve.
 */
import * as fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, Emulator, fileEmulator, isEmulatorError } from "../support/helpers";
import { assertInvariants } from "../support/invariants";
import { ids, Operation } from "../../dist/provider/emulator";

afterAll(cleanup);

const RG = "pe";
const SUB = "00000000-0000-0000-0000-000000000000";
const BLOB = "privatelink.blob.core.windows.net";
const FILE = "privatelink.file.core.windows.net";
const VAULT = "privatelink.vaultcore.azure.net";
const QUEUE = "privatelink.queue.core.windows.net";
const ZONES = [BLOB, FILE, VAULT, QUEUE];
const VNETS = ["hub", "spoke"];
const SUBNETS = [["hub", "s1"], ["spoke", "s2"], ["spoke", "tiny"]] as const;
const ENDPOINTS = ["pe1", "pe2", "pe3"];
const vnetId = (v: string) => ids.vnetId(RG, v);
const zoneId = (z: string) => ids.zoneId(RG, z);

/** Targets with the group id asked for: `label` names the records (P3); a Key Vault asked for `blob` is refused (P1). */
const TARGETS = [
  { type: "Microsoft.Storage/storageAccounts", name: "st1", groupId: "blob" },
  { type: "Microsoft.Storage/storageAccounts", name: "st2", groupId: "blob" },
  { type: "Microsoft.Storage/storageAccounts", name: "st1", groupId: "file" },
  { type: "Microsoft.Storage/storageAccounts", name: "st2", groupId: "queue" },
  { type: "Microsoft.KeyVault/vaults", name: "kv1", groupId: "vault" },
  { type: "Microsoft.KeyVault/vaults", name: "kv1", groupId: "blob" },
  // A Private Link service of one's own: any group id, no public name (P1's choice).
  { type: "Microsoft.Network/privateLinkServices", name: "pls1", groupId: "anything" },
];
const targetId = (t: { type: string; name: string }) => `/subscriptions/${SUB}/resourceGroups/data/providers/${t.type}/${t.name}`;
/**
 * Per subnet, the addresses asked for: undefined (Dynamic) half the time; else static ones inside the subnet (its
 * first free address, which Dynamic takes too, and one more: A9 collisions), on a reserved address (N2) or outside (N3).
 */
const ADDRESSES: Record<string, (string | undefined)[]> = {
  s1: ["10.0.1.4", "10.0.1.10", "10.0.1.10", "10.0.1.3", "10.1.2.10"],
  s2: ["10.1.2.4", "10.1.2.10", "10.1.2.10", "10.1.2.255", "10.0.1.10"],
  tiny: ["10.1.3.4", "10.1.3.6", "10.1.3.6", "10.1.3.7", "10.1.2.4"],
};
const addressFor = (subnet: string) => fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 5, arbitrary: fc.constantFrom(...ADDRESSES[subnet]) });
const CONFIGS = [
  { name: "blob", privateDnsZoneId: zoneId(BLOB) }, { name: "file", privateDnsZoneId: zoneId(FILE) },
  { name: "vault", privateDnsZoneId: zoneId(VAULT) }, { name: "queue", privateDnsZoneId: zoneId(QUEUE) }, { name: "blob2", privateDnsZoneId: zoneId(BLOB) }, { name: "", privateDnsZoneId: zoneId(BLOB) },
];
/** Public names (P5) and the privatelink name each is aliased to. */
const PUBLIC: [string, string, string][] = [
  ["st1.blob.core.windows.net", "st1", BLOB], ["st2.blob.core.windows.net", "st2", BLOB], ["st1.file.core.windows.net", "st1", FILE],
  ["st2.file.core.windows.net", "st2", FILE], ["kv1.vault.azure.net", "kv1", VAULT], ["kv1.vaultcore.azure.net", "kv1", VAULT],
  ["st1.vault.azure.net", "st1", VAULT], ["st2.queue.core.windows.net", "st2", QUEUE],
];
const LABELS = ["st1", "st2", "kv1", "pls1"];

const endpointOp: fc.Arbitrary<Operation> = fc.tuple(fc.constantFrom(...ENDPOINTS), fc.constantFrom(...SUBNETS), fc.constantFrom(...TARGETS),
  fc.constantFrom("createPrivateEndpoint", "putPrivateEndpoint", "putPrivateEndpoint", "putPrivateEndpoint"))
  .chain(([name, subnet, t, op]) => addressFor(subnet[1]).map((ip) => [name, subnet, t, ip, op] as const))
  .map(([name, [v, sub], t, ip, op]) => ({ op, args: {
    resourceGroupName: RG, privateEndpointName: name, subnet: { id: ids.subnetId(RG, v, sub) },
    privateLinkServiceConnections: [{ name: "c", privateLinkServiceId: targetId(t), groupIds: [t.groupId] }],
    ...(ip ? { ipConfigurations: [{ name: "static", groupId: t.groupId, memberName: t.groupId, privateIPAddress: ip }] } : {}),
  } }) as Operation);
const groupOp: fc.Arbitrary<Operation> = fc.tuple(fc.constantFrom(...ENDPOINTS), fc.constantFrom("default", "default", "default", "other"),
  fc.subarray(CONFIGS, { minLength: 0, maxLength: 3 }), fc.constantFrom("createPrivateDnsZoneGroup", "putPrivateDnsZoneGroup", "putPrivateDnsZoneGroup"))
  .map(([pe, name, configs, op]) => ({ op, args: { resourceGroupName: RG, privateEndpointName: pe, privateDnsZoneGroupName: name, privateDnsZoneConfigs: configs } }) as Operation);
const recordOp: fc.Arbitrary<Operation> = fc.tuple(fc.constantFrom(...ZONES), fc.constantFrom(...LABELS), fc.constantFrom("A", "CNAME"), fc.boolean())
  .map(([z, name, type, del]) => (del
    ? { op: "deleteRecordSet", args: { resourceGroupName: RG, privateZoneName: z, relativeRecordSetName: name, recordType: type } }
    : { op: "putRecordSet", args: { resourceGroupName: RG, privateZoneName: z, relativeRecordSetName: name, recordType: type, ttl: 300,
      ...(type === "A" ? { aRecords: [{ ipv4Address: "10.9.9.9" }] } : { cnameRecord: { cname: "www.example.com" } }) } }) as Operation);
/** A VM named like a target, registered in its vnet's registration zone (A4), so that the names collide (P3 with A7). */
const vmOp: fc.Arbitrary<Operation> = fc.tuple(fc.constantFrom("st1", "kv1"), fc.constantFrom(...VNETS), fc.constantFrom<"running" | "deallocated">("running", "running", "deallocated"), fc.boolean())
  .map(([vmName, v, powerState, del]) => (del ? { op: "deleteVm", args: { resourceGroupName: RG, vmName } }
    : { op: "putVm", args: { resourceGroupName: RG, vmName, virtualNetwork: { id: vnetId(v) }, powerState,
      networkInterfaces: [{ name: `${vmName}-nic`, privateIPAddress: v === "hub" ? "10.0.0.50" : "10.1.0.50" }] } }) as Operation);
const linkOp: fc.Arbitrary<Operation> = fc.tuple(fc.constantFrom(...ZONES), fc.constantFrom(...VNETS), fc.boolean(), fc.constantFrom(true, true, false))
  .map(([z, v, registrationEnabled, del]) => {
    const ref = { resourceGroupName: RG, privateZoneName: z, virtualNetworkLinkName: `l-${v}` };
    return (del ? { op: "deleteLink", args: ref } : { op: "putLink", args: { ...ref, virtualNetwork: { id: vnetId(v) }, registrationEnabled } }) as Operation;
  });
const zoneOp: fc.Arbitrary<Operation> = fc.tuple(fc.constantFrom(...ZONES), fc.constantFrom(true, true, false))
  .map(([z, del]) => ({ op: del ? "deleteZone" : "createZone", args: { resourceGroupName: RG, privateZoneName: z } }) as Operation);

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 6, arbitrary: endpointOp },
  { weight: 6, arbitrary: groupOp },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ENDPOINTS), fc.constantFrom("default", "other"))
    .map(([pe, name]) => ({ op: "deletePrivateDnsZoneGroup", args: { resourceGroupName: RG, privateEndpointName: pe, privateDnsZoneGroupName: name } }) as Operation) },
  { weight: 2, arbitrary: fc.constantFrom(...ENDPOINTS).map((pe) => ({ op: "deletePrivateEndpoint", args: { resourceGroupName: RG, privateEndpointName: pe } }) as Operation) },
  { weight: 3, arbitrary: recordOp },
  { weight: 2, arbitrary: vmOp },
  { weight: 3, arbitrary: linkOp },
  { weight: 3, arbitrary: zoneOp },
);

/**
 * hub (subnet s1 10.0.1.0/24) and spoke (s2 10.1.2.0/24, tiny 10.1.3.0/29: three usable addresses); blob and file
 * zones linked to hub, file and vault to spoke, the queue zone to none (it can be deleted until a link or group names it).
 */
const PRELUDE: Operation[] = [
  ...ZONES.map((z): Operation => ({ op: "createZone", args: { resourceGroupName: RG, privateZoneName: z } })),
  { op: "createVnet", args: { resourceGroupName: RG, virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [{ name: "s1", addressPrefix: "10.0.1.0/24" }] } },
  { op: "createVnet", args: { resourceGroupName: RG, virtualNetworkName: "spoke", addressSpace: { addressPrefixes: ["10.1.0.0/16"] },
    subnets: [{ name: "s2", addressPrefix: "10.1.2.0/24" }, { name: "tiny", addressPrefix: "10.1.3.0/29" }] } },
  ...([[BLOB, "hub", true], [FILE, "hub", false], [FILE, "spoke", false], [VAULT, "spoke", true]] as const).map(([z, v, registrationEnabled]): Operation =>
    ({ op: "createLink", args: { resourceGroupName: RG, privateZoneName: z, virtualNetworkLinkName: `l-${v}`, virtualNetwork: { id: vnetId(v) }, registrationEnabled } })),
];
/** Then, in the model too: pe1 (st1's blob, in s2) with a group naming the blob zone, pe2 (kv1's vault, in s1) naming the vault zone. */
const START: Operation[] = ([["pe1", "s2", "spoke", "st1", "Microsoft.Storage/storageAccounts", "blob", BLOB], ["pe2", "s1", "hub", "kv1", "Microsoft.KeyVault/vaults", "vault", VAULT]] as const)
  .flatMap(([pe, sub, v, name, type, groupId, zone]): Operation[] => [
    { op: "createPrivateEndpoint", args: { resourceGroupName: RG, privateEndpointName: pe, subnet: { id: ids.subnetId(RG, v, sub) },
      privateLinkServiceConnections: [{ name: "c", privateLinkServiceId: targetId({ type, name }), groupIds: [groupId] }] } },
    { op: "createPrivateDnsZoneGroup", args: { resourceGroupName: RG, privateEndpointName: pe, privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [{ name: groupId, privateDnsZoneId: zoneId(zone) }] } },
  ]);

/** What the operations that succeeded made: each endpoint's target and address, each group's name and zones. */
interface Model {
  endpoints: Map<string, { label: string; ip: string }>;
  groups: Map<string, { name: string; configs: { name: string; privateDnsZoneId: string }[] }>;
}

const zoneOfId = (id: string) => ids.parseResourceId(id)!.name;
const toInt = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);

/** Applies `op`, checks that a refusal changed nothing and that the refusals P2 and P4 promise do happen, and updates the model. */
function step(em: Emulator, model: Model, op: Operation, stats: Record<string, number>): void {
  const before = JSON.stringify(em.export());
  const args = op.args as any;
  // What the model says must be refused, whatever else is wrong with the operation.
  const pe = args.privateEndpointName as string | undefined;
  const secondGroup = op.op.endsWith("PrivateDnsZoneGroup") && !op.op.startsWith("delete") && model.groups.has(pe!) && model.groups.get(pe!)!.name !== args.privateDnsZoneGroupName;
  const zoneInUse = op.op === "deleteZone" && [...model.groups.values()].some((g) => g.configs.some((c) => zoneOfId(c.privateDnsZoneId) === args.privateZoneName));
  let result: any;
  try {
    result = em.apply(op);
  } catch (e) {
    if (!isEmulatorError(e)) throw new Error(`${JSON.stringify(op)} threw a non-emulator error: ${String((e as Error)?.stack ?? e)}`);
    stats.refused++;
    stats[e.code] = (stats[e.code] ?? 0) + 1;
    if (JSON.stringify(em.export()) !== before) throw new Error(`refused ${JSON.stringify(op)} (${e.message}) changed the store`);
    if (secondGroup) expect(e.code, e.message).toBe("CannotCreateMoreThanOnePrivateDnsZoneGroup"); // P2
    if (zoneInUse) expect(e.code, e.message).toBe("CannotDeleteResource"); // P4 (or Z7, which has its code)
    return;
  }
  stats.ok++;
  expect(secondGroup, `P2: a second zone group was accepted: ${JSON.stringify(op)}`).toBe(false);
  expect(zoneInUse, `P4: a zone named by a zone group was deleted: ${JSON.stringify(op)}`).toBe(false);
  switch (op.op) {
    case "createPrivateEndpoint": case "putPrivateEndpoint": {
      const given = args.ipConfigurations?.[0]?.privateIPAddress;
      if (given) expect(result.privateIPAddress).toBe(given); // N3: Static takes the given address
      const label = ids.parseResourceId(args.privateLinkServiceConnections[0].privateLinkServiceId)!.name;
      model.endpoints.set(pe!, { label, ip: result.privateIPAddress });
      break;
    }
    case "deletePrivateEndpoint":
      if (result) stats.endpointsDeleted++;
      model.endpoints.delete(pe!);
      model.groups.delete(pe!); // P4: the group goes with it
      break;
    case "createPrivateDnsZoneGroup": case "putPrivateDnsZoneGroup":
      model.groups.set(pe!, { name: args.privateDnsZoneGroupName, configs: args.privateDnsZoneConfigs });
      break;
    case "deletePrivateDnsZoneGroup":
      if (model.groups.get(pe!)?.name === args.privateDnsZoneGroupName) model.groups.delete(pe!);
      break;
    case "deleteZone":
      if (result) stats.zonesDeleted++;
      break;
  }
}

/** The model against the emulator's own listing: endpoints with their addresses and targets, groups with their zones. */
function checkModel(em: Emulator, model: Model): void {
  const listed = em.listPrivateEndpoints();
  expect(new Map(listed.map((e) => [e.name, { label: ids.parseResourceId(e.privateLinkServiceConnections[0].privateLinkServiceId)!.name, ip: e.privateIPAddress }])))
    .toEqual(model.endpoints);
  const groups = new Map(listed.flatMap((e) => em.listPrivateDnsZoneGroups({ resourceGroupName: RG, privateEndpointName: e.name })
    .map((g) => [e.name, { name: g.name, configs: g.privateDnsZoneConfigs.map((c) => ({ name: c.name, privateDnsZoneId: c.privateDnsZoneId })) }] as const)));
  expect(groups).toEqual(model.groups);
}

/** The addresses the live endpoints with a group naming `zone` and a target named `label` imply at `<label>.<zone>` (P3), lowest first. */
function wanted(model: Model, zone: string, label: string): string[] {
  const ips = [...model.endpoints].filter(([name, e]) => e.label === label && model.groups.get(name)?.configs.some((c) => zoneOfId(c.privateDnsZoneId) === zone))
    .map(([, e]) => e.ip);
  return [...new Set(ips)].sort((a, b) => toInt(a) - toInt(b));
}

/**
 * P5 from each vnet: REFUSED without a link to the privatelink zone (Q1); with one, public DNS's CNAME first, then the
 * privatelink name's own answer (Q4); and when `settled` (every group re-put, so that no user write holds a name a
 * group wants, P3), exactly the A records the live endpoints and groups imply.
 */
function checkPublicNames(em: Emulator, model: Model, settled: boolean, stats: Record<string, number>): void {
  for (const v of VNETS) {
    const linked = new Set(em.listLinks({ vnet: vnetId(v) }).map((l) => l.privateZoneName));
    for (const [name, label, zone] of PUBLIC) {
      const r = em.resolve(vnetId(v), name);
      const at = `${name} from ${v}`;
      if (!linked.has(zone)) {
        expect(r, at).toEqual({ rcode: "REFUSED", answers: [], authority: [] });
        continue;
      }
      const cname = { name, ttl: 60, type: "CNAME", data: `${label}.${zone}` };
      const alias = em.resolve(vnetId(v), `${label}.${zone}`);
      expect(r, at).toEqual({ ...alias, answers: [cname, ...alias.answers], viaPublicDns: true });
      const ips = wanted(model, zone, label);
      if (settled && ips.length > 0) {
        stats.resolvedToEndpoints++;
        expect(r, at).toEqual({ rcode: "NOERROR", zone, viaPublicDns: true, authority: [],
          answers: [cname, ...ips.map((ip) => ({ name: `${label}.${zone}`, ttl: 10, type: "A", data: ip }))] });
      }
    }
  }
}

describe("random endpoint and zone group sequences (P1-P5)", () => {
  it("invariants after every step, the model's endpoints and groups, and the public names' resolution from each vnet", () => {
    const em = fileEmulator();
    const stats: Record<string, number> = { ok: 0, refused: 0, endpointsDeleted: 0, zonesDeleted: 0, resolvedToEndpoints: 0 };
    // One reader per vnet for the whole run, as the DNS server holds one: its view must follow every write (VnetView).
    const readers = new Map(VNETS.map((v) => [v, em.snapshots(vnetId(v))]));
    fc.assert(fc.property(fc.array(operation, { minLength: 5, maxLength: 40 }), (ops) => {
      em.reset();
      const model: Model = { endpoints: new Map(), groups: new Map() };
      for (const op of PRELUDE) em.apply(op);
      for (const op of [...START, ...ops]) {
        step(em, model, op, stats);
        assertInvariants(em, { fileIntegrity: false }); // the file's own check: once the sequence is done, below
        checkModel(em, model);
      }
      checkPublicNames(em, model, false, stats);
      // Settle: every live group put again (P3: the group's records take back names users wrote over).
      for (const [pe, g] of model.groups)
        em.putPrivateDnsZoneGroup({ resourceGroupName: RG, privateEndpointName: pe, privateDnsZoneGroupName: g.name, privateDnsZoneConfigs: g.configs });
      assertInvariants(em, { resolution: true });
      checkPublicNames(em, model, true, stats);
      // The DNS server's view (a VnetView per vnet) answers the public and privatelink names as Emulator.resolve (P5, Q1-Q4).
      for (const v of VNETS) {
        const reader = readers.get(v)!;
        try {
          for (const [name, label, zone] of PUBLIC) for (const q of [name, name.toUpperCase(), `${label}.${zone}`]) for (const type of ["A", "CNAME", "TXT", "AAAA"])
            expect({ q, type, r: reader.resolve(q, type) }).toEqual({ q, type, r: em.resolve(vnetId(v), q, type) });
        } finally {
          reader.end();
        }
      }
    }), { numRuns: 300 });
    // The sequences reach what they are meant to: accepted and refused operations of each kind, P2 and P4 refusals, answers.
    expect(stats.ok).toBeGreaterThan(2000);
    expect(stats.refused).toBeGreaterThan(500);
    for (const code of ["CannotCreateMoreThanOnePrivateDnsZoneGroup", "CannotDeleteResource", "PrivateLinkServiceGroupIdNotSupported", "PrivateDnsZoneConfigsLimitExceeded"])
      expect(stats[code] ?? 0, code).toBeGreaterThan(10);
    expect(stats.PrivateIPAddressInUse ?? 0).toBeGreaterThan(2); // A9: two endpoints asking for one address
    expect(stats.zonesDeleted).toBeGreaterThan(10);
    expect(stats.endpointsDeleted).toBeGreaterThan(50);
    expect(stats.resolvedToEndpoints).toBeGreaterThan(200);
  });
});
