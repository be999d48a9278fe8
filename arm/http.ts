/** The adapter's view of one HTTP exchange: what a route handler reads and what it answers. */
import { Emulator } from "../provider/emulator";
import type { Operations } from "./lro";

export interface ArmRequest {
  method: string;
  /** The path as sent, without the query (percent-decoding is per segment, in the router). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** The parsed JSON body; undefined when there was none. */
  body: unknown;
  /** `https://127.0.0.1:8443`: where this server was reached, for the URLs it hands out (LRO, nextLink, metadata). */
  origin: string;
  apiVersion: string;
}

export interface ArmResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON; undefined sends no body. */
  body?: unknown;
}

/** What every handler gets: the emulator, the LRO bookkeeping, the request and the route's path parameters. */
export interface Context {
  emu: Emulator;
  ops: Operations;
  req: ArmRequest;
  params: Record<string, string>;
}

export type Handler = (ctx: Context) => ArmResponse;

export const json = (status: number, body?: unknown, headers?: Record<string, string>): ArmResponse => ({ status, body, headers });
