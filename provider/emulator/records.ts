/** Record data rules: types (R1), TTL (R2), size limits (R3), CNAME (R4), TXT (R5), SOA (Z5). */
import { at, E } from "./errors";
import { canonicalIp } from "./ip";
import { checkHostName } from "./names";
import { RECORD_TYPES, RecordData, RecordType, SoaRecord } from "./types";

export const MAX_RECORDS_PER_SET = 20;
export const MAX_RECORD_SETS_PER_ZONE = 25000;
export const AUTO_TTL = 10;

/** Z5: the SOA every new zone gets, as recorded from real Azure responses. */
export const DEFAULT_SOA: SoaRecord = {
  host: "azureprivatedns.net",
  email: "azureprivatedns-host.microsoft.com",
  serialNumber: 1,
  refreshTime: 3600,
  retryTime: 300,
  expireTime: 2419200,
  minimumTtl: 10,
};
export const SOA_TTL = 3600;

/** The record field that carries each type's data. */
export const FIELD_OF: Record<RecordType, keyof RecordData> = {
  A: "aRecords",
  AAAA: "aaaaRecords",
  CNAME: "cnameRecord",
  MX: "mxRecords",
  PTR: "ptrRecords",
  SOA: "soaRecord",
  SRV: "srvRecords",
  TXT: "txtRecords",
};

/** R1: the record type, upper case; NS is refused (Z5), as is anything else outside the list. */
export function checkRecordType(type: unknown, resource: string): RecordType {
  const upper = typeof type === "string" ? type.toUpperCase() : "";
  const where = at(resource, "recordType", type);
  if (upper === "NS") throw E.nsRecordSet(where);
  if (!(RECORD_TYPES as string[]).includes(upper)) throw E.recordTypeUnsupported(where, { types: RECORD_TYPES.join(", ") });
  return upper as RecordType;
}

/** R2: TTL is required, an integer from 1 to 2147483647. */
export function checkTtl(ttl: unknown, resource: string): number {
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 1 || ttl > 2147483647) throw E.ttlInvalid(at(resource, "ttl", ttl));
  return ttl;
}

const isInteger = (v: unknown, max: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;

/** Reads the fields of one record, each refusal pointing at its path (`mxRecords[0].preference`). */
class RecordReader {
  constructor(readonly resource: string, readonly path: string, readonly record: any) {}
  private where = (key: string) => at(this.resource, `${this.path}.${key}`, this.record?.[key]);
  u16(key: string): number {
    const v = this.record?.[key];
    if (!isInteger(v, 65535)) throw E.recordIntegerInvalid(this.where(key));
    return v;
  }
  u32(key: string): number {
    const v = this.record?.[key];
    if (!isInteger(v, 4294967295)) throw E.soaIntegerInvalid(this.where(key));
    return v;
  }
  host(key: string, invalid = E.targetNameInvalid): string {
    return checkHostName(invalid, this.resource, `${this.path}.${key}`, this.record?.[key]);
  }
  ip(key: string, kind: "ipv4" | "ipv6"): string {
    const ip = canonicalIp(this.record?.[key]);
    if (ip?.kind !== kind) throw (kind === "ipv4" ? E.ipv4AddressInvalid : E.ipv6AddressInvalid)(this.where(key));
    return ip.ip;
  }
}

/** R1: a list field is absent (none) or an array; R3: of at most 20 records. */
function recordList(resource: string, field: string, v: unknown): RecordReader[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw E.recordsNotList(at(resource, field, v));
  if (v.length > MAX_RECORDS_PER_SET) throw E.recordsPerSetQuota(at(resource, field, v.length), { max: MAX_RECORDS_PER_SET });
  return v.map((r, i) => new RecordReader(resource, `${field}[${i}]`, r));
}

/** R5: each TXT string at most 255 characters, at most 4096 in the whole set. */
function txtRecords(resource: string, raw: unknown): RecordData {
  const records = recordList(resource, "txtRecords", raw).map((r) => {
    const field = `${r.path}.value`;
    const value: unknown = r.record?.value;
    if (value === undefined || value === null) return { value: [] as string[] };
    if (!Array.isArray(value)) throw E.txtValuesNotList(at(resource, field, value));
    value.forEach((s, i) => {
      if (typeof s !== "string") throw E.txtValueNotString(at(resource, `${field}[${i}]`, s));
      if (s.length > 255) throw E.txtStringTooLong(at(resource, `${field}[${i}]`, s.length));
    });
    return { value: value as string[] };
  });
  const total = records.reduce((n, r) => n + r.value.reduce((m, s) => m + s.length, 0), 0);
  if (total > 4096) throw E.txtSetTooLong(at(resource, "txtRecords", total));
  return { txtRecords: records };
}

/** R4: a CNAME set holds one record, an object (or none: an empty set, R6). */
function cnameRecord(resource: string, raw: any): RecordData {
  if (Array.isArray(raw)) throw E.cnameNotSingle(at(resource, "cnameRecord", raw));
  if (raw === undefined || raw === null) return {};
  return { cnameRecord: { cname: new RecordReader(resource, "cnameRecord", raw).host("cname", E.cnameTargetInvalid) } };
}

/**
 * Z5: SOA fields other than the host and serial number may change; what is not given keeps Azure's default. The
 * email is checked as a DNS name but kept as sent, trailing dot included (Private_Dns_Zone6_Import, recorded).
 */
function soaRecord(resource: string, raw: any): RecordData {
  const s = new RecordReader(resource, "soaRecord", raw ?? {});
  const given = (key: keyof SoaRecord) => s.record[key] !== undefined;
  const u32 = (key: "serialNumber" | "refreshTime" | "retryTime" | "expireTime" | "minimumTtl") => (given(key) ? s.u32(key) : DEFAULT_SOA[key]);
  return { soaRecord: {
    host: typeof s.record.host === "string" ? s.record.host.toLowerCase() : DEFAULT_SOA.host,
    email: given("email") ? (s.host("email", E.soaEmailInvalid), s.record.email as string) : DEFAULT_SOA.email,
    serialNumber: u32("serialNumber"), refreshTime: u32("refreshTime"), retryTime: u32("retryTime"),
    expireTime: u32("expireTime"), minimumTtl: u32("minimumTtl"),
  } };
}

/** Each type's data: the records of its field, checked and normalised (canonical addresses, lower-case names). */
const DATA_OF: Record<RecordType, (resource: string, raw: any) => RecordData> = {
  A: (res, raw) => ({ aRecords: recordList(res, "aRecords", raw).map((r) => ({ ipv4Address: r.ip("ipv4Address", "ipv4") })) }),
  AAAA: (res, raw) => ({ aaaaRecords: recordList(res, "aaaaRecords", raw).map((r) => ({ ipv6Address: r.ip("ipv6Address", "ipv6") })) }),
  CNAME: cnameRecord,
  MX: (res, raw) => ({ mxRecords: recordList(res, "mxRecords", raw).map((r) => ({ preference: r.u16("preference"), exchange: r.host("exchange") })) }),
  PTR: (res, raw) => ({ ptrRecords: recordList(res, "ptrRecords", raw).map((r) => ({ ptrdname: r.host("ptrdname") })) }),
  SRV: (res, raw) => ({ srvRecords: recordList(res, "srvRecords", raw).map((r) => ({
    priority: r.u16("priority"), weight: r.u16("weight"), port: r.u16("port"), target: r.host("target"),
  })) }),
  TXT: txtRecords,
  SOA: soaRecord,
};

/**
 * Checks the record data of a set of type `type` and returns it normalised, holding only that type's field.
 * Data for another type is refused (R1); more than 20 records (R3), CNAME shape (R4), TXT sizes (R5).
 */
export function checkRecordData(type: RecordType, data: RecordData, resource: string): RecordData {
  for (const t of RECORD_TYPES) {
    const f = FIELD_OF[t];
    const v = (data as any)[f];
    const empty = v === undefined || v === null || (Array.isArray(v) && v.length === 0);
    if (t !== type && !empty) throw E.recordDataOfOtherType(at(resource, f, f), { type });
  }
  return DATA_OF[type](resource, (data as any)[FIELD_OF[type]]);
}
