/** What the tests that drive Azure's SDK clients against serve-arm share. */
import type { TokenCredential } from "@azure/core-auth";

/** Any token will do: the server accepts every bearer token. */
export const anyCredential: TokenCredential = { getToken: async () => ({ token: "any-token", expiresOnTimestamp: Date.now() + 3600_000 }) };

/** The error a promise rejects with (fails if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a refusal");
}

/** Every item of a paged list. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
