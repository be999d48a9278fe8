/** Virtual machines: NICs with one primary (A2), addresses in the vnet (A9), registration kept in sync (A6). */
import { badRequest, conflict, EmulatorError, text } from "./errors";
import * as ids from "./ids";
import { canonicalIp, inAddressSpace, isIpv4, reverseName } from "./ip";
import { checkResourceName } from "./names";
import { AUTO_TTL } from "./records";
import { NicRow, rgOf, VmRow, vnetById, vnetRow, zoneById } from "./rows";
import { recordSetAt } from "./recordRows";
import { hostOf, syncRegistrations } from "./registration";
import { Store } from "./store";
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

function checkVmArgs(s: Store, args: VmArgs) {
  const name = checkResourceName("virtual machine", args.vmName);
  const rg = rgOf(args.resourceGroupName);
  const id = ids.vmId(rg, name);
  const computerName = args.computerName === undefined || args.computerName === null ? null : args.computerName;
  // A4: a computer name that is not a string is refused like an invalid one (the fuzz tests found a TypeError).
  if (typeof (computerName ?? name) !== "string" || !HOST_LABEL.test((computerName ?? name).toLowerCase()))
    throw badRequest("A4", id, computerName ?? name,
      `The host name '${text(computerName ?? name)}' is not a valid DNS label (1-63 letters, digits and inner '-').`);
  const powerState = args.powerState ?? "running";
  if (powerState !== "running" && powerState !== "deallocated")
    throw badRequest("A6", id, powerState, `powerState '${text(powerState)}' must be 'running' or 'deallocated'.`);
  if (typeof args.virtualNetwork?.id !== "string")
    throw badRequest("A9", id, args.virtualNetwork?.id, "virtualNetwork.id is required: a VM's NICs live in a virtual network.");
  const vnet = vnetRow(s, args.virtualNetwork.id);
  const prefixes: string[] = JSON.parse(vnet.address_prefixes);
  // Array.from: a sparse array's holes become undefined NICs, refused below (A2), instead of skipped by map.
  const nics = Array.isArray(args.networkInterfaces) ? Array.from(args.networkInterfaces) : args.networkInterfaces;
  if (!Array.isArray(nics) || nics.length === 0)
    throw badRequest("A2", id, nics, "networkInterfaces must list at least one NIC.");
  const primaries = nics.filter((n) => n?.primary === true).length;
  // A2: exactly one primary; a single NIC is primary whatever it says.
  if (nics.length > 1 && primaries !== 1)
    throw badRequest("A2", id, primaries, `Exactly one NIC must be primary; ${primaries} of ${nics.length} are.`);
  const seen = new Set<string>();
  const checked = nics.map((n, position) => {
    if (typeof n?.name !== "string" || n.name.length === 0)
      throw badRequest("A2", id, n?.name, `NIC ${position} needs a name.`);
    if (seen.has(n.name.toLowerCase())) throw badRequest("A2", id, n.name, `Two NICs are named '${n.name}'.`);
    seen.add(n.name.toLowerCase());
    const ip = canonicalIp(n.privateIPAddress);
    if (!ip) throw badRequest("A9", id, n.privateIPAddress, `NIC '${n.name}': '${text(n.privateIPAddress)}' is not an IP address.`);
    if (!inAddressSpace(ip.ip, prefixes))
      throw badRequest("A9", id, ip.ip,
        `NIC '${n.name}': ${ip.ip} is outside the address space ${JSON.stringify(prefixes)} of virtual network '${vnet.name}'.`);
    return { position, name: n.name.toLowerCase(), ip: ip.ip, primary: canonicalNics(nics)[position].primary };
  });
  const ips = checked.map((n) => n.ip);
  const dup = ips.find((ip, i) => ips.indexOf(ip) !== i);
  if (dup) throw conflict("A9", id, dup, `Two NICs of the VM use the address ${dup}.`);
  return { name, rg, id, computerName, powerState, vnet, nics: checked };
}

/** A9: no NIC of another VM in the vnet may hold one of these addresses. */
function checkAddressesFree(s: Store, id: string, vnetId: number, ips: string[], vmId: number | null) {
  for (const ip of ips) {
    const other = s.q(`SELECT v.name, v.rg FROM nics n JOIN vms v ON v.id = n.vm_id
                       WHERE n.vnet_id = ? AND n.ip = ? AND n.vm_id IS NOT ?`).get(vnetId, ip, vmId) as VmRow | undefined;
    if (other)
      throw conflict("A9", id, ip, `The address ${ip} is already used in this virtual network by VM '${ids.vmId(other.rg, other.name)}'.`);
  }
}

function writeNics(s: Store, vmId: number, vnetId: number, nics: { position: number; name: string; ip: string; primary: boolean }[]) {
  s.q("DELETE FROM nics WHERE vm_id = ?").run(vmId);
  for (const n of nics)
    // The address kind (A3) and reverse name (A5) are worked out once, by ipaddr.js, when the NIC is written.
    s.q("INSERT INTO nics (vm_id, position, name, ip, is_ipv4, reverse_name, is_primary, vnet_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(vmId, n.position, n.name, n.ip, isIpv4(n.ip) ? 1 : 0, reverseName(n.ip), n.primary ? 1 : 0, vnetId);
}

const findVmRow = (s: Store, ref: VmRef) =>
  s.q("SELECT * FROM vms WHERE rg = ? AND name = ?").get(rgOf(ref.resourceGroupName), checkResourceName("virtual machine", ref.vmName)) as VmRow | undefined;

function vmRow(s: Store, ref: VmRef): VmRow {
  const row = findVmRow(s, ref);
  if (row) return row;
  const id = ids.vmId(ref.resourceGroupName, ref.vmName);
  throw new EmulatorError("ResourceNotFound", "E", id, ref.vmName, `The Resource '${id}' was not found.`);
}

/** A4, A6: a new running VM in a registration vnet is registered at once. */
export function createVm(s: Store, args: VmArgs): Vm {
  const v = checkVmArgs(s, args);
  if (findVmRow(s, args)) throw conflict("E", v.id, v.name, `The virtual machine '${v.name}' exists already in resource group '${v.rg}'.`);
  checkAddressesFree(s, v.id, v.vnet.id, v.nics.map((n) => n.ip), null);
  const { lastInsertRowid } = s.q("INSERT INTO vms (rg, name, computer_name, vnet_id, power_state) VALUES (?, ?, ?, ?, ?)")
    .run(v.rg, v.name, v.computerName, v.vnet.id, v.powerState);
  const vmId = Number(lastInsertRowid);
  writeNics(s, vmId, v.vnet.id, v.nics);
  syncRegistrations(s, { vmId });
  return getVm(s, args);
}

/** A6: a new IP, name, vnet or power state updates the VM's records at once, in every zone concerned. */
export function updateVm(s: Store, args: VmArgs): Vm {
  const row = vmRow(s, args);
  const v = checkVmArgs(s, args);
  checkAddressesFree(s, v.id, v.vnet.id, v.nics.map((n) => n.ip), row.id);
  s.q("UPDATE vms SET computer_name = ?, vnet_id = ?, power_state = ? WHERE id = ?").run(v.computerName, v.vnet.id, v.powerState, row.id);
  writeNics(s, row.id, v.vnet.id, v.nics);
  syncRegistrations(s, { vmId: row.id });
  return getVm(s, args);
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
  const regs = s.q("SELECT * FROM registrations WHERE vm_id = ?").all(row.id) as any[];
  const out: RegisteredRecord[] = [];
  for (const r of regs) {
    const zone = zoneById(s, r.zone_id);
    const a = recordSetAt(s, r.zone_id, r.host, "A");
    if (a && a.auto === 1)
      out.push({ zone: zone.name, relativeName: r.host, fqdn: `${r.host}.${zone.name}.`, type: "A", ttl: AUTO_TTL, value: r.ip });
    const rev = reverseName(r.ip);
    out.push({ zone: "in-addr.arpa", relativeName: rev.replace(/\.in-addr\.arpa$/, ""), fqdn: `${rev}.`, type: "PTR", ttl: AUTO_TTL, value: `${r.host}.${zone.name}.` });
  }
  return out;
}
