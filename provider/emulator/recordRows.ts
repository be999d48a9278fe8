/** Writing record set rows, keeping the zone's record set counter (Z8) equal to the real count. */
import { newEtag, RecordSetRow } from "./rows";
import { reversedLabels } from "./names";
import { Store } from "./store";
import { RecordData, RecordType } from "./types";

/** Inserts a set; returns the row as written (so that the caller need not read it back). */
export function insertRecordSet(
  s: Store, zoneId: number, name: string, type: RecordType, ttl: number, data: RecordData,
  metadata: Record<string, string>, auto: boolean,
): RecordSetRow {
  const row = { zone_id: zoneId, name, rname: reversedLabels(name), type, ttl, data: JSON.stringify(data), metadata: JSON.stringify(metadata), auto: auto ? 1 : 0, managed: 0, etag: newEtag() };
  const { lastInsertRowid } = s.q(`INSERT INTO record_sets (zone_id, name, rname, type, ttl, data, metadata, auto, etag)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(row.zone_id, row.name, row.rname, row.type, row.ttl, row.data, row.metadata, row.auto, row.etag);
  s.q("UPDATE zones SET record_set_count = record_set_count + 1 WHERE id = ?").run(zoneId);
  return { id: Number(lastInsertRowid), ...row };
}

/** Replaces a set's data; returns the row as written. */
export function replaceRecordSet(
  s: Store, row: RecordSetRow, ttl: number, data: RecordData, metadata: Record<string, string>, auto: boolean,
): RecordSetRow {
  // A user's or registration's write: a set the platform wrote for zone groups becomes theirs (P3, as A7).
  const written = { ...row, ttl, data: JSON.stringify(data), metadata: JSON.stringify(metadata), auto: auto ? 1 : 0, managed: 0, etag: newEtag() };
  s.q("UPDATE record_sets SET ttl = ?, data = ?, metadata = ?, auto = ?, managed = 0, etag = ? WHERE id = ?")
    .run(written.ttl, written.data, written.metadata, written.auto, written.etag, row.id);
  return written;
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
