/**
 * kill -9 at random moments during bulk operations, many rounds: creating VMs one by one in a registration
 * vnet of 2000 VMs, enabling and disabling registration on a link whose vnet holds 2000 VMs (L9 backfill and
 * removal), deleting that vnet (L11), and creating 1000 VMs in one transaction. The child prints "begin ID"
 * before an operation and "ok ID" after it returned; after each kill the store must open, pass
 * integrity_check and the invariants, everything logged "ok" must be there, and the one operation in flight
 * must be wholly there or wholly absent (VM + NICs + registration + auto record together).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../../dist/provider/emulator";
import { checkInvariants, integrityCheck } from "../support/table-invariants";
import { tempDb } from "../support/store";
import { prng } from "../support/prng.js";

const WORKER = path.resolve(__dirname, "../support/reliability-worker.js");
const VMS = 2000;
const BULK = 1000;
const ROUNDS = 28;
const ipOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** A store with zone corp.internal, vnet big (10.0.0.0/8) holding VMS VMs, linked by "big" with or without registration. */
function template(registration: boolean): string {
  const file = tempDb("pdns-kill-template-");
  const emu = Emulator.open(file);
  emu.createZone({ privateZoneName: "corp.internal" });
  const v = emu.createVnet({ virtualNetworkName: "big", addressSpace: { addressPrefixes: ["10.0.0.0/8"] } });
  emu.createLink({ privateZoneName: "corp.internal", virtualNetworkLinkName: "big", virtualNetwork: { id: v.id }, registrationEnabled: registration });
  emu.store.tx(() => {
    for (let i = 0; i < VMS; i++)
      emu.createVm({ vmName: `vm${i}`, virtualNetwork: { id: v.id }, networkInterfaces: [{ name: "nic", privateIPAddress: ipOf(i) }] });
  });
  emu.close(); // the last connection checkpoints and removes the -wal: the .db file alone is the store
  return file;
}

interface Killed { log: { begun: number[]; ok: number[] }; inFlight: number | undefined; stderr: string }

/** Runs the worker on `db`, kills it with SIGKILL `delayMs` after its first "begin", returns what it logged. */
function runAndKill(db: string, args: string[], delayMs: number): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, args[0], db, ...args.slice(1)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "", armed = false;
    const guard = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      if (!armed && out.includes("begin")) {
        armed = true;
        setTimeout(() => child.kill("SIGKILL"), delayMs);
      }
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("exit", () => {
      clearTimeout(guard);
      // Only whole lines count: a line cut by the kill was not fully written, so its operation is not known done.
      const lines = out.split("\n").slice(0, -1);
      const begun = lines.filter((l) => l.startsWith("begin ")).map((l) => Number(l.split(" ")[1]));
      const ok = lines.filter((l) => l.startsWith("ok ")).map((l) => Number(l.split(" ")[1]));
      const inFlight = begun.find((b) => !ok.includes(b));
      resolve({ log: { begun, ok }, inFlight, stderr: err });
    });
  });
}

function openAndCheck(db: string): Emulator {
  const emu = Emulator.open(db); // recovers the WAL the killed process left
  expect(integrityCheck(emu)).toBe("ok");
  expect(checkInvariants(emu)).toEqual([]);
  return emu;
}

const count = (emu: Emulator, sql: string, ...params: unknown[]) => (emu.store.db.prepare(sql).get(...params) as { n: number }).n;

/** Everything one created VM consists of: its row, its NICs, its registration, its auto A record. */
function vmParts(emu: Emulator, i: number) {
  const vm = emu.store.db.prepare("SELECT id FROM vms WHERE name = ?").get(`bulk-${i}`) as { id: number } | undefined;
  return {
    vm: vm ? 1 : 0,
    nics: count(emu, "SELECT count(*) AS n FROM nics WHERE ip IN (?, ?)", ipOf(i), ipOf(i + 0x800000)),
    registrations: count(emu, "SELECT count(*) AS n FROM registrations WHERE host = ?", `bulk-${i}`),
    records: count(emu, "SELECT count(*) AS n FROM record_sets WHERE name = ? AND auto = 1", `bulk-${i}`),
  };
}
const whole = (i: number) => ({ vm: 1, nics: 1 + (i % 2), registrations: 1, records: 1 });
const none = { vm: 0, nics: 0, registrations: 0, records: 0 };

/** The registration state of vnet big: "enabled" (every VM registered) or "disabled" (none), nothing between. */
function registrationState(emu: Emulator): "enabled" | "disabled" | string {
  const link = count(emu, "SELECT registration AS n FROM links WHERE name = 'big'");
  const regs = count(emu, "SELECT count(*) AS n FROM registrations");
  const sets = count(emu, "SELECT count(*) AS n FROM record_sets WHERE auto = 1");
  const counter = count(emu, "SELECT registration_link_count AS n FROM zones");
  if (link === 1 && regs === VMS && sets === VMS && counter === 1) return "enabled";
  if (link === 0 && regs === 0 && sets === 0 && counter === 0) return "disabled";
  return `partial: link ${link}, registrations ${regs}, auto sets ${sets}, counter ${counter}`;
}

describe("kill -9 during bulk operations", () => {
  let registered: string;
  let unregistered: string;
  let deleteMs = 50;
  let bulkMs = 100;
  const seen = { rounds: 0, inFlight: 0, committedOps: 0 };

  beforeAll(async () => {
    registered = template(true);
    unregistered = template(false);
    // How long the single operations take here, so that the kill moments spread over them.
    const measure = (args: string[], from: string) => new Promise<number>((resolve) => {
      const db = tempDb("pdns-kill-");
      fs.copyFileSync(from, db);
      const child = spawn(process.execPath, [WORKER, args[0], db, ...args.slice(1)], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("exit", () => resolve(Number(/ok 0 (\d+)/.exec(out)?.[1] ?? 50)));
    });
    deleteMs = Math.max(5, await measure(["delete-vnet"], registered));
    bulkMs = Math.max(5, await measure(["bulk-tx", "100000", String(BULK)], registered));
  });

  const scenarios = ["create-vms", "toggle", "delete-vnet", "bulk-tx"] as const;
  const rounds = Array.from({ length: ROUNDS }, (_, round) => ({ round, label: String(round), scenario: scenarios[round % scenarios.length] }));

  it.each(rounds)("round $label: kill -9 during $scenario; the store opens whole and the operation in flight is all or nothing",
    async ({ round, scenario }) => {
      const rnd = prng(0x5eed + round);
      const db = tempDb("pdns-kill-");
      fs.copyFileSync(scenario === "toggle" ? unregistered : registered, db);
      seen.rounds++;

      if (scenario === "create-vms") {
        const first = 100_000 + round * 10_000;
        const k = await runAndKill(db, ["create-vms", String(first)], Math.floor(rnd() * 300));
        const emu = openAndCheck(db);
        try {
          for (const i of k.log.ok) expect(vmParts(emu, i), `VM bulk-${i} was logged ok`).toEqual(whole(i));
          if (k.inFlight !== undefined) {
            seen.inFlight++;
            const parts = vmParts(emu, k.inFlight);
            expect([JSON.stringify(whole(k.inFlight)), JSON.stringify(none)], `VM bulk-${k.inFlight} in flight`).toContain(JSON.stringify(parts));
          }
          const known = new Set([...k.log.ok, ...(k.inFlight === undefined ? [] : [k.inFlight])].map((i) => `bulk-${i}`));
          const present = (emu.store.db.prepare("SELECT name FROM vms WHERE name LIKE 'bulk-%'").all() as { name: string }[]).map((r) => r.name);
          expect(present.filter((n) => !known.has(n)), "VMs nobody began").toEqual([]);
          expect(count(emu, "SELECT count(*) AS n FROM vms")).toBe(VMS + present.length);
          seen.committedOps += k.log.ok.length;
        } finally {
          emu.close();
        }
      }

      if (scenario === "toggle") {
        const k = await runAndKill(db, ["toggle"], Math.floor(rnd() * 400));
        const emu = openAndCheck(db);
        try {
          const after = (op: number | undefined) => (op === undefined ? "disabled" : op % 2 === 0 ? "enabled" : "disabled");
          const last = k.log.ok.length ? Math.max(...k.log.ok) : undefined;
          const allowed = new Set([after(last), ...(k.inFlight === undefined ? [] : [after(k.inFlight)])]);
          if (k.inFlight !== undefined) seen.inFlight++;
          expect([...allowed], `after ${k.log.ok.length} toggles, one in flight: ${k.inFlight}`).toContain(registrationState(emu));
          seen.committedOps += k.log.ok.length;
        } finally {
          emu.close();
        }
      }

      if (scenario === "delete-vnet") {
        const k = await runAndKill(db, ["delete-vnet"], rnd() * deleteMs * 1.3);
        const emu = openAndCheck(db);
        try {
          const state = {
            vnets: count(emu, "SELECT count(*) AS n FROM vnets"),
            vms: count(emu, "SELECT count(*) AS n FROM vms"),
            nics: count(emu, "SELECT count(*) AS n FROM nics"),
            links: count(emu, "SELECT count(*) AS n FROM links"),
            registrations: count(emu, "SELECT count(*) AS n FROM registrations"),
            autoSets: count(emu, "SELECT count(*) AS n FROM record_sets WHERE auto = 1"),
          };
          const gone = { vnets: 0, vms: 0, nics: 0, links: 0, registrations: 0, autoSets: 0 };
          const there = { vnets: 1, vms: VMS, nics: VMS, links: 1, registrations: VMS, autoSets: VMS };
          if (k.log.ok.length) expect(state).toEqual(gone);
          else {
            seen.inFlight++;
            expect([JSON.stringify(gone), JSON.stringify(there)]).toContain(JSON.stringify(state));
          }
        } finally {
          emu.close();
        }
      }

      if (scenario === "bulk-tx") {
        const k = await runAndKill(db, ["bulk-tx", "100000", String(BULK)], rnd() * bulkMs * 1.3);
        const emu = openAndCheck(db);
        try {
          const created = count(emu, "SELECT count(*) AS n FROM vms WHERE name LIKE 'tx-%'");
          const regs = count(emu, "SELECT count(*) AS n FROM registrations r JOIN vms v ON v.id = r.vm_id WHERE v.name LIKE 'tx-%'");
          if (k.log.ok.length) expect({ created, regs }).toEqual({ created: BULK, regs: BULK });
          else {
            seen.inFlight++;
            expect([0, BULK]).toContain(created);
            expect(regs).toBe(created);
          }
        } finally {
          emu.close();
        }
      }
    });

  it("the kills landed inside operations, not only between them", () => {
    console.log(`kill -9: ${seen.rounds} rounds, ${seen.inFlight} with an operation in flight, ${seen.committedOps} operations logged committed`);
    expect(seen.rounds).toBe(ROUNDS);
    expect(seen.inFlight, `${seen.inFlight} of ${ROUNDS} rounds were killed with an operation in flight`).toBeGreaterThanOrEqual(ROUNDS / 4);
    expect(seen.committedOps).toBeGreaterThan(0);
  });
});
