/**
 * E1: etag preconditions of a write, as ARM's `If-Match` and `If-None-Match: *` headers carry them. They are
 * checked inside the write's own transaction, so that "read, then write if unchanged" cannot lose an update made
 * in between. Etags are compared without ARM's wire decoration (link etags travel quoted, vnet etags weak: `W/"..."`).
 */
import { at, E, EmulatorError } from "./errors";

/** What a write may demand of the resource's current state. */
export interface Preconditions {
  /** The etag the caller last read; `*` demands only that the resource exists. */
  ifMatch?: string;
  /** `*`: the write must create; it is refused if the resource exists. */
  ifNoneMatch?: string;
}

const bare = (etag: string) => etag.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");

/**
 * Throws `exists()` or `mismatch()` when `current` (the resource's etag, undefined when it does not exist)
 * fails the preconditions. Nothing demanded, nothing checked.
 */
export function checkPreconditions(
  current: string | undefined, pre: Preconditions | undefined,
  refusals: { exists: () => EmulatorError; mismatch: () => EmulatorError },
): void {
  if (!pre) return;
  // SPEC E: a typed refusal, not a TypeError, for preconditions that are not strings.
  for (const field of ["ifMatch", "ifNoneMatch"] as const)
    if (pre[field] !== undefined && typeof pre[field] !== "string") throw E.preconditionInvalid(at("preconditions", field, pre[field]));
  if (pre.ifNoneMatch !== undefined && current !== undefined && (pre.ifNoneMatch.trim() === "*" || bare(pre.ifNoneMatch) === current))
    throw refusals.exists();
  if (pre.ifMatch === undefined) return;
  if (current === undefined) throw refusals.mismatch();
  if (pre.ifMatch.trim() !== "*" && bare(pre.ifMatch) !== bare(current)) throw refusals.mismatch();
}
