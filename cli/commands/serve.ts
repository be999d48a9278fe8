/**
 * `privatedns serve --vnet V[=PORT] ...`: one DNS server per vnet, each on its own port (UDP and TCP), each
 * answering as Azure DNS does inside that vnet. A DNS query carries nothing that says which vnet it comes
 * from, so the port is what selects the vnet.
 */
import type { DnsServer } from "../../dns/server";
import { DEFAULT_DNS_PORT } from "../../dns/port";
import { Command, COMMON_HELP, str } from "../command";
import { EXIT, usageError } from "../exit";
import { openStore, shortVnet, storePath, vnetRef } from "../store";

export interface ServeSpec { vnet: string; port: number }

/** `--vnet SPEC[=PORT]` values and `--port`: vnets without =PORT take --port, --port+1, ... in order. */
export function serveSpecs(vnets: string[], basePort: number): ServeSpec[] {
  let next = basePort;
  const specs = vnets.map((text) => {
    const m = /^(.+)=(\d+)$/.exec(text);
    if (m) return { vnet: m[1], port: checkPort(m[2]) };
    const port = next;
    if (basePort !== 0) next++;
    return { vnet: text, port };
  });
  const used = new Set<number>();
  for (const s of specs) {
    if (s.port !== 0 && used.has(s.port)) throw usageError(`serve: port ${s.port} is given to two vnets`);
    used.add(s.port);
  }
  return specs;
}

function checkPort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw usageError(`serve: '${text}' is not a port (0-65535)`);
  return port;
}

export const serve: Command = {
  name: "serve",
  summary: "run a DNS server (UDP and TCP) answering as Azure DNS inside one or more vnets",
  help: `Usage: privatedns serve --vnet VNET[=PORT] [--vnet VNET2[=PORT2] ...] [--host 127.0.0.1] [--port 5353]
       [--udp batched|dgram] [--log]

Serves DNS over UDP and TCP, one port per vnet: the port a query arrives on says which vnet's view
answers it (a DNS query carries no vnet). Answers are those of Azure DNS inside that vnet (Q1-Q5):
authoritative (AA) from linked zones, the zone's SOA in the authority section for NXDOMAIN and NODATA,
REFUSED for names outside the vnet's linked zones, PTR answers for the vnet's own VMs (A5), FORMERR
for malformed queries, NODATA for types a private zone never holds (NS), TC over UDP above 512 bytes
for clients without EDNS (1232 with EDNS). Changes other processes make to the store are answered
by the next query, without restart.
  --vnet VNET[=PORT]  vnet to serve (NAME, RG/NAME or ARM id); repeat for several vnets
  --port PORT         port of the first --vnet without =PORT (default ${DEFAULT_DNS_PORT}); the next ones
                      take PORT+1, PORT+2, ...; 0 gives each of them a free port
  --host ADDRESS      address to bind (default 127.0.0.1; loopback unless told otherwise)
  --udp batched|dgram how UDP is read and written: batched (recvmmsg/sendmmsg, the package's addon, built
                      on Linux with g++) or Node's dgram; default batched where the addon loads.
                      The answers are the same; batched costs less a query under load
  --log               one line per query on stderr
Prints one line per vnet once listening (with --json: one JSON object per line, {vnet, host, port, udp}),
and runs until SIGINT or SIGTERM. Exit codes: 0 stopped by a signal, 1 unknown vnet or port in use, 2 usage.

Example: privatedns serve --vnet hub=5353 --vnet spoke=5354
         dig @127.0.0.1 -p 5353 web.contoso.internal

${COMMON_HELP}`,
  options: {
    vnet: { type: "string", multiple: true },
    host: { type: "string" },
    port: { type: "string" },
    log: { type: "boolean" },
    udp: { type: "string" },
  },
  positionals: [0, 0],
  async run({ values, db, json: asJson, io }) {
    const vnets = (values.vnet as string[] | undefined) ?? [];
    if (vnets.length === 0) throw usageError("serve: at least one --vnet VNET[=PORT] is required");
    const portText = str(values.port);
    const specs = serveSpecs(vnets, portText === undefined ? DEFAULT_DNS_PORT : checkPort(portText));
    const host = str(values.host) ?? "127.0.0.1";
    const udp = str(values.udp);
    if (udp !== undefined && udp !== "batched" && udp !== "dgram") throw usageError(`serve: --udp is batched or dgram, not '${udp}'`);
    const emu = openStore(db);
    let ids: string[];
    try {
      ids = specs.map((s) => vnetRef(emu, s.vnet)); // names resolved (and ambiguity refused) before binding anything
    } finally {
      emu.close();
    }
    // Loaded here, not at the top: every other command (and each of the CLI tests' ~100 spawns) would pay for it.
    const { startDnsServer } = await import("../../dns/server");
    const servers: DnsServer[] = [];
    const stopAll = () => Promise.all(servers.map((s) => s.close()));
    // Signal handlers first: a client that reads the "serving" line may send SIGTERM at once.
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      for (let i = 0; i < specs.length; i++) {
        const server = await startDnsServer({
          dbPath: storePath(db), vnet: ids[i], host, port: specs[i].port, udp,
          onQuery: values.log ? (q) => io.err(`${q.transport} ${q.from} ${q.name ?? "-"} ${q.type ?? "-"} ${q.rcode} answers=${q.answers}${q.truncated ? " TC" : ""}\n`) : undefined,
          onError: (e) => io.err(`privatedns serve: ${e.message}\n`),
        });
        servers.push(server);
        io.out(asJson ? JSON.stringify({ vnet: server.vnetId, host: server.host, port: server.port, udp: server.udp }) + "\n"
          : `serving vnet ${shortVnet(server.vnetId)} on ${server.host}:${server.port} (udp, tcp)\n`);
      }
    } catch (e) {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      await stopAll();
      throw e;
    }
    await stopped;
    await stopAll();
    return EXIT.OK;
  },
};
