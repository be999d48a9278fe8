/**
 * Two processes on one store file (DESIGN Store: BEGIN IMMEDIATE + busy timeout). Plain node children using
 * the compiled package race, released together by a wall-clock barrier.
 */
import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, Emulator, link, tempDir, vm, vnet, zone } from "../support/helpers";
import { assertInvariants } from "../support/invariants";
import { SCHEMA_VERSION } from "../../dist/provider/emulator";

const CHILD = path.resolve(__dirname, "../support/race-child.js");
const ROUNDS = 30;

afterEach(cleanup);

interface Child { proc: ChildProcessWithoutNullStreams; next: () => Promise<any>; stderr: string[] }

function start(args: string[]): Child {
  const proc = spawn(process.execPath, [CHILD, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  const queue: any[] = [];
  const waiters: ((v: any) => void)[] = [];
  const stderr: string[] = [];
  readline.createInterface({ input: proc.stdout }).on("line", (line) => {
    const msg = JSON.parse(line);
    const w = waiters.shift();
    if (w) w(msg);
    else queue.push(msg);
  });
  proc.stderr.on("data", (d) => stderr.push(String(d)));
  const next = () => new Promise<any>((resolve, reject) => {
    if (queue.length) return resolve(queue.shift());
    const timer = setTimeout(() => reject(new Error(`child ${args.join(" ")} silent; stderr: ${stderr.join("")}`)), 60_000);
    waiters.push((v) => { clearTimeout(timer); resolve(v); });
  });
  return { proc, next, stderr };
}

const exited = (c: Child) => new Promise<number | null>((resolve) => {
  if (c.proc.exitCode !== null) resolve(c.proc.exitCode);
  else c.proc.on("exit", (code) => resolve(code));
});

describe("two processes on one store file", () => {
  it(`L3 under concurrency: two processes race ${ROUNDS} rounds to give ONE vnet registration links to TWO zones; exactly one wins each round`, async () => {
    const db = path.join(tempDir(), "race.db");
    const em = Emulator.open(db);
    zone(em, "race-a.com");
    zone(em, "race-b.com");
    const vnetIds: string[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const v = vnet(em, `race-${r}`, [`10.${r}.0.0/16`]);
      vnetIds.push(v.id);
      // VMs already in the vnet make the winner's transaction longer (L9 backfill).
      for (let i = 0; i < 5; i++) vm(em, `vm-${r}-${i}`, v.id, `10.${r}.0.${10 + i}`);
    }
    em.close();

    const children = [start(["link", db, "race-a.com"]), start(["link", db, "race-b.com"])];
    try {
      for (const c of children) expect((await c.next()).ready).toBe(true);
      const winners = { "race-a.com": 0, "race-b.com": 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const at = Date.now() + 40;
        for (const c of children) c.proc.stdin.write(`${JSON.stringify({ round, vnetId: vnetIds[round], at })}\n`);
        const results = await Promise.all(children.map((c) => c.next()));
        for (const r of results) expect(r.round).toBe(round);
        const ok = results.filter((r) => r.ok);
        const refused = results.filter((r) => !r.ok);
        expect(ok, JSON.stringify(results)).toHaveLength(1);
        expect(refused).toHaveLength(1);
        const e = refused[0].error;
        expect(e.message ?? "").not.toMatch(/SQLITE_BUSY|database is locked/i);
        expect({ name: e.name, code: e.code, rule: e.rule }, JSON.stringify(e)).toEqual({ name: "EmulatorError", code: "Conflict", rule: "L3" });
        const winnerZone = results[0].ok ? "race-a.com" : "race-b.com";
        const loserZone = winnerZone === "race-a.com" ? "race-b.com" : "race-a.com";
        expect(e.detail).toBe(`A virtual network can only be linked to 1 Private DNS zone(s) with auto-registration enabled; conflicting Private DNS zone is "${winnerZone}"`);
        expect(e.message).toContain(`/privateDnsZones/${loserZone}/virtualNetworkLinks/race-${round}`);
        winners[winnerZone]++;
      }
      for (const c of children) c.proc.stdin.end(`${JSON.stringify({ quit: true })}\n`);
      for (const c of children) expect(await exited(c)).toBe(0);
      expect(winners["race-a.com"] + winners["race-b.com"]).toBe(ROUNDS);
    } finally {
      for (const c of children) if (c.proc.exitCode === null) c.proc.kill();
    }

    const after = Emulator.open(db);
    try {
      expect(after.store.db.pragma("integrity_check", { simple: true })).toBe("ok");
      for (const id of vnetIds) {
        const regs = after.listLinks({ vnet: id }).filter((l) => l.registrationEnabled);
        expect(regs).toHaveLength(1);
      }
      const a = after.getZone({ privateZoneName: "race-a.com" });
      const b = after.getZone({ privateZoneName: "race-b.com" });
      expect(a.numberOfVirtualNetworkLinksWithRegistration + b.numberOfVirtualNetworkLinksWithRegistration).toBe(ROUNDS);
      // Every VM registered exactly once, in its vnet's winning zone.
      expect(a.numberOfRecordSets + b.numberOfRecordSets).toBe(2 + ROUNDS * 5);
      assertInvariants(after, { resolution: true });
    } finally {
      after.close();
    }
  });

  it("processes opening a brand-new store file at the same moment all succeed (schema created once)", async () => {
    for (let round = 0; round < 5; round++) {
      const db = path.join(tempDir(), "fresh.db");
      const at = Date.now() + 300;
      const children = ["p0", "p1", "p2", "p3"].map((name) => start(["open", db, name, String(at)]));
      const results = await Promise.all(children.map((c) => c.next()));
      await Promise.all(children.map(exited));
      for (const r of results) expect(r, JSON.stringify(r)).toEqual({ ok: true });
      const em = Emulator.open(db);
      try {
        expect(em.store.db.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(em.store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
        expect(em.listZones().map((z) => z.name)).toEqual(["p0.test", "p1.test", "p2.test", "p3.test"]);
        expect(em.listVnets()).toHaveLength(4);
        assertInvariants(em);
      } finally {
        em.close();
      }
    }
  });
});
