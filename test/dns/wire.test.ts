/** The wire module alone (no sockets): response codes, flags, EDNS and truncation, answered by a real store. */
import { describe, expect, it } from "vitest";
import * as packet from "dns-packet";
import { respond, respondQuickly, respondWithDnsPacket } from "../../dist/dns/wire";
import { readQuestion } from "../../dist/dns/fastwire";
import { Emulator } from "../../dist/provider/emulator";
import { tempDb } from "../support/store";
import { query } from "../support/udp";

// A real store: contoso.internal linked to vnet hub, with a 20-record A set (over 512 bytes without name
// compression, which dns-packet does not do) and a TXT set over 1232 bytes.
const emu = Emulator.open(tempDb());
emu.createZone({ privateZoneName: "contoso.internal" });
const hub = emu.createVnet({ virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
emu.createLink({ privateZoneName: "contoso.internal", virtualNetworkLinkName: "hub", virtualNetwork: { id: hub.id } });
emu.createVm({ vmName: "web", virtualNetwork: { id: hub.id }, networkInterfaces: [{ name: "nic", privateIPAddress: "10.0.0.4" }] });
emu.updateLink({ privateZoneName: "contoso.internal", virtualNetworkLinkName: "hub", registrationEnabled: true });
emu.createRecordSet({ privateZoneName: "contoso.internal", relativeRecordSetName: "big", recordType: "A", ttl: 60,
  aRecords: Array.from({ length: 20 }, (_, i) => ({ ipv4Address: `10.0.2.${i + 1}` })) });
emu.createRecordSet({ privateZoneName: "contoso.internal", relativeRecordSetName: "huge", recordType: "TXT", ttl: 60,
  txtRecords: Array.from({ length: 20 }, (_, i) => ({ value: [String(i).repeat(200).slice(0, 200)] })) });
// More types for the hand-written path's comparison with dns-packet's (CNAME, a wildcard, AAAA, MX, a deep name).
emu.createRecordSet({ privateZoneName: "contoso.internal", relativeRecordSetName: "alias", recordType: "CNAME", ttl: 30, cnameRecord: { cname: "web.contoso.internal" } });
emu.createRecordSet({ privateZoneName: "contoso.internal", relativeRecordSetName: "*.wild", recordType: "A", ttl: 30, aRecords: [{ ipv4Address: "10.0.3.1" }] });
emu.createRecordSet({ privateZoneName: "contoso.internal", relativeRecordSetName: "v6", recordType: "AAAA", ttl: 30, aaaaRecords: [{ ipv6Address: "fd00::1:2" }] });
emu.createRecordSet({ privateZoneName: "contoso.internal", relativeRecordSetName: "mail", recordType: "MX", ttl: 30, mxRecords: [{ preference: 10, exchange: "web.contoso.internal" }] });
emu.createRecordSet({ privateZoneName: "contoso.internal", relativeRecordSetName: "a.b.c", recordType: "TXT", ttl: 30, txtRecords: [{ value: ["deep"] }] });
const resolver = (name: string, type: string) => emu.resolve(hub.id, name, type);
const closed = Emulator.open(tempDb());
closed.close();
const broken = (name: string, type: string) => closed.resolve(hub.id, name, type); // throws: not an emulator refusal

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
    expect(r.decoded.answers![0]).toMatchObject({ type: "A", ttl: 10, data: "10.0.0.4" }); // web's auto-registered record (A4)
  });

  it("NXDOMAIN carries the SOA in the authority section; REFUSED is not authoritative", () => {
    const nx = ask(query("nope.contoso.internal"))!.decoded;
    expect(nx.rcode).toBe("NXDOMAIN");
    expect(nx.authorities![0]).toMatchObject({ type: "SOA", ttl: 3600, data: { mname: "azureprivatedns.net", minimum: 10 } });
    const refused = ask(query("example.com"))!.decoded;
    expect(refused.rcode).toBe("REFUSED");
    expect(refused.flag_aa).toBe(false);
  });

  it("P5: a private link target's public name answers public DNS's CNAME and the A record, without AA; the privatelink name with it", () => {
    const zone = emu.createZone({ privateZoneName: "privatelink.blob.core.windows.net" });
    emu.createLink({ privateZoneName: zone.name, virtualNetworkLinkName: "hub", virtualNetwork: { id: hub.id } });
    emu.createRecordSet({ privateZoneName: zone.name, relativeRecordSetName: "st", recordType: "A", ttl: 10, aRecords: [{ ipv4Address: "10.0.3.4" }] });
    const pub = ask(query("st.blob.core.windows.net"))!.decoded;
    expect([pub.rcode, pub.flag_aa, pub.flag_ra]).toEqual(["NOERROR", false, true]);
    expect(pub.answers!.map((a: any) => [a.type, a.ttl, a.data])).toEqual([["CNAME", 60, "st.privatelink.blob.core.windows.net"], ["A", 10, "10.0.3.4"]]);
    expect(ask(query("st.privatelink.blob.core.windows.net"))!.decoded.flag_aa).toBe(true);
    const nx = ask(query("none.blob.core.windows.net"))!.decoded;
    expect([nx.rcode, nx.flag_aa, nx.answers!.length, nx.authorities![0]?.type]).toEqual(["NXDOMAIN", false, 1, "SOA"]);
  });

  it("types a private zone never holds (NS, Z5) are NODATA with the SOA; resolver failures SERVFAIL; class CH is REFUSED", () => {
    const ns = ask(query("contoso.internal", "NS"))!.decoded;
    expect(ns.rcode).toBe("NOERROR");
    expect(ns.answers).toEqual([]);
    expect(ns.authorities![0]).toMatchObject({ type: "SOA" });
    const r = respond(query("web.contoso.internal"), broken, "udp")!;
    expect(packet.decode(r.response).rcode).toBe("SERVFAIL");
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
    expect(tcp.decoded.answers![0]).toMatchObject({ type: "A", ttl: 60, data: "10.0.2.1" });
  });

  it("UDP with EDNS: up to 1232 bytes fit, an OPT record is returned; larger answers are truncated", () => {
    const edns = ask(query("big.contoso.internal", "A", 1, true))!;
    expect(edns.decoded.flag_tc).toBe(false);
    expect(edns.decoded.answers).toHaveLength(20);
    expect(edns.decoded.additionals![0]).toMatchObject({ type: "OPT", udpPayloadSize: 1232 });
    const huge = ask(query("huge.contoso.internal", "TXT", 1, true))!;
    expect(huge.decoded.flag_tc).toBe(true);
    expect(huge.response.length).toBeLessThanOrEqual(1232);
  });

  it("the common queries, answered without dns-packet, get the bytes dns-packet writes: any case, EDNS (with a cookie), UDP and TCP", () => {
    const names = ["web.contoso.internal", "nope.contoso.internal", "contoso.internal", "4.0.0.10.in-addr.arpa", "9.9.9.10.in-addr.arpa",
      "example.com", "alias.contoso.internal", "x.wild.contoso.internal", "v6.contoso.internal", "mail.contoso.internal",
      "big.contoso.internal", "huge.contoso.internal", "b.c.contoso.internal", "a.b.c.contoso.internal"];
    const types = ["A", "AAAA", "PTR", "CNAME", "SOA", "NS", "MX", "TXT", "SRV", "ANY", "CAA"] as packet.RecordType[];
    const cookie = (msg: Buffer) => { // dig's way: an OPT record with a client cookie
      const d = packet.decode(msg);
      return packet.encode({ ...d, additionals: [{ name: ".", type: "OPT", udpPayloadSize: 4096, flags: 0, options: [{ code: 10, data: Buffer.alloc(8, 7) }] } as any] });
    };
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    let byHand = 0;
    for (const name of names) for (const type of types) for (const edns of ["none", "opt", "cookie"]) for (const transport of ["udp", "tcp"] as const) {
      const mixed = name.replace(/[a-z]/g, (c) => (rnd() < 0.5 ? c.toUpperCase() : c));
      const plain = query(mixed, type, Math.floor(rnd() * 65536), edns === "opt");
      const msg = edns === "cookie" ? cookie(plain) : plain;
      const ours = respond(msg, resolver, transport)!;
      const theirs = respondWithDnsPacket(msg, resolver, transport)!;
      expect(ours.response.toString("hex"), `${mixed} ${type} ${edns} ${transport}`).toBe(theirs.response.toString("hex"));
      expect(ours.outcome).toEqual(theirs.outcome);
      const q = readQuestion(msg);
      expect(q).toBeDefined();
      if (respondQuickly(msg, q!, resolver, transport)) byHand++;
    }
    // Every question was read by hand; the answers were written by hand but for MX, TXT and SRV data and truncation.
    expect(byHand).toBeGreaterThan(names.length * types.length * 6 * 0.6);
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
