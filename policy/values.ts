/**
 * Plain values out of CrossGuard's props. The policy SDK wraps props in a proxy that throws on touching an
 * unknown; the judges want the raw values, with every unknown as the one string the emulator's kinds know
 * (`UNKNOWN`, see provider/unknown.ts), so that they can judge what is known and stand in for the rest.
 */
import { UNKNOWN } from "../provider";

export { UNKNOWN };
export type Props = Record<string, any>;

/** The sentinels @pulumi/policy may hold for unknowns (the engine sends the string one). */
const SENTINELS = new Set([
  UNKNOWN,
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The object behind @pulumi/policy's unknown-checking proxy (nested values are raw already). */
export function rawProps(props: unknown): Props {
  if (!props || typeof props !== "object") return {};
  const target = (props as any)["__getSpecialProxyTarget"];
  return (target && typeof target === "object" ? target : props) as Props;
}

/** A deep copy with every unknown sentinel as `UNKNOWN`. */
export function plainValue(v: unknown): any {
  if (typeof v === "string") return SENTINELS.has(v) ? UNKNOWN : v;
  if (Array.isArray(v)) return v.map(plainValue);
  if (v && typeof v === "object") {
    const out: Props = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = plainValue(x);
    return out;
  }
  return v;
}

export const isUnknown = (v: unknown) => v === UNKNOWN;
