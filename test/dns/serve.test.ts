/**
 * `privatedns serve` as a child process on free loopback ports, one per vnet, queried with dig and with
 * node:dns's Resolver. Every expected answer is the emulator's (SPEC Q1-Q5, A4, A5).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { promises as dnsPromises } from "dns";
import { serve, Served } from "../support/cli";
import { dig, hasDig } from "../support/dig";
import * as packet from "dns-packet";
import { fillStore, RG, tempDb, withStore } from "../support/store";
import { query, udpExchange } from "../support/udp";

let db: string;
let served: Served;
let hub: number, spoke: number, lonely: number;

beforeAll(async () => {
  db = tempDb();
  fillStore(db);
  served = await serve(db, ["hub", "net/spoke", "lonely"]);
  ({ hub, spoke, lonely } = served.ports);
});
afterAll(async () => served?.stop());

const resolverFor = (port: number) => {
  const r = new dnsPromises.Resolver({ timeout: 3000, tries: 1 });
  r.setServers([`127.0.0.1:${port}`]);
  return r;
};
const failure = (p: Promise<unknown>) => p.then(() => "resolved", (e) => e.code);

describe.runIf(hasDig())("serve, queried with dig", () => {
  it("serves each vnet on its own port", () => {
    expect(new Set([hub, spoke, lonely]).size).toBe(3);
  });

  it("A4: the A record of an auto-registered VM, authoritative, ttl 10", () => {
    const a = dig(hub, ["web.contoso.internal", "A"]);
    expect(a.status).toBe("NOERROR");
    expect(a.flags).toContain("aa");
    expect(a.answer).toEqual([["web.contoso.internal.", "10", "IN", "A", "10.0.0.4"]]);
  });

  it("A5/Q5: dig -x answers the VM's PTR in its own vnet and NXDOMAIN from another vnet", () => {
    const own = dig(hub, ["-x", "10.0.0.4"]);
    expect(own.status).toBe("NOERROR");
    expect(own.answer).toEqual([["4.0.0.10.in-addr.arpa.", "10", "IN", "PTR", "web.contoso.internal."]]);
    expect(dig(spoke, ["-x", "10.0.0.4"]).status).toBe("NXDOMAIN");
    expect(dig(spoke, ["-x", "10.1.0.4"]).answer[0][4]).toBe("app.spoke.internal.");
  });

  it("Q2: NXDOMAIN with the zone's SOA in the authority section", () => {
    const nx = dig(hub, ["nope.contoso.internal"]);
    expect(nx.status).toBe("NXDOMAIN");
    expect(nx.flags).toContain("aa");
    expect(nx.answer).toEqual([]);
    expect(nx.authority).toEqual([["contoso.internal.", "3600", "IN", "SOA", "azureprivatedns.net.", "azureprivatedns-host.microsoft.com.", "1", "3600", "300", "2419200", "10"]]);
  });

  it("NODATA: NOERROR, empty answer, SOA in authority", () => {
    const nodata = dig(hub, ["web.contoso.internal", "TXT"]);
    expect(nodata.status).toBe("NOERROR");
    expect(nodata.answer).toEqual([]);
    expect(nodata.authority[0][3]).toBe("SOA");
    expect(dig(hub, ["empty.contoso.internal", "TXT"]).answer).toEqual([]); // R6: an empty set answers NODATA
  });

  it("Q1: REFUSED for names outside the vnet's linked zones", () => {
    expect(dig(hub, ["www.example.com"]).status).toBe("REFUSED");
    expect(dig(hub, ["app.spoke.internal"]).status).toBe("REFUSED"); // hub is not linked to spoke.internal
    expect(dig(lonely, ["web.contoso.internal"]).status).toBe("REFUSED");
  });

  it("two vnets served at once give different answers", () => {
    expect(dig(spoke, ["app.spoke.internal"]).answer).toEqual([["app.spoke.internal.", "10", "IN", "A", "10.1.0.4"]]);
    expect(dig(hub, ["app.spoke.internal"]).status).toBe("REFUSED");
    expect(dig(spoke, ["web.contoso.internal"]).answer[0][4]).toBe("10.0.0.4"); // resolution link
  });

  it("CNAME (followed, Q4), TXT, MX, SRV, AAAA", () => {
    expect(dig(spoke, ["www.contoso.internal"]).answer).toEqual([
      ["www.contoso.internal.", "300", "IN", "CNAME", "web.contoso.internal."],
      ["web.contoso.internal.", "10", "IN", "A", "10.0.0.4"],
    ]);
    const txt = dig(hub, ["contoso.internal", "TXT"]).raw;
    expect(txt).toMatch(/contoso\.internal\.\s+300\s+IN\s+TXT\s+"v=spf1 mx -all"/);
    expect(txt).toMatch(/contoso\.internal\.\s+300\s+IN\s+TXT\s+"part one" "part two"/);
    expect(dig(hub, ["contoso.internal", "MX"]).answer).toEqual([["contoso.internal.", "3600", "IN", "MX", "10", "mail.contoso.internal."]]);
    expect(dig(hub, ["_sip._tcp.contoso.internal", "SRV"]).answer).toEqual([["_sip._tcp.contoso.internal.", "600", "IN", "SRV", "10", "60", "5060", "web.contoso.internal."]]);
    expect(dig(hub, ["v6.contoso.internal", "AAAA"]).answer).toEqual([["v6.contoso.internal.", "120", "IN", "AAAA", "fd00::1"]]);
  });

  it("answers over TCP (dig +tcp)", () => {
    const tcp = dig(hub, ["+tcp", "web.contoso.internal"]);
    expect(tcp.status).toBe("NOERROR");
    expect(tcp.answer[0][4]).toBe("10.0.0.4");
  });

  it("UDP without EDNS: a 20-address answer over 512 bytes comes back truncated (TC); dig then retries over TCP", () => {
    const truncated = dig(hub, ["+noedns", "+ignore", "big.contoso.internal"]);
    expect(truncated.flags).toContain("tc");
    expect(truncated.answer).toEqual([]);
    expect(dig(hub, ["+noedns", "big.contoso.internal"]).answer).toHaveLength(20);
    const edns = dig(hub, ["+bufsize=1232", "+ignore", "big.contoso.internal"]);
    expect(edns.flags).not.toContain("tc");
    expect(edns.answer).toHaveLength(20);
  });

  it("sees changes another process makes while it runs (A6), without restart", () => {
    expect(dig(hub, ["late.contoso.internal"]).status).toBe("NXDOMAIN");
    withStore(db, (emu) => emu.createVm({
      resourceGroupName: RG, vmName: "late", virtualNetwork: { id: emu.getVnet({ resourceGroupName: RG, virtualNetworkName: "hub" }).id },
      networkInterfaces: [{ name: "late-nic", privateIPAddress: "10.0.0.99" }],
    }));
    expect(dig(hub, ["late.contoso.internal"]).answer).toEqual([["late.contoso.internal.", "10", "IN", "A", "10.0.0.99"]]);
    expect(dig(hub, ["-x", "10.0.0.99"]).answer[0][4]).toBe("late.contoso.internal.");
    withStore(db, (emu) => emu.deleteVm({ resourceGroupName: RG, vmName: "late" }));
    expect(dig(hub, ["late.contoso.internal"]).status).toBe("NXDOMAIN");
    expect(dig(hub, ["-x", "10.0.0.99"]).status).toBe("NXDOMAIN");
  });
});

describe("serve, queried with node:dns promises Resolver", () => {
  it("resolve4, reverse, CNAME, TXT, MX, SRV", async () => {
    const r = resolverFor(hub);
    expect(await r.resolve4("web.contoso.internal")).toEqual(["10.0.0.4"]);
    expect(await r.resolve4("web.contoso.internal", { ttl: true })).toEqual([{ address: "10.0.0.4", ttl: 10 }]);
    expect(await r.reverse("10.0.0.5")).toEqual(["db.contoso.internal"]);
    expect(await r.resolveCname("www.contoso.internal")).toEqual(["web.contoso.internal"]);
    expect((await r.resolveTxt("contoso.internal")).sort()).toEqual([["part one", "part two"], ["v=spf1 mx -all"]]);
    expect(await r.resolveMx("contoso.internal")).toEqual([{ priority: 10, exchange: "mail.contoso.internal" }]);
    expect(await r.resolveSrv("_sip._tcp.contoso.internal")).toEqual([{ priority: 10, weight: 60, port: 5060, name: "web.contoso.internal" }]);
    expect((await r.resolve4("big.contoso.internal")).length).toBe(20); // c-ares retries the truncated answer over TCP
  });

  it("NXDOMAIN, NODATA and REFUSED reach the client as ENOTFOUND, ENODATA and EREFUSED", async () => {
    const r = resolverFor(hub);
    expect(await failure(r.resolve4("nope.contoso.internal"))).toBe("ENOTFOUND");
    expect(await failure(r.resolveMx("web.contoso.internal"))).toBe("ENODATA");
    expect(await failure(r.resolve4("www.example.com"))).toBe("EREFUSED");
    expect(await failure(resolverFor(spoke).reverse("10.0.0.4"))).toBe("ENOTFOUND");
  });

  it("the vnets differ for node clients too", async () => {
    expect(await resolverFor(spoke).resolve4("app.spoke.internal")).toEqual(["10.1.0.4"]);
    expect(await failure(resolverFor(hub).resolve4("app.spoke.internal"))).toBe("EREFUSED");
  });
});

describe("serve, answers remembered from the second asking", () => {
  const ask = async (name: string, id: number) => packet.decode((await udpExchange(hub, query(name, "A", id)))!);
  const addresses = (r: packet.Packet) => (r.answers ?? []).map((a) => a.data);

  it("the same query asked five times gets its own id back each time, and a write by another process is seen at once", async () => {
    const vnet = (emu: any) => emu.getVnet({ resourceGroupName: RG, virtualNetworkName: "hub" }).id;
    withStore(db, (emu) => emu.createVm({ resourceGroupName: RG, vmName: "again", virtualNetwork: { id: vnet(emu) },
      networkInterfaces: [{ name: "again-nic", privateIPAddress: "10.0.0.98" }] }));
    // Asked once (marked seen), twice (remembered), then answered from memory.
    for (let i = 1; i <= 5; i++) {
      const r = await ask("again.contoso.internal", 1000 + i);
      expect([r.id, r.rcode, addresses(r)]).toEqual([1000 + i, "NOERROR", ["10.0.0.98"]]);
    }
    withStore(db, (emu) => emu.deleteVm({ resourceGroupName: RG, vmName: "again" }));
    for (let i = 1; i <= 3; i++) {
      const r = await ask("again.contoso.internal", 2000 + i);
      expect([r.id, r.rcode]).toEqual([2000 + i, "NXDOMAIN"]);
    }
  });
});
