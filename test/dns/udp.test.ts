/**
 * The DNS server's two UDP faces (dns/udp.ts): batched (recvmmsg/sendmmsg, the addon built by `npm run build`)
 * and Node's dgram. Same datagrams in, the same bytes out; bursts larger than one recvmmsg; senders; binding.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dgram from "dgram";
import * as fs from "fs";
import * as path from "path";
import * as dnsPacket from "dns-packet";
import { startDnsServer } from "../../dist/dns";
import { serve } from "../support/cli";
import { fillStore, RG, tempDb } from "../support/store";

const ADDON = path.join(__dirname, "../../dist/dns/native/udp-batch.node");
const HUB = { resourceGroupName: RG, virtualNetworkName: "hub" };
const NAMES = ["web.contoso.internal", "mail.contoso.internal", "big.contoso.internal", "nope.contoso.internal", "app.spoke.internal", "www.contoso.internal"];

let db: string;
beforeAll(() => {
  db = tempDb();
  fillStore(db);
});

const query = (id: number, name: string) => dnsPacket.encode({ type: "query", id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: "A", name, class: "IN" }] });

/** Sends every query at once from one socket; resolves with the answers by id (fails after 5 s). */
async function burst(port: number, host: string, queries: Buffer[]): Promise<{ byId: Map<number, Buffer>; from: string }> {
  const client = dgram.createSocket(host.includes(":") ? "udp6" : "udp4");
  await new Promise<void>((r) => client.bind(0, host, () => r()));
  const byId = new Map<number, Buffer>();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${byId.size} of ${queries.length} answered`)), 2000);
      client.on("message", (msg) => {
        byId.set(msg.readUInt16BE(0), msg);
        if (byId.size === queries.length) { clearTimeout(timer); resolve(); }
      });
      for (const q of queries) client.send(q, port, host);
    });
    return { byId, from: `${host}:${client.address().port}` };
  } finally {
    client.close();
  }
}

describe("UDP faces", () => {
  it.runIf(process.platform === "linux")("npm run build made the batched addon here, and the server uses it by default", async () => {
    expect(fs.existsSync(ADDON)).toBe(true);
    const server = await startDnsServer({ dbPath: db, vnet: HUB, port: 0 });
    try {
      expect(server.udp).toBe("batched");
    } finally {
      await server.close();
    }
  });

  const faces = process.platform === "linux" ? (["batched", "dgram"] as const) : (["dgram"] as const);
  const answers: Record<string, Map<number, Buffer>> = {};
  for (const udp of faces) {
    it(`${udp}: a burst of 200 queries (several recvmmsg batches; more would overflow the kernel's default receive buffer) is answered, each under its own id`, async () => {
      const events: string[] = [];
      const server = await startDnsServer({ dbPath: db, vnet: HUB, port: 0, udp, onQuery: (e) => events.push(e.from) });
      try {
        expect(server.udp).toBe(udp);
        const queries = Array.from({ length: 200 }, (_, id) => query(id, NAMES[id % NAMES.length]));
        const { byId, from } = await burst(server.port, "127.0.0.1", queries);
        for (let id = 0; id < 200; id++) {
          const a = dnsPacket.decode(byId.get(id)!);
          expect(a.questions![0].name).toBe(NAMES[id % NAMES.length]);
          if (NAMES[id % NAMES.length] === "web.contoso.internal") expect((a.answers![0] as any).data).toBe("10.0.0.4");
          if (NAMES[id % NAMES.length] === "nope.contoso.internal") expect(a.rcode).toBe("NXDOMAIN");
          if (NAMES[id % NAMES.length] === "big.contoso.internal") expect(a.flags! & dnsPacket.TRUNCATED_RESPONSE).toBeTruthy(); // 20 A records, no EDNS
        }
        expect(events).toHaveLength(200);
        expect(new Set(events)).toEqual(new Set([from])); // the sender, as `ip:port`
        answers[udp] = byId;
      } finally {
        await server.close();
      }
    });
  }

  it.runIf(process.platform === "linux")("batched and dgram answer with the same bytes", () => {
    expect(answers.batched?.size).toBe(200);
    for (const [id, bytes] of answers.dgram) expect(answers.batched.get(id)!.equals(bytes), `query ${id}`).toBe(true);
  });

  for (const udp of faces) {
    it(`${udp}: a port in use is EADDRINUSE; close frees the port`, async () => {
      const server = await startDnsServer({ dbPath: db, vnet: HUB, port: 0, udp });
      const { port } = server;
      await expect(startDnsServer({ dbPath: db, vnet: HUB, port, udp })).rejects.toMatchObject({ code: "EADDRINUSE" });
      await server.close();
      const taken = dgram.createSocket("udp4");
      await new Promise<void>((resolve, reject) => { taken.once("error", reject); taken.bind(port, "127.0.0.1", () => resolve()); });
      taken.close();
    });

    it(`${udp}: binds IPv6 loopback when told to`, async () => {
      const server = await startDnsServer({ dbPath: db, vnet: HUB, port: 0, host: "::1", udp });
      try {
        const { byId } = await burst(server.port, "::1", [query(7, "web.contoso.internal")]);
        expect((dnsPacket.decode(byId.get(7)!).answers![0] as any).data).toBe("10.0.0.4");
      } finally {
        await server.close();
      }
    });
  }

  it("privatedns serve --udp picks the face and --json says which", async () => {
    for (const udp of faces) {
      const s = await serve(db, ["hub"], ["--udp", udp]);
      try {
        expect(s.listening[0].udp).toBe(udp);
        const { byId } = await burst(s.ports.hub, "127.0.0.1", [query(9, "web.contoso.internal")]);
        expect((dnsPacket.decode(byId.get(9)!).answers![0] as any).data).toBe("10.0.0.4");
      } finally {
        await s.stop();
      }
    }
  });
});
