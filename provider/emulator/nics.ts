/**
 * Network interfaces (N3): ip configurations in subnets of one vnet, exactly one primary, Static or Dynamic
 * addresses (A9: unique in the vnet; N2: never a reserved one). A NIC that belongs to a VM (N4) keeps that VM's
 * registration in step when its primary address changes (A6).
 */
import { at, E } from "./errors";
import * as ids from "./ids";
import { canonicalIp } from "./ip";
import { addressHolder, inPrefix, isReserved, lowestFree } from "./addresses";
import { checkResourceName } from "./names";
import { checkTags, notFound, rgOf, vnetById } from "./rows";
import { subnetByArmId, SubnetRow } from "./subnets";
import { checkOneVnet, mirrorNics } from "./machines";
import { Store } from "./store";
import { AllocationMethod, IpConfigurationArgs, NetworkInterface, NetworkInterfaceArgs, NetworkInterfaceRef } from "./types";

export interface NicResourceRow {
  id: number; rg: string; name: string; location: string; tags: string;
  vm_id: number | null; vm_position: number | null; vm_primary: number | null;
  /** P1: the private endpoint the platform made this NIC for. */
  endpoint_id: number | null;
}
interface IpConfigRow { nic_id: number; position: number; name: string; subnet_id: number; vnet_id: number; ip: string; allocation: string; is_primary: number }

/** The location azure-native would take from the provider's config; the emulator's own (choice). */
export const DEFAULT_LOCATION = "eastus";

export const findNicRow = (s: Store, ref: NetworkInterfaceRef) =>
  s.q("SELECT * FROM network_interfaces WHERE rg = ? AND name = ?")
    .get(rgOf(ref.resourceGroupName), checkResourceName("network interface", "networkInterfaceName", ref.networkInterfaceName)) as NicResourceRow | undefined;

function nicRow(s: Store, ref: NetworkInterfaceRef): NicResourceRow {
  const row = findNicRow(s, ref);
  if (row) return row;
  const name = ref.networkInterfaceName.toLowerCase();
  throw notFound(ids.nicId(ref.resourceGroupName, name), "networkInterfaceName", ref.networkInterfaceName, `Microsoft.Network/networkInterfaces/${name}`, rgOf(ref.resourceGroupName));
}

/** A NIC named by its ARM id (a VM's `networkProfile.networkInterfaces[].id`), or a refusal naming `field`. */
export function nicByArmId(s: Store, id: unknown, resource: string, field: string): NicResourceRow {
  const parsed = typeof id === "string" ? ids.parseResourceId(id) : undefined;
  if (!parsed || parsed.type.toLowerCase() !== "networkinterfaces") throw E.vmNicIdInvalid(at(resource, field, id));
  const row = findNicRow(s, { resourceGroupName: parsed.resourceGroupName, networkInterfaceName: parsed.name });
  if (!row) throw notFound(id as string, field, id, `Microsoft.Network/networkInterfaces/${parsed.name}`, parsed.resourceGroupName);
  return row;
}

/** N3: names once each, exactly one primary (a single configuration is primary), subnets of one vnet. */
function checkShape(s: Store, id: string, nicName: string, given: unknown) {
  const list = Array.isArray(given) ? Array.from(given) as IpConfigurationArgs[] : undefined;
  if (!list || list.length === 0) throw E.ipConfigurationsRequired(at(id, "ipConfigurations", given));
  const primaries = list.filter((c) => c?.primary === true).length;
  // N3: exactly one primary; none marked, Azure makes the first one primary (azure-native's own examples rely on it).
  if (primaries > 1) throw E.primaryIpConfigurationCount(at(id, "ipConfigurations", primaries), { nic: nicName, count: list.length });
  const primaryAt = Math.max(0, list.findIndex((c) => c?.primary === true));
  // Choice: a secondary configuration without a subnet is in the primary's subnet (Azure keeps a NIC in one vnet).
  const primarySubnet = list[primaryAt]?.subnet;
  const names: string[] = [];
  return list.map((c, position) => {
    const field = `ipConfigurations[${position}]`;
    if (typeof c?.name !== "string" || c.name.length === 0) throw E.ipConfigurationNameRequired(at(id, `${field}.name`, c?.name), { position });
    const name = checkResourceName("ip configuration", `${field}.name`, c.name);
    if (names.includes(name)) throw E.ipConfigurationNameDuplicate(at(id, `${field}.name`, c.name));
    names.push(name);
    const subnetRef = c.subnet?.id === undefined && position !== primaryAt ? primarySubnet : c.subnet;
    if (typeof subnetRef?.id !== "string") throw E.ipConfigurationSubnetRequired(at(id, `${field}.subnet.id`, subnetRef?.id));
    const { vnet, row } = subnetByArmId(s, subnetRef.id, id, `${field}.subnet.id`);
    const method = c.privateIPAllocationMethod ?? (c.privateIPAddress === undefined || c.privateIPAddress === null ? "Dynamic" : "Static");
    if (method !== "Static" && method !== "Dynamic") throw E.allocationMethodInvalid(at(id, `${field}.privateIPAllocationMethod`, method));
    return { position, field, addressField: `${field}.privateIPAddress`, subnetField: `${field}.subnet.id`, name, subnet: row, vnetId: vnet.id,
      vnetArmId: ids.vnetId(vnet.rg, vnet.name), method: method as AllocationMethod, address: c.privateIPAddress, primary: position === primaryAt };
  });
}

/** One address asked for in a subnet, and where the request gives it (for refusals). */
export interface AddressRequest {
  name: string; subnet: SubnetRow; vnetId: number; method: AllocationMethod; address: unknown;
  addressField: string; subnetField: string;
}

/** N3, N2, A9: a Static address is given, in its subnet, not reserved, not held by another ip configuration or VM. */
function staticAddress(s: Store, id: string, c: AddressRequest, nicRowId: number | null, taken: Set<string>): string {
  if (c.address === undefined || c.address === null || c.address === "") throw E.staticAddressRequired(at(id, c.addressField, c.address));
  const ip = canonicalIp(c.address)?.ip;
  if (!ip) throw E.staticAddressInvalid(at(id, c.addressField, c.address));
  const prefix = c.subnet.address_prefix;
  if (!inPrefix(ip, prefix)) throw E.addressNotInSubnet(at(id, c.addressField, ip), { prefix });
  if (isReserved(ip, prefix)) throw E.addressReserved(at(id, c.addressField, ip), { subnet: c.subnet.name, prefix });
  // Two configurations of this very request asking for one address: the NIC itself holds it.
  const holder = taken.has(ip) ? id : addressHolder(s, c.vnetId, ip, nicRowId);
  if (holder) throw E.addressInUse(at(id, c.addressField, ip), { ipConfiguration: `${id}/ipConfigurations/${c.name}`, owner: holder });
  return ip;
}

/** N3: a Dynamic address keeps the one it has in the same subnet (as Azure does), else the lowest free one. */
function dynamicAddress(s: Store, id: string, c: AddressRequest, nicRowId: number | null, taken: Set<string>, before: IpConfigRow[]): string {
  const kept = before.find((b) => b.name === c.name && b.subnet_id === c.subnet.id && b.allocation === "Dynamic");
  if (kept && inPrefix(kept.ip, c.subnet.address_prefix) && !taken.has(kept.ip)) return kept.ip;
  const ip = lowestFree(s, c.subnet.address_prefix, c.vnetId, nicRowId, taken);
  if (!ip) throw E.subnetFull(at(id, c.subnetField, c.subnet.address_prefix), { subnet: c.subnet.name });
  return ip;
}

/**
 * P1: the one address of a private endpoint's network interface, as N3 gives a NIC's (Static checked, Dynamic
 * kept or the lowest free). `id` is the endpoint, whose request the refusals are about.
 */
export function endpointAddress(s: Store, id: string, c: AddressRequest, nicRowId: number | null): string {
  const before = nicRowId === null ? [] : s.q("SELECT * FROM ip_configurations WHERE nic_id = ?").all(nicRowId) as IpConfigRow[];
  return c.method === "Static" ? staticAddress(s, id, c, nicRowId, new Set()) : dynamicAddress(s, id, c, nicRowId, new Set(), before);
}

function checkNicArgs(s: Store, args: NetworkInterfaceArgs, existing?: NicResourceRow) {
  const name = checkResourceName("network interface", "networkInterfaceName", args.networkInterfaceName);
  const rg = rgOf(args.resourceGroupName);
  const id = ids.nicId(rg, name);
  const tags = checkTags(id, args.tags);
  const location = args.location ?? existing?.location ?? DEFAULT_LOCATION;
  if (typeof location !== "string" || location.length === 0) throw E.locationInvalid(at(id, "location", location));
  const shaped = checkShape(s, id, name, args.ipConfigurations);
  const other = shaped.find((c) => c.vnetId !== shaped[0].vnetId);
  if (other) throw E.ipConfigurationsInDifferentVnets(at(id, `${other.field}.subnet.id`, shaped[0].vnetArmId), { nic: name, other: other.vnetArmId });
  const before = existing ? s.q("SELECT * FROM ip_configurations WHERE nic_id = ?").all(existing.id) as IpConfigRow[] : [];
  const taken = new Set<string>();
  // Static addresses first, so that a Dynamic one of the same request never takes an address asked for.
  for (const c of shaped) if (c.method === "Static") taken.add(staticAddress(s, id, c, existing?.id ?? null, taken));
  const configs = shaped.map((c) => {
    const ip = c.method === "Static" ? canonicalIp(c.address)!.ip : dynamicAddress(s, id, c, existing?.id ?? null, taken, before);
    taken.add(ip);
    return { ...c, ip };
  });
  return { name, rg, id, tags, location, configs };
}

/** N4: a NIC of a VM may not move to another vnet than the VM's other NICs. */
function checkStaysWithVm(s: Store, nic: NicResourceRow, primary: { vnetId: number; field: string }) {
  const others = s.q(`SELECT c.vnet_id AS vnetId FROM network_interfaces n JOIN ip_configurations c ON c.nic_id = n.id AND c.is_primary = 1
                      WHERE n.vm_id = ? AND n.id <> ?`).all(nic.vm_id, nic.id) as { vnetId: number }[];
  const vm = s.q("SELECT rg, name FROM vms WHERE id = ?").get(nic.vm_id) as { rg: string; name: string };
  checkOneVnet(s, ids.vmId(vm.rg, vm.name), [...others.map((o) => ({ ...o, field: "ipConfigurations" })), { vnetId: primary.vnetId, field: `${primary.field}.subnet.id` }]);
}

export function writeConfigs(s: Store, nicId: number, configs: { position: number; name: string; subnet: SubnetRow; vnetId: number; ip: string; method: string; primary: boolean }[]) {
  s.q("DELETE FROM ip_configurations WHERE nic_id = ?").run(nicId);
  for (const c of configs)
    s.q(`INSERT INTO ip_configurations (nic_id, position, name, subnet_id, vnet_id, ip, allocation, is_primary)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(nicId, c.position, c.name, c.subnet.id, c.vnetId, c.ip, c.method, c.primary ? 1 : 0);
}

/** N3: create or update in place; a NIC of a VM re-registers that VM (A6) and may not leave its VM's vnet (N4). */
export function putNetworkInterface(s: Store, args: NetworkInterfaceArgs): NetworkInterface {
  const existing = findNicRow(s, args);
  if (existing) checkNotEndpoints(s, existing);
  const n = checkNicArgs(s, args, existing);
  let rowId: number;
  if (existing) {
    s.q("UPDATE network_interfaces SET location = ?, tags = ? WHERE id = ?").run(n.location, JSON.stringify(n.tags), existing.id);
    rowId = existing.id;
  } else {
    rowId = Number(s.q("INSERT INTO network_interfaces (rg, name, location, tags) VALUES (?, ?, ?, ?)")
      .run(n.rg, n.name, n.location, JSON.stringify(n.tags)).lastInsertRowid);
  }
  if (existing?.vm_id) checkStaysWithVm(s, existing, n.configs.find((c) => c.primary)!);
  writeConfigs(s, rowId, n.configs);
  if (existing?.vm_id) mirrorNics(s, existing.vm_id);
  return getNetworkInterface(s, args);
}

/** P1: an endpoint's NIC is the platform's: it changes and goes with its endpoint only. */
function checkNotEndpoints(s: Store, row: NicResourceRow) {
  if (row.endpoint_id === null) return;
  const pe = s.q("SELECT rg, name FROM private_endpoints WHERE id = ?").get(row.endpoint_id) as { rg: string; name: string };
  const id = ids.nicId(row.rg, row.name);
  throw E.endpointNic(at(id, "networkInterfaceName", id), { endpoint: ids.privateEndpointId(pe.rg, pe.name) });
}

export function toNetworkInterface(s: Store, row: NicResourceRow): NetworkInterface {
  const configs = s.q("SELECT * FROM ip_configurations WHERE nic_id = ? ORDER BY position").all(row.id) as IpConfigRow[];
  const subnets = new Map<number, string>();
  const subnetArmId = (c: IpConfigRow) => {
    if (!subnets.has(c.subnet_id)) {
      const sub = s.q("SELECT * FROM subnets WHERE id = ?").get(c.subnet_id) as SubnetRow;
      const vnet = vnetById(s, sub.vnet_id);
      subnets.set(c.subnet_id, ids.subnetId(vnet.rg, vnet.name, sub.name));
    }
    return subnets.get(c.subnet_id)!;
  };
  const nic: NetworkInterface = {
    id: ids.nicId(row.rg, row.name), name: row.name, resourceGroupName: row.rg, type: "Microsoft.Network/networkInterfaces",
    location: row.location, tags: JSON.parse(row.tags), provisioningState: "Succeeded",
    ipConfigurations: configs.map((c) => ({
      id: ids.ipConfigurationId(row.rg, row.name, c.name), name: c.name, subnet: { id: subnetArmId(c) },
      privateIPAllocationMethod: c.allocation as AllocationMethod, privateIPAddress: c.ip,
      privateIPAddressVersion: c.ip.includes(":") ? "IPv6" : "IPv4", primary: c.is_primary === 1, provisioningState: "Succeeded",
    })),
  };
  if (row.vm_id !== null) {
    const vm = s.q("SELECT rg, name FROM vms WHERE id = ?").get(row.vm_id) as { rg: string; name: string };
    nic.virtualMachine = { id: ids.vmId(vm.rg, vm.name) };
    nic.primary = row.vm_primary === 1;
  }
  if (row.endpoint_id !== null) {
    const pe = s.q("SELECT rg, name FROM private_endpoints WHERE id = ?").get(row.endpoint_id) as { rg: string; name: string };
    nic.privateEndpoint = { id: ids.privateEndpointId(pe.rg, pe.name) };
  }
  return nic;
}

export const getNetworkInterface = (s: Store, ref: NetworkInterfaceRef) => toNetworkInterface(s, nicRow(s, ref));
export function findNetworkInterface(s: Store, ref: NetworkInterfaceRef): NetworkInterface | undefined {
  const row = findNicRow(s, ref);
  return row && toNetworkInterface(s, row);
}
export const listNetworkInterfaces = (s: Store): NetworkInterface[] =>
  (s.q("SELECT * FROM network_interfaces ORDER BY name, rg").all() as NicResourceRow[]).map((r) => toNetworkInterface(s, r));

/** N3: a NIC that belongs to a VM cannot be deleted (NicInUse); its addresses are freed with it. */
export function deleteNetworkInterface(s: Store, ref: NetworkInterfaceRef): boolean {
  const row = findNicRow(s, ref);
  if (!row) return false;
  checkNotEndpoints(s, row);
  if (row.vm_id !== null) {
    const vm = s.q("SELECT rg, name FROM vms WHERE id = ?").get(row.vm_id) as { rg: string; name: string };
    throw E.nicInUse(at(ids.nicId(row.rg, row.name), "networkInterfaceName", ids.nicId(row.rg, row.name)), { vm: ids.vmId(vm.rg, vm.name) });
  }
  removeNicRows(s, row.id);
  return true;
}

/** A NIC and its ip configurations (their addresses free again), once the rules allow it. */
export function removeNicRows(s: Store, nicId: number): void {
  s.q("DELETE FROM ip_configurations WHERE nic_id = ?").run(nicId);
  s.q("DELETE FROM network_interfaces WHERE id = ?").run(nicId);
}
