/**
 * List paging as ARM does it: `$top` caps a page, `nextLink` (this server's URL with `$skipToken`) points at the
 * next one and is absent on the last page. Without `$top` a page holds up to 100 items (Azure's default for
 * record sets), so small lists come back whole, as recorded (`{"value": [...]}` with no nextLink).
 */
import { at, errors as E } from "../provider/emulator";
import { ArmRequest, ArmResponse, json } from "./http";

const DEFAULT_PAGE = 100;

function count(req: ArmRequest, name: string, fallback: number): number {
  const text = req.query.get(name);
  if (text === null) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || (name === "$top" && n < 1))
    throw E.requestContentInvalid(at(req.path, name, text), { reason: `${name} '${text}' must be a positive integer.` });
  return n;
}

export function page<T>(req: ArmRequest, items: T[], toWire: (item: T) => unknown): ArmResponse {
  const top = count(req, "$top", DEFAULT_PAGE);
  const skip = count(req, "$skipToken", 0);
  const value = items.slice(skip, skip + top).map(toWire);
  const body: { value: unknown[]; nextLink?: string } = { value };
  if (skip + top < items.length) {
    const q = new URLSearchParams(req.query);
    q.set("$skipToken", String(skip + top));
    body.nextLink = `${req.origin}${req.path}?${q.toString()}`;
  }
  return json(200, body);
}
