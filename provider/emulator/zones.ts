/** Zones: Z1-Z8. */
import { randomUUID } from "crypto";
import { at, E } from "./errors";
import { checkPreconditions, Preconditions } from "./conditions";
import * as ids from "./ids";
import { checkZoneName } from "./names";
import { DEFAULT_SOA, SOA_TTL } from "./records";
import { insertRecordSet } from "./recordRows";
import { findZoneRow, storedTags, LinkRow, newEtag, rgOf, toZone, ZoneRow, zoneRow } from "./rows";
import { checkZoneUnreferenced } from "./zoneGroups";
import { Store } from "./store";
import { Upserted, Zone, ZoneArgs, ZoneRef } from "./types";

export function createZone(s: Store, args: ZoneArgs): Zone {
  const key = zoneKey(args);
  const tags = storedTags(key.id, args.tags);
  // Azure's words for a zone that exists already (PutZone_ZoneExistsIfNoneMatchFailure_ExpectError).
  if (findZoneRow(s, args)) throw E.zoneExists(at(key.id, "privateZoneName", key.name));
  return insertZone(s, key, tags);
}

/** The zone's resource group and name as stored (Z1-Z4, lower case) and its ARM id. */
function zoneKey(args: ZoneRef) {
  const name = checkZoneName(args.privateZoneName);
  const rg = rgOf(args.resourceGroupName);
  return { rg, name, id: ids.zoneId(rg, name) };
}

/** Writes a zone known not to exist and answers it from what was written, not read back. */
function insertZone(s: Store, { rg, name }: ReturnType<typeof zoneKey>, tags: string): Zone {
  const row = { rg, name, tags, etag: newEtag(), internal_id: randomUUID() };
  const { lastInsertRowid } = s.q("INSERT INTO zones (rg, name, tags, etag, internal_id) VALUES (?, ?, ?, ?, ?)")
    .run(row.rg, row.name, row.tags, row.etag, row.internal_id);
  // Z5: exactly one record set, the SOA at the apex; no NS. insertRecordSet counts it (Z8).
  insertRecordSet(s, Number(lastInsertRowid), "@", "SOA", SOA_TTL, { soaRecord: { ...DEFAULT_SOA } }, {}, false);
  return toZone({ id: Number(lastInsertRowid), ...row, record_set_count: 1, link_count: 0, registration_link_count: 0 });
}

/** E1: a write's If-Match / If-None-Match against the zone as it is (`row` undefined: it does not exist). */
function checkZoneConditions(ref: ZoneRef & Preconditions, row: ZoneRow | undefined) {
  const { name, id } = zoneKey(ref);
  const where = at(id, "privateZoneName", name);
  checkPreconditions(row?.etag, ref, { exists: () => E.zonePreconditionExists(where), mismatch: () => E.zoneEtagMismatch(where) });
}

/** ARM's PUT: creates the zone or replaces its tags, after the write's preconditions (E1); `created` tells which. */
export function upsertZone(s: Store, args: ZoneArgs): Upserted<Zone> {
  const row = findZoneRow(s, args);
  checkZoneConditions(args, row);
  if (row) return { resource: update(s, args, row), created: false };
  const key = zoneKey(args);
  return { resource: insertZone(s, key, storedTags(key.id, args.tags)), created: true };
}

export const putZone = (s: Store, args: ZoneArgs): Zone => upsertZone(s, args).resource;

/** Only tags can change: a zone's name and resource group are its identity (replace instead). */
export function updateZone(s: Store, args: ZoneArgs): Zone {
  const row = zoneRow(s, args);
  checkZoneConditions(args, row);
  return update(s, args, row);
}

/** updateZone on the row as looked up (its preconditions checked); answers the zone as written. */
function update(s: Store, args: ZoneArgs, row: ZoneRow): Zone {
  const written = { ...row, tags: storedTags(ids.zoneId(row.rg, row.name), args.tags), etag: newEtag() };
  s.q("UPDATE zones SET tags = ?, etag = ? WHERE id = ?").run(written.tags, written.etag, row.id);
  return toZone(written);
}

export const getZone = (s: Store, ref: ZoneRef): Zone => toZone(zoneRow(s, ref));

export function findZone(s: Store, ref: ZoneRef): Zone | undefined {
  const row = findZoneRow(s, ref);
  return row && toZone(row);
}

export const listZones = (s: Store): Zone[] =>
  (s.q("SELECT * FROM zones ORDER BY name, rg").all() as any[]).map(toZone);

/**
 * P4: refused while a zone group names it, Z7: while links exist; deletes the zone's record sets. Deleting what is
 * gone returns false. P4 first: a plan that drops a zone drops its links with it (they are its children), but not
 * the zone group that still names it, which is what the user must act on (the preview's what-if has no links' deletes).
 */
export function deleteZone(s: Store, ref: ZoneRef & Preconditions): boolean {
  const row = findZoneRow(s, ref);
  if (!row) return false;
  checkZoneConditions(ref, row);
  checkZoneUnreferenced(s, row);
  const link = s.q("SELECT * FROM links WHERE zone_id = ? LIMIT 1").get(row.id) as LinkRow | undefined;
  if (link) throw E.zoneHasNestedResources(at(ids.zoneId(row.rg, row.name), "privateZoneName", link.name), { zone: row.name });
  s.q("DELETE FROM record_sets WHERE zone_id = ?").run(row.id);
  s.q("DELETE FROM zones WHERE id = ?").run(row.id);
  return true;
}
