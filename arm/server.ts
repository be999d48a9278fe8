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

/** One request as the adapter took it in: the request line and headers, and the body's text. */
export interface Exchange {
  req: ArmRequest;
  rawBody: string;
  contentType: string | undefined;
}

/** A request made ready to run: its handler found, the bearer token and the body checked; or its refusal. */
type Ready = { run: () => ArmResponse; method: string } | { answer: ArmResponse };

export class ArmApi {
  private readonly router = new Router(MODULES);

  constructor(readonly emu: Emulator, readonly ops: Operations) {}

  /** One exchange, from the parsed request to the answer; never throws. */
  handle(x: Exchange): ArmResponse {
    return this.handleAll([x])[0];
  }

  /**
   * Exchanges that arrived together (the server collects what one turn of the event loop reads), answered in order
   * and never throwing. Each request's emulator calls (a PUT's existence check, its write, the reads its answer
   * needs) run in one transaction, so that its answer is of one state of the store; requests of a batch share it:
   * the reads (GET, HEAD) one read transaction, the writes (PUT, PATCH, DELETE) one write transaction in which each
   * is a savepoint, rolled back alone when it fails (group commit: one BEGIN IMMEDIATE, COMMIT and WAL write for the
   * batch instead of one per request, bench/arm-http.js). Reads do not join the write transaction: they would wait
   * for another process's write lock, which a read never does. POST (the token endpoint, a VM's actions) runs as it
   * comes, its emulator calls in their own transactions. The reads of a batch run before its writes: the requests
   * were in flight together, and either order is one a client could have seen.
   */
  handleAll(batch: Exchange[]): ArmResponse[] {
    const ready = batch.map((x) => this.prepare(x));
    const answers: (ArmResponse | undefined)[] = ready.map((r) => ("answer" in r ? r.answer : undefined));
    const of = (kind: "read" | "write" | "free") => ready.flatMap((r, i) => ("run" in r && kindOf(r.method) === kind ? [i] : []));
    for (const i of of("free")) answers[i] = guard((ready[i] as { run: () => ArmResponse }).run);
    this.together(of("read"), ready, answers, (fn) => this.emu.reading(fn), (run) => guard(run));
    this.together(of("write"), ready, answers, (fn) => this.emu.atomically(fn), (run) => this.savepoint(run));
    return answers as ArmResponse[];
  }

  /** The route, the token and the body of one request, before any store call. */
  private prepare({ req, rawBody, contentType }: Exchange): Ready {
    try {
      const { route, params, handler } = this.router.handler(req.method, req.path, req.apiVersion);
      if (!route.anonymous && !/^Bearer\s+\S+/i.test(req.headers.authorization ?? ""))
        throw E.authorizationMissing(at(req.path, "Authorization", undefined));
      req.body = parseBody(rawBody, contentType, req.path);
      return { method: req.method, run: () => handler({ emu: this.emu, ops: this.ops, req, params }) };
    } catch (e) {
      return { answer: failure(e) };
    }
  }

  /** Runs the requests at `indices` in one transaction; if the transaction itself fails, each of them answers that. */
  private together(indices: number[], ready: Ready[], answers: (ArmResponse | undefined)[],
    tx: <T>(fn: () => T) => T, each: (run: () => ArmResponse) => ArmResponse) {
    if (indices.length === 0) return;
    try {
      const done = tx(() => indices.map((i) => each((ready[i] as { run: () => ArmResponse }).run)));
      indices.forEach((i, k) => (answers[i] = done[k]));
    } catch (e) {
      for (const i of indices) answers[i] = failure(e);
    }
  }

  /**
   * One write of a batch as a savepoint: its failure rolls back its own changes and is its answer. A failure that
   * ended the whole transaction (SQLite rolls it back on some I/O errors) is rethrown: the writes before it are gone
   * too, and a later one would otherwise commit on its own.
   */
  private savepoint(run: () => ArmResponse): ArmResponse {
    try {
      return this.emu.atomically(run);
    } catch (e) {
      if (!this.emu.inTransaction) throw e;
      return failure(e);
    }
  }
}

const guard = (run: () => ArmResponse): ArmResponse => {
  try {
    return run();
  } catch (e) {
    return failure(e);
  }
};

/** How a request meets the store: in a read transaction, in a write transaction, or as it comes (POST). */
function kindOf(method: string): "read" | "write" | "free" {
  if (method === "GET" || method === "HEAD") return "read";
  if (method === "PUT" || method === "PATCH" || method === "DELETE") return "write";
  return "free";
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
  // Requests read in one turn of the event loop are answered together (ArmApi.handleAll), at its check phase.
  const pending: { x: Exchange; res: http.ServerResponse }[] = [];
  const flush = () => {
    const batch = pending.splice(0);
    let answers: ArmResponse[];
    try {
      answers = api.handleAll(batch.map((p) => p.x));
    } catch (e) {
      answers = batch.map(() => failure(e)); // handleAll does not throw; if it ever did, no request is left hanging
    }
    batch.forEach(({ x, res }, i) => reply(res, x.req, answers[i]));
  };
  // The last guard: a logger that throws makes that answer a 500 in Azure's envelope, never an unhandled error.
  const reply = (res: http.ServerResponse, req: ArmRequest, answer: ArmResponse) => {
    try {
      options.onRequest?.(req, answer);
      send(res, answer, req.method === "HEAD");
    } catch (e) {
      if (!res.headersSent) send(res, failure(e), false);
      else res.destroy();
    }
  };
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const armReq = armRequest(req, `${scheme}://${req.headers.host ?? `${host}:${options.port}`}`);
    readBody(req).then((rawBody) => {
      if (pending.push({ x: { req: armReq, rawBody, contentType: req.headers["content-type"] }, res }) === 1) setImmediate(flush);
    }, (e) => reply(res, armReq, errorResponse(E.requestContentInvalid(at(armReq.path, "", undefined), { reason: (e as Error).message }))));
  };
  const server = cert ? https.createServer({ cert: cert.cert, key: cert.key }, listener) : http.createServer(listener);
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
