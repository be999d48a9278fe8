/**
 * A DNS server that answers as Azure DNS does inside one virtual network: UDP and TCP on one port, every
 * answer from `Emulator.resolve` for that vnet. Queries are read from the store as it is at that moment (one
 * read transaction per query, so a change committed by another process is seen by the next query).
 */
import * as dgram from "dgram";
import * as net from "net";
import { Emulator, defaultStorePath, VnetRef } from "../provider/emulator";
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
  // One deferred (read) transaction per query: a consistent snapshot of the latest committed state.
  const readTx = emu.store.db.transaction((name: string, type: string) => emu.resolve(vnetId, name, type));
  const resolver = (name: string, type: string) => readTx.deferred(name, type);
  const onError = options.onError ?? (() => undefined);

  const handle = (msg: Buffer, transport: Transport, from: string): Buffer | undefined => {
    try {
      const r = respond(msg, resolver, transport);
      if (r) options.onQuery?.({ ...r.outcome, transport, from });
      return r?.response;
    } catch (e) {
      onError(e as Error); // respond() does not throw; this is the last guard that keeps the server up
      return undefined;
    }
  };

  const sockets = new Set<net.Socket>();
  const makeUdp = () => {
    const udp = dgram.createSocket({ type: net.isIPv6(host) ? "udp6" : "udp4" });
    udp.on("message", (msg, rinfo) => {
      const out = handle(msg, "udp", `${rinfo.address}:${rinfo.port}`);
      if (out) udp.send(out, rinfo.port, rinfo.address, (err) => err && onError(err));
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
        while (pending.length >= 2) { // RFC 1035 4.2.2: each message behind a 2-byte length
          const len = pending.readUInt16BE(0);
          if (pending.length < 2 + len) break;
          const msg = pending.subarray(2, 2 + len);
          pending = pending.subarray(2 + len);
          const out = handle(msg, "tcp", `${socket.remoteAddress}:${socket.remotePort}`);
          if (out) {
            const prefix = Buffer.alloc(2);
            prefix.writeUInt16BE(out.length);
            socket.write(Buffer.concat([prefix, out]));
          }
        }
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
