/**
 * At preview, inputs not yet known arrive as this string, even where a number, array or object is expected
 * (pulumi/pulumi#6310). Handlers judge what is known and never treat this string as a value.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const isUnknown = (v: unknown) => v === UNKNOWN;

/** True if the value is unknown or holds an unknown anywhere inside. */
export function hasUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (v && typeof v === "object") return Object.values(v).some(hasUnknown);
  return false;
}

/** A deep copy as plain JSON: no `undefined` (outputs must be plain JSON for the engine). */
export const plain = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
