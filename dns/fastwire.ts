/**
 * The common queries and answers read and written by hand, byte for byte as dns-packet reads and writes them
 * (test/dns/wire.test.ts compares the two): one question of class IN under a plain name, at most an OPT record
 * (no options but cookies), and answers of types A, AAAA, PTR, CNAME and SOA. On names the server had not
 * answered before, dns-packet's generic decoder and encoder (objects for every section, a regular expression and
 * a split per name) were the larger part of the server's own time. Anything else returns undefined and is
 * answered through dns-packet (wire.ts); so is a response too large for its transport (truncation).
 */
import * as ipaddr from "ipaddr.js";
import { Resolution } from "../provider/emulator";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const types: { toString(code: number): string; toType(name: string): number } = require("dns-packet/types");

const HEADER_BYTES = 12;
const QR = 0x8000;
const TYPE_OPT = 41, CLASS_IN = 1, OPTION_COOKIE = 10;

export interface Question {
  /** As asked (case kept), labels joined by dots: what dns-packet decodes. */
  name: string;
  type: string;
  /** Where the question ends: the bytes before are copied into the response as they came. */
  end: number;
  /** The OPT record's UDP payload size (0 when the record says 0), or undefined without one. */
  udpPayloadSize?: number;
}

/** A label byte the fast path takes as it is: letters, digits, `-`, `_` and `*` (no escaping, no dots, ASCII). */
const plainByte = (b: number) =>
  (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x5f || b === 0x2a;

/** The question of a plain query, or undefined when dns-packet must read the message (or refuse it). */
export function readQuestion(msg: Buffer): Question | undefined {
  if (msg.length < HEADER_BYTES) return undefined;
  const flags = msg.readUInt16BE(2);
  if (flags & QR || (flags >> 11) & 0xf) return undefined; // a response, or not opcode QUERY
  if (msg.readUInt16BE(4) !== 1 || msg.readUInt16BE(6) !== 0 || msg.readUInt16BE(8) !== 0) return undefined;
  const additionals = msg.readUInt16BE(10);
  if (additionals > 1) return undefined;
  let at = HEADER_BYTES;
  for (let total = 0; ; ) {
    if (at >= msg.length) return undefined;
    const len = msg[at++];
    if (len === 0) break;
    if (len > 63 || at + len > msg.length) return undefined; // pointers, bad labels, overflow: dns-packet's call
    total += len + 1;
    if (total > 254) return undefined;
    for (let i = at; i < at + len; i++) if (!plainByte(msg[i])) return undefined;
    at += len;
  }
  if (at === HEADER_BYTES + 1 || at + 4 > msg.length) return undefined; // the root name
  const name = dotted(msg, HEADER_BYTES, at - 1);
  const type = types.toString(msg.readUInt16BE(at));
  if (type.startsWith("UNKNOWN_") || type === "OPT" || msg.readUInt16BE(at + 2) !== CLASS_IN) return undefined;
  const end = at + 4;
  if (additionals === 0) return { name, type, end };
  const udpPayloadSize = readOpt(msg, end);
  return udpPayloadSize === undefined ? undefined : { name, type, end, udpPayloadSize };
}

const nameScratch = Buffer.alloc(256);
/**
 * The name whose labels lie at [start, end) (length bytes included, the final zero not) as dotted text: the label
 * bytes with each length byte after the first turned into a dot, read as one latin1 string (the bytes are plain
 * ASCII, checked). latin1Slice, not toString("latin1"): that normalizes its encoding argument on every call.
 */
function dotted(msg: Buffer, start: number, end: number): string {
  msg.copy(nameScratch, 0, start + 1, end);
  const length = end - start - 1;
  for (let at = msg[start]; at < length; ) {
    const next = at + nameScratch[at] + 1;
    nameScratch[at] = 0x2e;
    at = next;
  }
  return (nameScratch as Buffer & { latin1Slice(start: number, end: number): string }).latin1Slice(0, length);
}

/** An OPT record at `at` (root name, no option but cookies): its UDP payload size. */
function readOpt(msg: Buffer, at: number): number | undefined {
  if (at + 11 > msg.length || msg[at] !== 0 || msg.readUInt16BE(at + 1) !== TYPE_OPT) return undefined;
  const size = msg.readUInt16BE(at + 3);
  const rdlength = msg.readUInt16BE(at + 9);
  let o = at + 11;
  const end = o + rdlength;
  if (end > msg.length) return undefined;
  while (o < end) {
    if (o + 4 > end || msg.readUInt16BE(o) !== OPTION_COOKIE) return undefined;
    o += 4 + msg.readUInt16BE(o + 2);
  }
  return o === end ? size : undefined;
}

/** Bytes of a name as dns-packet writes it (no compression), or undefined for a name it would write otherwise. */
function nameBytes(name: string, out: Buffer, at: number): number | undefined {
  const n = name.endsWith(".") ? name.slice(0, -1) : name;
  if (n.startsWith(".") || n.includes("\n")) return undefined;
  if (n.length > 0) {
    let start = 0;
    for (;;) {
      const dot = n.indexOf(".", start);
      const stop = dot < 0 ? n.length : dot;
      const len = stop - start;
      if (len === 0 || len > 63) return undefined;
      out[at] = len;
      for (let i = 0; i < len; i++) {
        const c = n.charCodeAt(start + i);
        if (c > 0x7e || c < 0x21 || c === 0x5c) return undefined; // non-ASCII or escapes: dns-packet's way
        out[at + 1 + i] = c;
      }
      at += len + 1;
      if (dot < 0) break;
      start = dot + 1;
    }
  }
  out[at] = 0;
  return at + 1;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** An answer's type-specific data behind its length, or undefined for a type or value left to dns-packet. */
function rdataBytes(type: string, data: any, out: Buffer, at: number): number | undefined {
  const start = at + 2;
  let end: number | undefined;
  switch (type) {
    case "A": {
      const m = typeof data === "string" ? IPV4.exec(data) : null;
      if (!m) return undefined;
      for (let i = 0; i < 4; i++) out[start + i] = Number(m[i + 1]);
      end = start + 4;
      break;
    }
    case "AAAA": {
      if (typeof data !== "string" || !ipaddr.IPv6.isValid(data)) return undefined;
      const bytes = ipaddr.IPv6.parse(data).toByteArray();
      for (let i = 0; i < 16; i++) out[start + i] = bytes[i];
      end = start + 16;
      break;
    }
    case "PTR": case "CNAME":
      end = typeof data === "string" ? nameBytes(data, out, start) : undefined;
      break;
    case "SOA":
      end = soaBytes(data, out, start);
      break;
  }
  if (end === undefined) return undefined;
  out.writeUInt16BE(end - start, at);
  return end;
}

function soaBytes(d: any, out: Buffer, at: number): number | undefined {
  // dns-packet writes rname as a mail name (an escaped dot joins labels): plain names only here.
  if (typeof d?.mname !== "string" || typeof d.rname !== "string" || d.rname.includes("\\")) return undefined;
  let o = nameBytes(d.mname, out, at);
  if (o !== undefined) o = nameBytes(d.rname, out, o);
  if (o === undefined) return undefined;
  for (const v of [d.serial, d.refresh, d.retry, d.expire, d.minimum]) {
    out.writeUInt32BE((v || 0) >>> 0, o);
    o += 4;
  }
  return o;
}

/** One answer or authority record (class IN), or undefined when dns-packet must write it. */
function recordBytes(rr: Resolution["answers"][number], out: Buffer, at: number): number | undefined {
  let o = nameBytes(rr.name, out, at);
  if (o === undefined) return undefined;
  out.writeUInt16BE(types.toType(rr.type), o);
  out.writeUInt16BE(CLASS_IN, o + 2);
  out.writeUInt32BE((rr.ttl || 0) >>> 0, o + 4);
  return rdataBytes(rr.type, rr.data, out, o + 8);
}

/** Room for any response the fast path writes; a larger one is left to dns-packet (and truncated there). */
const scratch = Buffer.alloc(0x10000 + 2048); // a record starting below 64 KiB ends within 2 KiB

/**
 * The response to `query` (its question already read) with `resolution`, `flags` as wire.ts computes them, and
 * an OPT record of `ednsSize` when the query had one; undefined if dns-packet must write it or it exceeds `limit`.
 */
export function writeResponse(
  msg: Buffer, q: Question, resolution: Resolution, flags: number, ednsSize: number | undefined, limit: number,
): Buffer | undefined {
  const out = scratch;
  msg.copy(out, 0, 0, q.end); // id and the question as asked; the header's other fields are written below
  out.writeUInt16BE(QR | flags, 2);
  out.writeUInt16BE(1, 4);
  out.writeUInt16BE(resolution.answers.length, 6);
  out.writeUInt16BE(resolution.authority.length, 8);
  out.writeUInt16BE(ednsSize === undefined ? 0 : 1, 10);
  let at: number | undefined = q.end;
  for (const rr of resolution.answers) if (at !== undefined && at < 0x10000) at = recordBytes(rr, out, at);
  for (const rr of resolution.authority) if (at !== undefined && at < 0x10000) at = recordBytes(rr, out, at);
  if (at === undefined || at > 0x10000) return undefined;
  if (ednsSize !== undefined) {
    out[at] = 0; // root
    out.writeUInt16BE(TYPE_OPT, at + 1);
    out.writeUInt16BE(ednsSize, at + 3);
    out.writeUInt32BE(0, at + 5); // extended rcode, version, flags
    out.writeUInt16BE(0, at + 9); // no options
    at += 11;
  }
  if (at > limit) return undefined;
  return Buffer.from(out.subarray(0, at));
}
