// serve-arm answers the requests one turn of the event loop reads together (ArmApi.handleAll): the reads in one read
// transaction, the writes in one write transaction where each is a savepoint. A failing write changes nothing and
// leaves the others of its batch committed; a batch whose transaction cannot be had answers each of its writes with
// that failure, commits none, and still answers its reads; many clients at once over HTTP each get their own answer.
import * as http from "http";
import * as path from "path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { Emulator } from "../../dist/provider/emulator";
import { ArmApi, Exchange, startArmServer } from "../../dist/arm/server";
import { Operations } from "../../dist/arm/lro";
import { cleanup, tempDir } from "../support/helpers";

const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/batch";
const ZONE = `${RG}/providers/Microsoft.Network/privateDnsZones/corp.internal`;
const V = "2024-06-01";
const aSet = (ip: string) => ({ properties: { ttl: 60, aRecords: [{ ipv4Address: ip }] } });

function exchange(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Exchange {
  return {
    req: { method, path: p, query: new URLSearchParams(`api-version=${V}`), headers: { authorization: "Bearer t", ...headers },
      body: undefined, origin: "http://127.0.0.1:1", apiVersion: V },
    rawBody: body === undefined ? "" : JSON.stringify(body), contentType: "application/json",
  };
}

function seeded(busyTimeoutMs?: number): { file: string; api: ArmApi } {
  const file = path.join(tempDir("pdns-arm-batch-"), "store.db");
  const api = new ArmApi(Emulator.open(file, { busyTimeoutMs }), new Operations());
  const seed = api.handleAll([exchange("PUT", RG, { location: "westeurope" })]).concat(
    api.handleAll([exchange("PUT", ZONE, { location: "global" })]),
    api.handleAll([exchange("PUT", `${ZONE}/A/taken`, aSet("10.0.0.9"))]));
  expect(seed.map((a) => a.status)).toEqual([201, 202, 201]);
  return { file, api };
}

/** The store as another connection sees it: what was committed. */
const committed = (file: string) => {
  const other = Emulator.open(file);
  try {
    return { names: other.listRecordSets({ resourceGroupName: "batch", privateZoneName: "corp.internal" }).map((r) => r.name).sort(),
      zone: other.getZone({ resourceGroupName: "batch", privateZoneName: "corp.internal" }) };
  } finally {
    other.close();
  }
};

describe("serve-arm batches (group commit)", () => {
  afterAll(() => cleanup());

  it("a batch's failing writes are refused alone, in Azure's words; the others commit, and the counters agree", () => {
    const { file, api } = seeded();
    const answers = api.handleAll([
      exchange("PUT", `${ZONE}/A/www`, aSet("10.0.0.4")),
      exchange("PUT", `${ZONE}/A/bad`, aSet("10.0.0.300")),
      exchange("PUT", `${ZONE}/A/taken`, aSet("10.0.0.5"), { "if-none-match": "*" }),
      exchange("GET", `${ZONE}/A/taken`),
      exchange("PUT", `${ZONE}/A/api`, aSet("10.0.0.6")),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 400, 412, 200, 201]);
    expect(JSON.stringify(answers[1].body)).toContain("10.0.0.300");
    expect(answers[2].body).toMatchObject({ code: "PreconditionFailed" });
    expect(answers[3].body).toMatchObject({ properties: { aRecords: [{ ipv4Address: "10.0.0.9" }] } });
    const { names, zone } = committed(file);
    expect(names).toEqual(["@", "api", "taken", "www"]);
    expect(zone.numberOfRecordSets).toBe(4);
    api.emu.close();
  });

  it("a batch that cannot have the write lock answers each write with the failure, commits none, and answers its reads", () => {
    const { file, api } = seeded(50);
    const holder = new Database(file);
    holder.exec("BEGIN IMMEDIATE");
    try {
      const answers = api.handleAll([
        exchange("PUT", `${ZONE}/A/one`, aSet("10.0.0.4")),
        exchange("GET", `${ZONE}/A/taken`),
        exchange("PUT", `${ZONE}/A/two`, aSet("10.0.0.5")),
      ]);
      expect(answers.map((a) => a.status)).toEqual([500, 200, 500]);
      expect(JSON.stringify(answers[0].body)).toMatch(/database is locked/);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect(api.emu.inTransaction).toBe(false);
    expect(committed(file).names).toEqual(["@", "taken"]);
    // The next batch, with the lock free, writes.
    expect(api.handleAll([exchange("PUT", `${ZONE}/A/one`, aSet("10.0.0.4"))])[0].status).toBe(201);
    api.emu.close();
  });

  it("64 clients at once over HTTP, writes good and bad and reads, each get their own answer", async () => {
    const server = await startArmServer({ dbPath: path.join(tempDir("pdns-arm-batch-http-"), "store.db"), port: 0, http: true });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const call = (method: string, p: string, body?: unknown) => new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = http.request(`${server.url}${p}?api-version=${V}`, { method, agent, headers: { Authorization: "Bearer t", "Content-Type": "application/json" } }, (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
      });
      req.on("error", reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
    try {
      await call("PUT", RG, { location: "westeurope" });
      expect((await call("PUT", ZONE, { location: "global" })).status).toBe(202);
      const n = Array.from({ length: 64 }, (_, i) => i);
      const puts = await Promise.all(n.map((i) => call("PUT", `${ZONE}/A/h${i}`, aSet(i % 8 === 7 ? `10.0.${i}.999` : `10.0.${i}.1`))));
      expect(puts.map((r) => r.status)).toEqual(n.map((i) => (i % 8 === 7 ? 400 : 201)));
      const gets = await Promise.all(n.map((i) => call("GET", `${ZONE}/A/h${i}`)));
      n.forEach((i) => {
        if (i % 8 === 7) expect(gets[i].status).toBe(404);
        else expect(gets[i].body.properties.aRecords).toEqual([{ ipv4Address: `10.0.${i}.1` }]);
      });
      expect(server.emulator.getZone({ resourceGroupName: "batch", privateZoneName: "corp.internal" }).numberOfRecordSets).toBe(1 + 56);
    } finally {
      agent.destroy();
      await server.close();
    }
  });
});
