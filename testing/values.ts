// Property values as they cross the wire: plain JSON with the SDK's special markers. ProviderHost strips
// secret envelopes before talking to the dynamic-provider host, which answers Configure with
// acceptSecrets=false (reference A.7).

export type Props = Record<string, any>;

/** Key and value that mark a special object in a Struct (sdk/nodejs/runtime/rpc.ts specialSigKey). */
export const specialSigKey = "4dabf18193072939515e22adb298388d";
export const specialSecretSig = "1b47061264138c4ac30d75fd1eb44270";
/** What an unknown (computed) value looks like on the wire when the monitor has outputValues=false. */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function isSecret(v: unknown): v is { value: unknown } {
  return !!v && typeof v === "object" && !Array.isArray(v) && (v as any)[specialSigKey] === specialSecretSig;
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
