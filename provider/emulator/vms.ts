/** Virtual machines: NICs with one primary (A2), addresses in the vnet (A9), registration kept in sync (A6). */
import { at, E } from "./errors";
import * as ids from "./ids";
import { canonicalIp, inAddressSpace, reverseName } from "./ip";
import { checkResourceName, fqdnOf } from "./names";
import { AUTO_TTL } from "./records";
import { NicRow, notFound, rgOf, VmRow, vnetById, VnetRow, vnetRow } from "./rows";
import { hostOf, syncRegistrations } from "./registration";
import { Store } from "./store";
import { configHolder } from "./addresses";
import { NicArgs, RegisteredRecord, Vm, VmArgs, VmRef } from "./types";

/** A2: a single NIC is primary whatever it says; names lower case (Z3); addresses canonical where valid. */
export function canonicalNics(nics: NicArgs[]): { name: string; privateIPAddress: string; primary: boolean }[] {
  return nics.map((n) => ({
    name: typeof n?.name === "string" ? n.name.toLowerCase() : n?.name,
    privateIPAddress: canonicalIp(n?.privateIPAddress)?.ip ?? n?.privateIPAddress,
    primary: nics.length === 1 || n?.primary === true,
  }));
}

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A4: the host name (computer name, else VM name) is a DNS label. */
export function checkHost(id: string, name: string, given: unknown, field = "computerName"): string | null {
  const computerName = given === undefined || given === null ? null : given;
  // A4: a computer name that is not a string is refused like an invalid one (the fuzz tests found a TypeError).
  const host = computerName ?? name;
  if (typeof host !== "string" || !HOST_LABEL.test(host.toLowerCase()))
    throw E.hostNameInvalid(at(id, computerName === null ? "vmName" : field, host));
  return computerName as string | null;
}

/** A4 for the host; A6: the power state is one the emulator knows. */
function checkHostAndPower(id: string, name: string, args: VmArgs) {
  const computerName = checkHost(id, name, args.computerName);
  const powerState = args.powerState ?? "running";
  if (powerState !== "running" && powerState !== "deallocated") throw E.powerStateInvalid(at(id, "powerState", powerState));
  return { computerName, powerState };
}

/** A2 and A9 for the NIC list: named once each, exactly one primary, addresses valid, inside the vnet, not shared. */
function checkNics(id: string, vnet: VnetRow, given: unknown) {
  const prefixes: string[] = JSON.parse(vnet.address_prefixes);
  // Array.from: a sparse array's holes become undefined NICs, refused below (A2), instead of skipped by map.
  const nics: NicArgs[] | unknown = Array.isArray(given) ? Array.from(given) : given;
  if (!Array.isArray(nics) || nics.length === 0) throw E.nicsRequired(at(id, "networkInterfaces", nics));
  const primaries = nics.filter((n) => n?.primary === true).length;
  // A2: exactly one primary; a single NIC is primary whatever it says.
  if (nics.length > 1 && primaries !== 1) throw E.primaryNicCount(at(id, "networkInterfaces", primaries), { count: nics.length });
  const seen = new Set<string>();
  const primary = canonicalNics(nics).map((n) => n.primary);
  const checked = nics.map((n, position) => {
    const field = `networkInterfaces[${position}]`;
    if (typeof n?.name !== "string" || n.name.length === 0) throw E.nicNameRequired(at(id, `${field}.name`, n?.name), { position });
    if (seen.has(n.name.toLowerCase())) throw E.nicNameDuplicate(at(id, `${field}.name`, n.name));
    seen.add(n.name.toLowerCase());
    const ip = canonicalIp(n.privateIPAddress);
    if (!ip) throw E.nicAddressInvalid(at(id, `${field}.privateIPAddress`, n.privateIPAddress), { nic: n.name });
    if (!inAddressSpace(ip.ip, prefixes))
      throw E.nicAddressOutside(at(id, `${field}.privateIPAddress`, ip.ip), { nic: n.name, prefixes: JSON.stringify(prefixes), vnet: vnet.name });
    return { position, name: n.name.toLowerCase(), ip: ip.ip, ipv4: ip.kind === "ipv4", primary: primary[position] };
  });
  const ips = checked.map((n) => n.ip);
  const dup = ips.findIndex((ip, i) => ips.indexOf(ip) !== i);
  if (dup >= 0) throw E.nicAddressDuplicate(at(id, `networkInterfaces[${dup}].privateIPAddress`, ips[dup]));
  return checked;
}

function checkVmArgs(s: Store, args: VmArgs) {
  const name = checkResourceName("virtual machine", "vmName", args.vmName);
  const rg = rgOf(args.resourceGroupName);
  const id = ids.vmId(rg, name);
  const { computerName, powerState } = checkHostAndPower(id, name, args);
  if (typeof args.virtualNetwork?.id !== "string") throw E.vmVnetRequired(at(id, "virtualNetwork.id", args.virtualNetwork?.id));
  const vnet = vnetRow(s, args.virtualNetwork.id);
  return { name, rg, id, computerName, powerState, vnet, nics: checkNics(id, vnet, args.networkInterfaces) };
}

/** A9: no NIC of another VM in the vnet may hold one of these addresses. */
function checkAddressesFree(s: Store, id: string, vnetId: number, ips: string[], vmId: number | null) {
  ips.forEach((ip, position) => {
    const other = s.q(`SELECT v.name, v.rg FROM nics n JOIN vms v ON v.id = n.vm_id
                       WHERE n.vnet_id = ? AND n.ip = ? AND n.vm_id IS NOT ?`).get(vnetId, ip, vmId) as VmRow | undefined;
    if (other)
      throw E.nicAddressInUse(at(id, `networkInterfaces[${position}].privateIPAddress`, ip), { vm: ids.vmId(other.rg, other.name) });
    // A9 across both models: an address a network interface's ip configuration holds (N3) is taken too.
    const holder = configHolder(s, vnetId, ip);
    if (holder) throw E.nicAddressInUse(at(id, `networkInterfaces[${position}].privateIPAddress`, ip), { vm: holder });
  });
}

type CheckedNic = ReturnType<typeof checkNics>[number];

function writeNics(s: Store, vmId: number, vnetId: number, nics: CheckedNic[]) {
  s.q("DELETE FROM nics WHERE vm_id = ?").run(vmId);
  for (const n of nics)
    // The address kind (A3) and reverse name (A5) are worked out once, by ipaddr.js, when the NIC is written.
    s.q("INSERT INTO nics (vm_id, position, name, ip, is_ipv4, reverse_name, is_primary, vnet_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(vmId, n.position, n.name, n.ip, n.ipv4 ? 1 : 0, reverseName(n.ip), n.primary ? 1 : 0, vnetId);
}

/** The VM as just written, from the checked arguments: what toVm would read back, without reading it. */
function written(v: ReturnType<typeof checkVmArgs>): Vm {
  const vm: Vm = {
    id: v.id, name: v.name, resourceGroupName: v.rg, hostName: hostOf({ name: v.name, computer_name: v.computerName }),
    virtualNetwork: { id: ids.vnetId(v.vnet.rg, v.vnet.name) },
    networkInterfaces: v.nics.map((n) => ({ name: n.name, privateIPAddress: n.ip, primary: n.primary })),
    powerState: v.powerState as Vm["powerState"],
  };
  if (v.computerName !== null) vm.computerName = v.computerName;
  return vm;
}

export const findVmRow = (s: Store, ref: VmRef) =>
  s.q("SELECT * FROM vms WHERE rg = ? AND name = ?").get(rgOf(ref.resourceGroupName), checkResourceName("virtual machine", "vmName", ref.vmName)) as VmRow | undefined;

export function vmRow(s: Store, ref: VmRef): VmRow {
  const row = findVmRow(s, ref);
  if (row) return row;
  const name = ref.vmName.toLowerCase();
  throw notFound(ids.vmId(ref.resourceGroupName, name), "vmName", ref.vmName, `Microsoft.Compute/virtualMachines/${name}`, rgOf(ref.resourceGroupName));
}

/** A4, A6: a new running VM in a registration vnet is registered at once. */
export function createVm(s: Store, args: VmArgs): Vm {
  const v = checkVmArgs(s, args);
  if (findVmRow(s, args)) throw E.resourceExists(at(v.id, "vmName", v.name), { kind: "virtual machine", resourceGroup: v.rg });
  checkAddressesFree(s, v.id, v.vnet.id, v.nics.map((n) => n.ip), null);
  const { lastInsertRowid } = s.q("INSERT INTO vms (rg, name, computer_name, vnet_id, power_state) VALUES (?, ?, ?, ?, ?)")
    .run(v.rg, v.name, v.computerName, v.vnet.id, v.powerState);
  const vmId = Number(lastInsertRowid);
  writeNics(s, vmId, v.vnet.id, v.nics);
  syncRegistrations(s, { vmId }, false, true);
  return written(v);
}

/** A6: a new IP, name, vnet or power state updates the VM's records at once, in every zone concerned. */
export function updateVm(s: Store, args: VmArgs): Vm {
  const row = vmRow(s, args);
  // N4: a VM made of network interface resources is updated through them, not through an address list.
  if (row.nic_refs === 1) throw E.vmOtherModel(at(ids.vmId(row.rg, row.name), "networkInterfaces", ids.vmId(row.rg, row.name)), { model: "with network interface ids (VirtualMachine)" });
  const v = checkVmArgs(s, args);
  checkAddressesFree(s, v.id, v.vnet.id, v.nics.map((n) => n.ip), row.id);
  s.q("UPDATE vms SET computer_name = ?, vnet_id = ?, power_state = ? WHERE id = ?").run(v.computerName, v.vnet.id, v.powerState, row.id);
  writeNics(s, row.id, v.vnet.id, v.nics);
  syncRegistrations(s, { vmId: row.id });
  return written(v);
}

function toVm(s: Store, r: VmRow): Vm {
  const vnet = vnetById(s, r.vnet_id);
  const nics = s.q("SELECT * FROM nics WHERE vm_id = ? ORDER BY position").all(r.id) as NicRow[];
  const vm: Vm = {
    id: ids.vmId(r.rg, r.name), name: r.name, resourceGroupName: r.rg, hostName: hostOf(r),
    virtualNetwork: { id: ids.vnetId(vnet.rg, vnet.name) },
    networkInterfaces: nics.map((n) => ({ name: n.name, privateIPAddress: n.ip, primary: n.is_primary === 1 })),
    powerState: r.power_state as Vm["powerState"],
  };
  if (r.computer_name !== null) vm.computerName = r.computer_name;
  return vm;
}

export const getVm = (s: Store, ref: VmRef): Vm => toVm(s, vmRow(s, ref));
export function findVm(s: Store, ref: VmRef): Vm | undefined {
  const row = findVmRow(s, ref);
  return row && toVm(s, row);
}
export const listVms = (s: Store): Vm[] => (s.q("SELECT * FROM vms ORDER BY name, rg").all() as VmRow[]).map((r) => toVm(s, r));

export function deleteVmRow(s: Store, row: VmRow): void {
  syncRegistrations(s, { vmId: row.id }, true); // A6: the VM's records leave with it
  s.q("DELETE FROM nics WHERE vm_id = ?").run(row.id);
  // N3: its network interfaces (if it was made of them) stay, free for another VM.
  s.q("UPDATE network_interfaces SET vm_id = NULL, vm_position = NULL, vm_primary = NULL WHERE vm_id = ?").run(row.id);
  s.q("DELETE FROM vms WHERE id = ?").run(row.id);
}

export function deleteVm(s: Store, ref: VmRef): boolean {
  const row = findVmRow(s, ref);
  if (!row) return false;
  deleteVmRow(s, row);
  return true;
}

/**
 * The records the platform registered for a VM: the A record (A4) while no user set overrides it (A7),
 * and the PTR of its primary IPv4 in the reverse-lookup space (A5).
 */
export function registeredRecords(s: Store, ref: VmRef): RegisteredRecord[] {
  const row = vmRow(s, ref);
  // One statement: each registration with its zone and whether the auto A set at its host is the one standing
  // there (A7: a user set takes precedence); the reverse name (A5) was worked out when the NIC was written.
  const regs = s.q(`SELECT r.host, r.ip, r.reverse_name, z.name AS zone, a.auto AS a_auto
                    FROM registrations r JOIN zones z ON z.id = r.zone_id
                    LEFT JOIN record_sets a ON a.zone_id = r.zone_id AND a.name = r.host AND a.type = 'A'
                    WHERE r.vm_id = ? ORDER BY r.zone_id`).all(row.id) as { host: string; ip: string; reverse_name: string; zone: string; a_auto: number | null }[];
  const out: RegisteredRecord[] = [];
  for (const r of regs) {
    if (r.a_auto === 1)
      out.push({ zone: r.zone, relativeName: r.host, fqdn: fqdnOf(r.host, r.zone), type: "A", ttl: AUTO_TTL, value: r.ip });
    out.push({ zone: "in-addr.arpa", relativeName: r.reverse_name.replace(/\.in-addr\.arpa$/, ""), fqdn: `${r.reverse_name}.`, type: "PTR", ttl: AUTO_TTL, value: fqdnOf(r.host, r.zone) });
  }
  return out;
}
