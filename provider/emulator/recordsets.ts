/** User record sets: R1-R7, SOA rules (Z5), overwriting auto-registered sets (A7). */
import { at, E, text } from "./errors";
import { checkPreconditions, Preconditions } from "./conditions";
import * as ids from "./ids";
import { checkRecordSetName } from "./names";
import { checkRecordData, checkRecordType, checkTtl, MAX_RECORD_SETS_PER_ZONE } from "./records";
import { deleteRecordSetRow, insertRecordSet, recordSetAt, recordSetsAt, replaceRecordSet } from "./recordRows";
import { syncAutoRecord } from "./registration";
import { checkTags, findZoneRow, RecordSetRow, toRecordSet, zoneRow, ZoneRow } from "./rows";
import { Store } from "./store";
import { RecordSet, RecordSetArgs, RecordSetRef, RecordType, Upserted, ZoneRef } from "./types";

function target(s: Store, ref: RecordSetRef, write: boolean) {
  const type = checkRecordType(ref.recordType, `record set '${text(ref.relativeRecordSetName)}'`);
  const zone = zoneRow(s, ref, write ? `privateDnsZones/${type}` : undefined);
  const name = checkRecordSetName(ref.relativeRecordSetName, zone.name);
  const id = ids.recordSetId(zone.rg, zone.name, type, name);
  return { type, zone, name, id, row: recordSetAt(s, zone.id, name, type) };
}

/** Azure's 404 for a record set (add_record_when_record_set_is_empty): code NotFound, not ResourceNotFound. */
const recordSetNotFound = (zone: ZoneRow, id: string, name: string) =>
  E.recordSetNotFound(at(id, "relativeRecordSetName", name), { resourceGroup: zone.rg, subscription: ids.EMULATED_SUBSCRIPTION });

function checkArgs(zone: ZoneRow, type: RecordType, name: string, id: string, args: RecordSetArgs) {
  const ttl = checkTtl(args.ttl, id);
  const data = checkRecordData(type, args, id);
  const metadata = checkTags(id, args.metadata, "metadata");
  if (type === "CNAME" && name === "@") throw E.cnameAtApex(at(id, "relativeRecordSetName", name));
  return { ttl, data, metadata };
}

/** R4: a CNAME cannot share its name with any other record set, user or auto-registered. */
function checkCnameCoexistence(s: Store, zone: ZoneRow, type: RecordType, name: string, id: string) {
  const others = recordSetsAt(s, zone.id, name).filter((r) => r.type !== type);
  const clash = type === "CNAME" ? others[0] : others.find((r) => r.type === "CNAME");
  if (clash) throw E.cnameCoexistence(at(id, "relativeRecordSetName", name), { type: clash.type, zone: zone.name });
}

/** E1: a write's If-Match / If-None-Match against the record set as it is (an auto-registered set counts as absent). */
function checkRecordSetConditions(id: string, name: string, row: RecordSetRow | undefined, pre: Preconditions) {
  const where = at(id, "relativeRecordSetName", name);
  const current = row && row.auto === 0 ? row.etag : undefined;
  checkPreconditions(current, pre, { exists: () => E.recordSetExists(where), mismatch: () => E.recordSetEtagMismatch(where) });
}

/**
 * ARM's PUT: creates the set (overwriting an auto-registered one, A7) or replaces a user set's data (E1 first);
 * `created` tells which (201 or 200), from the same lookup.
 */
export function upsertRecordSet(s: Store, args: RecordSetArgs): Upserted<RecordSet> {
  const t = target(s, args, true);
  checkRecordSetConditions(t.id, t.name, t.row, args);
  const created = t.row?.auto !== 0;
  return { resource: created ? create(s, args, t) : update(s, args, t), created };
}

export const putRecordSet = (s: Store, args: RecordSetArgs): RecordSet => upsertRecordSet(s, args).resource;

type Target = ReturnType<typeof target>;

/**
 * Creates a user record set. An auto-registered set of the same name and type is overwritten and becomes a
 * user set (A7); any other existing set is a conflict.
 */
export const createRecordSet = (s: Store, args: RecordSetArgs): RecordSet => create(s, args, target(s, args, true));

/** createRecordSet on its target (zone, name, existing row) as looked up once; answers the set as written. */
function create(s: Store, args: RecordSetArgs, { type, zone, name, id, row }: Target): RecordSet {
  if (type === "SOA") throw E.soaNotCreatable(at(id, "recordType", type));
  const { ttl, data, metadata } = checkArgs(zone, type, name, id, args);
  // Azure's words (PutRecordSet_IfNoneMatchFailure_ExpectError).
  if (row && row.auto === 0) throw E.recordSetExists(at(id, "relativeRecordSetName", name));
  checkCnameCoexistence(s, zone, type, name, id);
  let written: RecordSetRow;
  if (row) {
    written = replaceRecordSet(s, row, ttl, data, metadata, false); // A7
  } else {
    if (zone.record_set_count >= MAX_RECORD_SETS_PER_ZONE)
      throw E.recordSetsPerZoneQuota(at(id, "privateZoneName", zone.record_set_count), { zone: zone.name, max: MAX_RECORD_SETS_PER_ZONE });
    written = insertRecordSet(s, zone.id, name, type, ttl, data, metadata, false);
  }
  if (type === "CNAME") syncAutoRecord(s, zone.id, name); // R4: a user CNAME displaces nothing but blocks registration
  return toRecordSet(zone, written);
}

/** Replaces the data of an existing set; an auto-registered set edited by a user becomes a user set (A7). */
export const updateRecordSet = (s: Store, args: RecordSetArgs): RecordSet => update(s, args, target(s, args, true));

/** updateRecordSet on its target as looked up once; answers the set as written. */
function update(s: Store, args: RecordSetArgs, { type, zone, name, id, row }: Target): RecordSet {
  if (!row) throw recordSetNotFound(zone, id, name);
  checkRecordSetConditions(id, name, row, args);
  const { ttl, data, metadata } = checkArgs(zone, type, name, id, args);
  if (type === "SOA") {
    const current = JSON.parse(row.data).soaRecord;
    // Z5: the host cannot change; a host that is not a string is refused too (the fuzz tests found a TypeError).
    // E: the message names the offending value, not only the current one.
    const host: unknown = (args.soaRecord as any)?.host;
    if (host !== undefined && (typeof host !== "string" || host.toLowerCase() !== current.host))
      throw E.soaHostImmutable(at(id, "soaRecord.host", host), { current: current.host });
    data.soaRecord!.host = current.host;
    // Z5: Azure keeps the serial number whatever is sent (Private_Dns_Zone6_Import: sent 5, stays 1).
    data.soaRecord!.serialNumber = current.serialNumber;
  }
  return toRecordSet(zone, replaceRecordSet(s, row, ttl, data, metadata, false));
}

export function getRecordSet(s: Store, ref: RecordSetRef): RecordSet {
  const { zone, row, id, name } = target(s, ref, false);
  if (!row) throw recordSetNotFound(zone, id, name);
  return toRecordSet(zone, row);
}

export function findRecordSet(s: Store, ref: RecordSetRef): RecordSet | undefined {
  const { zone, row } = target(s, ref, false);
  return row && toRecordSet(zone, row);
}

export function listRecordSets(s: Store, ref: ZoneRef, filter: { type?: string } = {}): RecordSet[] {
  const zone = zoneRow(s, ref);
  const type = filter.type === undefined ? null : checkRecordType(filter.type, `zone '${zone.name}'`);
  const rows = s.q("SELECT * FROM record_sets WHERE zone_id = ? AND (? IS NULL OR type = ?) ORDER BY rname, type")
    .all(zone.id, type, type) as RecordSetRow[];
  return rows.map((r) => toRecordSet(zone, r));
}

/** Z5: the SOA cannot be deleted. A7: deleting a user A set brings a living VM's record back at once. */
export function deleteRecordSet(s: Store, ref: RecordSetRef & Preconditions): boolean {
  if (!findZoneRow(s, ref)) return false;
  const { type, zone, name, id, row } = target(s, ref, false);
  if (type === "SOA") throw E.soaNotDeletable(at(id, "recordType", type));
  if (!row) return false;
  checkRecordSetConditions(id, name, row, ref);
  deleteRecordSetRow(s, row);
  if (type === "A" || type === "CNAME") syncAutoRecord(s, zone.id, name);
  return true;
}
