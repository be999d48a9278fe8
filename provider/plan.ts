/**
 * The plan of this deployment, as checks see it: the claims of the resources checked so far (keyed by URN)
 * applied to the store inside a transaction that is never committed as a whole (the overlay). Each check then
 * costs its own operations, not a replay of the whole plan. The overlay is rolled back before this process
 * writes anything else (update, delete, a create judged otherwise) and rebuilt at the next check.
 *
 * The overlay runs on the connection this process writes with (session.ts), so that a create can commit the
 * very transaction its check judged instead of doing the same work again: when the created resource's claim is
 * the oldest one applied and is exactly the operation the create stands for, the later claims are rolled back
 * to their savepoint and the rest is committed (`commitClaim`). The write lock was held from the check on
 * (BEGIN IMMEDIATE), so nothing else wrote in between: the rules ran, in the emulator, inside the committed
 * transaction. Reads that must not see the plan (diff, read) use a connection of their own (session.ts).
 *
 * Preview writes nothing: when the store file does not exist yet, an empty in-memory store stands for it.
 */
import { Emulator, EmulatorError, isEmulatorError, Operation } from "./emulator";
import { existingWriter } from "./session";

export interface Claim { urn: string; ops: Operation[] }
const claims = new Map<string, Claim>();
const standIns = new Map<string, Emulator>();

/**
 * An accepted claim in the overlay, the savepoint set before it (undefined for the first: the transaction), and
 * what its last operation returned (the resource as written).
 */
interface Applied { urn: string; ops: Operation[]; mark?: string; result: unknown }
let overlay: { file: string; emu: Emulator; applied: Applied[]; marks: number } | undefined;

/** The store's own writing connection when its file exists; else the in-memory stand-in of preview. */
function whatIfConnection(file: string): Emulator {
  const writer = existingWriter(file);
  if (writer) return writer;
  let emu = standIns.get(file);
  if (!emu) {
    emu = Emulator.inMemory();
    standIns.set(file, emu);
  }
  return emu;
}

/**
 * Applies `ops` in one savepoint. Earlier ones that would be refused are skipped (they would never have been
 * applied); if the last is refused, everything is undone and its refusal returned, else what it returned.
 */
function applyPlan(emu: Emulator, ops: Operation[]): { refusal?: EmulatorError; result?: unknown } {
  let refusal: EmulatorError | undefined;
  let result: unknown;
  const undo = Symbol("undo");
  try {
    emu.store.tx(() => {
      ops.forEach((op, i) => {
        try {
          result = emu.apply(op);
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
  return refusal ? { refusal } : { result };
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

/** Applies a claim on top of the overlay; accepted, it is recorded with the savepoint that can undo it alone. */
function applyClaim(o: NonNullable<typeof overlay>, urn: string, ops: Operation[]): EmulatorError | undefined {
  const mark = o.applied.length ? `claim_${++o.marks}` : undefined;
  if (mark) o.emu.store.db.exec(`SAVEPOINT ${mark}`);
  const { refusal, result } = applyPlan(o.emu, ops);
  if (refusal) {
    if (mark) o.emu.store.db.exec(`RELEASE ${mark}`); // nothing was applied under it
  } else {
    o.applied.push({ urn, ops, mark, result });
  }
  return refusal;
}

function openOverlay(file: string, except: string) {
  // A resource checked again (a replacement's second check) is judged afresh: rebuild without its old claim.
  if (overlay && (overlay.file !== file || overlay.applied.some((a) => a.urn === except))) closeOverlay();
  if (!overlay) {
    const emu = whatIfConnection(file);
    emu.store.db.exec("BEGIN IMMEDIATE");
    overlay = { file, emu, applied: [], marks: 0 };
    for (const c of claims.values()) if (c.urn !== except) applyClaim(overlay, c.urn, c.ops);
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
  const refusal = applyClaim(o, urn, ops);
  claims.delete(urn); // re-checked: its claim moves to the end, in check order
  if (!refusal) {
    claims.set(urn, { urn, ops });
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

/** Equal as JSON values, whatever the order of keys (inputs cross protobuf, which does not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as any)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as any)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as any)[k], (b as any)[k]));
}

/**
 * Commits `op` for `urn` by committing the overlay, when the overlay on `emu` holds `urn`'s claim as its oldest
 * one and that claim is exactly `op`: the claims after it are rolled back to their savepoint first. `answer`
 * gets what the operation returned when it was applied and runs just before the commit, so that what it reads
 * is what is committed. Returns its answer, or undefined (nothing done): the caller then rolls the overlay back
 * and applies `op` itself.
 */
export function commitClaim<T>(emu: Emulator, urn: string, op: Operation, answer: (result: unknown) => T): { answer: T } | undefined {
  const first = overlay?.emu === emu ? overlay.applied[0] : undefined;
  if (!first || first.urn !== urn || first.ops.length !== 1 || !sameJson(first.ops[0], op)) return undefined;
  const db = emu.store.db;
  const next = overlay!.applied[1];
  if (next) db.exec(`ROLLBACK TO ${next.mark}`);
  let out: T;
  try {
    out = answer(first.result);
  } catch (e) {
    closeOverlay(); // nothing committed; the caller's error
    throw e;
  }
  db.exec("COMMIT");
  if (idle) clearTimeout(idle);
  idle = undefined;
  overlay = undefined;
  return { answer: out };
}

export const claimOf = (urn: string): Claim | undefined => claims.get(urn);

/** Once the store holds a resource, its claim is the store's business. */
export function dropClaim(urn: unknown): void {
  if (typeof urn === "string") claims.delete(urn);
}
