/**
 * Auto-registration (A1-A8, L9-L11), written once as set-based SQL over a scope (one VM, or every VM of a
 * vnet), so that registering one new VM and backfilling a vnet of 10,000 VMs are the same code.
 *
 * The registrations table holds what the platform registered for each VM; the auto A record sets are
 * derived from it, one per (zone, host), so that two VMs with one host name share a set (A8) and a user
 * record set at that name simply takes precedence (A7).
 */
import { AUTO_TTL } from "./records";
import { Store } from "./store";

export type Scope = { vmId: number } | { vnetId: number };

/** A4: host = computer name if given, else the VM name, lower case. */
export const hostOf = (vm: { name: string; computer_name: string | null }) => (vm.computer_name || vm.name).toLowerCase();

const scopeSql = (scope: Scope) => ("vmId" in scope ? "v.id = ?" : "v.vnet_id = ?");
const scopeArg = (scope: Scope) => ("vmId" in scope ? scope.vmId : scope.vnetId);

/**
 * Brings the registrations of the VMs in `scope` in line with their state and then their auto records.
 * A VM is registered when it is running (A6), through its primary NIC (A2) holding an IPv4 address (A3),
 * in the zone of its vnet's registration link (L3: at most one). With `removing`, the VMs are about to be
 * deleted and lose every registration. With `fresh`, the scope is one VM just inserted (it has no registrations).
 */
export function syncRegistrations(s: Store, scope: Scope, removing = false, fresh = false): void {
  const arg = scopeArg(scope);
  s.q("DELETE FROM temp.touched").run();
  const inScope = `SELECT v.id FROM vms v WHERE ${scopeSql(scope)}`;
  // A VM inserted by this very operation (`fresh`) has registered nothing yet: nothing of it to forget.
  if (!fresh) {
    s.q(`INSERT OR IGNORE INTO temp.touched SELECT zone_id, host FROM registrations WHERE vm_id IN (${inScope})`).run(arg);
    s.q(`DELETE FROM registrations WHERE vm_id IN (${inScope})`).run(arg);
  }
  if (!removing) {
    s.q(`INSERT INTO registrations (vm_id, zone_id, vnet_id, host, ip, reverse_name)
         SELECT v.id, l.zone_id, v.vnet_id, lower(coalesce(v.computer_name, v.name)), n.ip, n.reverse_name
         FROM vms v
         JOIN nics n ON n.vm_id = v.id AND n.is_primary = 1
         JOIN links l ON l.vnet_id = v.vnet_id AND l.registration = 1
         WHERE ${scopeSql(scope)} AND v.power_state = 'running' AND n.is_ipv4 = 1`).run(arg);
    s.q(`INSERT OR IGNORE INTO temp.touched
         SELECT r.zone_id, r.host FROM vms v CROSS JOIN registrations r ON r.vm_id = v.id WHERE ${scopeSql(scope)}`).run(arg);
  }
  syncTouchedAutoRecords(s);
}

/** The auto A record set at one (zone, host): after a user set there is created or deleted (A7, R4). */
export function syncAutoRecord(s: Store, zoneId: number, host: string): void {
  s.q("DELETE FROM temp.touched").run();
  s.q("INSERT INTO temp.touched VALUES (?, ?)").run(zoneId, host);
  syncTouchedAutoRecords(s);
}

/**
 * Rebuilds the auto A record sets of every touched (zone, host): one set holding every registered address
 * (A8), TTL 10 (A4), unless a user set of type A or CNAME stands at that name (A7: the user's set wins and
 * is never overwritten; R4: nothing beside a CNAME). Zone counters follow (Z8). Every join is driven from
 * the touched pairs (CROSS JOIN fixes the order), so the work is that of the pairs, not of the store.
 */
function syncTouchedAutoRecords(s: Store): void {
  // The sets removed and added are counted from the statements' own RETURNING rows (Z8), not by two more joins.
  const removed = s.q(`DELETE FROM record_sets WHERE auto = 1 AND type = 'A' AND id IN
         (SELECT r.id FROM temp.touched t CROSS JOIN record_sets r ON r.zone_id = t.zone_id AND r.name = t.host WHERE r.type = 'A')
       RETURNING zone_id`).all() as { zone_id: number }[];
  const added = s.q(`INSERT INTO record_sets (zone_id, name, rname, type, ttl, data, metadata, auto, etag)
       SELECT g.zone_id, g.host, g.host, 'A', ${AUTO_TTL}, json_object('aRecords', json(g.records)), '{}', 1, lower(hex(randomblob(16)))
       FROM (SELECT zone_id, host, json_group_array(json_object('ipv4Address', ip)) AS records
             FROM (SELECT DISTINCT r.zone_id, r.host, r.ip FROM temp.touched t
                   CROSS JOIN registrations r ON r.zone_id = t.zone_id AND r.host = t.host ORDER BY r.zone_id, r.host, r.ip)
             GROUP BY zone_id, host) g
       WHERE NOT EXISTS (SELECT 1 FROM record_sets u WHERE u.zone_id = g.zone_id AND u.name = g.host AND u.type IN ('A', 'CNAME'))
       RETURNING zone_id`).all() as { zone_id: number }[];
  const delta = new Map<number, number>();
  for (const r of removed) delta.set(r.zone_id, (delta.get(r.zone_id) ?? 0) - 1);
  for (const r of added) delta.set(r.zone_id, (delta.get(r.zone_id) ?? 0) + 1);
  for (const [zoneId, d] of delta) if (d !== 0) s.q("UPDATE zones SET record_set_count = record_set_count + ? WHERE id = ?").run(d, zoneId);
}
