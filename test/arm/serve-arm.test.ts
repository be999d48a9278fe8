// `privatedns serve-arm` as a person runs it: a process over a store a Pulumi-shaped program filled, HTTPS with the
// certificate it made beside the store, trusted the way it prints (NODE_EXTRA_CA_CERTS), the SDK's writes seen by
// the CLI. Plain HTTP with --http.
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import { PrivateDnsManagementClient } from "@azure/arm-privatedns";
import { MAIN, privatedns, ROOT } from "../support/cli";
import { cleanup } from "../support/helpers";
import { fillStore, RG, tempDb } from "../support/store";
import { anyCredential } from "../support/arm-clients";

const credential = anyCredential;
const children: ChildProcess[] = [];

function serveArm(db: string, extra: string[] = []): Promise<{ child: ChildProcess; first: string; lines: () => string }> {
  const child = spawn(process.execPath, [MAIN, "serve-arm", "--db", db, "--port", "0", ...extra], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "", err = "";
  child.stderr!.on("data", (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve-arm did not start: ${err}`)), 20_000);
    child.on("exit", (code) => reject(new Error(`serve-arm exited with ${code}: ${err}`)));
    child.stdout!.on("data", (d) => {
      out += d;
      if (!out.includes("\n")) return;
      clearTimeout(timer);
      resolve({ child, first: out.split("\n")[0], lines: () => out });
    });
  });
}

const stop = (child: ChildProcess) => new Promise<number | null>((resolve) => {
  if (child.exitCode !== null) return resolve(child.exitCode);
  child.once("exit", (code) => resolve(code));
  child.kill("SIGTERM");
});

afterEach(async () => {
  for (const c of children.splice(0)) await stop(c);
  cleanup();
});

describe("privatedns serve-arm", () => {
  it("serves the store over HTTPS with its own certificate; what the SDK writes, the CLI reads", async () => {
    const db = tempDb();
    fillStore(db);
    const { child, first } = await serveArm(db, ["--json"]);
    const { url, certPath } = JSON.parse(first);
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(certPath).toBe(path.join(path.dirname(db), "arm-cert.pem"));
    // Trusted as the server says: NODE_EXTRA_CA_CERTS for a Node client in its own process.
    const probe = spawnSync(process.execPath, ["-e",
      `fetch(${JSON.stringify(url)} + "/metadata/endpoints?api-version=2022-09-01").then((r) => r.json()).then((j) => console.log(j[0].resourceManager))`],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath }, encoding: "utf8" });
    expect(probe.stdout.trim(), probe.stderr).toBe(`${url}/`);
    const dns = new PrivateDnsManagementClient(credential, "00000000-0000-0000-0000-000000000000",
      { endpoint: url, tlsOptions: { ca: fs.readFileSync(certPath, "utf8") } });
    // The zones the program made are there...
    const zones = [];
    for await (const z of dns.privateZones.list()) zones.push(z.name);
    expect(zones).toContain("contoso.internal");
    // ...and what the SDK writes is in the store the CLI reads.
    await dns.recordSets.createOrUpdate(RG, "contoso.internal", "A", "fromsdk", { ttl: 60, aRecords: [{ ipv4Address: "10.0.0.99" }] });
    const records = privatedns(["--db", db, "records", "--zone", "contoso.internal", "--json"]);
    expect(records.code, records.stderr).toBe(0);
    expect(JSON.parse(records.stdout).map((r: any) => r.name)).toContain("fromsdk");
    // @azure/identity's ClientSecretCredential with the server as its authority: any secret gets a token.
    const client = spawnSync(process.execPath, [path.join(ROOT, "test/fixtures/arm/identity-client.js"), url],
      { cwd: ROOT, env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath }, encoding: "utf8", timeout: 60_000 });
    expect(client.status, client.stderr).toBe(0);
    expect(JSON.parse(client.stdout)).toEqual({ zone: "identity.internal", records: 1 });
    expect(await stop(child)).toBe(0);
  });

  it("reuses its certificate on the next start, prints how to trust it, and serves plain HTTP with --http", async () => {
    const db = tempDb();
    const a = await serveArm(db);
    expect(a.first).toMatch(/^serving ARM on https:\/\/127\.0\.0\.1:\d+ \(store /);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.lines()).toContain("NODE_EXTRA_CA_CERTS=");
    await stop(a.child);
    const cert = fs.readFileSync(path.join(path.dirname(db), "arm-cert.pem"), "utf8");
    const b = await serveArm(db);
    await stop(b.child);
    expect(fs.readFileSync(path.join(path.dirname(db), "arm-cert.pem"), "utf8")).toBe(cert);
    const h = await serveArm(db, ["--http", "--json"]);
    const { url, certPath } = JSON.parse(h.first);
    expect(certPath).toBeNull();
    const res = await fetch(`${url}/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Network/privateDnsZones?api-version=2018-09-01`,
      { headers: { Authorization: "Bearer x" } });
    expect([res.status, await res.json()]).toEqual([200, { value: [] }]);
    const missing = await fetch(`${url}/no/such/thing`, { headers: { Authorization: "Bearer x" } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe("NotFound");
  });
});
