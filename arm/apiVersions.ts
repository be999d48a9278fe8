/** The api-versions each resource provider's types are served in; a request in another is refused (SPEC E2). */
import { at, errors as E } from "../provider/emulator";

/** Private DNS: the versions Azure publishes; the recordings use 2018-09-01 and 2024-06-01 side by side. */
export const PRIVATE_DNS = ["2018-09-01", "2020-01-01", "2020-06-01", "2024-06-01"];

/** resolutionPolicy exists from 2024-06-01 on; older versions neither show nor take it. */
export const hasResolutionPolicy = (apiVersion: string) => apiVersion >= "2024-06-01";
/** internalId of a zone: shown in 2024-06-01 (the 2018-09-01 recordings have none). */
export const hasInternalId = (apiVersion: string) => apiVersion >= "2024-06-01";

export function checkApiVersion(apiVersion: string, supported: string[] | undefined, type: string): void {
  if (!supported || supported.includes(apiVersion)) return;
  throw E.apiVersionUnsupported(at(type, "api-version", apiVersion), { type, supported: supported.join(", ") });
}
