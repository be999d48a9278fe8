/**
 * P3, P4: the A record sets the platform writes for private DNS zone groups, derived (like registration's, A8)
 * from what exists: at (zone, name) one set holding the address of every endpoint whose zone group has a config
 * for that zone and whose target is named `name`. Callers name the (zone, name) pairs an operation touched,
 * before and after it; each is rebuilt from the tables.
 */
import { AUTO_TTL } from "./records";
import { deleteRecordSetRow, insertRecordSet, recordSetsAt } from "./recordRows";
import { syncAutoRecord } from "./registration";
import { newEtag } from "./rows";
import { Store } from "./store";

export interface Touched { zoneId: number; name: string }

/** The (zone, name) pairs of one endpoint's zone group (none without a group). */
export function pairsOfEndpoint(s: Store, endpointId: number): Touched[] {
  return s.q(`SELECT c.zone_id AS zoneId, e.target_name AS name FROM private_endpoints e
              JOIN zone_groups g ON g.endpoint_id = e.id JOIN zone_configs c ON c.zone_group_id = g.id
              WHERE e.id = ?`).all(endpointId) as Touched[];
}

/** The addresses due at (zone, name), lowest first, and the endpoint that writes first (for the metadata). */
function dueAt(s: Store, t: Touched): { ips: string[]; endpoint?: { name: string; guid: string } } {
  const rows = s.q(`SELECT DISTINCT ip.ip, e.name, e.id FROM zone_configs c
                    JOIN zone_groups g ON g.id = c.zone_group_id
                    JOIN private_endpoints e ON e.id = g.endpoint_id AND e.target_name = ?
                    JOIN ip_configurations ip ON ip.nic_id = e.nic_id AND ip.is_primary = 1
                    WHERE c.zone_id = ? ORDER BY e.id`).all(t.name, t.zoneId) as { ip: string; name: string; id: number }[];
  const ips = [...new Set(rows.map((r) => r.ip))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return { ips, endpoint: rows[0] && { name: rows[0].name, guid: endpointGuid(rows[0].id) } };
}

/** A stable resource guid per endpoint row (Azure's `resourceGuid`; ours only needs to be stable). */
export const endpointGuid = (rowId: number) => `00000000-0000-4000-8000-${rowId.toString(16).padStart(12, "0")}`;

/**
 * P3: writes, replaces or removes the managed A set at each pair. A user set of type A or CNAME there is
 * replaced while a group wants the name (choice, SPEC P3); when no group wants it any more the managed set
 * goes and a VM registered there gets its record back (A7's rule, run again).
 */
export function syncEndpointRecords(s: Store, pairs: Touched[]): void {
  const seen = new Set<string>();
  for (const t of pairs) {
    const key = `${t.zoneId}/${t.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { ips, endpoint } = dueAt(s, t);
    const here = recordSetsAt(s, t.zoneId, t.name);
    const managed = here.find((r) => r.type === "A" && r.managed === 1);
    if (ips.length === 0) {
      if (managed) {
        deleteRecordSetRow(s, managed);
        syncAutoRecord(s, t.zoneId, t.name);
      }
      continue;
    }
    const data = JSON.stringify({ aRecords: ips.map((ipv4Address) => ({ ipv4Address })) });
    const metadata = JSON.stringify({ creator: `created by private endpoint ${endpoint!.name} with resource guid ${endpoint!.guid}` });
    const a = here.find((r) => r.type === "A");
    for (const r of here) if (r.type === "CNAME") deleteRecordSetRow(s, r); // R4: nothing beside a CNAME
    if (a) {
      s.q("UPDATE record_sets SET ttl = ?, data = ?, metadata = ?, auto = 0, managed = 1, etag = ? WHERE id = ?").run(AUTO_TTL, data, metadata, newEtag(), a.id);
    } else {
      const row = insertRecordSet(s, t.zoneId, t.name, "A", AUTO_TTL, JSON.parse(data), JSON.parse(metadata), false);
      s.q("UPDATE record_sets SET managed = 1 WHERE id = ?").run(row.id);
    }
  }
}
