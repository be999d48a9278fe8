/**
 * One DNS message in, one out: the wire side of the server, with no sockets. Every answer comes from a
 * `Resolution` (Emulator.resolve); this module only turns it into a response packet: AA as `isAuthoritative`
 * says (not for REFUSED, nor for public DNS's alias of P5), SOA in the authority section as the emulator gives it
 * (NXDOMAIN, NODATA), FORMERR for packets that cannot be decoded but whose header can, TC for UDP answers larger
 * than the client accepts.
 */
import * as packet from "dns-packet";
import { isAuthoritative, isEmulatorError, Resolution } from "../provider/emulator";
import { Question, readQuestion, writeResponse } from "./fastwire";

export type Resolver = (name: string, type: string) => Resolution;
export type Transport = "udp" | "tcp";

const HEADER_BYTES = 12;
const QR = 0x8000;
/** RFC 1035: a UDP answer to a client without EDNS is at most 512 bytes. */
export const CLASSIC_UDP_LIMIT = 512;
/** What the server advertises and the most it sends over UDP to an EDNS client (the DNS flag day 2020 size). */
export const EDNS_UDP_SIZE = 1232;

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
export type RcodeName = keyof typeof RCODE;

/** What happened to one query, for logs and tests. */
export interface Outcome {
  rcode: RcodeName;
  name?: string;
  type?: string;
  answers: number;
  truncated: boolean;
}

/** A bare header answer: same id and opcode, QR set, RD copied, no sections. Used when nothing else can be said. */
function headerOnly(query: Buffer, rcode: number): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  out.writeUInt16BE(query.readUInt16BE(0), 0);
  const flags = query.readUInt16BE(2);
  out.writeUInt16BE(QR | (flags & 0x7800) /* opcode */ | (flags & packet.RECURSION_DESIRED) | (rcode & 0xf), 2);
  return out;
}

/** The largest UDP response for a query with (the OPT record's size) or without EDNS. */
const udpLimit = (ednsSize: number | undefined) =>
  ednsSize === undefined ? CLASSIC_UDP_LIMIT : Math.min(Math.max(ednsSize || CLASSIC_UDP_LIMIT, CLASSIC_UDP_LIMIT), EDNS_UDP_SIZE);

/**
 * The response to one query message, or undefined when nothing must be sent: fewer than 12 bytes (no id to
 * answer to) or a message that is itself a response (answering those invites loops). The common queries and
 * answers are read and written by hand (fastwire.ts), the same bytes dns-packet would give; the rest by dns-packet.
 */
export function respond(msg: Buffer, resolve: Resolver, transport: Transport): { response: Buffer; outcome: Outcome } | undefined {
  const q = readQuestion(msg);
  return (q && respondQuickly(msg, q, resolve, transport)) || respondWithDnsPacket(msg, resolve, transport);
}

/** A plain question's response written by hand; undefined when dns-packet must answer (refusals, large answers). */
export function respondQuickly(msg: Buffer, q: Question, resolve: Resolver, transport: Transport) {
  let resolution: Resolution;
  try {
    resolution = resolve(q.name, q.type);
  } catch {
    return undefined; // NOTIMP or SERVFAIL, worded by the generic path
  }
  const { rcode } = resolution;
  const flags = (isAuthoritative(resolution) ? packet.AUTHORITATIVE_ANSWER : 0) | packet.RECURSION_AVAILABLE |
    (msg.readUInt16BE(2) & packet.RECURSION_DESIRED) | RCODE[rcode];
  const limit = transport === "tcp" ? 0xffff : udpLimit(q.udpPayloadSize);
  const response = writeResponse(msg, q, resolution, flags, q.udpPayloadSize === undefined ? undefined : EDNS_UDP_SIZE, limit);
  if (!response) return undefined;
  const outcome: Outcome = { rcode, name: q.name, type: q.type, answers: resolution.answers.length, truncated: false };
  return { response, outcome };
}

/** The response through dns-packet's decoder and encoder: every message the hand-written path leaves. */
export function respondWithDnsPacket(msg: Buffer, resolve: Resolver, transport: Transport): { response: Buffer; outcome: Outcome } | undefined {
  if (msg.length < HEADER_BYTES) return undefined;
  if (msg.readUInt16BE(2) & QR) return undefined;
  const fail = (rcode: RcodeName, extra: Partial<Outcome> = {}) =>
    ({ response: headerOnly(msg, RCODE[rcode]), outcome: { rcode, answers: 0, truncated: false, ...extra } });

  let query: packet.DecodedPacket & { opcode?: string };
  try {
    query = packet.decode(msg);
  } catch {
    return fail("FORMERR"); // the header parsed, the rest did not
  }
  if (query.opcode !== "QUERY") return fail("NOTIMP");
  const questions = query.questions ?? [];
  if (questions.length !== 1) return fail("FORMERR");
  const q = questions[0];
  const opt = (query.additionals ?? []).find((a) => a.type === "OPT") as packet.OptAnswer | undefined;

  let rcode: RcodeName;
  let resolution: Resolution | undefined;
  if (q.class !== undefined && q.class !== "IN") {
    rcode = "REFUSED"; // Azure DNS answers class IN only
  } else {
    try {
      resolution = resolve(q.name, q.type);
      rcode = resolution.rcode;
    } catch (e) {
      // A question the emulator refuses to read (not a query type at all): NOTIMP.
      // Anything else (the store unreadable, the vnet deleted meanwhile) is the server's failure.
      rcode = isEmulatorError(e) && e.code === "BadRequest" ? "NOTIMP" : "SERVFAIL";
    }
  }

  const authoritative = resolution !== undefined && isAuthoritative(resolution);
  let flags = (authoritative ? packet.AUTHORITATIVE_ANSWER : 0) | packet.RECURSION_AVAILABLE |
    ((query.flags ?? 0) & packet.RECURSION_DESIRED) | RCODE[rcode];
  const toRr = (rr: Resolution["answers"][number]) => ({ name: rr.name, type: rr.type, class: "IN", ttl: rr.ttl, data: rr.data }) as packet.Answer;
  const reply: packet.Packet = {
    id: query.id,
    type: "response",
    flags,
    questions: [{ name: q.name, type: q.type, class: q.class ?? "IN" }],
    answers: (resolution?.answers ?? []).map(toRr),
    authorities: (resolution?.authority ?? []).map(toRr),
    additionals: opt ? [{ name: ".", type: "OPT", udpPayloadSize: EDNS_UDP_SIZE, flags: 0, options: [] } as any] : [],
  };
  const outcome: Outcome = { rcode, name: q.name, type: q.type, answers: reply.answers!.length, truncated: false };

  try {
    let response = packet.encode(reply);
    const limit = transport === "tcp" ? 0xffff : udpLimit(opt ? opt.udpPayloadSize : undefined);
    if (response.length > limit) {
      // Too large for this transport: TC set, sections dropped, the client retries over TCP.
      flags |= packet.TRUNCATED_RESPONSE;
      response = packet.encode({ ...reply, flags, answers: [], authorities: [] });
      outcome.truncated = true;
    }
    return { response, outcome };
  } catch {
    return fail("SERVFAIL", { name: q.name, type: q.type }); // a question that decodes but cannot be re-encoded
  }
}
