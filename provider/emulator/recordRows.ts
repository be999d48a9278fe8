/** Writing record set rows, keeping the zone's record set counter (Z8) equal to the real count. */
import { newEtag, RecordSetRow } from "./rows";
import { reversedLabels } from "./names";
import { Store } from "./store";
import { RecordData, RecordType } from "./types";

export function insertRecordSet(
  s: Store, zoneId: number, name: string, type: RecordType, ttl: number, data: RecordData,
  metadata: Record<string, string>, auto: boolean,
): void {
  s.q(`INSERT INTO record_sets (zone_id, name, rname, type, ttl, data, metadata, auto, etag)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(zoneId, name, reversedLabels(name), type, ttl, JSON.stringify(data), JSON.stringify(metadata), auto ? 1 : 0, newEtag());
  s.q("UPDATE zones SET record_set_count = record_set_count + 1 WHERE id = ?").run(zoneId);
}

export function replaceRecordSet(
  s: Store, id: number, ttl: number, data: RecordData, metadata: Record<string, string>, auto: boolean,
): void {
  // A user's or registration's write: a set the platform wrote for zone groups becomes theirs (P3, as A7).
  s.q("UPDATE record_sets SET ttl = ?, data = ?, metadata = ?, auto = ?, managed = 0, etag = ? WHERE id = ?")
    .run(ttl, JSON.stringify(data), JSON.stringify(metadata), auto ? 1 : 0, newEtag(), id);
}

export function deleteRecordSetRow(s: Store, row: RecordSetRow): void {
  s.q("DELETE FROM record_sets WHERE id = ?").run(row.id);
  s.q("UPDATE zones SET record_set_count = record_set_count - 1 WHERE id = ?").run(row.zone_id);
}

export const recordSetAt = (s: Store, zoneId: number, name: string, type: string) =>
  s.q("SELECT * FROM record_sets WHERE zone_id = ? AND name = ? AND type = ?").get(zoneId, name, type) as
    RecordSetRow | undefined;

export const recordSetsAt = (s: Store, zoneId: number, name: string) =>
  s.q("SELECT * FROM record_sets WHERE zone_id = ? AND name = ?").all(zoneId, name) as RecordSetRow[];
