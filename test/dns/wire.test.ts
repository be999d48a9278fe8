/** The wire module alone (no sockets): response codes, flags, EDNS and truncation, with a stand-in resolver. */
import { describe, expect, it } from "vitest";
import * as packet from "dns-packet";
import { respond } from "../../dist/dns/wire";
import { EmulatorError } from "../../dist/provider/emulator";
import { query } from "../support/udp";

const SOA = { name: "contoso.internal", ttl: 3600, type: "SOA", data: { mname: "azureprivatedns.net", rname: "azureprivatedns-host.microsoft.com", serial: 1, refresh: 3600, retry: 300, expire: 2419200, minimum: 10 } };
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: "big.contoso.internal", ttl: 60, type: "A", data: `10.0.2.${i + 1}` }));
const resolver = (name: string, type: string): any => {
  if (name === "big.contoso.internal") return { rcode: "NOERROR", zone: "contoso.internal", answers: many(20), authority: [] };
  if (name === "huge.contoso.internal") return { rcode: "NOERROR", zone: "contoso.internal", answers: many(80), authority: [] };
  if (name === "nope.contoso.internal") return { rcode: "NXDOMAIN", zone: "contoso.internal", answers: [], authority: [SOA] };
  if (name === "example.com") return { rcode: "REFUSED", answers: [], authority: [] };
  if (type === "NS") throw new EmulatorError("BadRequest", "Q1", "query", type, "not answered");
  if (name === "broken.contoso.internal") throw new Error("disk on fire");
  return { rcode: "NOERROR", zone: "contoso.internal", answers: [{ name, ttl: 10, type: "A", data: "10.0.0.4" }], authority: [] };
};
const ask = (msg: Buffer, transport: "udp" | "tcp" = "udp") => {
  const r = respond(msg, resolver, transport);
  return r && { ...r, decoded: packet.decode(r.response) };
};

describe("respond", () => {
  it("answers authoritatively, echoes id, question and RD, sets RA", () => {
    const r = ask(query("Web.Contoso.Internal", "A", 777))!;
    expect(r.decoded.id).toBe(777);
    expect(r.decoded.flag_aa && r.decoded.flag_rd && r.decoded.flag_ra && r.decoded.flag_qr).toBe(true);
    expect(r.decoded.rcode).toBe("NOERROR");
    expect(r.decoded.questions).toEqual([{ name: "Web.Contoso.Internal", type: "A", class: "IN" }]);
    expect(r.decoded.answers![0]).toMatchObject({ type: "A", ttl: 10, data: "10.0.0.4" });
  });

  it("NXDOMAIN carries the SOA in the authority section; REFUSED is not authoritative", () => {
    const nx = ask(query("nope.contoso.internal"))!.decoded;
    expect(nx.rcode).toBe("NXDOMAIN");
    expect(nx.authorities![0]).toMatchObject({ type: "SOA", ttl: 3600, data: { mname: "azureprivatedns.net", minimum: 10 } });
    const refused = ask(query("example.com"))!.decoded;
    expect(refused.rcode).toBe("REFUSED");
    expect(refused.flag_aa).toBe(false);
  });

  it("types the emulator does not hold are NOTIMP; other resolver failures SERVFAIL; class CH is REFUSED", () => {
    expect(ask(query("contoso.internal", "NS"))!.decoded.rcode).toBe("NOTIMP");
    expect(ask(query("broken.contoso.internal"))!.decoded.rcode).toBe("SERVFAIL");
    const ch = packet.encode({ id: 1, type: "query", questions: [{ name: "version.bind", type: "TXT", class: "CH" }] });
    expect(ask(ch)!.decoded.rcode).toBe("REFUSED");
  });

  it("UDP without EDNS: over 512 bytes sets TC and drops the sections; TCP sends it whole", () => {
    const udp = ask(query("big.contoso.internal"))!;
    expect(udp.decoded.flag_tc).toBe(true);
    expect(udp.decoded.answers).toEqual([]);
    expect(udp.response.length).toBeLessThanOrEqual(512);
    expect(udp.outcome.truncated).toBe(true);
    const tcp = ask(query("big.contoso.internal"), "tcp")!;
    expect(tcp.decoded.flag_tc).toBe(false);
    expect(tcp.decoded.answers).toHaveLength(20);
  });

  it("UDP with EDNS: up to 1232 bytes fit, an OPT record is returned; larger answers are truncated", () => {
    const edns = ask(query("big.contoso.internal", "A", 1, true))!;
    expect(edns.decoded.flag_tc).toBe(false);
    expect(edns.decoded.answers).toHaveLength(20);
    expect(edns.decoded.additionals![0]).toMatchObject({ type: "OPT", udpPayloadSize: 1232 });
    const huge = ask(query("huge.contoso.internal", "A", 1, true))!;
    expect(huge.decoded.flag_tc).toBe(true);
    expect(huge.response.length).toBeLessThanOrEqual(1232);
  });

  it("FORMERR when the header parses and the rest does not; nothing for short packets or responses", () => {
    const q = query("web.contoso.internal", "A", 0xbeef);
    for (const cut of [12, 13, 20, q.length - 1]) {
      const r = respond(q.subarray(0, cut), resolver, "udp")!;
      expect(r.response.readUInt16BE(0)).toBe(0xbeef);
      expect(r.response.readUInt16BE(2) & 0x800f).toBe(0x8001);
    }
    for (const cut of [0, 1, 11]) expect(respond(q.subarray(0, cut), resolver, "udp")).toBeUndefined();
    const asResponse = Buffer.from(q);
    asResponse.writeUInt16BE(asResponse.readUInt16BE(2) | 0x8000, 2);
    expect(respond(asResponse, resolver, "udp")).toBeUndefined();
  });

  it("no question or two questions is FORMERR; another opcode NOTIMP", () => {
    const none = packet.encode({ id: 5, type: "query", questions: [] });
    expect(ask(none)!.decoded.rcode).toBe("FORMERR");
    const two = packet.encode({ id: 5, type: "query", questions: [{ name: "a.b", type: "A" }, { name: "c.d", type: "A" }] });
    expect(ask(two)!.decoded.rcode).toBe("FORMERR");
    const status = Buffer.from(query("web.contoso.internal"));
    status.writeUInt16BE(status.readUInt16BE(2) | (2 << 11), 2);
    const r = respond(status, resolver, "udp")!;
    expect(r.response.readUInt16BE(2) & 0xf).toBe(4);
  });
});
