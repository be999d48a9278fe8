/**
 * `privatedns serve-arm`: ARM's REST API over HTTPS (or HTTP) on loopback, over one emulator store. Each request:
 * body read and parsed, bearer token demanded (any accepted) except on the metadata and token endpoints, the route
 * found (router.ts), its handler run against the emulator, refusals mapped to Azure's envelope (envelope.ts).
 * Nothing a client sends can crash the server: whatever a handler throws becomes an answer.
 */
import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";
import * as path from "path";
import { randomUUID } from "crypto";
import { at, Emulator, errors as E } from "../provider/emulator";
import { errorResponse, failure } from "./envelope";
import { ArmRequest, ArmResponse } from "./http";
import { LroOptions, Operations } from "./lro";
import { Router } from "./router";
import { MODULES } from "./resources";
import { ensureCertificate } from "./tls";
import { DEFAULT_ARM_PORT } from "./port";

export interface ArmServerOptions extends LroOptions {
  /** The store file (shared with Pulumi programs, the CLI and the DNS server). */
  dbPath: string;
  host?: string;
  port?: number;
  /** Plain HTTP instead of HTTPS. */
  http?: boolean;
  /** Where the certificate is kept (default: beside the store). */
  certDir?: string;
  /** Called with each exchange, for `--log`. */
  onRequest?: (req: ArmRequest, res: ArmResponse) => void;
}

export interface ArmServer {
  url: string;
  host: string;
  port: number;
  /** The certificate's PEM file (HTTPS only): what clients must trust. */
  certPath?: string;
  /** The certificate's PEM text (HTTPS only). */
  cert?: string;
  emulator: Emulator;
  close(): Promise<void>;
}

const MAX_BODY = 4 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error("body too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** JSON bodies parsed; form bodies (the token endpoint) kept as text. */
function parseBody(text: string, contentType: string | undefined, where: string): unknown {
  if (text.length === 0) return undefined;
  if (contentType?.includes("x-www-form-urlencoded")) return text;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw E.requestContentInvalid(at(where, "", text.slice(0, 80)), { reason: (e as Error).message });
  }
}

export class ArmApi {
  private readonly router = new Router(MODULES);

  constructor(readonly emu: Emulator, readonly ops: Operations) {}

  private inTransaction<T>(method: string, fn: () => T): T {
    const tx = transactionOf(this.emu, method);
    return tx ? tx(fn) : fn();
  }

  /** One exchange, from the parsed request to the answer; never throws. */
  handle(req: ArmRequest, rawBody: string, contentType: string | undefined): ArmResponse {
    try {
      const { route, params, handler } = this.router.handler(req.method, req.path, req.apiVersion);
      if (!route.anonymous && !/^Bearer\s+\S+/i.test(req.headers.authorization ?? ""))
        throw E.authorizationMissing(at(req.path, "Authorization", undefined));
      req.body = parseBody(rawBody, contentType, req.path);
      return this.inTransaction(req.method, () => handler({ emu: this.emu, ops: this.ops, req, params }));
    } catch (e) {
      return failure(e);
    }
  }
}

/**
 * A request's emulator calls (a PUT's existence check, its write, the reads its answer needs) as one transaction:
 * a read one for GET and HEAD, a write one for PUT, PATCH and DELETE (each of those writes once). One transaction
 * instead of one per call, each of which costs SQLite's file locks, and the answer is of one state of the store.
 * POST (the token endpoint, a VM's actions) runs as it comes.
 */
function transactionOf(emu: Emulator, method: string): (<T>(fn: () => T) => T) | undefined {
  if (method === "GET" || method === "HEAD") return (fn) => emu.reading(fn);
  if (method === "PUT" || method === "PATCH" || method === "DELETE") return (fn) => emu.atomically(fn);
  return undefined;
}

/**
 * The request line as the adapter reads it. The target is split by hand, not by `new URL`: a path such as
 * `//host/...` would be read as an authority and throw (found by the fuzz test), and every request gets an answer.
 */
function armRequest(req: http.IncomingMessage, origin: string): ArmRequest {
  const target = req.url ?? "/";
  const q = target.indexOf("?");
  const query = new URLSearchParams(q < 0 ? "" : target.slice(q + 1));
  return {
    method: (req.method ?? "GET").toUpperCase(), path: q < 0 ? target : target.slice(0, q), query,
    headers: req.headers as Record<string, string | undefined>, body: undefined, origin, apiVersion: query.get("api-version") ?? "",
  };
}

function send(res: http.ServerResponse, answer: ArmResponse, head: boolean) {
  const headers: Record<string, string> = { "x-ms-request-id": randomUUID(), "x-ms-correlation-request-id": randomUUID(), ...answer.headers };
  const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
  if (text) headers["Content-Type"] = "application/json; charset=utf-8";
  headers["Content-Length"] = String(Buffer.byteLength(text));
  res.writeHead(answer.status, headers);
  res.end(head ? undefined : text);
}

export async function startArmServer(options: ArmServerOptions): Promise<ArmServer> {
  const host = options.host ?? "127.0.0.1";
  const emu = Emulator.open(options.dbPath);
  const api = new ArmApi(emu, new Operations(options));
  const cert = options.http ? undefined : await ensureCertificate(options.certDir ?? path.dirname(path.resolve(options.dbPath)), host);
  const scheme = cert ? "https" : "http";
  const listener = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    let answer: ArmResponse;
    const armReq = armRequest(req, `${scheme}://${req.headers.host ?? `${host}:${options.port}`}`);
    try {
      answer = api.handle(armReq, await readBody(req), req.headers["content-type"]);
    } catch (e) {
      answer = errorResponse(E.requestContentInvalid(at(armReq.path, "", undefined), { reason: (e as Error).message }));
    }
    options.onRequest?.(armReq, answer);
    send(res, answer, armReq.method === "HEAD");
  };
  // The last guard: whatever escapes (a logger that throws) is a 500 in Azure's envelope, never an unhandled rejection.
  const guarded = (req: http.IncomingMessage, res: http.ServerResponse) => listener(req, res).catch((e) => {
    if (!res.headersSent) send(res, failure(e), false);
    else res.destroy();
  });
  const server = cert ? https.createServer({ cert: cert.cert, key: cert.key }, guarded) : http.createServer(guarded);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULT_ARM_PORT, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `${scheme}://${shown}:${port}`, host, port, certPath: cert?.certPath, cert: cert?.cert, emulator: emu,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => {
        emu.close();
        resolve();
      });
    }),
  };
}
