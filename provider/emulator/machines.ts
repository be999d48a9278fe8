/**
 * Virtual machines made of network interface resources (N4): NICs referenced by id, exactly one primary, all in
 * one vnet, each in at most one VM (N3); power state running, deallocated or stopped. The VM's `nics` rows mirror
 * each NIC's primary ip configuration, so that registration (A2-A6, registration.ts) reads one table for both
 * kinds of VM: A2 follows the primary NIC's primary ip configuration.
 */
import { at, E } from "./errors";
import * as ids from "./ids";
import { isIpv4, reverseName } from "./ip";
import { checkResourceName } from "./names";
import { nicByArmId, NicResourceRow } from "./nics";
import { rgOf, vnetById, VmRow } from "./rows";
import { hostOf, syncRegistrations } from "./registration";
import { checkHost, deleteVmRow, findVmRow, vmRow } from "./vms";
import { Store } from "./store";
import { MachinePowerState, VirtualMachine, VirtualMachineArgs, VmRef } from "./types";

const POWER_STATES: MachinePowerState[] = ["running", "deallocated", "stopped"];

/** N4: NIC ids resolved, listed once, exactly one primary (a single NIC is primary), free or already this VM's. */
function checkNicRefs(s: Store, id: string, given: unknown, vmRowId: number | null) {
  const list = Array.isArray(given) ? Array.from(given) as { id?: unknown; primary?: unknown }[] : undefined;
  if (!list || list.length === 0) throw E.vmNicsRequired(at(id, "networkProfile.networkInterfaces", given));
  const primaries = list.filter((n) => n?.primary === true).length;
  if (list.length > 1 && primaries !== 1) throw E.vmPrimaryNicCount(at(id, "networkProfile.networkInterfaces", primaries), { vm: id, count: list.length });
  const rows: NicResourceRow[] = [];
  return list.map((ref, position) => {
    const field = `networkProfile.networkInterfaces[${position}].id`;
    const row = nicByArmId(s, ref?.id, id, field);
    if (rows.some((r) => r.id === row.id)) throw E.vmNicDuplicate(at(id, field, ref.id));
    rows.push(row);
    if (row.vm_id !== null && row.vm_id !== vmRowId) {
      const other = s.q("SELECT rg, name FROM vms WHERE id = ?").get(row.vm_id) as { rg: string; name: string };
      throw E.nicInUse(at(id, field, ids.nicId(row.rg, row.name)), { vm: ids.vmId(other.rg, other.name) });
    }
    const vnetId = (s.q("SELECT vnet_id FROM ip_configurations WHERE nic_id = ? AND is_primary = 1").get(row.id) as { vnet_id: number }).vnet_id;
    return { row, position, field, vnetId, primary: list.length === 1 || ref.primary === true };
  });
}

type NicRef = ReturnType<typeof checkNicRefs>[number];

const vnetArmId = (s: Store, vnetId: number) => {
  const v = vnetById(s, vnetId);
  return ids.vnetId(v.rg, v.name);
};

/** N4: all NICs of a VM are in one vnet (N3: a NIC's vnet is its subnets' vnet). */
export function checkOneVnet(s: Store, id: string, nics: { vnetId: number; field: string }[]): number {
  const other = nics.find((n) => n.vnetId !== nics[0].vnetId);
  if (other) throw E.vmNicsInDifferentVnets(at(id, other.field, vnetArmId(s, nics[0].vnetId)), { vm: id, other: vnetArmId(s, other.vnetId) });
  return nics[0].vnetId;
}

function checkMachineArgs(s: Store, args: VirtualMachineArgs, vmRowId: number | null) {
  const name = checkResourceName("virtual machine", "vmName", args.vmName);
  const rg = rgOf(args.resourceGroupName);
  const id = ids.vmId(rg, name);
  const computerName = checkHost(id, name, args.computerName, "osProfile.computerName");
  const powerState = args.powerState ?? "running";
  if (!POWER_STATES.includes(powerState)) throw E.vmPowerStateInvalid(at(id, "powerState", powerState));
  const nics = checkNicRefs(s, id, args.networkInterfaces, vmRowId);
  return { name, rg, id, computerName, powerState, nics, vnetId: checkOneVnet(s, id, nics) };
}

/**
 * The VM's `nics` rows from its NICs' primary ip configurations, its vnet from its primary NIC, then its
 * registration (A2, A6). Called when the VM or one of its NICs changes.
 */
export function mirrorNics(s: Store, vmId: number): void {
  const nics = s.q(`SELECT n.name, n.vm_position, n.vm_primary, c.ip, c.vnet_id FROM network_interfaces n
                    JOIN ip_configurations c ON c.nic_id = n.id AND c.is_primary = 1
                    WHERE n.vm_id = ? ORDER BY n.vm_position`).all(vmId) as { name: string; vm_position: number; vm_primary: number; ip: string; vnet_id: number }[];
  s.q("DELETE FROM nics WHERE vm_id = ?").run(vmId);
  for (const n of nics)
    s.q("INSERT INTO nics (vm_id, position, name, ip, is_ipv4, reverse_name, is_primary, vnet_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(vmId, n.vm_position, n.name, n.ip, isIpv4(n.ip) ? 1 : 0, reverseName(n.ip), n.vm_primary, n.vnet_id);
  const primary = nics.find((n) => n.vm_primary === 1) ?? nics[0];
  // N4: a NIC moved to another vnet takes the VM along only if all its NICs went (checked when the NIC is written).
  if (primary) s.q("UPDATE vms SET vnet_id = ? WHERE id = ?").run(primary.vnet_id, vmId);
  syncRegistrations(s, { vmId });
}

function attach(s: Store, vmId: number, nics: NicRef[]) {
  s.q("UPDATE network_interfaces SET vm_id = NULL, vm_position = NULL, vm_primary = NULL WHERE vm_id = ?").run(vmId);
  for (const n of nics)
    s.q("UPDATE network_interfaces SET vm_id = ?, vm_position = ?, vm_primary = ? WHERE id = ?").run(vmId, n.position, n.primary ? 1 : 0, n.row.id);
  mirrorNics(s, vmId);
}

/** N4, A4, A6: a new running VM in a registration vnet is registered at once. */
export function createVirtualMachine(s: Store, args: VirtualMachineArgs): VirtualMachine {
  const v = checkMachineArgs(s, args, null);
  if (findVmRow(s, args)) throw E.resourceExists(at(v.id, "vmName", v.name), { kind: "virtual machine", resourceGroup: v.rg });
  const vmId = Number(s.q("INSERT INTO vms (rg, name, computer_name, vnet_id, power_state, nic_refs) VALUES (?, ?, ?, ?, ?, 1)")
    .run(v.rg, v.name, v.computerName, v.vnetId, v.powerState).lastInsertRowid);
  attach(s, vmId, v.nics);
  return getVirtualMachine(s, args);
}

/** N4, A6: new NICs, primary, host name or power state update the VM's records at once. */
export function updateVirtualMachine(s: Store, args: VirtualMachineArgs): VirtualMachine {
  const row = vmRow(s, args);
  if (row.nic_refs !== 1) throw E.vmOtherModel(at(ids.vmId(row.rg, row.name), "networkProfile", ids.vmId(row.rg, row.name)), { model: "with an address list (Vm)" });
  const v = checkMachineArgs(s, args, row.id);
  s.q("UPDATE vms SET computer_name = ?, power_state = ? WHERE id = ?").run(v.computerName, v.powerState, row.id);
  attach(s, row.id, v.nics);
  return getVirtualMachine(s, args);
}

export function putVirtualMachine(s: Store, args: VirtualMachineArgs): VirtualMachine {
  return findVmRow(s, args) ? updateVirtualMachine(s, args) : createVirtualMachine(s, args);
}

function toVirtualMachine(s: Store, r: VmRow): VirtualMachine {
  const nics = s.q("SELECT * FROM network_interfaces WHERE vm_id = ? ORDER BY vm_position").all(r.id) as NicResourceRow[];
  const primary = s.q("SELECT ip FROM nics WHERE vm_id = ? AND is_primary = 1").get(r.id) as { ip: string } | undefined;
  const vnet = vnetById(s, r.vnet_id);
  const vm: VirtualMachine = {
    id: ids.vmId(r.rg, r.name), name: r.name, resourceGroupName: r.rg, hostName: hostOf(r),
    networkInterfaces: nics.map((n) => ({ id: ids.nicId(n.rg, n.name), primary: n.vm_primary === 1 })),
    powerState: r.power_state as MachinePowerState, privateIPAddress: primary?.ip ?? "",
    virtualNetwork: { id: ids.vnetId(vnet.rg, vnet.name) },
  };
  if (r.computer_name !== null) vm.computerName = r.computer_name;
  return vm;
}

export const getVirtualMachine = (s: Store, ref: VmRef): VirtualMachine => toVirtualMachine(s, vmRow(s, ref));
export function findVirtualMachine(s: Store, ref: VmRef): VirtualMachine | undefined {
  const row = findVmRow(s, ref);
  return row && toVirtualMachine(s, row);
}

/** N3: the VM's NICs stay, free for another VM; its records leave with it (A6). */
export function deleteVirtualMachine(s: Store, ref: VmRef): boolean {
  const row = findVmRow(s, ref);
  if (!row) return false;
  deleteVmRow(s, row);
  return true;
}

/** The VMs made of network interface resources (N4), by name and resource group. */
export const listVirtualMachines = (s: Store): VirtualMachine[] =>
  (s.q("SELECT * FROM vms WHERE nic_refs = 1 ORDER BY name, rg").all() as VmRow[]).map((r) => toVirtualMachine(s, r));
