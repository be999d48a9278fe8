/**
 * Unsupported inputs: every input azure-native accepts is kept in state, and the ones the emulator does not
 * emulate are reported once (per class and input path, per program run) as a Pulumi warning, never dropped.
 */
import * as pulumi from "@pulumi/pulumi";

/** What a class emulates: `true` for a whole input, an object for its fields, a one-element array for list items. */
export type Emulated = { [key: string]: true | Emulated | [Emulated] };

/** The input paths outside `emulated` (`hardwareProfile`, `subnets[].delegations`); values not yet known are skipped. */
export function unsupportedPaths(value: unknown, emulated: Emulated, prefix = ""): string[] {
  if (!value || typeof value !== "object" || pulumi.Output.isInstance(value) || value instanceof Promise) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    if (v === undefined || k.startsWith("__")) return [];
    const rule = emulated[k];
    const path = prefix ? `${prefix}.${k}` : k;
    if (rule === true) return [];
    if (rule === undefined) return [path];
    if (Array.isArray(rule)) return Array.isArray(v) ? v.flatMap((item) => unsupportedPaths(item, rule[0], `${path}[]`)) : [];
    return unsupportedPaths(v, rule, path);
  });
}

const warned = new Set<string>();

/** One warning per class and input path in this program run. */
export function warnKept(className: string, args: unknown, emulated: Emulated, resource: pulumi.Resource): void {
  const fresh = [...new Set(unsupportedPaths(args, emulated))].filter((p) => !warned.has(`${className}|${p}`));
  if (fresh.length === 0) return;
  fresh.forEach((p) => warned.add(`${className}|${p}`));
  pulumi.log.warn(`${className}: ${fresh.join(", ")} kept in state but not emulated by pulumi-privatedns-emulator`, resource);
}
