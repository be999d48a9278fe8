/**
 * A stream of malformed packets (random bytes, truncated headers and questions, fast-check generated
 * messages) against `privatedns serve`, over UDP and TCP: FORMERR where a header parses, silence where it
 * does not, and correct answers afterwards. Loopback only, bounded in count and time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fc from "fast-check";
import { serve, Served } from "../support/cli";
import { fillStore, tempDb } from "../support/store";
import { idOf, isResponse, query, rcodeOf, tcpExchange, udpExchange, answersStill } from "../support/udp";
import * as packet from "dns-packet";

let served: Served;
let port: number;

beforeAll(async () => {
  const db = tempDb();
  fillStore(db);
  served = await serve(db, ["hub"]);
  port = served.ports.hub;
});
afterAll(async () => served?.stop());

async function stillAnswers() {
  await answersStill(port);
}

describe("malformed packets", () => {
  it("packets shorter than a header get no reply", async () => {
    for (const len of [0, 1, 2, 5, 11]) expect(await udpExchange(port, Buffer.alloc(len, 0xab), 150)).toBeUndefined();
    await stillAnswers();
  });

  it("a header followed by a truncated question gets FORMERR with the query's id", async () => {
    const q = query("web.contoso.internal", "A", 0xcafe);
    for (const cut of [12, 13, 17, q.length - 3, q.length - 1]) {
      const reply = await udpExchange(port, q.subarray(0, cut));
      expect(reply, `cut at ${cut}`).toBeDefined();
      expect(idOf(reply!)).toBe(0xcafe);
      expect(isResponse(reply!)).toBe(true);
      expect(rcodeOf(reply!)).toBe(1);
    }
    await stillAnswers();
  });

  it("a question count that lies, a bad compression pointer and a label past the end are FORMERR", async () => {
    const header = (qd: number) => Buffer.from([0x12, 0x34, 0x01, 0x00, 0, qd, 0, 0, 0, 0, 0, 0]);
    const packets = [
      Buffer.concat([header(2), query("a.b").subarray(12)]), // says 2, holds 1
      Buffer.concat([header(1), Buffer.from([0xc0, 0x0c, 0, 1, 0, 1])]), // pointer to itself
      Buffer.concat([header(1), Buffer.from([63, 0x61, 0x62])]), // label longer than the packet
    ];
    for (const p of packets) {
      const reply = await udpExchange(port, p);
      expect(reply).toBeDefined();
      expect(idOf(reply!)).toBe(0x1234);
      expect(rcodeOf(reply!)).toBe(1);
    }
    await stillAnswers();
  });

  it("responses are never answered (no loops)", async () => {
    const q = Buffer.from(query("web.contoso.internal"));
    q.writeUInt16BE(q.readUInt16BE(2) | 0x8000, 2);
    expect(await udpExchange(port, q, 200)).toBeUndefined();
  });

  it("a fast-check generated stream: every packet with a query header is answered with its id, nothing crashes", async () => {
    const withQueryHeader = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0x7fff }),
      fc.integer({ min: 0, max: 3 }), fc.uint8Array({ maxLength: 300 }))
      .map(([id, flags, qd, tail]) => {
        const h = Buffer.alloc(12);
        h.writeUInt16BE(id, 0);
        h.writeUInt16BE(flags, 2); // QR clear: a query
        h.writeUInt16BE(qd, 4);
        return Buffer.concat([h, Buffer.from(tail)]);
      });
    const randomBytes = fc.uint8Array({ minLength: 12, maxLength: 600 }).map((b) => Buffer.from(b));
    await fc.assert(
      fc.asyncProperty(fc.oneof(withQueryHeader, randomBytes), async (msg) => {
        const reply = await udpExchange(port, msg, (msg.readUInt16BE(2) & 0x8000) ? 50 : 2000);
        if (msg.readUInt16BE(2) & 0x8000) return reply === undefined;
        return reply !== undefined && idOf(reply) === msg.readUInt16BE(0) && isResponse(reply);
      }),
      { numRuns: 150, seed: 20240601, interruptAfterTimeLimit: 60_000 },
    );
    await stillAnswers();
  });

  it("a burst of 500 random datagrams sent without waiting leaves the server answering", async () => {
    const dgram = await import("dgram");
    const sock = dgram.createSocket("udp4");
    const samples = fc.sample(fc.uint8Array({ maxLength: 512 }), { numRuns: 500, seed: 7 });
    await Promise.all(samples.map((b) => new Promise<void>((r) => sock.send(Buffer.from(b), port, "127.0.0.1", () => r()))));
    sock.close();
    await stillAnswers();
  });

  it("over TCP: garbage behind a length prefix gets FORMERR, a valid query in the same stream still answers", async () => {
    const garbage = Buffer.from([0xde, 0xad, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
    const good = query("web.contoso.internal", "A", 99);
    const frame = (b: Buffer) => Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
    const replies = await tcpExchange(port, Buffer.concat([frame(garbage), frame(Buffer.alloc(3)), frame(good)]), 2);
    expect(replies).toHaveLength(2);
    expect(idOf(replies[0])).toBe(0xdead);
    expect(rcodeOf(replies[0])).toBe(1);
    expect(packet.decode(replies[1]).answers![0].data).toBe("10.0.0.4");
    // a connection that announces more than it sends, then hangs up
    expect(await tcpExchange(port, Buffer.from([0x01, 0x00, 0x12]), 1, 300)).toEqual([]);
    await stillAnswers();
  });

  it("still answers with dig-shaped queries after all of it, and stderr holds no crash", async () => {
    await stillAnswers();
    expect(served.stderr()).not.toMatch(/TypeError|RangeError|at .*\.js/);
  });
});
