/** The DNS server of the emulator: `startDnsServer({ dbPath, vnet, host, port })`. */
export { startDnsServer } from "./server";
export { DEFAULT_DNS_PORT } from "./port";
export type { DnsServer, DnsServerOptions } from "./server";
export { respond, RCODE, CLASSIC_UDP_LIMIT, EDNS_UDP_SIZE } from "./wire";
export type { Outcome, Resolver, Transport } from "./wire";
