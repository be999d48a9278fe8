import { checkLinkName, checkZoneName, Emulator, ids } from "../emulator";
import { hasUnknown, isUnknown } from "../unknown";
import { KindSpec } from "./spec";
import { canonicalVnet, nameOr, rgOr, tagsOr, vnetIdOf } from "./common";

export const link: KindSpec = {
  kind: "VnetLink",
  inputKeys: [
    "privateZoneName", "virtualNetworkLinkName", "resourceGroupName", "virtualNetwork", "registrationEnabled", "resolutionPolicy", "tags",
  ],
  // L13: a link's zone and vnet cannot change (replace instead).
  replaceKeys: ["privateZoneName", "resourceGroupName", "virtualNetworkLinkName", "virtualNetwork"],
  computedKeys: ["virtualNetworkLinkState", "provisioningState"],
  // L12: a link to a privatelink zone is stored with `Default` when none is given; no input is not a change.
  sameAs: { resolutionPolicy: (old, news) => (news === undefined ? old === undefined || old === "Default" : old === news) },
  normalize: (n) => ({
    ...n,
    privateZoneName: nameOr(n.privateZoneName),
    virtualNetworkLinkName: nameOr(n.virtualNetworkLinkName),
    resourceGroupName: rgOr(n.resourceGroupName),
    registrationEnabled: n.registrationEnabled ?? false, // L2
    virtualNetwork: canonicalVnet(n.virtualNetwork),
    tags: n.tags ?? {},
    name: nameOr(n.virtualNetworkLinkName),
  }),
  whatIfArgs(i) {
    const vnetId = vnetIdOf(i);
    if (!vnetId || hasUnknown(i.privateZoneName) || hasUnknown(i.virtualNetworkLinkName) || hasUnknown(i.resourceGroupName)) return undefined;
    const args: Record<string, unknown> = {
      privateZoneName: i.privateZoneName, virtualNetworkLinkName: i.virtualNetworkLinkName,
      resourceGroupName: i.resourceGroupName, virtualNetwork: { id: vnetId },
      // An unknown registration flag stands in as false: it can only take rules away, never add a refusal.
      registrationEnabled: isUnknown(i.registrationEnabled) ? false : i.registrationEnabled,
      tags: tagsOr(i.tags),
    };
    if (i.resolutionPolicy !== undefined && !isUnknown(i.resolutionPolicy)) args.resolutionPolicy = i.resolutionPolicy;
    return args;
  },
  fieldChecks(i) {
    if (!isUnknown(i.privateZoneName)) checkZoneName(i.privateZoneName);
    if (!isUnknown(i.virtualNetworkLinkName)) checkLinkName(i.virtualNetworkLinkName);
  },
  create: (a) => ({ op: "createLink", args: a as any }),
  update: (a) => ({ op: "updateLink", args: a as any }),
  remove: (a) => ({ op: "deleteLink", args: a as any }),
  identity: (a) => `${a.resourceGroupName}/${a.privateZoneName}/${a.virtualNetworkLinkName}`.toLowerCase(),
  id: (a) => ids.linkId(a.resourceGroupName, a.privateZoneName, a.virtualNetworkLinkName),
  read(emu: Emulator, a) {
    const zoneExists = emu.findZone({ resourceGroupName: a.resourceGroupName, privateZoneName: a.privateZoneName });
    const l = zoneExists && emu.findLink({
      resourceGroupName: a.resourceGroupName, privateZoneName: a.privateZoneName, virtualNetworkLinkName: a.virtualNetworkLinkName,
    });
    if (!l) return undefined;
    const { id: _id, privateZoneName, resourceGroupName, name, ...rest } = l;
    return { privateZoneName, virtualNetworkLinkName: name, resourceGroupName, ...rest, name };
  },
};
