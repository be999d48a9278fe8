/**
 * A DNS server that answers as Azure DNS does inside one virtual network: UDP and TCP on one port, every
 * answer from `Emulator.resolve` for that vnet. Queries are read from the store as it is at that moment (one
 * read transaction per query, so a change committed by another process is seen by the next query).
 */
import * as dgram from "dgram";
import * as net from "net";
import { Emulator, defaultStorePath, VnetRef } from "../provider/emulator";
import { resolveInVnet } from "../provider/emulator/resolve";
import { vnetRow } from "../provider/emulator/rows";
import { Outcome, respond, Transport } from "./wire";

export interface DnsServerOptions {
  /** The store file (default: the emulator's, `$PRIVATEDNS_EMULATOR_DB` else `.privatedns/emulator.db`). */
  dbPath?: string;
  /** The vnet whose view is served: an ARM id or `{ resourceGroupName?, virtualNetworkName }`. */
  vnet: VnetRef;
  /** Address to bind (default 127.0.0.1: loopback unless told otherwise). */
  host?: string;
  /** Port for both UDP and TCP (default 5353; 0 picks a free port). */
  port?: number;
  /** Called after each answered query. */
  onQuery?: (event: Outcome & { transport: Transport; from: string }) => void;
  /** Called for socket errors that do not stop the server. */
  onError?: (error: Error) => void;
}

export interface DnsServer {
  host: string;
  port: number;
  /** The ARM id of the vnet served. */
  vnetId: string;
  close(): Promise<void>;
}

export const DEFAULT_DNS_PORT = 5353;
const TCP_IDLE_MS = 10_000;
const MAX_TCP_CONNECTIONS = 256;
/** Remembered answers (see handle): at most this many, each for a query of at most this many bytes. */
const MAX_MEMO_ENTRIES = 10_000;
const MAX_MEMO_KEY = 512;

export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const host = options.host ?? "127.0.0.1";
  const emu = Emulator.open(options.dbPath ?? defaultStorePath());
  let vnetId: string;
  try {
    vnetId = emu.getVnet(options.vnet).id; // an unknown vnet is an error at start, not a SERVFAIL per query
  } catch (e) {
    emu.close();
    throw e;
  }
  // Queries are answered in batches (all those received in one turn of the event loop), each batch inside one
  // read transaction begun after its packets were received: one consistent snapshot of the latest committed
  // state, so a query sent after a commit by another process sees that commit.
  const db = emu.store.db;
  const begin = db.prepare("BEGIN DEFERRED");
  const commit = db.prepare("COMMIT");
  // The batch's snapshot is begun by its first query that is not answered from memory (see inBatch); the vnet
  // is looked up once per snapshot (a vnet deleted meanwhile: ResourceNotFound, SERVFAIL as before).
  let snapshotVnet: number | undefined;
  const resolver = (name: string, type: string) => {
    if (!db.inTransaction) {
      begin.run();
      snapshotVnet = undefined;
    }
    snapshotVnet ??= vnetRow(emu.store, vnetId).id;
    return resolveInVnet(emu.store, snapshotVnet, name, type);
  };
  const onError = options.onError ?? (() => undefined);

  // Answers remembered while the store is unchanged. A response is a function of the query's bytes after its id,
  // the transport and the store's content, so the same query asked again is answered from memory, its id copied
  // in. PRAGMA data_version changes whenever another connection commits to the store (this server never
  // writes); `refresh` then forgets everything remembered. It runs at the start of each batch's snapshot, so a
  // query sent after a commit is never answered from before it: every answer is still that of the store as last
  // committed. (Per batch rather than per packet: taking a snapshot locks shared memory, two system calls,
  // which cost two thirds of the server's rate when done for each query.)
  const dataVersion = db.prepare("PRAGMA data_version").pluck();
  const memo = new Map<string, { response: Buffer; outcome: Outcome }>();
  let memoVersion: unknown;
  const refresh = () => {
    try {
      const version = dataVersion.get();
      if (version !== memoVersion) {
        memo.clear();
        memoVersion = version;
      }
    } catch (e) {
      memo.clear(); // cannot tell whether the store changed: answer from the store itself
      memoVersion = undefined;
      onError(e as Error);
    }
  };

  /**
   * Runs `answer`, which answers a batch of received messages: first `refresh`, then the queries, those not
   * remembered in one read snapshot begun at the first of them and ended with the batch.
   */
  const inBatch = (answer: () => void) => {
    refresh();
    try {
      answer();
    } finally {
      if (db.inTransaction) {
        try {
          commit.run();
        } catch (e) {
          onError(e as Error);
        }
      }
    }
  };

  /** The response to one message, inside a batch's snapshot, or undefined when nothing is to be sent. */
  const handle = (msg: Buffer, transport: Transport, from: () => string): Buffer | undefined => {
    try {
      const key = msg.length >= 2 && msg.length <= MAX_MEMO_KEY ? `${transport}${msg.toString("latin1", 2)}` : undefined;
      const known = key === undefined ? undefined : memo.get(key);
      if (known) {
        const response = Buffer.from(known.response);
        msg.copy(response, 0, 0, 2); // the query's id
        if (options.onQuery) options.onQuery({ ...known.outcome, transport, from: from() });
        return response;
      }
      const r = respond(msg, resolver, transport);
      if (r) {
        if (options.onQuery) options.onQuery({ ...r.outcome, transport, from: from() });
        // A SERVFAIL may be passing (the store busy or unreadable): never remembered.
        if (key !== undefined && r.outcome.rcode !== "SERVFAIL") {
          if (memo.size >= MAX_MEMO_ENTRIES) memo.clear();
          memo.set(key, r);
        }
      }
      return r?.response;
    } catch (e) {
      onError(e as Error); // respond() does not throw; this is the last guard that keeps the server up
      return undefined;
    }
  };

  let closing = false;
  const sockets = new Set<net.Socket>();
  const makeUdp = () => {
    const udp = dgram.createSocket({ type: net.isIPv6(host) ? "udp6" : "udp4" });
    // Datagrams received in one turn of the event loop are answered together, right after it (setImmediate).
    const received: [Buffer, dgram.RemoteInfo][] = [];
    const answerReceived = () => {
      const batch = received.splice(0);
      if (closing) return;
      inBatch(() => {
        for (const [msg, rinfo] of batch) {
          const out = handle(msg, "udp", () => `${rinfo.address}:${rinfo.port}`);
          if (out) udp.send(out, rinfo.port, rinfo.address); // a send error is emitted as 'error' (onError)
        }
      });
    };
    udp.on("message", (msg, rinfo) => {
      if (received.push([msg, rinfo]) === 1) setImmediate(answerReceived);
    });
    return udp;
  };
  const makeTcp = () => {
    const tcp = net.createServer((socket) => {
      sockets.add(socket);
      socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => socket.destroy());
      let pending = Buffer.alloc(0);
      socket.on("data", (chunk) => {
        pending = Buffer.concat([pending, chunk]);
        if (pending.length < 2 || pending.length < 2 + pending.readUInt16BE(0)) return;
        inBatch(() => { // the messages this chunk completes, in one snapshot taken after it arrived
          while (pending.length >= 2) { // RFC 1035 4.2.2: each message behind a 2-byte length
            const len = pending.readUInt16BE(0);
            if (pending.length < 2 + len) break;
            const msg = pending.subarray(2, 2 + len);
            pending = pending.subarray(2 + len);
            const out = handle(msg, "tcp", () => `${socket.remoteAddress}:${socket.remotePort}`);
            if (out) {
              const prefix = Buffer.alloc(2);
              prefix.writeUInt16BE(out.length);
              socket.write(Buffer.concat([prefix, out]));
            }
          }
        });
      });
    });
    tcp.maxConnections = MAX_TCP_CONNECTIONS;
    return tcp;
  };

  let bound: { udp: dgram.Socket; tcp: net.Server; port: number };
  try {
    bound = await bindBoth(makeUdp, makeTcp, host, options.port ?? DEFAULT_DNS_PORT);
  } catch (e) {
    emu.close();
    throw e;
  }
  const { udp, tcp, port } = bound;
  udp.on("error", onError);
  tcp.on("error", onError);
  let closed: Promise<void> | undefined;
  const close = () => closed ??= (async () => {
    closing = true;
    for (const s of sockets) s.destroy();
    await Promise.all([
      new Promise<void>((r) => udp.close(() => r())),
      new Promise<void>((r) => tcp.close(() => r())),
    ]);
    emu.close();
  })();
  return { host, port, vnetId, close };
}

const listenUdp = (udp: dgram.Socket, host: string, port: number) => new Promise<void>((resolve, reject) => {
  udp.once("error", reject);
  udp.bind(port, host, () => { udp.off("error", reject); resolve(); });
});
const listenTcp = (tcp: net.Server, host: string, port: number) => new Promise<void>((resolve, reject) => {
  tcp.once("error", reject);
  tcp.listen(port, host, () => { tcp.off("error", reject); resolve(); });
});

/** Binds UDP then TCP on one port; with port 0, tries free UDP ports until TCP is free on the same one. */
async function bindBoth(makeUdp: () => dgram.Socket, makeTcp: () => net.Server, host: string, port: number) {
  for (let attempt = 0; ; attempt++) {
    const udp = makeUdp();
    try {
      await listenUdp(udp, host, port);
    } catch (e) {
      udp.close();
      throw e;
    }
    const udpPort = udp.address().port;
    const tcp = makeTcp();
    try {
      await listenTcp(tcp, host, udpPort);
      return { udp, tcp, port: udpPort };
    } catch (e) {
      await new Promise<void>((r) => udp.close(() => r()));
      if (port !== 0 || (e as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 20) throw e;
    }
  }
}
