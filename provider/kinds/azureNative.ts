/**
 * azure-native's private DNS classes and its VirtualNetwork, by their names: the emulator's own kinds (zone, vnet,
 * link, record set) with azure-native's extra inputs kept (not emulated) and Azure's extra outputs filled in.
 */
import { canonicalCidr, Emulator, ids } from "../emulator";
import { hasUnknown } from "../unknown";
import { Inputs, Kind, KindSpec } from "./spec";
import { zone } from "./zone";
import { vnet } from "./vnet";
import { link } from "./link";
import { recordSet } from "./recordSet";
import { subnetOutputs } from "./subnet";
import { sameLocation } from "./resourceGroup";


function flavour(base: KindSpec, kind: Kind, more: Partial<KindSpec> & { outputs?: (emu: Emulator, a: Inputs, out: Inputs) => Inputs }): KindSpec {
  const { outputs, inputKeys = [], sameAs = {}, ...rest } = more;
  return {
    ...base, ...rest, kind, keepsOthers: true,
    inputKeys: [...base.inputKeys, ...inputKeys],
    sameAs: { ...base.sameAs, location: sameLocation, ...sameAs },
    read(emu, a) {
      const out = base.read(emu, a);
      return out && (outputs ? outputs(emu, a, out) : out);
    },
  };
}

export const privateZone = flavour(zone, "PrivateZone", {
  inputKeys: ["location"],
  outputs: (_emu, _a, out) => ({ ...out, type: "Microsoft.Network/privateDnsZones", azureApiVersion: "2024-06-01" }),
});

export const virtualNetworkLink = flavour(link, "VirtualNetworkLink", {
  inputKeys: ["location"],
  outputs: (_emu, _a, out) => ({ ...out, type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks", azureApiVersion: "2024-06-01" }),
});

export const privateRecordSet = flavour(recordSet, "PrivateRecordSet", {
  outputs: (_emu, _a, out) => ({ ...out, type: `Microsoft.Network/privateDnsZones/${out.recordType}`, azureApiVersion: "2024-06-01" }),
});

/** A vnet's inline subnets as they decide things (name, prefix); not given, the vnet keeps its subnets. */
const subnetView = (list: any) => (Array.isArray(list)
  ? list.map((s: any) => ({ name: String(s?.name).toLowerCase(), prefix: canonicalCidr(s?.addressPrefix ?? s?.addressPrefixes?.[0]) })).sort((a, b) => a.name.localeCompare(b.name))
  : list);
const givenSubnet = (list: unknown, name: string) =>
  (Array.isArray(list) ? list.find((s) => typeof s?.name === "string" && s.name.toLowerCase() === name) : undefined) ?? {};

/**
 * Inline subnets with their ARM ids, known from the names: at preview the engine takes a new resource's outputs
 * from its checked inputs, so `vnet.subnets[0].id` is the real id there too (not `undefined`).
 */
function withSubnetIds(i: Inputs): Inputs {
  const names = [i.resourceGroupName, i.virtualNetworkName];
  if (!Array.isArray(i.subnets) || hasUnknown(names)) return i;
  return { ...i, subnets: i.subnets.map((s: any) => (s && typeof s.name === "string" && !hasUnknown(s.name)
    ? { ...s, id: ids.subnetId(i.resourceGroupName, i.virtualNetworkName, s.name) } : s)) };
}

export const virtualNetwork = flavour(vnet, "VirtualNetwork", {
  inputKeys: ["subnets"],
  normalize: (n) => withSubnetIds(vnet.normalize(n)),
  sameAs: {
    subnets: (old, news) => news === undefined || JSON.stringify(subnetView(old)) === JSON.stringify(subnetView(news)),
  },
  whatIfArgs(i) {
    // Unknown inline subnets: judged once known (an unknown prefix has no stand-in that could not refuse).
    if (hasUnknown(i.subnets ?? null)) return undefined;
    const args = vnet.whatIfArgs(i);
    return args && i.subnets !== undefined ? { ...args, subnets: i.subnets } : args;
  },
  outputs: (emu, a, out) => ({
    ...out, type: "Microsoft.Network/virtualNetworks", provisioningState: "Succeeded", azureApiVersion: "2024-05-01",
    subnets: emu.listSubnets({ resourceGroupName: out.resourceGroupName, virtualNetworkName: out.virtualNetworkName })
      .map((s) => ({ ...givenSubnet(a.subnets, s.name), ...subnetOutputs(s) })),
  }),
});
