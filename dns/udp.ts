/**
 * The DNS server's UDP face, two ways: batched (dns/native/udp-batch.cc: recvmmsg/sendmmsg, one JavaScript call
 * per batch of datagrams) where that addon was built (Linux with g++, at `npm run build`), else Node's dgram (a
 * system call, a callback and a send request per datagram). Both answer the same datagrams the same way; only the
 * cost differs (docs/performance.md, dns-qps).
 */
import * as dgram from "dgram";
import * as dns from "dns";
import * as net from "net";
import * as path from "path";

/** Which way the UDP face works (`DnsServerOptions.udp`, `DnsServer.udp`). */
export type UdpIo = "batched" | "dgram";

/** What the UDP face asks of the server. */
export interface UdpHandler {
  /**
   * The answers to one batch of datagrams, by index (undefined: nothing to send), `from(i)` being the sender of
   * datagram i as `ip:port`; no answers once the server is closing.
   */
  answerAll(msgs: Buffer[], from: (i: number) => string): (Buffer | undefined)[];
  /** Whether `from` is ever called (senders are only formatted when someone reads them). */
  readonly wantsPeers: boolean;
  readonly onError: (error: Error) => void;
}

export interface UdpFace {
  readonly io: UdpIo;
  readonly port: number;
  close(): Promise<void>;
}

interface BatchedAddon {
  bind(host: string, port: number, onBatch: (packets: Buffer[], peers?: string[]) => (Buffer | undefined)[] | undefined,
    withPeers: boolean): { port: number; close(onClosed?: () => void): void };
}

let addon: BatchedAddon | null | undefined;
/** The addon, or null where it was not built (or cannot load here): then dgram. */
function batchedAddon(): BatchedAddon | null {
  if (addon === undefined) {
    try {
      addon = require(path.join(__dirname, "native", "udp-batch.node")) as BatchedAddon;
    } catch {
      addon = null;
    }
  }
  return addon;
}

/** The way used when none is asked for: batched where the addon loads. */
export const defaultUdpIo = (): UdpIo => (batchedAddon() ? "batched" : "dgram");

/** Binds host:port (0: a free port) and answers what arrives there. Rejects as dgram's bind does (`code` EADDRINUSE, ...). */
export async function listenUdp(host: string, port: number, handler: UdpHandler, io: UdpIo = defaultUdpIo()): Promise<UdpFace> {
  if (io === "dgram") return listenDgram(host, port, handler);
  const native = batchedAddon();
  if (!native) throw new Error("DNS server: udp 'batched' asked for, but dns/native/udp-batch.node was not built here (npm run build on Linux with g++); use udp 'dgram'");
  const address = net.isIP(host) ? host : (await dns.promises.lookup(host, { family: 4 })).address; // as dgram's udp4
  const noPeer = () => "";
  const socket = native.bind(address, port, (packets, peers) => handler.answerAll(packets, peers ? (i) => peers[i] : noPeer), handler.wantsPeers);
  let closed: Promise<void> | undefined;
  return { io, port: socket.port, close: () => closed ??= new Promise<void>((r) => socket.close(r)) };
}

/**
 * Where a reply goes: the address its query came from, always an IP literal, so no lookup. dgram's default is
 * dns.lookup, which for a literal still defers each send to the next tick.
 */
const literalLookup = (address: string, family: unknown, callback: (err: Error | null, address: string, family: number) => void) => {
  const kind = net.isIP(address);
  if (kind) callback(null, address, kind);
  else dns.lookup(address, family as number, callback);
};

/** dgram: datagrams received in one turn of the event loop are answered together, right after it (setImmediate). */
async function listenDgram(host: string, port: number, handler: UdpHandler): Promise<UdpFace> {
  const udp = dgram.createSocket({ type: net.isIPv6(host) ? "udp6" : "udp4", lookup: literalLookup as any });
  let msgs: Buffer[] = [];
  let senders: dgram.RemoteInfo[] = [];
  const answerReceived = () => {
    const batch = senders;
    const answers = handler.answerAll(msgs, (i) => `${batch[i].address}:${batch[i].port}`);
    msgs = [];
    senders = [];
    answers.forEach((out, i) => {
      if (out) udp.send(out, batch[i].port, batch[i].address); // a send error is emitted as 'error' (onError)
    });
  };
  udp.on("message", (msg, rinfo) => {
    senders.push(rinfo);
    if (msgs.push(msg) === 1) setImmediate(answerReceived);
  });
  await new Promise<void>((resolve, reject) => {
    udp.once("error", (e) => { udp.close(); reject(e); });
    udp.bind(port, host, () => { udp.removeAllListeners("error"); resolve(); });
  });
  udp.on("error", handler.onError);
  return { io: "dgram", port: udp.address().port, close: () => new Promise<void>((r) => udp.close(() => r())) };
}
