/**
 * Private endpoints (P1): one address in a subnet, held by a network interface the platform makes for the
 * endpoint (so that A9, N3 and N5 hold as for any NIC), and one connection to a target resource with one group
 * id. A changed address or target re-writes the records of the endpoint's zone group (P4); deleting the endpoint
 * deletes its zone group and their records (P4).
 */
import { at, E } from "./errors";
import * as ids from "./ids";
import { checkResourceName } from "./names";
import { checkTags, notFound, rgOf, vnetById } from "./rows";
import { subnetByArmId, SubnetRow } from "./subnets";
import { DEFAULT_LOCATION, endpointAddress, removeNicRows, writeConfigs } from "./nics";
import { endpointGuid, pairsOfEndpoint, syncEndpointRecords } from "./endpointRecords";
import { publicNameOf, servicesOf } from "./privateLinkZones";
import { deleteZoneGroupRow } from "./zoneGroups";
import { Store } from "./store";
import {
  AllocationMethod, PrivateEndpoint, PrivateEndpointArgs, PrivateEndpointRef, PrivateLinkServiceConnection, PrivateLinkServiceConnectionArgs,
} from "./types";

export interface EndpointRow {
  id: number; rg: string; name: string; location: string; tags: string; nic_id: number;
  target_id: string; target_name: string; group_id: string; connection_name: string; manual: number;
  request_message: string | null; custom_nic_name: string | null;
}

export const findEndpointRow = (s: Store, ref: PrivateEndpointRef) =>
  s.q("SELECT * FROM private_endpoints WHERE rg = ? AND name = ?")
    .get(rgOf(ref.resourceGroupName), checkResourceName("private endpoint", "privateEndpointName", ref.privateEndpointName)) as EndpointRow | undefined;

export function endpointRow(s: Store, ref: PrivateEndpointRef, field = "privateEndpointName"): EndpointRow {
  const row = findEndpointRow(s, ref);
  if (row) return row;
  const name = String(ref.privateEndpointName).toLowerCase();
  const rg = rgOf(ref.resourceGroupName);
  throw notFound(ids.privateEndpointId(rg, name), field, ref.privateEndpointName, `Microsoft.Network/privateEndpoints/${name}`, rg);
}

/** P1: exactly one connection (automatic or manual), to a resource id, with one group id the target's type offers. */
function checkConnection(id: string, endpoint: string, args: PrivateEndpointArgs) {
  const lists = [["privateLinkServiceConnections", args.privateLinkServiceConnections], ["manualPrivateLinkServiceConnections", args.manualPrivateLinkServiceConnections]] as const;
  const given = lists.flatMap(([field, list]) => (Array.isArray(list) ? list.map((c, i) => ({ c, field: `${field}[${i}]`, manual: field !== lists[0][0] })) : []));
  if (given.length !== 1) throw E.endpointConnectionCount(at(id, "privateLinkServiceConnections", given.length), { endpoint });
  const { c, field, manual } = given[0] as { c: PrivateLinkServiceConnectionArgs; field: string; manual: boolean };
  const target = typeof c?.privateLinkServiceId === "string" ? ids.parseResourceId(c.privateLinkServiceId) : undefined;
  if (!target) throw E.endpointTargetInvalid(at(id, `${field}.privateLinkServiceId`, c?.privateLinkServiceId));
  const groupIds = Array.isArray(c.groupIds) ? c.groupIds : [];
  if (groupIds.length !== 1 || typeof groupIds[0] !== "string" || groupIds[0] === "")
    throw E.endpointGroupIdCount(at(id, `${field}.groupIds`, JSON.stringify(c.groupIds ?? null)));
  const type = `${target.provider}/${target.type}`;
  const offered = servicesOf(type);
  // A target type the table does not know (a customer's Private Link service, a rarer PaaS) takes any group id.
  const known = offered.find((o) => o.groupId.toLowerCase() === groupIds[0].toLowerCase());
  if (offered.length > 0 && !known)
    throw E.endpointGroupIdUnsupported(at(id, `${field}.groupIds[0]`, groupIds[0]), { type, supported: offered.map((o) => o.groupId).join(", ") });
  return {
    targetId: canonicalTarget(target), targetName: target.name, groupId: known?.groupId ?? groupIds[0],
    connectionName: checkResourceName("private link service connection", `${field}.name`, c.name ?? endpoint), manual,
    requestMessage: typeof c.requestMessage === "string" ? c.requestMessage : null,
  };
}

/** The target id with the emulated subscription and lower-case group and name (the emulator's canonical ids). */
const canonicalTarget = (t: ids.ParsedId) =>
  `/subscriptions/${t.subscription}/resourceGroups/${t.resourceGroupName}/providers/${t.provider}/${t.type}/${t.name}`;

/** P1 with N3: the subnet, and the one address asked for (Static when `ipConfigurations[0].privateIPAddress` is given). */
function checkPlacement(s: Store, id: string, args: PrivateEndpointArgs) {
  if (typeof args.subnet?.id !== "string") throw E.endpointSubnetRequired(at(id, "subnet.id", args.subnet?.id));
  const { vnet, row } = subnetByArmId(s, args.subnet.id, id, "subnet.id");
  const configs = Array.isArray(args.ipConfigurations) ? args.ipConfigurations : [];
  if (configs.length > 1) throw E.endpointStaticAddressCount(at(id, "ipConfigurations", configs.length));
  const address = configs[0]?.privateIPAddress;
  const method: AllocationMethod = address === undefined || address === null ? "Dynamic" : "Static";
  return { vnet, subnet: row, method, address, configName: configs[0]?.name, memberName: configs[0]?.memberName };
}

function checkImmutable(id: string, endpoint: string, existing: EndpointRow, nicName: string | null) {
  if ((existing.custom_nic_name ?? null) !== nicName)
    throw E.endpointPropertyImmutable(at(id, "customNetworkInterfaceName", nicName), { endpoint, current: existing.custom_nic_name ?? "" });
}

function checkEndpointArgs(s: Store, args: PrivateEndpointArgs, existing?: EndpointRow) {
  const name = checkResourceName("private endpoint", "privateEndpointName", args.privateEndpointName);
  const rg = rgOf(args.resourceGroupName);
  const id = ids.privateEndpointId(rg, name);
  const tags = checkTags(id, args.tags);
  const location = args.location ?? existing?.location ?? DEFAULT_LOCATION;
  if (typeof location !== "string" || location.length === 0) throw E.locationInvalid(at(id, "location", location));
  const nicName = args.customNetworkInterfaceName === undefined || args.customNetworkInterfaceName === null ? null
    : checkResourceName("network interface", "customNetworkInterfaceName", args.customNetworkInterfaceName);
  if (existing) checkImmutable(id, name, existing, nicName);
  return { name, rg, id, tags, location, nicName, connection: checkConnection(id, name, args), placement: checkPlacement(s, id, args) };
}

/** The NIC Azure makes for an endpoint: `<endpoint>.nic.<guid>` unless `customNetworkInterfaceName` names it. */
function makeNic(s: Store, rg: string, name: string, location: string, custom: string | null): number {
  const nicName = custom ?? `${name}.nic.${endpointGuid(Number((s.q("SELECT coalesce(max(id), 0) + 1 AS n FROM private_endpoints").get() as { n: number }).n))}`;
  const taken = s.q("SELECT 1 FROM network_interfaces WHERE rg = ? AND name = ?").get(rg, nicName);
  if (taken) throw E.resourceExists(at(ids.nicId(rg, nicName), "customNetworkInterfaceName", nicName), { kind: "network interface", resourceGroup: rg });
  return Number(s.q("INSERT INTO network_interfaces (rg, name, location, tags) VALUES (?, ?, ?, '{}')").run(rg, nicName, location).lastInsertRowid);
}

/** P1: create or update in place; P4: its zone group's records follow a new address or target. */
export function putPrivateEndpoint(s: Store, args: PrivateEndpointArgs): PrivateEndpoint {
  const existing = findEndpointRow(s, args);
  const p = checkEndpointArgs(s, args, existing);
  const before = existing ? pairsOfEndpoint(s, existing.id) : [];
  const nicId = existing?.nic_id ?? makeNic(s, p.rg, p.name, p.location, p.nicName);
  const ip = endpointAddress(s, p.id, {
    name: "privateEndpointIpConfig", subnet: p.placement.subnet, vnetId: p.placement.vnet.id, method: p.placement.method,
    address: p.placement.address, addressField: "ipConfigurations[0].privateIPAddress", subnetField: "subnet.id",
  }, existing ? nicId : null);
  const c = p.connection;
  const values = [p.location, JSON.stringify(p.tags), c.targetId, c.targetName, c.groupId, c.connectionName, c.manual ? 1 : 0, c.requestMessage];
  let rowId: number;
  if (existing) {
    s.q(`UPDATE private_endpoints SET location = ?, tags = ?, target_id = ?, target_name = ?, group_id = ?, connection_name = ?, manual = ?,
         request_message = ? WHERE id = ?`).run(...values, existing.id);
    rowId = existing.id;
  } else {
    rowId = Number(s.q(`INSERT INTO private_endpoints (location, tags, target_id, target_name, group_id, connection_name, manual, request_message,
                        rg, name, nic_id, custom_nic_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(...values, p.rg, p.name, nicId, p.nicName).lastInsertRowid);
    s.q("UPDATE network_interfaces SET endpoint_id = ? WHERE id = ?").run(rowId, nicId);
  }
  // A static address keeps the ip configuration's given name (azure-native diffs it); else Azure's own name.
  const configName = typeof p.placement.configName === "string" && p.placement.configName !== "" ? checkResourceName("ip configuration", "ipConfigurations[0].name", p.placement.configName) : `privateEndpointIpConfig.${endpointGuid(rowId)}`;
  writeConfigs(s, nicId, [{ position: 0, name: configName, subnet: p.placement.subnet, vnetId: p.placement.vnet.id,
    ip, method: p.placement.method, primary: true }]);
  syncEndpointRecords(s, [...before, ...pairsOfEndpoint(s, rowId)]);
  return getPrivateEndpoint(s, args);
}

export function toPrivateEndpoint(s: Store, row: EndpointRow): PrivateEndpoint {
  const nic = s.q("SELECT rg, name FROM network_interfaces WHERE id = ?").get(row.nic_id) as { rg: string; name: string };
  const cfg = s.q("SELECT * FROM ip_configurations WHERE nic_id = ? AND is_primary = 1").get(row.nic_id) as { subnet_id: number; ip: string; allocation: string; name: string };
  const sub = s.q("SELECT * FROM subnets WHERE id = ?").get(cfg.subnet_id) as SubnetRow;
  const vnet = vnetById(s, sub.vnet_id);
  const id = ids.privateEndpointId(row.rg, row.name);
  const connection: PrivateLinkServiceConnection = {
    id: `${id}/privateLinkServiceConnections/${row.connection_name}`, name: row.connection_name,
    type: "Microsoft.Network/privateEndpoints/privateLinkServiceConnections", privateLinkServiceId: row.target_id, groupIds: [row.group_id],
    privateLinkServiceConnectionState: { status: "Approved", description: row.manual ? "Approved" : "Auto-Approved", actionsRequired: "None" },
    provisioningState: "Succeeded",
  };
  if (row.request_message !== null) connection.requestMessage = row.request_message;
  const fqdn = publicNameOf(row.target_id, row.group_id);
  const out: PrivateEndpoint = {
    id, name: row.name, resourceGroupName: row.rg, type: "Microsoft.Network/privateEndpoints", location: row.location, tags: JSON.parse(row.tags),
    subnet: { id: ids.subnetId(vnet.rg, vnet.name, sub.name) },
    privateLinkServiceConnections: row.manual ? [] : [connection], manualPrivateLinkServiceConnections: row.manual ? [connection] : [],
    networkInterfaces: [{ id: ids.nicId(nic.rg, nic.name) }],
    ipConfigurations: cfg.allocation === "Static" ? [{ name: cfg.name, groupId: row.group_id, memberName: row.group_id, privateIPAddress: cfg.ip }] : [],
    customDnsConfigs: fqdn ? [{ fqdn, ipAddresses: [cfg.ip] }] : [],
    privateIPAddress: cfg.ip, privateIPAllocationMethod: cfg.allocation as AllocationMethod, provisioningState: "Succeeded",
  };
  if (row.custom_nic_name !== null) out.customNetworkInterfaceName = row.custom_nic_name;
  return out;
}

export const getPrivateEndpoint = (s: Store, ref: PrivateEndpointRef) => toPrivateEndpoint(s, endpointRow(s, ref));
export function findPrivateEndpoint(s: Store, ref: PrivateEndpointRef): PrivateEndpoint | undefined {
  const row = findEndpointRow(s, ref);
  return row && toPrivateEndpoint(s, row);
}
export const listPrivateEndpoints = (s: Store): PrivateEndpoint[] =>
  (s.q("SELECT * FROM private_endpoints ORDER BY name, rg").all() as EndpointRow[]).map((r) => toPrivateEndpoint(s, r));

/** P4: the endpoint's zone group and its records go with it, then its NIC and address (N5: the subnet is free again). */
export function deletePrivateEndpoint(s: Store, ref: PrivateEndpointRef): boolean {
  const row = findEndpointRow(s, ref);
  if (!row) return false;
  const group = s.q("SELECT * FROM zone_groups WHERE endpoint_id = ?").get(row.id) as { id: number } | undefined;
  if (group) deleteZoneGroupRow(s, row, group.id);
  s.q("UPDATE network_interfaces SET endpoint_id = NULL WHERE id = ?").run(row.nic_id);
  s.q("DELETE FROM private_endpoints WHERE id = ?").run(row.id);
  removeNicRows(s, row.nic_id);
  return true;
}
