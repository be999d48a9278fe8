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

/**
 * A deep copy as plain JSON: no `undefined` (outputs must be plain JSON for the engine). What a JSON round trip
 * gives, without writing the text: undefined, functions and symbols leave objects and are null in arrays,
 * non-finite numbers are null, anything with toJSON (a Date) goes through JSON.
 */
export const plain = <T>(v: T): T => (v === undefined ? v : (copy(v) as T));

function copy(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v === null || typeof v !== "object") return v;
  if (typeof (v as { toJSON?: unknown }).toJSON === "function") return JSON.parse(JSON.stringify(v));
  if (Array.isArray(v)) return v.map((x) => (dropped(x) ? null : copy(x)));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (!dropped(x)) out[k] = copy(x);
  }
  return out;
}
const dropped = (x: unknown) => x === undefined || typeof x === "function" || typeof x === "symbol";
