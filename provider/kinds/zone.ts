import { checkZoneName, Emulator, ids } from "../emulator";
import { hasUnknown, isUnknown } from "../unknown";
import { Inputs, KindSpec } from "./spec";
import { nameOr, rgOr, tagsOr } from "./common";
import { RECORD_FIELDS } from "./recordSet";

export const zone: KindSpec = {
  kind: "Zone",
  inputKeys: ["privateZoneName", "resourceGroupName", "tags"],
  replaceKeys: ["privateZoneName", "resourceGroupName"],
  computedKeys: [
    "numberOfRecordSets", "numberOfVirtualNetworkLinks", "numberOfVirtualNetworkLinksWithRegistration", "recordSets",
  ],
  normalize: (n) => ({
    ...n,
    privateZoneName: nameOr(n.privateZoneName),
    resourceGroupName: rgOr(n.resourceGroupName),
    tags: n.tags ?? {},
    name: nameOr(n.privateZoneName),
  }),
  whatIfArgs: (i) =>
    hasUnknown(i.privateZoneName) || hasUnknown(i.resourceGroupName) ? undefined
      : { privateZoneName: i.privateZoneName, resourceGroupName: i.resourceGroupName, tags: tagsOr(i.tags) },
  fieldChecks: (i) => {
    if (!isUnknown(i.privateZoneName)) checkZoneName(i.privateZoneName);
  },
  create: (a) => ({ op: "createZone", args: a as any }),
  update: (a) => ({ op: "updateZone", args: a as any }),
  remove: (a) => ({ op: "deleteZone", args: a as any }),
  identity: (a) => `${a.resourceGroupName}/${a.privateZoneName}`.toLowerCase(),
  id: (a) => ids.zoneId(a.resourceGroupName, a.privateZoneName),
  read(emu: Emulator, a: Inputs) {
    const z = emu.findZone({ resourceGroupName: a.resourceGroupName, privateZoneName: a.privateZoneName });
    if (!z) return undefined;
    // Each set with its records (`aRecords`, `cnameRecord`, `soaRecord`, ...), as Azure's list answers (issue 12, item 4).
    const recordSets = emu.listRecordSets({ resourceGroupName: z.resourceGroupName, privateZoneName: z.name }).map((r) => ({
      name: r.name, recordType: r.recordType, fqdn: r.fqdn, ttl: r.ttl, isAutoRegistered: r.isAutoRegistered,
      ...Object.fromEntries(RECORD_FIELDS.filter((f) => (r as any)[f] !== undefined).map((f) => [f, (r as any)[f]])),
    }));
    const { id: _id, resourceGroupName, name, tags, ...rest } = z;
    return { privateZoneName: name, resourceGroupName, tags, ...rest, name, recordSets };
  },
};
