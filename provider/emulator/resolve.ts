/**
 * Resolution as a VM in vnet V sees it through Azure DNS (Q1-Q5): only zones linked to V, the longest
 * matching zone answers with no fall-through, NXDOMAIN with the zone's SOA, wildcards, CNAME chains within
 * visible zones, and PTR answers for V's own registered VMs.
 */
import { FIELD_OF } from "./records";
import { reversedLabels } from "./names";
import { RecordSetRow, vnetRow, ZoneRow } from "./rows";
import { Store } from "./store";
import { AnswerRecord, RecordType, Resolution, VnetRef } from "./types";
import { at, E } from "./errors";
import { privateLinkAlias } from "./privateLinkZones";

const MAX_CNAME_CHAIN = 8;

export interface Visible { zone: ZoneRow; policy: string | null }

/**
 * What the rules of Q1-Q5 read about one vnet. Two sources: the store itself (one indexed statement per read,
 * for one-off resolutions) and `VnetView` (vnetView.ts: every visible record in memory, for the DNS server).
 * The rules below are written once, against this interface.
 */
export interface ResolutionData {
  /** Q1, Q3: the longest zone linked to the vnet that is `name` or an ancestor of it. */
  visibleZone(name: string): Visible | undefined;
  /** The record sets at a relative name of a zone. */
  rowsAt(zoneId: number, relative: string): RecordSetRow[];
  /** True if some record set lies strictly below `relative` (an empty non-terminal when none is at it). */
  hasDescendants(zoneId: number, relative: string): boolean;
  /** A5, Q5: the registrations of the vnet's VMs whose address reverses to `name`, by zone name. */
  reverse(name: string): { host: string; zone: string }[];
}

/** Every suffix of `name` of two labels or more, longest first (a single label is never a zone, Z1). */
export function zoneCandidates(name: string): string[] {
  const suffixes: string[] = [];
  for (let at = 0; ; ) {
    const dot = name.indexOf(".", at);
    if (dot < 0) break;
    suffixes.push(at === 0 ? name : name.slice(at));
    at = dot + 1;
  }
  return suffixes;
}

/** `?, ?, ...` lists for the suffix lookup, one SQL text per suffix count (each prepared once, Store.q). */
const suffixSql: string[] = [];
const suffixQuery = (n: number) => (suffixSql[n] ??=
  `SELECT z.*, l.resolution_policy AS policy FROM zones z CROSS JOIN links l ON l.zone_id = z.id AND l.vnet_id = ?
   WHERE z.name IN (${Array(n).fill("?").join(", ")}) ORDER BY length(z.name) DESC LIMIT 1`);

/** The store as the source: each read one statement. */
export function storeData(s: Store, vnetId: number): ResolutionData {
  return {
    // Every suffix in one statement rather than one per suffix. CROSS JOIN keeps zones (by name) the outer loop:
    // one index seek per suffix, whatever the number of zones linked to the vnet (left to itself the planner
    // scans the vnet's links).
    visibleZone(name) {
      const suffixes = zoneCandidates(name);
      if (suffixes.length === 0) return undefined;
      const row = s.q(suffixQuery(suffixes.length)).get(vnetId, ...suffixes) as (ZoneRow & { policy: string | null }) | undefined;
      return row && { zone: row, policy: row.policy };
    },
    rowsAt: (zoneId, name) => s.q("SELECT * FROM record_sets WHERE zone_id = ? AND name = ?").all(zoneId, name) as RecordSetRow[],
    hasDescendants(zoneId, relative) {
      const r = reversedLabels(relative);
      const prefix = r === "" ? "" : `${r}.`;
      return !!s.q("SELECT 1 FROM record_sets WHERE zone_id = ? AND rname > ? AND rname < ? LIMIT 1").get(zoneId, prefix, `${prefix}\uffff`);
    },
    reverse: (name) => s.q(`SELECT r.host, z.name AS zone FROM registrations r JOIN zones z ON z.id = r.zone_id
                            WHERE r.vnet_id = ? AND r.reverse_name = ? ORDER BY z.name`).all(vnetId, name) as { host: string; zone: string }[],
  };
}

/** dns-packet shaped data of each record of a set. */
/** A row's record data, parsed once per row object (a VnetView's rows live as long as the view). */
const parsed = new WeakMap<RecordSetRow, any>();
function dataOf(row: RecordSetRow): any {
  let data = parsed.get(row);
  if (data === undefined) parsed.set(row, (data = JSON.parse(row.data)[FIELD_OF[row.type]] ?? null));
  return data;
}

function answersOf(row: RecordSetRow, owner: string): AnswerRecord[] {
  const data = dataOf(row);
  const rr = (d: unknown): AnswerRecord => ({ name: owner, ttl: row.ttl, type: row.type, data: d });
  switch (row.type) {
    case "A": return data.map((r: any) => rr(r.ipv4Address));
    case "AAAA": return data.map((r: any) => rr(r.ipv6Address));
    case "CNAME": return data ? [rr(data.cname)] : [];
    case "MX": return data.map((r: any) => rr({ preference: r.preference, exchange: r.exchange }));
    case "PTR": return data.map((r: any) => rr(r.ptrdname));
    case "SRV": return data.map((r: any) => rr({ priority: r.priority, weight: r.weight, port: r.port, target: r.target }));
    case "TXT": return data.map((r: any) => rr(r.value));
    case "SOA": return [rr({
      mname: data.host, rname: data.email, serial: data.serialNumber, refresh: data.refreshTime,
      retry: data.retryTime, expire: data.expireTime, minimum: data.minimumTtl,
    })];
  }
}

function soaOf(d: ResolutionData, zone: ZoneRow): AnswerRecord[] {
  return answersOf(d.rowsAt(zone.id, "@").find((r) => r.type === "SOA")!, zone.name);
}

/**
 * Q4: the record sets that answer `relative` in a zone: the exact name if it exists (or is an empty
 * non-terminal), else the wildcard at the closest encloser (RFC 4592), else nothing (NXDOMAIN).
 */
function lookup(d: ResolutionData, zoneId: number, relative: string): { rows: RecordSetRow[]; exists: boolean } {
  const exact = d.rowsAt(zoneId, relative);
  if (exact.length > 0) return { rows: exact, exists: true };
  if (relative !== "@" && d.hasDescendants(zoneId, relative)) return { rows: [], exists: true };
  if (relative === "@") return { rows: [], exists: true };
  const labels = relative.split(".");
  for (let i = 1; i <= labels.length; i++) {
    const encloser = i === labels.length ? "@" : labels.slice(i).join(".");
    const encloserExists = encloser === "@" || d.rowsAt(zoneId, encloser).length > 0 || d.hasDescendants(zoneId, encloser);
    if (!encloserExists) continue;
    const wildcard = d.rowsAt(zoneId, encloser === "@" ? "*" : `*.${encloser}`);
    return wildcard.length > 0 ? { rows: wildcard, exists: true } : { rows: [], exists: false };
  }
  return { rows: [], exists: false };
}

/**
 * Any query type may be asked. Types a private zone never holds (NS: Z5; ANY, CAA, ...) find no record set
 * and get NODATA or NXDOMAIN like any other name, as an authoritative server answers.
 */
function normalise(name: string, type: string): { name: string; type: string } {
  // SPEC E: a query name that is not a string is a typed refusal (found by the fuzz tests: a TypeError).
  if (typeof name !== "string") throw E.queryNameNotString(at("query", "name", name));
  const n = name.toLowerCase().replace(/\.$/, "");
  // Z2/RFC 1035: a DNS name has at most 253 characters. Longer names are refused before any lookup: the work per
  // label grew with the square of the label count (the fuzz tests found a 100,000-character name taking 40 s).
  // Names from the DNS wire are at most 255 octets, so the server never sends one.
  if (n.length > 253) throw E.queryNameTooLong(at("query", "name", name.length), { length: n.length });
  if (typeof type !== "string" || !/^[A-Za-z0-9]{1,10}$/.test(type)) throw E.queryTypeInvalid(at(`query '${name}'`, "type", type));
  return { name: n, type: type.toUpperCase() };
}

export function resolve(s: Store, vnet: VnetRef, qname: string, qtype: string): Resolution {
  return resolveWith(storeData(s, vnetRow(s, vnet, "vnet").id), qname, qtype);
}

/** `resolve` over a source of the vnet's data (the store, or a `VnetView` for the DNS server). */
export function resolveWith(d: ResolutionData, qname: string, qtype: string): Resolution {
  const { name, type } = normalise(qname, qtype);
  return resolveIn(d, name, type, 0);
}

function resolveIn(d: ResolutionData, name: string, type: string, depth: number): Resolution {
  const visible = d.visibleZone(name);
  if (!visible) {
    if (/\.in-addr\.arpa$/.test(name)) return reverseLookup(d, name, type); // Q5
    const alias = privateLinkAlias(name);
    if (alias && d.visibleZone(alias)) return publicAlias(d, name, alias, type, depth); // P5
    return { rcode: "REFUSED", answers: [], authority: [] }; // Q1: no public DNS in the emulator
  }
  const { zone, policy } = visible;
  const relative = name === zone.name ? "@" : name.slice(0, -(zone.name.length + 1));
  const found = lookup(d, zone.id, relative);
  if (!found.exists) {
    if (policy === "NxDomainRedirect") return { rcode: "REFUSED", zone: zone.name, answers: [], authority: [] }; // Q2
    return { rcode: "NXDOMAIN", zone: zone.name, answers: [], authority: soaOf(d, zone) }; // Q2
  }
  const match = found.rows.find((r) => r.type === type);
  if (match) return { rcode: "NOERROR", zone: zone.name, answers: answersOf(match, name), authority: [] };
  const cname = found.rows.find((r) => r.type === "CNAME");
  if (cname) {
    const answers = answersOf(cname, name);
    const targetName = answers[0]?.data as string | undefined;
    if (!targetName || depth >= MAX_CNAME_CHAIN) return { rcode: "NOERROR", zone: zone.name, answers, authority: [] };
    const next = resolveIn(d, targetName, type, depth + 1); // Q4: followed within the zones V sees
    if (next.rcode === "REFUSED") return { rcode: "NOERROR", zone: zone.name, answers, authority: [] };
    return { rcode: next.rcode, zone: zone.name, answers: [...answers, ...next.answers], authority: next.authority };
  }
  return { rcode: "NOERROR", zone: zone.name, answers: [], authority: soaOf(d, zone) }; // NODATA
}

/** Public DNS's CNAME for a private link target's name (TTL as Azure's public answer, 60 s: choice). */
const PUBLIC_CNAME_TTL = 60;

/**
 * P5: `<name>.blob.core.windows.net` asked from a vnet that sees `privatelink.blob.core.windows.net`: public DNS's
 * CNAME to `<name>.privatelink.blob.core.windows.net`, followed inside the vnet's zones (Q4) to the endpoint's A
 * record. Without that zone the vnet gets REFUSED (Q1, above): the emulator has no public DNS to answer with.
 */
function publicAlias(d: ResolutionData, name: string, alias: string, type: string, depth: number): Resolution {
  const cname: AnswerRecord = { name, ttl: PUBLIC_CNAME_TTL, type: "CNAME", data: alias };
  if (type === "CNAME") return { rcode: "NOERROR", answers: [cname], authority: [], viaPublicDns: true };
  const next = resolveIn(d, alias, type, depth + 1);
  return { rcode: next.rcode, zone: next.zone, answers: [cname, ...next.answers], authority: next.authority, viaPublicDns: true };
}

/**
 * The AA flag of an answer (RFC 1035 4.1.1: it speaks for the query name). Answers from the vnet's zones and
 * its VMs' PTRs (Q2-Q5) are the emulator's own; REFUSED (Q1) and public DNS's alias (P5), which Azure's
 * resolver relays by recursion, are not. The DNS server and the CLI both print what this says.
 */
export const isAuthoritative = (r: Resolution): boolean => r.rcode !== "REFUSED" && r.viaPublicDns !== true;

/** Q5: PTR answers from the registrations of VMs in this vnet (A5); anything else under in-addr.arpa is NXDOMAIN. */
function reverseLookup(d: ResolutionData, name: string, type: string): Resolution {
  const regs = d.reverse(name);
  if (regs.length === 0) return { rcode: "NXDOMAIN", answers: [], authority: [] };
  if (type !== "PTR") return { rcode: "NOERROR", answers: [], authority: [] };
  return { rcode: "NOERROR", answers: regs.map((r) => ({ name, ttl: 10, type: "PTR" as const, data: `${r.host}.${r.zone}` })), authority: [] };
}

export const dotted = (name: string): string => (name === "" || name === "." ? "." : name.endsWith(".") ? name : `${name}.`);
const quoted = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** An answer's data in DNS presentation format, as dig prints it (`10 mail.corp.internal.` for MX, ...). */
export function rdata(type: string, data: any): string {
  switch (type) {
    case "A": case "AAAA": return String(data);
    case "CNAME": case "PTR": return dotted(String(data));
    case "MX": return `${data.preference} ${dotted(data.exchange)}`;
    case "SRV": return `${data.priority} ${data.weight} ${data.port} ${dotted(data.target)}`;
    case "TXT": return (Array.isArray(data) ? data : [data]).map((s: unknown) => quoted(String(s))).join(" ");
    case "SOA": return `${dotted(data.mname)} ${dotted(data.rname)} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}`;
    default: return JSON.stringify(data);
  }
}
