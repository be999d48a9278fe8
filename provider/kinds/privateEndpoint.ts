import { canonicalIp, Emulator, ids } from "../emulator";
import { hasUnknown } from "../unknown";
import { KindSpec } from "./spec";
import { nameOr, rgOr, tagsOr } from "./common";
import { canonicalId } from "./networkInterface";
import { locationOr, sameLocation } from "./resourceGroup";

const lowerList = (v: unknown) => (Array.isArray(v) ? v.map((x) => String(x).toLowerCase()).join(",") : v);

/**
 * P1: connections as they decide things (target, group id; the name when given: Azure names it after the endpoint
 * otherwise), for diff: the state's output against the program's input.
 */
function sameConnections(old: unknown, news: unknown): boolean {
  const a = Array.isArray(old) ? old : [];
  const b = Array.isArray(news) ? news : [];
  return a.length === b.length && b.every((c: any, i) => canonicalId(c?.privateLinkServiceId) === canonicalId(a[i]?.privateLinkServiceId)
    && lowerList(c?.groupIds) === lowerList(a[i]?.groupIds) && (c?.name === undefined || nameOr(c.name) === nameOr(a[i]?.name)));
}

/** P1 with N3: the static address asked for, if any (Azure lists no ip configuration for a Dynamic endpoint). */
const staticView = (list: unknown) => (Array.isArray(list) ? list : [])
  .filter((c: any) => c?.privateIPAddress !== undefined && c?.privateIPAddress !== null)
  .map((c: any) => canonicalIp(c.privateIPAddress)?.ip ?? c.privateIPAddress);

/** The given item at `i` of a list input (its fields the emulator keeps without emulating them). */
const givenAt = (list: unknown, i: number): Record<string, any> => (Array.isArray(list) && list[i] && typeof list[i] === "object" ? list[i] : {});

/** azure-native `network.PrivateEndpoint` (P1): an address in a subnet, held by a NIC the platform makes; one connection to a target. */
export const privateEndpoint: KindSpec = {
  kind: "PrivateEndpoint",
  inputKeys: ["resourceGroupName", "privateEndpointName", "location", "subnet", "privateLinkServiceConnections",
    "manualPrivateLinkServiceConnections", "ipConfigurations", "customNetworkInterfaceName", "tags"],
  // P1: customNetworkInterfaceName cannot change; names and location are identity, as azure-native replaces on them.
  replaceKeys: ["resourceGroupName", "privateEndpointName", "location", "customNetworkInterfaceName"],
  computedKeys: [],
  keepsOthers: true,
  sameAs: {
    location: sameLocation,
    subnet: (old: any, news: any) => canonicalId(old?.id) === canonicalId(news?.id),
    privateLinkServiceConnections: sameConnections,
    manualPrivateLinkServiceConnections: sameConnections,
    ipConfigurations: (old, news) => JSON.stringify(staticView(old)) === JSON.stringify(staticView(news)),
  },
  normalize: (n) => ({
    ...n, resourceGroupName: rgOr(n.resourceGroupName), privateEndpointName: nameOr(n.privateEndpointName), location: locationOr(n.location),
    customNetworkInterfaceName: nameOr(n.customNetworkInterfaceName), tags: n.tags ?? {}, name: nameOr(n.privateEndpointName),
  }),
  whatIfArgs(i) {
    // A subnet id, a target or an address has no stand-in that could not refuse (or accept) wrongly: judged once known.
    const decisive = [i.resourceGroupName, i.privateEndpointName, i.subnet ?? null, i.privateLinkServiceConnections ?? null,
      i.manualPrivateLinkServiceConnections ?? null, i.ipConfigurations ?? null, i.customNetworkInterfaceName ?? null];
    if (hasUnknown(decisive)) return undefined;
    return {
      resourceGroupName: i.resourceGroupName, privateEndpointName: i.privateEndpointName, location: hasUnknown(i.location) ? undefined : i.location,
      tags: tagsOr(i.tags), subnet: i.subnet, privateLinkServiceConnections: i.privateLinkServiceConnections,
      manualPrivateLinkServiceConnections: i.manualPrivateLinkServiceConnections, ipConfigurations: i.ipConfigurations,
      customNetworkInterfaceName: i.customNetworkInterfaceName,
    };
  },
  fieldChecks: () => {},
  create: (a) => ({ op: "createPrivateEndpoint", args: a as any }),
  update: (a) => ({ op: "putPrivateEndpoint", args: a as any }),
  remove: (a) => ({ op: "deletePrivateEndpoint", args: { resourceGroupName: a.resourceGroupName, privateEndpointName: a.privateEndpointName } }),
  identity: (a) => `${a.resourceGroupName}/${a.privateEndpointName}`.toLowerCase(),
  id: (a) => ids.privateEndpointId(a.resourceGroupName, a.privateEndpointName),
  read(emu: Emulator, a) {
    const e = emu.findPrivateEndpoint({ resourceGroupName: a.resourceGroupName, privateEndpointName: a.privateEndpointName });
    if (!e) return undefined;
    const { id: _id, name, resourceGroupName, subnet, privateLinkServiceConnections: auto, manualPrivateLinkServiceConnections: manual, ipConfigurations, ...rest } = e;
    const merged = (given: unknown, list: typeof auto) => list.map((c, i) => ({ ...givenAt(given, i), ...c }));
    return {
      resourceGroupName, privateEndpointName: name, name, ...rest, subnet: { ...givenAt([a.subnet], 0), ...subnet },
      privateLinkServiceConnections: merged(a.privateLinkServiceConnections, auto),
      manualPrivateLinkServiceConnections: merged(a.manualPrivateLinkServiceConnections, manual),
      // Azure echoes the ip configuration's given name; the emulator names its NIC's configuration.
      ipConfigurations: ipConfigurations.map((c, i) => ({ ...givenAt(a.ipConfigurations, i), ...c, name: givenAt(a.ipConfigurations, i).name ?? c.name })),
      azureApiVersion: "2024-05-01",
    };
  },
};
