import { Emulator, ids } from "../emulator";
import { hasUnknown, isUnknown } from "../unknown";
import { KindSpec } from "./spec";
import { nameOr, tagsOr } from "./common";

/** Azure writes locations in lower case without spaces (`East US` → `eastus`). */
export const locationOr = (v: unknown) => (typeof v === "string" && !isUnknown(v) ? v.replace(/\s+/g, "").toLowerCase() : v);

/** Azure answers `global` for `Global`: a location compares without case or spaces; not given, it is the one Azure chose. */
export const sameLocation = (old: unknown, news: unknown) => news === undefined || locationOr(old) === locationOr(news);

/** azure-native `resources.ResourceGroup` (N1). */
export const resourceGroup: KindSpec = {
  kind: "ResourceGroup",
  inputKeys: ["resourceGroupName", "location", "tags"],
  replaceKeys: ["resourceGroupName", "location"],
  computedKeys: [],
  keepsOthers: true,
  sameAs: { location: sameLocation },
  normalize: (n) => ({ ...n, resourceGroupName: nameOr(n.resourceGroupName), location: locationOr(n.location), tags: n.tags ?? {}, name: nameOr(n.resourceGroupName) }),
  whatIfArgs: (i) => (hasUnknown(i.resourceGroupName) ? undefined
    : { resourceGroupName: i.resourceGroupName, location: isUnknown(i.location) ? undefined : i.location, tags: tagsOr(i.tags) }),
  fieldChecks: () => {},
  create: (a) => ({ op: "createResourceGroup", args: a as any }),
  update: (a) => ({ op: "putResourceGroup", args: a as any }),
  remove: (a) => ({ op: "deleteResourceGroup", args: { resourceGroupName: a.resourceGroupName } }),
  identity: (a) => String(a.resourceGroupName).toLowerCase(),
  id: (a) => ids.resourceGroupId(a.resourceGroupName),
  read(emu: Emulator, a) {
    const g = emu.findResourceGroup({ resourceGroupName: a.resourceGroupName });
    if (!g) return undefined;
    return {
      resourceGroupName: g.name, location: g.location, tags: g.tags, name: g.name, type: g.type,
      properties: { provisioningState: g.provisioningState }, azureApiVersion: "2024-03-01",
    };
  },
};
