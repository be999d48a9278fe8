/**
 * Addresses inside subnets (N2, N3, A9): containment and overlap of prefixes, Azure's reserved addresses, who
 * holds an address in a vnet, and the lowest free one. Numbers are BigInt over ipaddr.js bytes (IPv4 and IPv6).
 */
import * as ipaddr from "ipaddr.js";
import * as ids from "./ids";
import { Store } from "./store";

const toBig = (bytes: number[]) => bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
function fromBig(n: bigint, width: number): string {
  const bytes: number[] = [];
  for (let i = 0; i < width; i++, n >>= 8n) bytes.unshift(Number(n & 255n));
  return ipaddr.fromByteArray(bytes).toString();
}

export interface Range { first: bigint; last: bigint; width: number }
export function rangeOf(cidr: string): Range {
  const [addr, bits] = ipaddr.parseCIDR(cidr);
  const width = addr.toByteArray().length;
  const size = 1n << BigInt(width * 8 - bits);
  const first = toBig(addr.toByteArray()) & ~(size - 1n);
  return { first, last: first + size - 1n, width };
}
const numberOf = (ip: string) => toBig(ipaddr.parse(ip).toByteArray());

/** N2: `inner` lies inside `outer` (same address family). */
export function contains(outer: string, inner: string): boolean {
  const o = rangeOf(outer), i = rangeOf(inner);
  return o.width === i.width && i.first >= o.first && i.last <= o.last;
}
export function overlaps(a: string, b: string): boolean {
  const x = rangeOf(a), y = rangeOf(b);
  return x.width === y.width && x.first <= y.last && y.first <= x.last;
}
export function inPrefix(ip: string, cidr: string): boolean {
  const r = rangeOf(cidr);
  const n = numberOf(ip);
  return ipaddr.parse(ip).toByteArray().length === r.width && n >= r.first && n <= r.last;
}
/** N2: Azure keeps the first four addresses of every subnet and the last one. */
export function isReserved(ip: string, cidr: string): boolean {
  const r = rangeOf(cidr);
  const n = numberOf(ip);
  return n < r.first + 4n || n === r.last;
}

/**
 * A9: who holds `ip` in the vnet, as an ARM id: an ip configuration, or a VM of the older `Vm` kind (whose NICs
 * are not resources; a NIC-model VM's `nics` rows only mirror its ip configurations). `exceptNic` is the NIC
 * being written, whose own addresses do not count.
 */
export function addressHolder(s: Store, vnetId: number, ip: string, exceptNic: number | null = null): string | undefined {
  return configHolder(s, vnetId, ip, exceptNic) ?? vmHolder(s, vnetId, ip);
}

/** A9: the ip configuration holding `ip` in the vnet (other than those of `exceptNic`), as its ARM id. */
export function configHolder(s: Store, vnetId: number, ip: string, exceptNic: number | null = null): string | undefined {
  const cfg = s.q(`SELECT n.rg, n.name AS nic, c.name FROM ip_configurations c JOIN network_interfaces n ON n.id = c.nic_id
                   WHERE c.vnet_id = ? AND c.ip = ? AND c.nic_id IS NOT ?`).get(vnetId, ip, exceptNic) as any;
  return cfg ? ids.ipConfigurationId(cfg.rg, cfg.nic, cfg.name) : undefined;
}

function vmHolder(s: Store, vnetId: number, ip: string): string | undefined {
  const vm = s.q(`SELECT v.rg, v.name FROM nics n JOIN vms v ON v.id = n.vm_id
                  WHERE n.vnet_id = ? AND n.ip = ? AND v.nic_refs = 0`).get(vnetId, ip) as any;
  return vm ? ids.vmId(vm.rg, vm.name) : undefined;
}

/**
 * N3: the lowest address of the subnet that is not reserved (N2), not held in the vnet, and not in `taken`
 * (addresses this request already chose). One index seek per candidate, stopping at the first free one.
 */
export function lowestFree(s: Store, cidr: string, vnetId: number, exceptNic: number | null, taken: Set<string>): string | undefined {
  const r = rangeOf(cidr);
  for (let n = r.first + 4n; n < r.last; n++) {
    const ip = fromBig(n, r.width);
    if (!taken.has(ip) && !addressHolder(s, vnetId, ip, exceptNic)) return ip;
  }
  return undefined;
}
