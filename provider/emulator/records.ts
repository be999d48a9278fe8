/** Record data rules: types (R1), TTL (R2), size limits (R3), CNAME (R4), TXT (R5), SOA (Z5). */
import { badRequest, EmulatorError, text } from "./errors";
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
  if (upper === "NS")
    throw badRequest("Z5", resource, type, "NS record sets cannot be created in a private DNS zone (no delegations).");
  if (!(RECORD_TYPES as string[]).includes(upper))
    throw badRequest("R1", resource, type, `The record type '${text(type)}' is not supported; use one of ${RECORD_TYPES.join(", ")}.`);
  return upper as RecordType;
}

/** R2: TTL is required, an integer from 1 to 2147483647. */
export function checkTtl(ttl: unknown, resource: string): number {
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 1 || ttl > 2147483647)
    throw badRequest("R2", resource, ttl, `The TTL '${text(ttl)}' is invalid: it is required and must be an integer from 1 to 2147483647.`);
  return ttl;
}

const u16 = (rule: string, resource: string, field: string, v: unknown) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 65535)
    throw badRequest(rule, resource, v, `${field} '${text(v)}' must be an integer from 0 to 65535.`);
  return v;
};
const u32 = (resource: string, field: string, v: unknown) => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 4294967295)
    throw badRequest("Z5", resource, v, `${field} '${text(v)}' must be an integer from 0 to 4294967295.`);
  return v;
};

function asArray(rule: string, resource: string, field: string, v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw badRequest(rule, resource, v, `${field} must be an array.`);
  return v;
}

/**
 * Checks the record data of a set of type `type` and returns it normalised, holding only that type's field.
 * Data for another type is refused (R1); more than 20 records (R3), CNAME shape (R4), TXT sizes (R5).
 */
export function checkRecordData(type: RecordType, data: RecordData, resource: string): RecordData {
  for (const t of RECORD_TYPES) {
    const f = FIELD_OF[t];
    const v = (data as any)[f];
    const empty = v === undefined || v === null || (Array.isArray(v) && v.length === 0);
    if (t !== type && !empty)
      throw badRequest("R1", resource, f, `A record set of type ${type} cannot carry ${f}.`);
  }
  const field = FIELD_OF[type];
  const raw = (data as any)[field];
  if (type !== "CNAME" && type !== "SOA") {
    const list = asArray("R1", resource, field, raw);
    if (list.length > MAX_RECORDS_PER_SET)
      throw new EmulatorError("QuotaExceeded", "R3", resource, list.length,
        `A record set holds at most ${MAX_RECORDS_PER_SET} records; ${field} has ${list.length}.`);
  }
  switch (type) {
    case "A":
      return { aRecords: asArray("R1", resource, field, raw).map((r: any) => {
        const ip = canonicalIp(r?.ipv4Address);
        if (ip?.kind !== "ipv4") throw badRequest("R1", resource, r?.ipv4Address, `ipv4Address '${text(r?.ipv4Address)}' is not an IPv4 address.`);
        return { ipv4Address: ip.ip };
      }) };
    case "AAAA":
      return { aaaaRecords: asArray("R1", resource, field, raw).map((r: any) => {
        const ip = canonicalIp(r?.ipv6Address);
        if (ip?.kind !== "ipv6") throw badRequest("R1", resource, r?.ipv6Address, `ipv6Address '${text(r?.ipv6Address)}' is not an IPv6 address.`);
        return { ipv6Address: ip.ip };
      }) };
    case "CNAME": {
      if (Array.isArray(raw))
        throw badRequest("R4", resource, raw, "A CNAME record set holds exactly one record (cnameRecord is an object, not a list).");
      if (raw === undefined || raw === null) return {};
      return { cnameRecord: { cname: checkHostName("R4", resource, "cname", raw.cname) } };
    }
    case "MX":
      return { mxRecords: asArray("R1", resource, field, raw).map((r: any) => ({
        preference: u16("R1", resource, "preference", r?.preference),
        exchange: checkHostName("R1", resource, "exchange", r?.exchange),
      })) };
    case "PTR":
      return { ptrRecords: asArray("R1", resource, field, raw).map((r: any) => ({
        ptrdname: checkHostName("R1", resource, "ptrdname", r?.ptrdname),
      })) };
    case "SRV":
      return { srvRecords: asArray("R1", resource, field, raw).map((r: any) => ({
        priority: u16("R1", resource, "priority", r?.priority),
        weight: u16("R1", resource, "weight", r?.weight),
        port: u16("R1", resource, "port", r?.port),
        target: checkHostName("R1", resource, "target", r?.target),
      })) };
    case "TXT": {
      const records = asArray("R1", resource, field, raw).map((r: any) => {
        const value = asArray("R5", resource, "txtRecords[].value", r?.value);
        value.forEach((s) => {
          if (typeof s !== "string") throw badRequest("R5", resource, s, "TXT values are strings.");
          if (s.length > 255) throw badRequest("R5", resource, s.length, `A TXT string is at most 255 characters; one has ${s.length}.`);
        });
        return { value: value as string[] };
      });
      const total = records.reduce((n, r) => n + r.value.reduce((m, s) => m + s.length, 0), 0);
      if (total > 4096)
        throw badRequest("R5", resource, total, `A TXT record set holds at most 4096 characters in all; this one has ${total}.`);
      return { txtRecords: records };
    }
    case "SOA": {
      const s = raw ?? {};
      return { soaRecord: {
        host: typeof s.host === "string" ? s.host.toLowerCase() : DEFAULT_SOA.host,
        email: s.email === undefined ? DEFAULT_SOA.email : checkHostName("Z5", resource, "email", s.email),
        serialNumber: s.serialNumber === undefined ? DEFAULT_SOA.serialNumber : u32(resource, "serialNumber", s.serialNumber),
        refreshTime: s.refreshTime === undefined ? DEFAULT_SOA.refreshTime : u32(resource, "refreshTime", s.refreshTime),
        retryTime: s.retryTime === undefined ? DEFAULT_SOA.retryTime : u32(resource, "retryTime", s.retryTime),
        expireTime: s.expireTime === undefined ? DEFAULT_SOA.expireTime : u32(resource, "expireTime", s.expireTime),
        minimumTtl: s.minimumTtl === undefined ? DEFAULT_SOA.minimumTtl : u32(resource, "minimumTtl", s.minimumTtl),
      } };
    }
  }
}

/** Number of records a set holds (for listings). */
export function recordCount(type: RecordType, data: RecordData): number {
  const v = (data as any)[FIELD_OF[type]];
  return Array.isArray(v) ? v.length : v ? 1 : 0;
}
