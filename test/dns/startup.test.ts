/** `serve` options and errors, and the programmatic `startDnsServer`. */
import { describe, expect, it } from "vitest";
import { promises as dnsPromises } from "dns";
import * as net from "net";
import { startDnsServer } from "../../dist/dns";
import { serveSpecs } from "../../dist/cli/commands/serve";
import { privatedns, serve } from "../support/cli";
import { fillStore, RG, tempDb, withStore } from "../support/store";

describe("serve: one port per vnet", () => {
  it("vnets without =PORT take --port, --port+1, ...; =PORT is kept; 0 means a free port for each", () => {
    expect(serveSpecs(["hub", "spoke=6000", "lonely"], 5353)).toEqual([
      { vnet: "hub", port: 5353 }, { vnet: "spoke", port: 6000 }, { vnet: "lonely", port: 5354 }]);
    expect(serveSpecs(["hub", "spoke"], 0)).toEqual([{ vnet: "hub", port: 0 }, { vnet: "spoke", port: 0 }]);
  });

  it("usage errors: no --vnet, a port given twice, a bad port, an unknown --udp (exit 2)", () => {
    const db = tempDb();
    fillStore(db);
    for (const args of [[], ["--vnet", "hub=7000", "--vnet", "spoke=7000"], ["--vnet", "hub", "--port", "99999"], ["--vnet", "hub", "--udp", "fast"]]) {
      const r = privatedns(["--db", db, "serve", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^privatedns: serve: /);
    }
  });

  it("an unknown or ambiguous vnet fails before binding (exit 1 / 2)", () => {
    const db = tempDb();
    fillStore(db);
    const unknown = privatedns(["--db", db, "serve", "--vnet", "nowhere", "--port", "0"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("virtual network 'nowhere' not found");
    expect(privatedns(["--db", db, "serve", "--vnet", "shared", "--port", "0"]).code).toBe(2);
  });

  it("a port already in use is exit 1 with the reason on stderr", async () => {
    const db = tempDb();
    fillStore(db);
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = privatedns(["--db", db, "serve", "--vnet", "hub", "--port", String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("EADDRINUSE");
    } finally {
      blocker.close();
    }
  });

  it("prints a line per vnet (text form) and stops on SIGTERM with exit 0", async () => {
    const db = tempDb();
    fillStore(db);
    const s = await serve(db, ["hub"]);
    const code = new Promise((r) => s.child.once("exit", (c) => r(c)));
    await s.stop();
    expect(await code).toBe(0);
  });
});

describe("startDnsServer (programmatic)", () => {
  it("binds loopback on a free port, answers, sees changes, and closes", async () => {
    const db = tempDb();
    fillStore(db);
    const server = await startDnsServer({ dbPath: db, vnet: { resourceGroupName: RG, virtualNetworkName: "hub" }, port: 0 });
    try {
      expect(server.host).toBe("127.0.0.1");
      expect(server.port).toBeGreaterThan(0);
      expect(server.vnetId).toMatch(/\/resourceGroups\/net\/providers\/Microsoft\.Network\/virtualNetworks\/hub$/);
      const r = new dnsPromises.Resolver({ timeout: 3000, tries: 1 });
      r.setServers([`127.0.0.1:${server.port}`]);
      expect(await r.resolve4("web.contoso.internal")).toEqual(["10.0.0.4"]);
      withStore(db, (emu) => emu.updateRecordSet({ resourceGroupName: RG, privateZoneName: "contoso.internal", relativeRecordSetName: "mail", recordType: "A", ttl: 42, aRecords: [{ ipv4Address: "10.0.1.26" }] }));
      expect(await r.resolve4("mail.contoso.internal", { ttl: true })).toEqual([{ address: "10.0.1.26", ttl: 42 }]);
    } finally {
      await server.close();
    }
  });

  it("refuses to start for a vnet that does not exist", async () => {
    const db = tempDb();
    fillStore(db);
    await expect(startDnsServer({ dbPath: db, vnet: { resourceGroupName: RG, virtualNetworkName: "nowhere" }, port: 0 }))
      .rejects.toThrow(/ResourceNotFound/);
  });
});
