import { canonicalCidr, Emulator, ids } from "../emulator";
import { hasUnknown, isUnknown } from "../unknown";
import { KindSpec } from "./spec";
import { nameOr, rgOr } from "./common";

/** Preview stand-in for an unknown address space: contains every address, so it can never cause an A9 refusal. */
const EVERYTHING = ["0.0.0.0/0", "::/0"];

export const vnet: KindSpec = {
  kind: "Vnet",
  inputKeys: ["virtualNetworkName", "resourceGroupName", "addressSpace", "deploymentModel"],
  replaceKeys: ["virtualNetworkName", "resourceGroupName"],
  computedKeys: [],
  normalize: (n) => ({
    ...n,
    virtualNetworkName: nameOr(n.virtualNetworkName),
    resourceGroupName: rgOr(n.resourceGroupName),
    deploymentModel: n.deploymentModel ?? "ResourceManager",
    addressSpace: Array.isArray(n.addressSpace?.addressPrefixes)
      ? { addressPrefixes: n.addressSpace.addressPrefixes.map((p: unknown) => canonicalCidr(p) ?? p) } : n.addressSpace,
    name: nameOr(n.virtualNetworkName),
  }),
  whatIfArgs(i) {
    if (hasUnknown(i.virtualNetworkName) || hasUnknown(i.resourceGroupName)) return undefined;
    const prefixes = i.addressSpace?.addressPrefixes;
    return {
      virtualNetworkName: i.virtualNetworkName,
      resourceGroupName: i.resourceGroupName,
      addressSpace: { addressPrefixes: hasUnknown(i.addressSpace) ? EVERYTHING : prefixes },
      deploymentModel: isUnknown(i.deploymentModel) ? "ResourceManager" : i.deploymentModel,
    };
  },
  fieldChecks: () => {},
  create: (a) => ({ op: "createVnet", args: a as any }),
  update: (a) => ({ op: "updateVnet", args: a as any }),
  remove: (a) => ({ op: "deleteVnet", args: { resourceGroupName: a.resourceGroupName, virtualNetworkName: a.virtualNetworkName } }),
  identity: (a) => `${a.resourceGroupName}/${a.virtualNetworkName}`.toLowerCase(),
  id: (a) => ids.vnetId(a.resourceGroupName, a.virtualNetworkName),
  read(emu: Emulator, a) {
    const v = emu.findVnet({ resourceGroupName: a.resourceGroupName, virtualNetworkName: a.virtualNetworkName });
    if (!v) return undefined;
    return {
      virtualNetworkName: v.name, resourceGroupName: v.resourceGroupName, addressSpace: v.addressSpace,
      deploymentModel: v.deploymentModel, name: v.name,
    };
  },
};
