/**
 * Auto-registration (A1-A8, L9-L11). The registrations table holds what the platform registered for each
 * VM; the auto A record sets are derived from it, one per (zone, host), so that two VMs with one host name
 * share a set (A8) and a user record set at that name simply takes precedence (A7).
 */
import { AUTO_TTL } from "./records";
import { canonicalIp, reverseName } from "./ip";
import { LinkRow, NicRow, VmRow } from "./rows";
import { deleteRecordSetRow, insertRecordSet, recordSetAt, replaceRecordSet } from "./recordRows";
import { Store } from "./store";

interface Registration { vm_id: number; zone_id: number; vnet_id: number; host: string; ip: string; reverse_name: string }

/** A4: host = computer name if given, else the VM name, lower case. */
export const hostOf = (vm: Pick<VmRow, "name" | "computer_name">) => (vm.computer_name || vm.name).toLowerCase();

/** Brings one VM's registrations in line with its state: running, primary IPv4, registration link of its vnet. */
export function syncVm(s: Store, vmId: number): void {
  const vm = s.q("SELECT * FROM vms WHERE id = ?").get(vmId) as VmRow | undefined;
  const want: Registration[] = [];
  if (vm && vm.power_state === "running") { // A6: a deallocated VM has no records
    const nic = s.q("SELECT * FROM nics WHERE vm_id = ? AND is_primary = 1").get(vmId) as NicRow | undefined; // A2
    const link = s.q("SELECT * FROM links WHERE vnet_id = ? AND registration = 1").get(vm.vnet_id) as LinkRow | undefined; // L3: at most one
    if (nic && link && canonicalIp(nic.ip)?.kind === "ipv4") { // A3: IPv4 only
      want.push({ vm_id: vmId, zone_id: link.zone_id, vnet_id: vm.vnet_id, host: hostOf(vm), ip: nic.ip, reverse_name: reverseName(nic.ip) });
    }
  }
  const have = s.q("SELECT * FROM registrations WHERE vm_id = ?").all(vmId) as Registration[];
  const same = have.length === want.length &&
    have.every((h, i) => Object.entries(want[i]).every(([k, v]) => (h as any)[k] === v));
  if (same) return;
  s.q("DELETE FROM registrations WHERE vm_id = ?").run(vmId);
  for (const r of want)
    s.q("INSERT INTO registrations (vm_id, zone_id, vnet_id, host, ip, reverse_name) VALUES (?, ?, ?, ?, ?, ?)")
      .run(r.vm_id, r.zone_id, r.vnet_id, r.host, r.ip, r.reverse_name);
  const touched = new Map<string, [number, string]>();
  for (const r of [...have, ...want]) touched.set(`${r.zone_id}/${r.host}`, [r.zone_id, r.host]);
  for (const [zoneId, host] of touched.values()) syncAutoRecord(s, zoneId, host); // A6: every zone concerned
}

/** Re-registers every VM of a vnet (L9 backfill, L10/L11 removal). */
export function syncVnet(s: Store, vnetId: number): void {
  for (const { id } of s.q("SELECT id FROM vms WHERE vnet_id = ?").all(vnetId) as { id: number }[]) syncVm(s, id);
}

/**
 * The auto A record set at (zone, host): present, holding every registered address (A8), unless a user
 * record set of type A or CNAME stands at that name (A7, R4).
 */
export function syncAutoRecord(s: Store, zoneId: number, host: string): void {
  const a = recordSetAt(s, zoneId, host, "A");
  if (a && a.auto === 0) return; // A7: the user's set wins and is never overwritten
  const cname = recordSetAt(s, zoneId, host, "CNAME");
  const ips = cname ? [] :
    (s.q("SELECT ip FROM registrations WHERE zone_id = ? AND host = ? ORDER BY ip").all(zoneId, host) as { ip: string }[])
      .map((r) => r.ip);
  const data = { aRecords: [...new Set(ips)].map((ip) => ({ ipv4Address: ip })) };
  if (ips.length === 0) {
    if (a) deleteRecordSetRow(s, a);
  } else if (!a) {
    insertRecordSet(s, zoneId, host, "A", AUTO_TTL, data, {}, true);
  } else if (a.data !== JSON.stringify(data)) {
    replaceRecordSet(s, a.id, AUTO_TTL, data, {}, true);
  }
}
