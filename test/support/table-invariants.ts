/**
 * The store's invariants, read straight from the SQLite tables of a bare connection (no Emulator object, no
 * emulator code), for the reliability tests, which check stores other processes write or were killed writing: whatever happened (concurrent writers, kill -9), every committed state must satisfy
 * them. Returns the violations as readable strings (empty when all hold). Run it inside one read transaction
 * (`inSnapshot`) when other processes may be writing.
 *
 * - A4/A2/A3/A6/L3: every registration (and so every auto-registered A record) belongs to a living running VM
 *   whose primary IPv4 NIC lies in a vnet with a registration link to that zone; and every such VM is registered.
 * - A7/A8: each auto A record set holds exactly the addresses registered at its (zone, host); one exists
 *   wherever a registration exists and no user A or CNAME set stands at that name.
 * - L3: no vnet has two registration links. L5: no (zone, vnet) pair has two links.
 * - Z8: numberOfRecordSets / numberOfVirtualNetworkLinks / numberOfVirtualNetworkLinksWithRegistration (and a
 *   vnet's link counter) equal the real counts. Z5: one SOA at the apex of every zone. A2: one primary NIC a VM.
 */
import type Database from "better-sqlite3";

type Db = Database.Database;
const dbOf = (x: Db | { store: { db: Db } }): Db => ("store" in x ? x.store.db : x);

export function checkInvariants(target: Db | { store: { db: Db } }): string[] {
  const db = dbOf(target);
  const bad: string[] = [];
  const rows = (sql: string) => db.prepare(sql).all() as any[];
  const expectNone = (what: string, sql: string) => {
    const found = rows(sql);
    if (found.length) bad.push(`${what}: ${JSON.stringify(found.slice(0, 5))}${found.length > 5 ? ` (+${found.length - 5})` : ""}`);
  };

  expectNone("registration of a VM that is gone, not running, moved, renamed, or without a registration link (A4, A6, L3)", `
    SELECT r.* FROM registrations r
    LEFT JOIN vms v ON v.id = r.vm_id
    LEFT JOIN nics n ON n.vm_id = r.vm_id AND n.is_primary = 1
    LEFT JOIN links l ON l.zone_id = r.zone_id AND l.vnet_id = v.vnet_id AND l.registration = 1
    WHERE v.id IS NULL OR v.power_state <> 'running' OR v.vnet_id <> r.vnet_id
       OR n.vm_id IS NULL OR n.is_ipv4 <> 1 OR n.ip <> r.ip OR n.vnet_id <> v.vnet_id
       OR r.host <> lower(coalesce(v.computer_name, v.name)) OR l.id IS NULL`);
  expectNone("running VM with a primary IPv4 in a registration vnet but not registered (A4, L9)", `
    SELECT v.id, v.name, l.zone_id FROM vms v
    JOIN nics n ON n.vm_id = v.id AND n.is_primary = 1 AND n.is_ipv4 = 1
    JOIN links l ON l.vnet_id = v.vnet_id AND l.registration = 1
    WHERE v.power_state = 'running'
      AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.vm_id = v.id AND r.zone_id = l.zone_id)`);
  expectNone("VM without exactly one primary NIC (A2)", `
    SELECT v.id, v.name, (SELECT count(*) FROM nics n WHERE n.vm_id = v.id AND n.is_primary = 1) AS primaries
    FROM vms v WHERE primaries <> 1`);
  expectNone("NIC of a missing VM or in another vnet than its VM", `
    SELECT n.* FROM nics n LEFT JOIN vms v ON v.id = n.vm_id WHERE v.id IS NULL OR v.vnet_id <> n.vnet_id`);

  // Auto-registered A sets: exactly the registered addresses at (zone, host), and only there (A4, A7, A8).
  const autoSets = rows("SELECT zone_id, name, data FROM record_sets WHERE auto = 1");
  const registered = new Map<string, Set<string>>();
  for (const r of rows("SELECT zone_id, host, ip FROM registrations")) {
    const key = `${r.zone_id}/${r.host}`;
    if (!registered.has(key)) registered.set(key, new Set());
    registered.get(key)!.add(r.ip);
  }
  const seen = new Set<string>();
  for (const s of autoSets) {
    const key = `${s.zone_id}/${s.name}`;
    seen.add(key);
    const ips = (JSON.parse(s.data).aRecords ?? []).map((a: any) => a.ipv4Address).sort();
    const want = [...(registered.get(key) ?? [])].sort();
    if (JSON.stringify(ips) !== JSON.stringify(want))
      bad.push(`auto A record set ${key} holds ${JSON.stringify(ips)}, registrations say ${JSON.stringify(want)} (A4, A8)`);
  }
  expectNone("auto-registered record set that is not an A set (A1)", "SELECT id, name, type FROM record_sets WHERE auto = 1 AND type <> 'A'");
  const userBlocked = new Set(rows("SELECT zone_id, name FROM record_sets WHERE auto = 0 AND type IN ('A', 'CNAME')").map((r) => `${r.zone_id}/${r.name}`));
  for (const key of registered.keys())
    if (!seen.has(key) && !userBlocked.has(key)) bad.push(`registration at ${key} without its auto A record set (A4, A7)`);
  expectNone("auto A record set beside a CNAME (R4)", `
    SELECT a.zone_id, a.name FROM record_sets a JOIN record_sets c ON c.zone_id = a.zone_id AND c.name = a.name AND c.type = 'CNAME'
    WHERE a.auto = 1`);

  expectNone("vnet with two registration links (L3)", "SELECT vnet_id, count(*) AS n FROM links WHERE registration = 1 GROUP BY vnet_id HAVING n > 1");
  expectNone("(zone, vnet) pair with two links (L5)", "SELECT zone_id, vnet_id, count(*) AS n FROM links GROUP BY zone_id, vnet_id HAVING n > 1");
  expectNone("link to a missing zone or vnet", `
    SELECT l.* FROM links l LEFT JOIN zones z ON z.id = l.zone_id LEFT JOIN vnets v ON v.id = l.vnet_id WHERE z.id IS NULL OR v.id IS NULL`);
  expectNone("record set or registration of a missing zone", `
    SELECT 'set' AS what, r.zone_id FROM record_sets r LEFT JOIN zones z ON z.id = r.zone_id WHERE z.id IS NULL
    UNION ALL SELECT 'registration', r.zone_id FROM registrations r LEFT JOIN zones z ON z.id = r.zone_id WHERE z.id IS NULL`);
  expectNone("zone counters differ from the real counts (Z8)", `
    SELECT z.name, z.record_set_count, (SELECT count(*) FROM record_sets r WHERE r.zone_id = z.id) AS sets,
           z.link_count, (SELECT count(*) FROM links l WHERE l.zone_id = z.id) AS links,
           z.registration_link_count, (SELECT count(*) FROM links l WHERE l.zone_id = z.id AND l.registration = 1) AS reg
    FROM zones z WHERE z.record_set_count <> sets OR z.link_count <> links OR z.registration_link_count <> reg`);
  expectNone("vnet link counter differs from the real count", `
    SELECT v.name, v.link_count, (SELECT count(*) FROM links l WHERE l.vnet_id = v.id) AS links FROM vnets v WHERE v.link_count <> links`);
  expectNone("zone without exactly one SOA at @ (Z5)", `
    SELECT z.name, (SELECT count(*) FROM record_sets r WHERE r.zone_id = z.id AND r.type = 'SOA') AS soa,
           (SELECT count(*) FROM record_sets r WHERE r.zone_id = z.id AND r.type = 'SOA' AND r.name = '@') AS apex
    FROM zones z WHERE soa <> 1 OR apex <> 1`);
  return bad;
}

/** `PRAGMA integrity_check` (and the foreign keys): "ok" or the problems. */
export function integrityCheck(target: Db | { store: { db: Db } }): string {
  const db = dbOf(target);
  const result = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
  const fk = db.pragma("foreign_key_check") as unknown[];
  return fk.length ? `${result}; foreign keys: ${JSON.stringify(fk.slice(0, 5))}` : result;
}

/** Runs `fn` inside one read transaction: a consistent snapshot while other processes write. */
export function inSnapshot<T>(target: Db | { store: { db: Db } }, fn: () => T): T {
  return dbOf(target).transaction(fn).deferred();
}
