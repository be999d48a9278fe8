/** Reading request bodies: ARM's resource shape (`location`, `tags`, `etag`, `properties`) and the preconditions. */
import { at, errors as E, Preconditions } from "../provider/emulator";
import { ArmRequest } from "./http";

export interface ResourceBody {
  location?: unknown;
  tags?: unknown;
  etag?: unknown;
  properties: Record<string, any>;
}

/** The body as an object (a PATCH may send none); anything else is InvalidRequestContent. */
export function resourceBody(req: ArmRequest, required = true): ResourceBody {
  const b = req.body;
  if (b === undefined && !required) return { properties: {} };
  if (b === null || typeof b !== "object" || Array.isArray(b))
    throw E.requestContentInvalid(at(req.path, "", b), { reason: "the body must be a JSON object." });
  const props = (b as any).properties;
  if (props !== undefined && props !== null && (typeof props !== "object" || Array.isArray(props)))
    throw E.requestContentInvalid(at(req.path, "properties", props), { reason: "'properties' must be an object." });
  return { ...(b as object), properties: props ?? {} } as ResourceBody;
}

/** E1: If-Match and If-None-Match as the emulator takes them. */
export function preconditions(req: ArmRequest): Preconditions {
  const pre: Preconditions = {};
  if (req.headers["if-match"] !== undefined) pre.ifMatch = req.headers["if-match"];
  if (req.headers["if-none-match"] !== undefined) pre.ifNoneMatch = req.headers["if-none-match"];
  return pre;
}

/** Tags as sent: undefined when the key is absent (or null), so that a PATCH leaves them alone and a PUT drops them. */
export const tagsOf = (b: ResourceBody) => (b.tags === null ? undefined : (b.tags as Record<string, string> | undefined));
