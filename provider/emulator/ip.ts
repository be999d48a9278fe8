/** Every IP parse, CIDR test and reverse name goes through ipaddr.js (issue 2, item 4). */
import * as ipaddr from "ipaddr.js";

export type IpKind = "ipv4" | "ipv6";

/** Canonical text of an IP address, or undefined if it is not one. IPv4 must be four-part dotted decimal. */
export function canonicalIp(text: unknown): { ip: string; kind: IpKind } | undefined {
  if (typeof text !== "string") return undefined;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return { ip: ipaddr.IPv4.parse(text).toString(), kind: "ipv4" };
  if (text.includes(":") && ipaddr.IPv6.isValid(text)) {
    const v6 = ipaddr.IPv6.parse(text);
    if (v6.zoneId) return undefined;
    return { ip: v6.toString(), kind: "ipv6" };
  }
  return undefined;
}

export function isIpv4(text: unknown): boolean {
  return canonicalIp(text)?.kind === "ipv4";
}

/** Canonical CIDR text (`10.0.0.0/16`), or undefined if it is not a CIDR. */
export function canonicalCidr(text: unknown): string | undefined {
  if (typeof text !== "string" || !text.includes("/")) return undefined;
  try {
    const [addr, bits] = ipaddr.parseCIDR(text);
    if (addr.kind() === "ipv4" && !ipaddr.IPv4.isValidFourPartDecimal(text.split("/")[0])) return undefined;
    return `${addr.toString()}/${bits}`;
  } catch {
    return undefined;
  }
}

/** Parsed prefixes by text: a vnet's prefixes are tested again for every NIC address written in it. */
const parsedCidrs = new Map<string, [ipaddr.IPv4 | ipaddr.IPv6, number]>();
function parsedCidr(cidr: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  let range = parsedCidrs.get(cidr);
  if (!range) {
    range = ipaddr.parseCIDR(cidr);
    if (parsedCidrs.size >= 4096) parsedCidrs.clear(); // a bound, not an eviction policy: misses only cost a parse
    parsedCidrs.set(cidr, range);
  }
  return range;
}

/** True if `ip` lies inside one of the CIDR `prefixes`. */
export function inAddressSpace(ip: string, prefixes: string[]): boolean {
  const addr = ipaddr.parse(ip);
  return prefixes.some((p) => {
    const range = parsedCidr(p);
    return range[0].kind() === addr.kind() && addr.match(range);
  });
}

/** `10.1.2.3` → `3.2.1.10.in-addr.arpa`; IPv6 → nibbles under `ip6.arpa` (lower case, no trailing dot). */
export function reverseName(ip: string): string {
  const bytes = ipaddr.parse(ip).toByteArray();
  if (bytes.length === 4) return `${bytes.reverse().join(".")}.in-addr.arpa`;
  const nibbles = bytes.flatMap((b) => [b >> 4, b & 15]).map((n) => n.toString(16));
  return `${nibbles.reverse().join(".")}.ip6.arpa`;
}
