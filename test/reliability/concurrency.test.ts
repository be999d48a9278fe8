/**
 * Several processes on ONE store file at once (two `pulumi up` runs, a CLI, a DNS server...): each runs seeded
 * random operations on a small shared universe of names, so that they collide on the same rules (L3, L5, L6,
 * Z6, Z7, A7, A8, A9, R4) and many operations are refused. Nothing but EmulatorErrors may reach a caller (no
 * SQLITE_BUSY, even while every process opens and migrates a brand-new file at the same moment); every state
 * this process observes while they run, and the final one, satisfies the invariants; integrity_check is ok.
 */
import { spawn } from "child_process";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { Emulator } from "../../dist/provider/emulator";
import { checkInvariants, inSnapshot, integrityCheck } from "../support/table-invariants";
import { tempDb } from "../support/store";

const WORKER = path.resolve(__dirname, "../support/reliability-worker.js");

interface Summary { seed: number; ok: number; refused: number; rules: Record<string, number>; fatal: string[] }

function worker(db: string, seed: number, ops: number): Promise<{ code: number | null; summary?: Summary; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WORKER, "random", db, String(seed), String(ops)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const last = out.trim().split("\n").pop();
      let summary: Summary | undefined;
      try { summary = last ? JSON.parse(last) : undefined; } catch { /* reported below */ }
      resolve({ code, summary, stderr: err + (summary ? "" : out) });
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("concurrent processes on one store", () => {
  it.each([
    { round: 1, processes: 4, ops: 1000 },
    { round: 2, processes: 6, ops: 600 },
  ])("$processes processes x $ops random operations on a fresh file (round $round): only EmulatorErrors, invariants hold throughout",
    async ({ round, processes, ops }) => {
      const db = tempDb("pdns-concurrency-");
      const seeds = Array.from({ length: processes }, (_, i) => 1000 * round + i);
      const running = seeds.map((seed) => worker(db, seed, ops));
      let finished = false;
      const all = Promise.all(running).finally(() => (finished = true));

      // Meanwhile, this process reads committed states in snapshots: each must satisfy the invariants.
      let observed = 0;
      const violations: string[] = [];
      await sleep(300); // let the workers create the file
      let watcher: Emulator | undefined;
      while (!finished) {
        try {
          watcher ??= Emulator.open(db);
          violations.push(...inSnapshot(watcher, () => checkInvariants(watcher!)));
          observed++;
        } catch (e) {
          violations.push(`reading while others write: ${(e as Error).message}`);
        }
        await sleep(25);
      }
      watcher?.close();

      const results = await all;
      for (const r of results) {
        expect(r.summary, `a worker printed no summary: ${r.stderr}`).toBeDefined();
        expect(r.summary!.fatal, `seed ${r.summary!.seed}: non-EmulatorErrors reached the caller`).toEqual([]);
        expect(r.code).toBe(0);
      }
      const total = results.reduce((n, r) => n + r.summary!.ok + r.summary!.refused, 0);
      const refused = results.reduce((n, r) => n + r.summary!.refused, 0);
      const rules = new Set(results.flatMap((r) => Object.keys(r.summary!.rules)));
      expect(total).toBe(processes * ops);
      expect(refused, "the mix must include refused operations").toBeGreaterThan(total / 10);
      for (const rule of ["Z6", "Z7", "A9", "L5"]) expect(rules, `some operation refused by ${rule}`).toContain(rule);

      expect(violations).toEqual([]);
      expect(observed, "snapshots checked while the workers ran").toBeGreaterThan(5);
      const emu = Emulator.open(db);
      try {
        expect(integrityCheck(emu)).toBe("ok");
        expect(checkInvariants(emu)).toEqual([]);
        expect(() => emu.export()).not.toThrow();
      } finally {
        emu.close();
      }
    });
});

describe("the invariant checker itself", () => {
  it("finds broken counters, orphan registrations, a stale auto record and a second registration link", () => {
    const db = tempDb("pdns-invariants-");
    const emu = Emulator.open(db);
    try {
      emu.createZone({ privateZoneName: "a.internal" });
      emu.createZone({ privateZoneName: "b.internal" });
      const v = emu.createVnet({ virtualNetworkName: "v", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
      emu.createLink({ privateZoneName: "a.internal", virtualNetworkLinkName: "l", virtualNetwork: { id: v.id }, registrationEnabled: true });
      emu.createVm({ vmName: "web", virtualNetwork: { id: v.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.4" }] });
      expect(checkInvariants(emu)).toEqual([]);
      const raw = emu.store.db;
      raw.exec("UPDATE zones SET record_set_count = record_set_count + 1 WHERE name = 'a.internal'");
      expect(checkInvariants(emu).join("\n")).toMatch(/counters/);
      raw.exec("UPDATE zones SET record_set_count = record_set_count - 1 WHERE name = 'a.internal'");
      raw.exec("UPDATE vms SET power_state = 'deallocated'");
      expect(checkInvariants(emu).join("\n")).toMatch(/not running/);
      raw.exec("UPDATE vms SET power_state = 'running'; UPDATE nics SET ip = '10.0.0.9'");
      expect(checkInvariants(emu).join("\n")).toMatch(/registration of a VM/);
      raw.exec("UPDATE nics SET ip = '10.0.0.4'; DELETE FROM registrations");
      expect(checkInvariants(emu).join("\n")).toMatch(/not registered/);
      raw.exec("DROP INDEX links_one_registration_zone");
      raw.prepare("INSERT INTO links (zone_id, vnet_id, name, registration, etag) SELECT id, ?, 'l2', 1, 'x' FROM zones WHERE name = 'b.internal'").run(
        (raw.prepare("SELECT id FROM vnets").get() as any).id);
      expect(checkInvariants(emu).join("\n")).toMatch(/two registration links \(L3\)/);
      expect(integrityCheck(emu)).toBe("ok");
    } finally {
      emu.close();
    }
  });
});
