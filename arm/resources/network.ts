/** What the Network (and Compute) modules share: GUID-shaped digests for etags and ids, and Network's LRO URLs. */
import { createHash } from "crypto";
import { EMULATED_SUBSCRIPTION } from "../../provider/emulator/ids";

/** A GUID-shaped digest: stable for one state, new when the state changes (etag) or per id (resourceGuid). */
export function guid(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Network's weak etag of a state. */
export const etagOf = (state: unknown) => `W/"${guid(JSON.stringify(state))}"`;

/** Network's operation URLs (…/providers/Microsoft.Network/locations/global/operations/<token>), as its LROs hand out. */
export const networkPollUrls = (token: string) => {
  const base = `/subscriptions/${EMULATED_SUBSCRIPTION}/providers/Microsoft.Network/locations/global`;
  return { status: `${base}/operations/${token}`, result: `${base}/operationResults/${token}` };
};
