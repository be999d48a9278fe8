import { canonicalIp, Emulator, ids } from "../emulator";
import { hasUnknown } from "../unknown";
import { KindSpec } from "./spec";
import { nameOr, rgOr, tagsOr } from "./common";
import { locationOr, sameLocation } from "./resourceGroup";

/** An ARM id with its names in the emulator's canonical form (lower case, the emulated subscription), else as given. */
export function canonicalId(id: unknown): unknown {
  if (typeof id !== "string") return id;
  const child = ids.parseChildId(id, "subnets");
  if (child) return ids.subnetId(child.resourceGroupName, child.name, child.child);
  const parsed = ids.parseResourceId(id);
  if (!parsed) return id;
  return `/subscriptions/${ids.EMULATED_SUBSCRIPTION}/resourceGroups/${parsed.resourceGroupName}/providers/${parsed.provider}/${parsed.type}/${parsed.name}`;
}

/**
 * What decides an ip configuration, as given or as Azure returns it (defaults filled as N3 fills them: none marked
 * primary means the first; a secondary without a subnet is in the primary's), for diff.
 */
const configView = (list: any) => {
  if (!Array.isArray(list)) return list;
  const primaryAt = Math.max(0, list.findIndex((c: any) => c?.primary === true));
  return list.map((c: any, i: number) => {
    const method = c?.privateIPAllocationMethod ?? (c?.privateIPAddress ? "Static" : "Dynamic");
    return {
      name: nameOr(c?.name), subnet: canonicalId(c?.subnet?.id ?? list[primaryAt]?.subnet?.id), method,
      ip: method === "Static" ? canonicalIp(c?.privateIPAddress)?.ip ?? c?.privateIPAddress : null, primary: i === primaryAt,
    };
  });
};

/** The given ip configuration of that name (its fields the emulator keeps without emulating them). */
const givenConfig = (list: unknown, name: string) =>
  (Array.isArray(list) ? list.find((c) => typeof c?.name === "string" && c.name.toLowerCase() === name) : undefined) ?? {};

/** azure-native `network.NetworkInterface` (N3). */
export const networkInterface: KindSpec = {
  kind: "NetworkInterface",
  inputKeys: ["resourceGroupName", "networkInterfaceName", "location", "ipConfigurations", "tags"],
  replaceKeys: ["resourceGroupName", "networkInterfaceName", "location"],
  computedKeys: [],
  keepsOthers: true,
  sameAs: { location: sameLocation, ipConfigurations: (old, news) => JSON.stringify(configView(old)) === JSON.stringify(configView(news)) },
  normalize: (n) => ({
    ...n, resourceGroupName: rgOr(n.resourceGroupName), networkInterfaceName: nameOr(n.networkInterfaceName),
    location: locationOr(n.location), tags: n.tags ?? {}, name: nameOr(n.networkInterfaceName),
  }),
  whatIfArgs: (i) => (hasUnknown([i.resourceGroupName, i.networkInterfaceName, i.ipConfigurations ?? null]) ? undefined : {
    resourceGroupName: i.resourceGroupName, networkInterfaceName: i.networkInterfaceName, location: hasUnknown(i.location) ? undefined : i.location,
    tags: tagsOr(i.tags),
    // Whole: the emulator reads the fields it emulates; the others come back in the outputs (kept, not emulated).
    ipConfigurations: i.ipConfigurations,
  }),
  fieldChecks: () => {},
  create: (a) => ({ op: "createNetworkInterface", args: a as any }),
  update: (a) => ({ op: "putNetworkInterface", args: a as any }),
  remove: (a) => ({ op: "deleteNetworkInterface", args: { resourceGroupName: a.resourceGroupName, networkInterfaceName: a.networkInterfaceName } }),
  identity: (a) => `${a.resourceGroupName}/${a.networkInterfaceName}`.toLowerCase(),
  id: (a) => ids.nicId(a.resourceGroupName, a.networkInterfaceName),
  read(emu: Emulator, a) {
    const n = emu.findNetworkInterface({ resourceGroupName: a.resourceGroupName, networkInterfaceName: a.networkInterfaceName });
    if (!n) return undefined;
    const out: Record<string, unknown> = {
      resourceGroupName: n.resourceGroupName, networkInterfaceName: n.name, location: n.location, tags: n.tags, name: n.name, type: n.type,
      ipConfigurations: n.ipConfigurations.map((c) => ({ ...givenConfig(a.ipConfigurations, c.name), ...c })), provisioningState: n.provisioningState, azureApiVersion: "2024-05-01",
    };
    if (n.virtualMachine) Object.assign(out, { virtualMachine: n.virtualMachine, primary: n.primary });
    return out;
  },
};
