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
