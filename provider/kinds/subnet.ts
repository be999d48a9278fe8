import { canonicalCidr, Emulator, ids, Subnet } from "../emulator";
import { hasUnknown } from "../unknown";
import { KindSpec } from "./spec";
import { nameOr, rgOr } from "./common";

/** A subnet's outputs as Azure fills them (also the items of a vnet's `subnets`). */
export const subnetOutputs = (s: Subnet) => ({
  id: s.id, name: s.name, addressPrefix: s.addressPrefix, ipConfigurations: s.ipConfigurations,
  provisioningState: s.provisioningState, type: s.type,
});

/** azure-native `network.Subnet` (N2, N5). */
export const subnet: KindSpec = {
  kind: "Subnet",
  inputKeys: ["resourceGroupName", "virtualNetworkName", "subnetName", "addressPrefix", "addressPrefixes"],
  replaceKeys: ["resourceGroupName", "virtualNetworkName", "subnetName"],
  computedKeys: [],
  keepsOthers: true,
  normalize: (n) => ({
    ...n, resourceGroupName: rgOr(n.resourceGroupName), virtualNetworkName: nameOr(n.virtualNetworkName), subnetName: nameOr(n.subnetName),
    addressPrefix: canonicalCidr(n.addressPrefix) ?? n.addressPrefix, name: nameOr(n.subnetName),
  }),
  whatIfArgs: (i) => (hasUnknown([i.resourceGroupName, i.virtualNetworkName, i.subnetName, i.addressPrefix ?? null, i.addressPrefixes ?? null]) ? undefined
    : { resourceGroupName: i.resourceGroupName, virtualNetworkName: i.virtualNetworkName, subnetName: i.subnetName, addressPrefix: i.addressPrefix, addressPrefixes: i.addressPrefixes }),
  fieldChecks: () => {},
  create: (a) => ({ op: "createSubnet", args: a as any }),
  update: (a) => ({ op: "putSubnet", args: a as any }),
  remove: (a) => ({ op: "deleteSubnet", args: { resourceGroupName: a.resourceGroupName, virtualNetworkName: a.virtualNetworkName, subnetName: a.subnetName } }),
  identity: (a) => `${a.resourceGroupName}/${a.virtualNetworkName}/${a.subnetName}`.toLowerCase(),
  id: (a) => ids.subnetId(a.resourceGroupName, a.virtualNetworkName, a.subnetName),
  read(emu: Emulator, a) {
    const vnet = emu.findVnet({ resourceGroupName: a.resourceGroupName, virtualNetworkName: a.virtualNetworkName });
    const s = vnet && emu.findSubnet({ resourceGroupName: a.resourceGroupName, virtualNetworkName: a.virtualNetworkName, subnetName: a.subnetName });
    if (!s) return undefined;
    const { id: _id, ...outs } = subnetOutputs(s);
    const prefixes = Array.isArray(a.addressPrefixes) ? { addressPrefixes: [s.addressPrefix] } : {};
    return { resourceGroupName: s.resourceGroupName, virtualNetworkName: s.virtualNetworkName, subnetName: s.name, ...outs, ...prefixes, azureApiVersion: "2024-05-01" };
  },
};
