/**
 * DNS packets against `privatedns serve` (its own process), complementing test/dns/malformed.test.ts (which
 * checks ids and silence): fast-check generated packets, valid-looking (any flags, opcodes, classes, types,
 * several questions, EDNS with any payload size, odd labels) and garbage (valid packets with bytes flipped,
 * cut or appended), over UDP and TCP (several frames per connection, split into random chunks). Every reply
 * must be a whole DNS message that decodes, with the query's id, QR set, the size limit of its transport,
 * FORMERR where the query does not decode, and the emulator's own rcode for a well-formed question; nothing
 * is sent for packets without a header or that are responses. Bounded: each exchange has a deadline, and the
 * server must answer a known good query correctly afterwards.
 */
import * as fc from "fast-check";
import * as packet from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../../dist/provider/emulator";
import { serve, Served } from "../support/cli";
import { fillStore, RG, tempDb, withStore } from "../support/store";
import { query, tcpExchange, udpExchange, answersStill } from "../support/udp";

let served: Served;
let port: number;
let db: string;
let emu: Emulator;
let hubId: string;

beforeAll(async () => {
  db = tempDb();
  fillStore(db);
  served = await serve(db, ["hub"]);
  port = served.ports.hub;
  emu = Emulator.open(db);
  hubId = emu.getVnet({ resourceGroupName: "net", virtualNetworkName: "hub" }).id;
});
afterAll(async () => {
  emu?.close();
  await served?.stop();
});

/** Fixed seeds keep the suite reproducible; FUZZ_SEED=n explores other cases. */
const SEED = Number(process.env.FUZZ_SEED || 0);
const RCODES = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"];

const label = fc.oneof(
  fc.constantFrom("web", "db", "www", "big", "empty", "mail", "_sip", "_tcp", "*", "v6", "contoso", "internal", "4", "0", "10", "in-addr", "arpa", "WEB", "x-y"),
  fc.stringMatching(/^[a-z0-9_-]{1,20}$/),
  fc.string({ minLength: 1, maxLength: 63 }),
);
const name = fc.oneof(
  fc.constantFrom("web.contoso.internal", "WWW.Contoso.Internal", "big.contoso.internal", "nope.contoso.internal", "contoso.internal",
    "4.0.0.10.in-addr.arpa", "4.0.1.10.in-addr.arpa", "app.spoke.internal", "_sip._tcp.contoso.internal", "v6.contoso.internal", "empty.contoso.internal", ".", "example.com"),
  fc.array(label, { minLength: 1, maxLength: 5 }).map((ls) => `${ls.join(".")}.contoso.internal`),
  fc.array(label, { minLength: 1, maxLength: 8 }).map((ls) => ls.join(".")),
);
const qtype = fc.constantFrom("A", "A", "AAAA", "CNAME", "MX", "PTR", "SOA", "SRV", "TXT", "NS", "ANY", "CAA", "AXFR", "DS", "HTTPS", "NULL");
const qclass = fc.constantFrom("IN", "IN", "IN", "CH", "HS", "ANY");
const edns = fc.record({
  udpPayloadSize: fc.oneof(fc.constantFrom(0, 1, 511, 512, 1232, 4096, 65535), fc.integer({ min: 0, max: 65535 })),
  options: fc.array(fc.record({ code: fc.integer({ min: 0, max: 65535 }), data: fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b)) }), { maxLength: 2 }),
});

/** A packet dns-packet can encode: a query in shape, with anything in its flags and sections. */
const validLooking = fc.record({
  id: fc.integer({ min: 0, max: 0xffff }),
  flags: fc.oneof(fc.constant(packet.RECURSION_DESIRED), fc.integer({ min: 0, max: 0xffff })),
  questions: fc.oneof({ weight: 8, arbitrary: fc.array(fc.record({ name, type: qtype, class: qclass }), { minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.array(fc.record({ name, type: qtype, class: qclass }), { minLength: 0, maxLength: 3 }) }),
  edns: fc.option(edns),
  withAnswer: fc.boolean(),
}).map(({ id, flags, questions, edns: opt, withAnswer }) => {
  try {
    return Buffer.from(packet.encode({
      id, type: "query", flags: flags & ~0x8000, questions: questions as packet.Question[],
      answers: withAnswer ? [{ name: "x.contoso.internal", type: "A", ttl: 1, data: "10.9.9.9" } as packet.Answer] : [],
      additionals: opt ? [{ name: ".", type: "OPT", udpPayloadSize: opt.udpPayloadSize, flags: 0, options: opt.options } as any] : [],
    }));
  } catch {
    return Buffer.from(query("web.contoso.internal", "A", id)); // not encodable: fall back to a plain query
  }
});
/** Garbage derived from valid packets: bytes flipped, the packet cut short, garbage appended, or random bytes. */
const garbage = fc.oneof(
  fc.tuple(validLooking, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }))
    .map(([p, flips]) => { const b = Buffer.from(p); for (const [at, v] of flips) b[at % b.length] = v; return b; }),
  fc.tuple(validLooking, fc.nat()).map(([p, n]) => p.subarray(0, n % (p.length + 1))),
  fc.tuple(validLooking, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([p, tail]) => Buffer.concat([p, Buffer.from(tail)])),
  fc.uint8Array({ maxLength: 700 }).map((b) => Buffer.from(b)),
);
const anyPacket = fc.oneof({ weight: 3, arbitrary: validLooking }, { weight: 2, arbitrary: garbage });

const wantsReply = (msg: Buffer) => msg.length >= 12 && (msg[2] & 0x80) === 0;
const decodes = (msg: Buffer) => { try { return packet.decode(msg); } catch { return undefined; } };
const isAscii = (s: string) => /^[\x21-\x7e]*$/.test(s);

/** Everything a reply to `msg` must be; returns a description of what is wrong, or undefined. */
function judge(msg: Buffer, reply: Buffer | undefined, transport: "udp" | "tcp"): string | undefined {
  if (!wantsReply(msg)) return reply === undefined ? undefined : "a reply to a packet without a header or to a response";
  if (!reply) return "no reply";
  const r = decodes(reply);
  if (!r) return "the reply does not decode";
  if (r.id !== msg.readUInt16BE(0)) return `reply id ${r.id}`;
  if (r.type !== "response") return "QR not set";
  if (!RCODES.includes(r.rcode!)) return `rcode ${r.rcode}`;
  if (((reply[2] >> 3) & 0xf) !== ((msg[2] >> 3) & 0xf)) return "opcode not copied";
  const q = decodes(msg);
  if (!q) return r.rcode === "FORMERR" ? undefined : `undecodable query answered ${r.rcode}`;
  const opt = (q.additionals ?? []).find((a) => a.type === "OPT") as any;
  if (transport === "udp") {
    const limit = opt ? Math.min(Math.max(opt.udpPayloadSize || 512, 512), 1232) : 512;
    if (reply.length > limit) return `UDP reply of ${reply.length} bytes, limit ${limit}`;
  }
  if ((q as any).opcode !== "QUERY") return r.rcode === "NOTIMP" ? undefined : `opcode ${(q as any).opcode} answered ${r.rcode}`;
  if (q.questions!.length !== 1) return r.rcode === "FORMERR" ? undefined : `${q.questions!.length} questions answered ${r.rcode}`;
  const question = q.questions![0];
  if (r.questions?.[0]?.name !== question.name) return "question not echoed";
  if (question.class !== "IN") return r.rcode === "REFUSED" ? undefined : `class ${question.class} answered ${r.rcode}`;
  // Any query type is answered (types a private zone never holds are NODATA); only a non-type is NOTIMP.
  if (!/^[A-Za-z0-9]{1,10}$/.test(question.type)) return r.rcode === "NOTIMP" ? undefined : `type ${question.type} answered ${r.rcode}`;
  // A well-formed question: the rcode is the emulator's (Q1-Q5) for the hub's view.
  if (isAscii(question.name)) {
    const want = emu.resolve(hubId, question.name, question.type).rcode;
    if (r.rcode !== want) return `${question.name} ${question.type}: ${r.rcode}, the emulator says ${want}`;
  }
  return undefined;
}

async function stillAnswers() {
  await answersStill(port);
  expect(served.child.exitCode).toBeNull();
}

describe("fast-check DNS packets against a running server", () => {
  it("UDP: every reply is a whole DNS message with the query's id and the right rcode; nothing for non-queries", async () => {
    await fc.assert(
      fc.asyncProperty(anyPacket, async (msg) => {
        const reply = await udpExchange(port, msg, wantsReply(msg) ? 2000 : 60);
        const wrong = judge(msg, reply, "udp");
        if (wrong) throw new Error(`${wrong}: query ${msg.toString("hex")} reply ${reply?.toString("hex")}`);
      }),
      { numRuns: 400, seed: SEED + 0xd15, interruptAfterTimeLimit: 30_000 },
    );
    await stillAnswers();
  });

  it("TCP: several frames per connection, split into random chunks: one valid reply per query frame, in order", async () => {
    const net = await import("net");
    const frame = (b: Buffer) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
    await fc.assert(
      fc.asyncProperty(fc.array(anyPacket, { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 6 }),
        async (msgs, cuts) => {
          const bytes = Buffer.concat(msgs.map(frame));
          const expected = msgs.filter(wantsReply);
          // Send in chunks at the cut points, so frames and length prefixes arrive split.
          const replies = await new Promise<Buffer[]>((resolve) => {
            const got: Buffer[] = [];
            let pending = Buffer.alloc(0);
            const sock = net.connect(port, "127.0.0.1", async () => {
              let at = 0;
              for (const c of cuts) {
                if (at >= bytes.length) break;
                sock.write(bytes.subarray(at, at + c));
                at += c;
                await new Promise((r) => setImmediate(r));
              }
              if (at < bytes.length) sock.write(bytes.subarray(at));
            });
            const done = () => { clearTimeout(t); sock.destroy(); resolve(got); };
            const t = setTimeout(done, expected.length ? 3000 : 150);
            sock.on("data", (d) => {
              pending = Buffer.concat([pending, d]);
              while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
                got.push(pending.subarray(2, 2 + pending.readUInt16BE(0)));
                pending = pending.subarray(2 + pending.readUInt16BE(0));
              }
              if (expected.length && got.length >= expected.length) done();
            });
            sock.on("error", done);
            sock.on("close", done);
          });
          if (replies.length !== expected.length) throw new Error(`${replies.length} replies to ${expected.length} queries: ${msgs.map((m) => m.toString("hex")).join(" ")}`);
          expected.forEach((m, i) => {
            const wrong = judge(m, replies[i], "tcp");
            if (wrong) throw new Error(`frame ${i}: ${wrong}: query ${m.toString("hex")} reply ${replies[i].toString("hex")}`);
          });
        }),
      { numRuns: 60, seed: SEED + 0x7c9, interruptAfterTimeLimit: 30_000 },
    );
    // A frame larger than anything sent before, and a connection that stops mid-frame, leave the server answering.
    expect(await tcpExchange(port, Buffer.concat([Buffer.from([0xff, 0xff]), Buffer.alloc(1000, 0x41)]), 1, 300)).toEqual([]);
    await stillAnswers();
  });

  it("300 valid-looking and garbage datagrams in volleys of 30, without waiting for each reply: answered, valid, then still correct", async () => {
    const dgram = await import("dgram");
    const msgs = fc.sample(anyPacket, { numRuns: 300, seed: 99 });
    const sock = dgram.createSocket("udp4");
    const replies: Buffer[] = [];
    sock.on("message", (m) => replies.push(m));
    await new Promise<void>((r) => sock.bind(0, "127.0.0.1", () => r()));
    // In volleys of 30 (the kernel's receive buffer drops datagrams of a longer burst before the server sees them).
    let expected = 0;
    for (let i = 0; i < msgs.length; i += 30) {
      const volley = msgs.slice(i, i + 30);
      await Promise.all(volley.map((m) => new Promise<void>((r) => sock.send(m, port, "127.0.0.1", () => r()))));
      expected += volley.filter(wantsReply).length;
      for (let waited = 0; replies.length < expected && waited < 3000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    }
    sock.close();
    expect(replies.length).toBeGreaterThanOrEqual(expected * 0.95);
    for (const r of replies) expect(decodes(r), r.toString("hex")).toBeDefined();
    await stillAnswers();
    expect(served.stderr()).not.toMatch(/TypeError|RangeError|at .*\.js/);
  });
});

describe("answers remembered by the server never outlive a commit", () => {
  it("the same query bytes, asked right after each of 40 commits by another process, always see the commit (UDP and TCP)", async () => {
    // Identical bytes every time (same id, no EDNS cookie): the server's remembered answer is what is tested.
    const ask = query("late.contoso.internal", "A", 777);
    const ptr = query("99.0.0.10.in-addr.arpa", "PTR", 778);
    const frame = (b: Buffer) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
    const hub = withStore(db, (e) => e.getVnet({ resourceGroupName: RG, virtualNetworkName: "hub" }).id);
    const writer = Emulator.open(db);
    try {
      for (let i = 0; i < 40; i++) {
        const present = i % 2 === 0;
        if (present) writer.createVm({ resourceGroupName: RG, vmName: "late", virtualNetwork: { id: hub }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.99" }] });
        else writer.deleteVm({ resourceGroupName: RG, vmName: "late" });
        // sent the moment the commit returned
        const [a, p] = await Promise.all([udpExchange(port, ask), udpExchange(port, ptr)]);
        const [t] = await tcpExchange(port, frame(ask), 1);
        for (const [reply, what] of [[a, "udp A"], [p, "udp PTR"], [t, "tcp A"]] as const) {
          const r = packet.decode(reply!);
          expect(r.rcode, `${what} after commit ${i} (${present ? "created" : "deleted"})`).toBe(present ? "NOERROR" : "NXDOMAIN");
          if (present) expect(r.answers![0].data).toBe(what === "udp PTR" ? "late.contoso.internal" : "10.0.0.99");
        }
      }
    } finally {
      writer.close();
    }
  });
});
