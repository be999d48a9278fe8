/**
 * Field-by-field comparison of an answer with Azure's. Opaque fields are not compared (etags, operation ids,
 * GUIDs the service makes, timestamps); ids and names compare case-insensitively (ARM's are, and the emulator
 * answers names in lower case, SPEC Z3). Lists of resources compare by membership, matched on `id`: Azure's
 * order is not creation order (INDEX §4). Returns the first difference, or undefined.
 */
export interface CompareOptions {
  /** Keys never compared, wherever they are. */
  opaque: Set<string>;
  /** A recorded list item the replay did not create (it existed in the recording subscription): not expected. */
  foreign?: (item: any) => boolean;
  /** Rewrites an expected string before comparison (subscription placeholders of the examples). */
  mapString?: (s: string) => string;
}

export const OPAQUE = new Set(["etag", "resourceGuid", "internalId", "createdAt", "lastModifiedAt", "createdBy", "lastModifiedBy", "systemData"]);

const CASELESS = new Set(["id", "name"]);
const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v)?.slice(0, 160));

export function firstDifference(expected: unknown, actual: unknown, options: CompareOptions, where = "body"): string | undefined {
  const key = where.split(".").pop()!.replace(/\[.*\]$/, "");
  if (options.opaque.has(key)) return undefined;
  if (typeof expected === "string" && options.mapString) expected = options.mapString(expected);
  if (typeof expected === "string" && typeof actual === "string" && (CASELESS.has(key) || key.endsWith("Id") || expected.startsWith("/subscriptions/")))
    return expected.toLowerCase() === actual.toLowerCase() ? undefined : `${where}: expected ${show(expected)}, got ${show(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${where}: expected a list, got ${show(actual)}`;
    return isResourceList(expected) ? compareMembers(expected, actual, options, where) : compareInOrder(expected, actual, options, where);
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return `${where}: expected an object, got ${show(actual)}`;
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual as object)]);
    for (const k of keys) {
      const d = firstDifference((expected as any)[k], (actual as any)[k], options, `${where}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return expected === actual ? undefined : `${where}: expected ${show(expected)}, got ${show(actual)}`;
}

const isResourceList = (items: unknown[]) => items.length > 0 && items.every((i) => i && typeof i === "object" && typeof (i as any).id === "string");

function compareInOrder(expected: unknown[], actual: unknown[], options: CompareOptions, where: string): string | undefined {
  if (expected.length !== actual.length) return `${where}: expected ${expected.length} items, got ${actual.length}: ${show(actual)}`;
  for (let i = 0; i < expected.length; i++) {
    const d = firstDifference(expected[i], actual[i], options, `${where}[${i}]`);
    if (d) return d;
  }
  return undefined;
}

function compareMembers(expected: any[], actual: any[], options: CompareOptions, where: string): string | undefined {
  const idOf = (x: any) => String(options.mapString ? options.mapString(x.id) : x.id).toLowerCase();
  const wanted = expected.filter((x) => !options.foreign?.(x));
  for (const item of wanted) {
    const mine = actual.find((a) => typeof a?.id === "string" && a.id.toLowerCase() === idOf(item));
    if (!mine) return `${where}: missing ${item.id}`;
    const d = firstDifference(item, mine, options, `${where}[${item.name ?? item.id}]`);
    if (d) return d;
  }
  const extra = actual.filter((a) => !wanted.some((x) => idOf(x) === String(a?.id).toLowerCase()));
  return extra.length ? `${where}: unexpected ${extra.map((x) => x.id).join(", ")}` : undefined;
}
