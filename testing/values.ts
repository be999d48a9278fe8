// Property values as they cross the wire: plain JSON with the SDK's special markers. The engine keeps
// secrets as envelopes (like the wire form) and strips them before talking to the dynamic-provider host,
// which answers Configure with acceptSecrets=false (reference A.7).

export type Props = Record<string, any>;

/** Key and value that mark a special object in a Struct (sdk/nodejs/runtime/rpc.ts specialSigKey). */
export const specialSigKey = "4dabf18193072939515e22adb298388d";
export const specialSecretSig = "1b47061264138c4ac30d75fd1eb44270";
/** What an unknown (computed) value looks like on the wire when the monitor has outputValues=false. */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isSecret(v: unknown): v is { value: unknown } {
  return !!v && typeof v === "object" && !Array.isArray(v) && (v as any)[specialSigKey] === specialSecretSig;
}

export function makeSecret(v: unknown): Props {
  if (isSecret(v)) return v as Props;
  return { [specialSigKey]: specialSecretSig, value: v };
}

export function containsSecrets(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecrets);
  if (v && typeof v === "object") return Object.values(v).some(containsSecrets);
  return false;
}

export function containsUnknowns(v: unknown): boolean {
  if (v === unknownValue) return true;
  if (Array.isArray(v)) return v.some(containsUnknowns);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknowns);
  return false;
}

/** Removes every secret envelope, keeping the value inside. */
export function unwrapSecrets(v: any): any {
  if (isSecret(v)) return unwrapSecrets(v.value);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (v && typeof v === "object") {
    const out: Props = {};
    for (const [k, x] of Object.entries(v)) out[k] = unwrapSecrets(x);
    return out;
  }
  return v;
}

/** Top-level keys whose value holds a secret anywhere inside: the engine's unit of re-marking. */
export function secretKeysOf(props: Props): string[] {
  return Object.keys(props).filter((k) => containsSecrets(props[k]));
}

/**
 * Marks the given top-level keys secret, like the engine's annotateSecrets after a provider call
 * (provider_plugin.go): outputs whose key equals a secret input key are secret again.
 */
export function markSecrets(props: Props, keys: Iterable<string>): Props {
  const out: Props = { ...props };
  for (const k of keys) {
    if (k in out && out[k] !== undefined) out[k] = makeSecret(out[k]);
  }
  return out;
}

export function deepEqual(a: any, b: any): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
}

/** Top-level keys that differ between two property maps. */
export function changedKeys(olds: Props, news: Props): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => !deepEqual(olds[k], news[k])).sort();
}

/**
 * Formats a property value as Go's `%v` prints a resource.PropertyValue, which is how the engine puts
 * the offending value into diag 2003 ("property p value <v> has a problem").
 */
export function formatGoValue(v: any): string {
  if (v === undefined || v === null) return "<nil>";
  if (v === unknownValue) return "output<string>{}";
  if (isSecret(v)) return "[secret]";
  if (Array.isArray(v)) return `[${v.map(formatGoValue).join(" ")}]`;
  if (typeof v === "object") {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${formatGoValue(v[k])}`).join(" ")}]`;
  }
  return String(v);
}

export function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}
