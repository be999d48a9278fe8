/**
 * The plan of this deployment, as checks see it: the claims of the resources checked so far (keyed by URN)
 * applied to the store inside a transaction that is never committed (the overlay), on a connection of its
 * own. Each check then costs its own operations, not a replay of the whole plan. The overlay is rolled back
 * before this process writes (create, update, delete: the engine's update phase) and rebuilt at the next check.
 * Preview writes nothing: when the store file does not exist yet, an empty in-memory store stands for it.
 */
import * as fs from "fs";
import { Emulator, EmulatorError, isEmulatorError, Operation } from "./emulator";

export interface Claim { urn: string; ops: Operation[] }
const claims = new Map<string, Claim>();
const connections = new Map<string, Emulator>();
let overlay: { file: string; emu: Emulator; urns: Set<string> } | undefined;

function whatIfConnection(file: string): Emulator {
  const key = fs.existsSync(file) ? file : `memory:${file}`;
  let emu = connections.get(key);
  if (!emu) {
    emu = key === file ? Emulator.open(file) : Emulator.inMemory();
    connections.set(key, emu);
  }
  return emu;
}

/**
 * Applies `ops` in one savepoint. Earlier ones that would be refused are skipped (they would never have been
 * applied); if the last is refused, everything is undone and its refusal returned.
 */
function applyPlan(emu: Emulator, ops: Operation[]): EmulatorError | undefined {
  let refusal: EmulatorError | undefined;
  const undo = Symbol("undo");
  try {
    emu.store.tx(() => {
      ops.forEach((op, i) => {
        try {
          emu.apply(op);
        } catch (e) {
          if (!isEmulatorError(e)) throw e;
          if (i === ops.length - 1) {
            refusal = e;
            throw undo;
          }
        }
      });
    });
  } catch (e) {
    if (e !== undo) throw e;
  }
  return refusal;
}

/**
 * Rolls the overlay back: before this process writes to a store, and once checks stop coming for a moment,
 * so that the write lock it holds keeps other processes waiting (busy timeout) only during a burst of checks.
 * Code that calls the handlers in its own process and then writes with another connection calls it too.
 */
export function closeOverlay(): void {
  if (idle) clearTimeout(idle);
  idle = undefined;
  if (overlay?.emu.store.db.inTransaction) overlay.emu.store.db.exec("ROLLBACK");
  overlay = undefined;
}
let idle: NodeJS.Timeout | undefined;
const IDLE_MS = 50;

function openOverlay(file: string, except: string) {
  // A resource checked again (a replacement's second check) is judged afresh: rebuild without its old claim.
  if (overlay && (overlay.file !== file || overlay.urns.has(except))) closeOverlay();
  if (!overlay) {
    const emu = whatIfConnection(file);
    emu.store.db.exec("BEGIN IMMEDIATE");
    overlay = { file, emu, urns: new Set() };
    for (const c of claims.values()) if (c.urn !== except && !applyPlan(emu, c.ops)) overlay.urns.add(c.urn);
  }
  return overlay;
}

/**
 * Judges a resource's operations against the store plus every earlier claim. Accepted: they become its claim.
 * Refused: the refusal, and the resource of this program it conflicts with (the latest claim without which it
 * would be accepted: an earlier one, like the zone under a conflicting link, only enables it).
 */
export function judge(file: string, urn: string, ops: Operation[]): { refusal?: EmulatorError; culprit?: string } {
  const o = openOverlay(file, urn);
  if (idle) clearTimeout(idle);
  idle = setTimeout(closeOverlay, IDLE_MS);
  idle.unref();
  const refusal = applyPlan(o.emu, ops);
  claims.delete(urn); // re-checked: its claim moves to the end, in check order
  if (!refusal) {
    claims.set(urn, { urn, ops });
    o.urns.add(urn);
    return {};
  }
  closeOverlay(); // the rare path: find the culprit by replaying without the overlay
  const others = [...claims.values()];
  const emu = whatIfConnection(file);
  const last = ops[ops.length - 1];
  const own = ops.slice(0, -1);
  const culprit = [...others].reverse().find((c) =>
    !emu.wouldRefuse(last, [...others.filter((x) => x !== c).flatMap((x) => x.ops), ...own]))?.urn;
  return { refusal, culprit };
}

export const claimOf = (urn: string): Claim | undefined => claims.get(urn);

/** Once the store holds a resource, its claim is the store's business. */
export function dropClaim(urn: unknown): void {
  if (typeof urn === "string") claims.delete(urn);
}
