/**
 * A DNS server that answers as Azure DNS does inside one virtual network: UDP and TCP on one port, every
 * answer from the emulator's resolution for that vnet (`Emulator.snapshots`, the same rules as
 * `Emulator.resolve`). Queries are read from the store as last committed: a change committed by another
 * process is seen by the next query (see Answers).
 */
import * as net from "net";
import { Emulator, defaultStorePath, VnetRef, VnetSnapshots } from "../provider/emulator";
import { Outcome, Resolver, respond, Transport } from "./wire";
import { DEFAULT_DNS_PORT } from "./port";
import { listenUdp, UdpFace, UdpHandler, UdpIo } from "./udp";

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
  /**
   * How UDP is read and written: "batched" (recvmmsg/sendmmsg through the package's addon, built by
   * `npm run build` on Linux with g++; a packed tarball carries the one built where it was packed) or "dgram"
   * (Node's). Default: batched where the addon loads, else dgram. The answers are the same.
   */
  udp?: UdpIo;
}

export interface DnsServer {
  host: string;
  port: number;
  /** The ARM id of the vnet served. */
  vnetId: string;
  /** How UDP is read and written (see DnsServerOptions.udp). */
  udp: UdpIo;
  close(): Promise<void>;
}

type Latin1 = Buffer & { latin1Slice(start: number, end: number): string };
const TCP_IDLE_MS = 10_000;
const MAX_TCP_CONNECTIONS = 256;
/** Remembered answers (see handle): at most this many, each for a query of at most this many bytes. */
const MAX_MEMO_ENTRIES = 10_000;
const MAX_MEMO_KEY = 512;
/** Slots of the table of queries seen once (a power of two). */
const SEEN_SLOTS = 1 << 16;

/** FNV-1a of a query's bytes after its id, with the transport: which slot of the seen table it falls in. */
function queryHash(msg: Buffer, transport: Transport): number {
  let h = transport === "udp" ? 0x811c9dc5 : 0x050c5d1f;
  for (let i = 2; i < msg.length; i++) h = Math.imul(h ^ msg[i], 0x01000193);
  return h | 0;
}

export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const host = options.host ?? "127.0.0.1";
  const { emu, vnetId } = openVnet(options);
  const answers = new Answers(emu.snapshots(vnetId), options);
  const tcpSockets = new Set<net.Socket>();
  let bound: { udp: UdpFace; tcp: net.Server; port: number };
  try {
    const onUdp = udpHandler(answers, options);
    bound = await bindBoth((port) => listenUdp(host, port, onUdp, options.udp), () => tcpServer(answers, tcpSockets), host, options.port ?? DEFAULT_DNS_PORT);
  } catch (e) {
    emu.close();
    throw e;
  }
  const { udp, tcp, port } = bound;
  tcp.on("error", answers.onError);
  let closed: Promise<void> | undefined;
  const close = () => closed ??= (async () => {
    answers.stopped = true;
    for (const s of tcpSockets) s.destroy();
    await Promise.all([
      udp.close(),
      new Promise<void>((r) => tcp.close(() => r())),
    ]);
    emu.close();
  })();
  return { host, port, vnetId, udp: udp.io, close };
}

const udpHandler = (answers: Answers, options: DnsServerOptions): UdpHandler => ({
  answerAll: (msgs, from) => answers.answerAll(msgs, "udp", from),
  wantsPeers: options.onQuery !== undefined,
  onError: answers.onError,
});

/** The store and the served vnet's id: an unknown vnet is an error at start, not a SERVFAIL per query. */
function openVnet(options: DnsServerOptions): { emu: Emulator; vnetId: string } {
  const emu = Emulator.open(options.dbPath ?? defaultStorePath());
  try {
    return { emu, vnetId: emu.getVnet(options.vnet).id };
  } catch (e) {
    emu.close();
    throw e;
  }
}

/**
 * Answers to received messages, in batches (all those received in one turn of the event loop, or completed by one
 * TCP chunk), each batch read in one snapshot of the store begun after its packets arrived: a query sent after a
 * commit by another process sees that commit.
 *
 * Answers are also remembered while the store is unchanged: a response is a function of the query's bytes after
 * its id, the transport and the store's content, so the same query asked again is answered from memory, its id
 * copied in. Whether another connection committed (this server never writes) is asked once per batch, before its
 * queries: asked per packet, it cost two thirds of the server's rate (each asking locks shared memory, two system
 * calls). So every answer is still that of the store as last committed.
 *
 * A query is remembered the second time it is seen, not the first: remembering every query of a stream of names
 * never asked again (a resolver's cache in front, random subdomains) cost a third of each answer (the entry kept,
 * then promoted and collected; bench/dns-qps.js, fresh mix: 25 -> 19 µs of CPU a query). Queries seen once are
 * marked by their hash in a fixed table, which allocates nothing; a collision only remembers a query early.
 */
class Answers {
  private readonly memo = new Map<string, { response: Buffer; outcome: Outcome }>();
  private readonly seen = new Int32Array(SEEN_SLOTS);
  private readonly resolver: Resolver;
  readonly onError: (error: Error) => void;
  /** Set by close: what is received after it is not answered. */
  stopped = false;

  constructor(private readonly snapshots: VnetSnapshots, private readonly options: DnsServerOptions) {
    this.resolver = (name, type) => snapshots.resolve(name, type);
    this.onError = options.onError ?? (() => undefined);
  }

  /** Runs `answer` (which calls `handle` for each message of a batch) after forgetting answers the store outdated. */
  private batch(answer: () => void): void {
    const { changed, error } = this.snapshots.changed();
    if (changed) this.memo.clear(); // cannot tell (error) counts as changed: answer from the store itself
    if (error) this.onError(error);
    try {
      answer();
    } finally {
      try {
        this.snapshots.end();
      } catch (e) {
        this.onError(e as Error);
      }
    }
  }

  /** The responses to one batch of messages, by index (see handle); none once the server is closing. */
  answerAll(msgs: Buffer[], transport: Transport, from: (i: number) => string): (Buffer | undefined)[] {
    if (this.stopped) return [];
    const out: (Buffer | undefined)[] = new Array(msgs.length);
    this.batch(() => {
      for (let i = 0; i < msgs.length; i++) out[i] = this.handle(msgs[i], transport, () => from(i));
    });
    return out;
  }

  /** True if the query's hash was seen before (it may then be remembered); else marks it seen. */
  private seenBefore(msg: Buffer, transport: Transport): boolean {
    const h = queryHash(msg, transport);
    const slot = h & (SEEN_SLOTS - 1);
    if (this.seen[slot] === h) return true;
    this.seen[slot] = h;
    return false;
  }

  /** The response to one message of a batch, or undefined when nothing is to be sent. Never throws. */
  private handle(msg: Buffer, transport: Transport, from: () => string): Buffer | undefined {
    try {
      // latin1Slice, not toString("latin1"): that normalizes its encoding argument on every call.
      const key = msg.length >= 2 && msg.length <= MAX_MEMO_KEY && this.seenBefore(msg, transport)
        ? `${transport}${(msg as Latin1).latin1Slice(2, msg.length)}` : undefined;
      const known = key === undefined ? undefined : this.memo.get(key);
      if (known) {
        const response = Buffer.from(known.response);
        msg.copy(response, 0, 0, 2); // the query's id
        this.options.onQuery?.({ ...known.outcome, transport, from: from() });
        return response;
      }
      const r = respond(msg, this.resolver, transport);
      if (r) {
        this.options.onQuery?.({ ...r.outcome, transport, from: from() });
        // A SERVFAIL may be passing (the store busy or unreadable): never remembered.
        if (key !== undefined && r.outcome.rcode !== "SERVFAIL") {
          if (this.memo.size >= MAX_MEMO_ENTRIES) this.memo.clear();
          this.memo.set(key, r);
        }
      }
      return r?.response;
    } catch (e) {
      this.onError(e as Error); // respond() does not throw; this is the last guard that keeps the server up
      return undefined;
    }
  }
}

/** TCP (RFC 1035 4.2.2): each message behind a 2-byte length; the messages one chunk completes are one batch. */
function tcpServer(answers: Answers, sockets: Set<net.Socket>): net.Server {
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let pending = Buffer.alloc(0);
    const from = () => `${socket.remoteAddress}:${socket.remotePort}`;
    socket.on("data", (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      if (pending.length < 2 || pending.length < 2 + pending.readUInt16BE(0)) return;
      const msgs: Buffer[] = [];
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const len = pending.readUInt16BE(0);
        msgs.push(pending.subarray(2, 2 + len));
        pending = pending.subarray(2 + len);
      }
      for (const out of answers.answerAll(msgs, "tcp", from)) if (out) socket.write(framed(out));
    });
  });
  tcp.maxConnections = MAX_TCP_CONNECTIONS;
  return tcp;
}

const framed = (msg: Buffer) => {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(msg.length);
  return Buffer.concat([prefix, msg]);
};

const listenTcp = (tcp: net.Server, host: string, port: number) => new Promise<void>((resolve, reject) => {
  tcp.once("error", reject);
  tcp.listen(port, host, () => { tcp.off("error", reject); resolve(); });
});

/** Binds UDP then TCP on one port; with port 0, tries free UDP ports until TCP is free on the same one. */
async function bindBoth(bindUdp: (port: number) => Promise<UdpFace>, makeTcp: () => net.Server, host: string, port: number) {
  for (let attempt = 0; ; attempt++) {
    const udp = await bindUdp(port);
    const udpPort = udp.port;
    const tcp = makeTcp();
    try {
      await listenTcp(tcp, host, udpPort);
      return { udp, tcp, port: udpPort };
    } catch (e) {
      await udp.close();
      if (port !== 0 || (e as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 20) throw e;
    }
  }
}
