/**
 * ARM-style resource ids. The SDK computes the same ids on the program side (so that a link can name a vnet
 * that is still unknown at preview), hence this module has no dependency on the store.
 */
export const EMULATED_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
export const DEFAULT_RESOURCE_GROUP = "emulator";

const lower = (s: string) => s.toLowerCase();
const rg = (resourceGroupName?: string) => lower(resourceGroupName || DEFAULT_RESOURCE_GROUP);
const base = (resourceGroupName?: string) =>
  `/subscriptions/${EMULATED_SUBSCRIPTION}/resourceGroups/${rg(resourceGroupName)}/providers`;

export const zoneId = (resourceGroupName: string | undefined, zone: string) =>
  `${base(resourceGroupName)}/Microsoft.Network/privateDnsZones/${lower(zone)}`;
export const linkId = (resourceGroupName: string | undefined, zone: string, link: string) =>
  `${zoneId(resourceGroupName, zone)}/virtualNetworkLinks/${lower(link)}`;
export const recordSetId = (resourceGroupName: string | undefined, zone: string, type: string, name: string) =>
  `${zoneId(resourceGroupName, zone)}/${type.toUpperCase()}/${lower(name)}`;
export const vnetId = (resourceGroupName: string | undefined, vnet: string) =>
  `${base(resourceGroupName)}/Microsoft.Network/virtualNetworks/${lower(vnet)}`;
export const vmId = (resourceGroupName: string | undefined, vm: string) =>
  `${base(resourceGroupName)}/Microsoft.Compute/virtualMachines/${lower(vm)}`;

export const resourceGroupId = (resourceGroupName: string | undefined) =>
  `/subscriptions/${EMULATED_SUBSCRIPTION}/resourceGroups/${rg(resourceGroupName)}`;
export const subnetId = (resourceGroupName: string | undefined, vnet: string, subnet: string) =>
  `${vnetId(resourceGroupName, vnet)}/subnets/${lower(subnet)}`;
export const nicId = (resourceGroupName: string | undefined, nic: string) =>
  `${base(resourceGroupName)}/Microsoft.Network/networkInterfaces/${lower(nic)}`;
export const ipConfigurationId = (resourceGroupName: string | undefined, nic: string, ipConfiguration: string) =>
  `${nicId(resourceGroupName, nic)}/ipConfigurations/${lower(ipConfiguration)}`;

export const privateEndpointId = (resourceGroupName: string | undefined, endpoint: string) =>
  `${base(resourceGroupName)}/Microsoft.Network/privateEndpoints/${lower(endpoint)}`;
export const zoneGroupId = (resourceGroupName: string | undefined, endpoint: string, group: string) =>
  `${privateEndpointId(resourceGroupName, endpoint)}/privateDnsZoneGroups/${lower(group)}`;

export interface ParsedId {
  subscription: string;
  resourceGroupName: string;
  provider: string;
  type: string;
  name: string;
}

/** Parses `/subscriptions/s/resourceGroups/rg/providers/Ns.Provider/type/name`; undefined if it is not one. */
export function parseResourceId(id: string): ParsedId | undefined {
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)$/i.exec(id);
  if (!m) return undefined;
  return { subscription: m[1], resourceGroupName: lower(m[2]), provider: m[3], type: m[4], name: lower(m[5]) };
}

/** A child id `<parent id>/<childType>/<child>` (a subnet of a vnet): the parent parsed, and the child's name. */
export function parseChildId(id: string, childType: string): (ParsedId & { child: string }) | undefined {
  const m = new RegExp(`^(.*)/${childType}/([^/]+)$`, "i").exec(id);
  const parent = m && parseResourceId(m[1]);
  return parent ? { ...parent, child: lower(m![2]) } : undefined;
}
