/**
 * The store's invariants, checked against the real SQLite tables (through `emulator.store.db`) and the public
 * API. The expected auto-registration is computed here from vms, nics and links alone (not from the
 * emulator's own registrations table), so a bug in the emulator's bookkeeping shows up as a violation.
 * `violations()` returns every broken invariant; `assertInvariants()` throws if there is any.
 */
import * as ipaddr from "ipaddr.js";
import type { Emulator } from "../../dist/provider/emulator";

interface VmRow { id: number; rg: string; name: string; computer_name: string | null; vnet_id: number; power_state: string }
interface NicRow { vm_id: number; position: number; name: string; ip: string; is_primary: number; vnet_id: number }
interface LinkRow { id: number; zone_id: number; vnet_id: number; name: string; registration: number }
interface ZoneRow { id: number; rg: string; name: string; record_set_count: number; link_count: number; registration_link_count: number }
interface RsRow { id: number; zone_id: number; name: string; type: string; ttl: number; data: string; auto: number; managed: number }
interface VnetRow { id: number; rg: string; name: string; address_prefixes: string; deployment_model: string; link_count: number }

const reverse = (ip: string) => `${ip.split(".").reverse().join(".")}.in-addr.arpa`;

export interface Options {
  /** Also ask resolve() for every expected A and PTR record (slower). */
  resolution?: boolean;
  /**
   * SQLite's own check of the file (`PRAGMA integrity_check`, default on). It reads every page: the property
   * tests that check after each of thousands of steps leave it to the end of each sequence, where a broken file
   * still fails the run (it was two thirds of their time).
   */
  fileIntegrity?: boolean;
}

type Db = Emulator["store"]["db"];
// Any parameters: the checks bind their own (better-sqlite3's generic prepare would infer none).
type Statement = { all(...params: unknown[]): unknown[] };
/** Prepared once per connection: the property tests check after every operation of thousands. */
const statements = new WeakMap<Db, Map<string, Statement>>();
function statement(db: Db, sql: string): Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = db.prepare(sql) as unknown as Statement));
  return st;
}

export function violations(em: Emulator, options: Options = {}): string[] {
  const db = em.store.db;
  const out: string[] = [];
  const all = <T>(sql: string, ...params: unknown[]) => statement(db, sql).all(...params) as T[];

  // `db.pragma(...)` as statements of their own, so that they are prepared once too.
  if (options.fileIntegrity !== false) {
    const integrity = (statement(db, "PRAGMA integrity_check").all() as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    if (integrity !== "ok") out.push(`integrity_check: ${integrity}`);
  }
  const fk = statement(db, "PRAGMA foreign_key_check").all();
  if (fk.length > 0) out.push(`foreign_key_check: ${JSON.stringify(fk)}`);

  const zones = all<ZoneRow>("SELECT * FROM zones");
  const vnets = all<VnetRow>("SELECT * FROM vnets");
  const links = all<LinkRow>("SELECT * FROM links");
  const vms = all<VmRow>("SELECT * FROM vms");
  const nics = all<NicRow>("SELECT * FROM nics ORDER BY vm_id, position");
  const sets = all<RsRow>("SELECT * FROM record_sets");
  const zoneById = new Map(zones.map((z) => [z.id, z]));
  const vnetById = new Map(vnets.map((v) => [v.id, v]));

  // L3: no vnet has two registration links. L5: no (zone, vnet) pair has two links. Z6: no vnet linked to two zones of one name.
  const regByVnet = new Map<number, LinkRow[]>();
  const pairs = new Set<string>();
  const zoneNamesByVnet = new Map<number, Set<string>>();
  for (const l of links) {
    if (l.registration === 1) regByVnet.set(l.vnet_id, [...(regByVnet.get(l.vnet_id) ?? []), l]);
    const key = `${l.zone_id}/${l.vnet_id}`;
    if (pairs.has(key)) out.push(`L5: zone ${l.zone_id} and vnet ${l.vnet_id} have two links`);
    pairs.add(key);
    const zn = zoneById.get(l.zone_id)?.name;
    if (zn === undefined) out.push(`link ${l.name} points to a missing zone ${l.zone_id}`);
    const names = zoneNamesByVnet.get(l.vnet_id) ?? new Set<string>();
    if (zn !== undefined && names.has(zn)) out.push(`Z6: vnet ${l.vnet_id} is linked to two zones named ${zn}`);
    if (zn !== undefined) names.add(zn);
    zoneNamesByVnet.set(l.vnet_id, names);
    const v = vnetById.get(l.vnet_id);
    if (!v) out.push(`link ${l.name} points to a missing vnet ${l.vnet_id}`);
    else if (v.deployment_model === "Classic") out.push(`L7: link ${l.name} to classic vnet ${v.name}`);
  }
  for (const [vnetId, ls] of regByVnet)
    if (ls.length > 1) out.push(`L3: vnet ${vnetId} has ${ls.length} registration links (${ls.map((l) => l.name).join(", ")})`);

  // Z8 counters equal the real counts, in the table and in the public output.
  for (const z of zones) {
    const rs = sets.filter((s) => s.zone_id === z.id).length;
    const lk = links.filter((l) => l.zone_id === z.id).length;
    const rl = links.filter((l) => l.zone_id === z.id && l.registration === 1).length;
    if (z.record_set_count !== rs) out.push(`Z8: zone ${z.name} record_set_count ${z.record_set_count} != ${rs}`);
    if (z.link_count !== lk) out.push(`Z8: zone ${z.name} link_count ${z.link_count} != ${lk}`);
    if (z.registration_link_count !== rl) out.push(`Z8: zone ${z.name} registration_link_count ${z.registration_link_count} != ${rl}`);
    const pub = em.getZone({ resourceGroupName: z.rg, privateZoneName: z.name });
    if (pub.numberOfRecordSets !== rs) out.push(`Z8: zone ${z.name} numberOfRecordSets ${pub.numberOfRecordSets} != ${rs}`);
    if (pub.numberOfVirtualNetworkLinks !== lk) out.push(`Z8: zone ${z.name} numberOfVirtualNetworkLinks ${pub.numberOfVirtualNetworkLinks} != ${lk}`);
    if (pub.numberOfVirtualNetworkLinksWithRegistration !== rl)
      out.push(`Z8: zone ${z.name} numberOfVirtualNetworkLinksWithRegistration ${pub.numberOfVirtualNetworkLinksWithRegistration} != ${rl}`);
    // Z5: exactly one SOA, at the apex; no NS.
    const soa = sets.filter((s) => s.zone_id === z.id && s.type === "SOA");
    if (soa.length !== 1 || soa[0].name !== "@") out.push(`Z5: zone ${z.name} has ${soa.length} SOA sets`);
    if (sets.some((s) => s.zone_id === z.id && s.type === "NS")) out.push(`Z5: zone ${z.name} has an NS set`);
  }
  for (const v of vnets) {
    const lk = links.filter((l) => l.vnet_id === v.id).length;
    if (v.link_count !== lk) out.push(`vnet ${v.name} link_count ${v.link_count} != ${lk}`);
  }
  for (const s of sets) if (!zoneById.has(s.zone_id)) out.push(`record set ${s.name} ${s.type} in a missing zone ${s.zone_id}`);

  // R4: a CNAME never shares its name with another type.
  const byName = new Map<string, RsRow[]>();
  for (const s of sets) byName.set(`${s.zone_id}/${s.name}`, [...(byName.get(`${s.zone_id}/${s.name}`) ?? []), s]);
  for (const [key, group] of byName)
    if (group.some((s) => s.type === "CNAME") && group.length > 1) out.push(`R4: CNAME at ${key} shares its name with ${group.map((s) => s.type).join(",")}`);

  // A9: every NIC inside its vnet's address space, in the VM's vnet; no two NICs of one vnet share an IP.
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const ipsByVnet = new Map<string, number>();
  for (const n of nics) {
    const v = vmById.get(n.vm_id);
    if (!v) { out.push(`NIC ${n.name} of a missing VM ${n.vm_id}`); continue; }
    if (n.vnet_id !== v.vnet_id) out.push(`NIC ${n.name} of VM ${v.name} in vnet ${n.vnet_id}, VM in ${v.vnet_id}`);
    const vn = vnetById.get(v.vnet_id);
    if (!vn) { out.push(`VM ${v.name} in a missing vnet ${v.vnet_id}`); continue; }
    const addr = ipaddr.parse(n.ip);
    const inside = (JSON.parse(vn.address_prefixes) as string[]).some((p) => {
      const r = ipaddr.parseCIDR(p);
      return r[0].kind() === addr.kind() && addr.match(r);
    });
    if (!inside) out.push(`A9: NIC ${n.name} (${n.ip}) outside vnet ${vn.name}`);
    const key = `${n.vnet_id}/${n.ip}`;
    if (ipsByVnet.has(key)) out.push(`A9: two NICs share ${n.ip} in vnet ${n.vnet_id}`);
    ipsByVnet.set(key, n.vm_id);
  }
  for (const v of vms) {
    const mine = nics.filter((n) => n.vm_id === v.id);
    const primaries = mine.filter((n) => n.is_primary === 1).length;
    if (mine.length === 0 || primaries !== 1) out.push(`A2: VM ${v.name} has ${mine.length} NICs, ${primaries} primary`);
  }

  // A1-A8: the expected registrations, computed from vms, nics and links alone.
  interface Expected { vm: VmRow; zoneId: number; host: string; ip: string }
  const expected: Expected[] = [];
  for (const v of vms) {
    if (v.power_state !== "running") continue; // A6
    const nic = nics.find((n) => n.vm_id === v.id && n.is_primary === 1); // A2
    if (!nic || !ipaddr.IPv4.isValidFourPartDecimal(nic.ip)) continue; // A3
    const reg = regByVnet.get(v.vnet_id)?.[0]; // L2, L3
    if (!reg) continue;
    expected.push({ vm: v, zoneId: reg.zone_id, host: (v.computer_name || v.name).toLowerCase(), ip: nic.ip }); // A4
  }
  const setAt = (zoneId: number, name: string, type: string) => sets.find((s) => s.zone_id === zoneId && s.name === name && s.type === type);

  // Every auto-registered record set belongs to living running VMs registered there, and holds exactly their IPs (A8).
  for (const s of sets.filter((x) => x.auto === 1)) {
    const zn = zoneById.get(s.zone_id)?.name;
    if (s.type !== "A") { out.push(`R7/A3: auto record set of type ${s.type} at ${s.name}.${zn}`); continue; }
    if (s.ttl !== 10) out.push(`A4: auto set ${s.name}.${zn} has ttl ${s.ttl}`);
    const want = [...new Set(expected.filter((e) => e.zoneId === s.zone_id && e.host === s.name).map((e) => e.ip))].sort();
    const have = (JSON.parse(s.data).aRecords as { ipv4Address: string }[]).map((r) => r.ipv4Address).sort();
    if (want.length === 0) out.push(`A6: auto set ${s.name}.${zn} (${have.join(",")}) belongs to no running registered VM`);
    else if (JSON.stringify(want) !== JSON.stringify(have)) out.push(`A8: auto set ${s.name}.${zn} holds ${have.join(",")}, expected ${want.join(",")}`);
    if (setAt(s.zone_id, s.name, "CNAME")) out.push(`R4: auto A set at ${s.name}.${zn} beside a CNAME`);
  }
  // Each registered VM has its record, unless a user A or CNAME set of that name overrides it (A7).
  for (const e of expected) {
    const zn = zoneById.get(e.zoneId)!.name;
    const a = setAt(e.zoneId, e.host, "A");
    const userOverride = (a && a.auto === 0) || setAt(e.zoneId, e.host, "CNAME");
    if (!userOverride && !a) out.push(`A4: VM ${e.vm.name} has no A record ${e.host}.${zn}`);
    const recs = em.registeredRecords({ resourceGroupName: e.vm.rg, vmName: e.vm.name });
    const ar = recs.filter((r) => r.type === "A");
    const ptr = recs.filter((r) => r.type === "PTR");
    if (userOverride) {
      if (ar.length !== 0) out.push(`A7: VM ${e.vm.name} reports an A record under a user set: ${JSON.stringify(ar)}`);
    } else if (ar.length !== 1 || ar[0].value !== e.ip || ar[0].zone !== zn || ar[0].relativeName !== e.host || ar[0].ttl !== 10)
      out.push(`A4: registeredRecords(${e.vm.name}) A = ${JSON.stringify(ar)}, expected ${e.host}.${zn} ${e.ip}`);
    if (ptr.length !== 1 || ptr[0].fqdn !== `${reverse(e.ip)}.` || ptr[0].value !== `${e.host}.${zn}.`)
      out.push(`A5: registeredRecords(${e.vm.name}) PTR = ${JSON.stringify(ptr)}, expected ${reverse(e.ip)} -> ${e.host}.${zn}.`);
    if (options.resolution) {
      const vn = vnetById.get(e.vm.vnet_id)!;
      const ref = { resourceGroupName: vn.rg, virtualNetworkName: vn.name };
      if (!userOverride) {
        const r = em.resolve(ref, `${e.host}.${zn}`, "A");
        if (r.rcode !== "NOERROR" || !r.answers.some((x) => x.data === e.ip))
          out.push(`Q: ${e.host}.${zn} from ${vn.name} gives ${JSON.stringify(r)}, expected ${e.ip}`);
      }
      const p = em.resolve(ref, reverse(e.ip), "PTR");
      const coveredByUserZone = p.zone !== undefined;
      if (!coveredByUserZone && !p.answers.some((x) => x.data === `${e.host}.${zn}`))
        out.push(`Q5: PTR ${reverse(e.ip)} from ${vn.name} gives ${JSON.stringify(p)}, expected ${e.host}.${zn}`);
    }
  }
  // Every other VM reports no registered record (deallocated, IPv6, no registration link, ...).
  const registered = new Set(expected.map((e) => e.vm.id));
  for (const v of vms) {
    if (registered.has(v.id)) continue;
    const recs = em.registeredRecords({ resourceGroupName: v.rg, vmName: v.name });
    if (recs.length !== 0) out.push(`A6: unregistered VM ${v.name} reports ${JSON.stringify(recs)}`);
  }
  out.push(...endpointViolations(all, sets));
  return out;
}

/**
 * P1-P4, computed from endpoints, groups, configs and ip configurations alone: each endpoint has its own NIC (and
 * the NIC names it back) with one address; P2 at most one group, 1-5 configs; every managed A set holds exactly
 * the addresses of the living endpoints whose groups name its zone and whose target it is named after (P3).
 */
function endpointViolations(all: <T>(sql: string, ...params: unknown[]) => T[], sets: RsRow[]): string[] {
  const out: string[] = [];
  const endpoints = all<{ id: number; name: string; nic_id: number; target_name: string }>("SELECT * FROM private_endpoints");
  for (const e of endpoints) {
    const nic = all<{ endpoint_id: number | null }>("SELECT endpoint_id FROM network_interfaces WHERE id = ?", e.nic_id)[0];
    if (!nic || nic.endpoint_id !== e.id) out.push(`P1: endpoint ${e.name}'s NIC ${e.nic_id} does not name it back`);
    const cfgs = all("SELECT * FROM ip_configurations WHERE nic_id = ?", e.nic_id);
    if (cfgs.length !== 1) out.push(`P1: endpoint ${e.name} has ${cfgs.length} addresses`);
  }
  for (const n of all<{ id: number; endpoint_id: number }>("SELECT id, endpoint_id FROM network_interfaces WHERE endpoint_id IS NOT NULL"))
    if (!endpoints.some((e) => e.id === n.endpoint_id && e.nic_id === n.id)) out.push(`P1: NIC ${n.id} names endpoint ${n.endpoint_id}, which does not hold it`);
  for (const g of all<{ id: number; endpoint_id: number; n: number }>(
    "SELECT g.id, g.endpoint_id, (SELECT count(*) FROM zone_configs c WHERE c.zone_group_id = g.id) AS n FROM zone_groups g")) {
    if (!endpoints.some((e) => e.id === g.endpoint_id)) out.push(`P4: zone group ${g.id} of a missing endpoint ${g.endpoint_id}`);
    if (g.n < 1 || g.n > 5) out.push(`P2: zone group ${g.id} has ${g.n} configs`);
  }
  const due = new Map<string, Set<string>>();
  for (const d of all<{ zone_id: number; name: string; ip: string }>(`SELECT c.zone_id, e.target_name AS name, ip.ip FROM zone_configs c
      JOIN zone_groups g ON g.id = c.zone_group_id JOIN private_endpoints e ON e.id = g.endpoint_id
      JOIN ip_configurations ip ON ip.nic_id = e.nic_id`)) {
    const key = `${d.zone_id}/${d.name}`;
    due.set(key, (due.get(key) ?? new Set()).add(d.ip));
  }
  const ipsOf = (s: RsRow) => (JSON.parse(s.data).aRecords as { ipv4Address: string }[]).map((r) => r.ipv4Address).sort();
  for (const s of sets.filter((x) => x.managed === 1)) {
    const want = [...(due.get(`${s.zone_id}/${s.name}`) ?? [])].sort();
    if (s.type !== "A" || s.auto !== 0 || s.ttl !== 10) out.push(`P3: managed set ${s.name} is ${s.type} auto=${s.auto} ttl=${s.ttl}`);
    if (want.length === 0) out.push(`P4: managed set ${s.name} in zone ${s.zone_id} belongs to no living endpoint and group`);
    else if (JSON.stringify(want) !== JSON.stringify(ipsOf(s))) out.push(`P3: managed set ${s.name} holds ${ipsOf(s)}, expected ${want}`);
  }
  // A (zone, name) a group wants may hold no managed set: a user's later write there, a delete included, makes the
  // name theirs until the group or endpoint changes again (P3), and the tables do not say which write came last.
  // test/emulator/endpoint-properties.test.ts checks that the records come back when the groups are put again.
  return out;
}

export function assertInvariants(em: Emulator, options?: Options): void {
  const v = violations(em, options);
  if (v.length > 0) throw new Error(`store invariants violated:\n  ${v.join("\n  ")}`);
}
