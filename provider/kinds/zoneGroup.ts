import { checkZoneConfigList, Emulator, ids } from "../emulator";
import { hasUnknown, isUnknown, UNKNOWN } from "../unknown";
import { Inputs, KindSpec } from "./spec";
import { nameOr, rgOr } from "./common";
import { canonicalId } from "./networkInterface";

/** A zone id in the form the SDK computes it (`ids.zoneId`), for comparing ids; undefined if it is not a zone's id. */
function zoneKey(id: unknown): string | undefined {
  const p = typeof id === "string" && !isUnknown(id) ? ids.parseResourceId(id) : undefined;
  return p && p.type.toLowerCase() === "privatednszones" ? ids.zoneId(p.resourceGroupName, p.name) : undefined;
}

/**
 * Each config's zone id: as given when known, else the id the SDK computed from the zone's names
 * (`__privateDnsZoneIds`, as `__virtualNetworkId` for a vnet), so that a group naming a new zone is judged at preview.
 */
function zoneIdsOf(i: Inputs): unknown[] {
  const configs = Array.isArray(i.privateDnsZoneConfigs) ? i.privateDnsZoneConfigs : [];
  const hints = Array.isArray(i.__privateDnsZoneIds) ? i.__privateDnsZoneIds : [];
  return configs.map((c: any, k: number) => {
    if (!hasUnknown(c?.privateDnsZoneId)) return c?.privateDnsZoneId;
    return typeof hints[k] === "string" && !isUnknown(hints[k]) ? hints[k] : UNKNOWN;
  });
}

/** P2: configs as they decide things (name, zone), for diff: the state's output (with its record sets) against the input. */
const configView = (list: unknown) => (Array.isArray(list)
  ? list.map((c: any) => ({ name: nameOr(c?.name), zone: canonicalId(c?.privateDnsZoneId) }))
  : list);

/** The group's id for messages, once its names are known strings (a refusal must never turn into a TypeError). */
const groupArm = (i: Inputs) => ([i.resourceGroupName, i.privateEndpointName, i.privateDnsZoneGroupName].every((v) => typeof v === "string" && !isUnknown(v))
  ? ids.zoneGroupId(i.resourceGroupName, i.privateEndpointName, i.privateDnsZoneGroupName) : "private DNS zone group");

/** azure-native `network.PrivateDnsZoneGroup` (P2-P4): an endpoint's one group of 1-5 zone configs; the records it causes are outputs. */
export const privateDnsZoneGroup: KindSpec = {
  kind: "PrivateDnsZoneGroup",
  inputKeys: ["resourceGroupName", "privateEndpointName", "privateDnsZoneGroupName", "privateDnsZoneConfigs"],
  replaceKeys: ["resourceGroupName", "privateEndpointName", "privateDnsZoneGroupName"],
  // P3: the record sets of each config follow the endpoint's address and the other endpoints of its target (drift).
  computedKeys: ["privateDnsZoneConfigs"],
  keepsOthers: true,
  sameAs: { privateDnsZoneConfigs: (old, news) => JSON.stringify(configView(old)) === JSON.stringify(configView(news)) },
  normalize: (n) => ({
    ...n, resourceGroupName: rgOr(n.resourceGroupName), privateEndpointName: nameOr(n.privateEndpointName),
    privateDnsZoneGroupName: nameOr(n.privateDnsZoneGroupName), name: nameOr(n.privateDnsZoneGroupName),
  }),
  whatIfArgs(i) {
    const list = i.privateDnsZoneConfigs;
    if (hasUnknown([i.resourceGroupName, i.privateEndpointName, i.privateDnsZoneGroupName]) || isUnknown(list)) return undefined;
    if (Array.isArray(list) && list.some((c: any) => isUnknown(c) || hasUnknown(c?.name))) return undefined;
    const zoneIds = zoneIdsOf(i);
    const configs = Array.isArray(list) ? list.map((c: any, k: number) => ({ name: c?.name, privateDnsZoneId: zoneIds[k] })) : list;
    // A zone id with no hint has no stand-in (the group names a real zone): judged once known.
    if (hasUnknown(configs ?? null)) return undefined;
    return { resourceGroupName: i.resourceGroupName, privateEndpointName: i.privateEndpointName, privateDnsZoneGroupName: i.privateDnsZoneGroupName, privateDnsZoneConfigs: configs };
  },
  fieldChecks(i) {
    // P2's count and names, also while zone ids are unknown; a name not known yet stands in as one of its own.
    const configs = i.privateDnsZoneConfigs;
    if (!Array.isArray(configs)) return;
    checkZoneConfigList(groupArm(i), configs.map((c: any, k: number) => ({ name: isUnknown(c) || hasUnknown(c?.name) ? `unknown-at-preview-${k}` : c?.name })));
  },
  /** P4 at preview: a zone this program declared at its last deployment and no longer does, while this group names it. */
  deletions(olds, i) {
    const before = olds?.__programZones;
    const now = i.__programZones;
    if (!Array.isArray(before) || !Array.isArray(now) || hasUnknown(now)) return [];
    const kept = new Set(now.map(zoneKey));
    const dropped = new Set(before.map(zoneKey).filter((z) => z !== undefined && !kept.has(z)));
    return zoneIdsOf(i).flatMap((id, k) => {
      const key = zoneKey(id);
      const p = key && dropped.has(key) ? ids.parseResourceId(key) : undefined;
      return p && key ? [{ key, field: `privateDnsZoneConfigs[${k}].privateDnsZoneId`,
        op: { op: "deleteZone" as const, args: { resourceGroupName: p.resourceGroupName, privateZoneName: p.name } } }] : [];
    });
  },
  create: (a) => ({ op: "createPrivateDnsZoneGroup", args: a as any }),
  update: (a) => ({ op: "putPrivateDnsZoneGroup", args: a as any }),
  remove: (a) => ({ op: "deletePrivateDnsZoneGroup", args: {
    resourceGroupName: a.resourceGroupName, privateEndpointName: a.privateEndpointName, privateDnsZoneGroupName: a.privateDnsZoneGroupName } }),
  identity: (a) => `${a.resourceGroupName}/${a.privateEndpointName}/${a.privateDnsZoneGroupName}`.toLowerCase(),
  id: (a) => ids.zoneGroupId(a.resourceGroupName, a.privateEndpointName, a.privateDnsZoneGroupName),
  read(emu: Emulator, a) {
    const g = emu.findPrivateDnsZoneGroup({
      resourceGroupName: a.resourceGroupName, privateEndpointName: a.privateEndpointName, privateDnsZoneGroupName: a.privateDnsZoneGroupName });
    if (!g) return undefined;
    return {
      resourceGroupName: g.resourceGroupName, privateEndpointName: g.privateEndpointName, privateDnsZoneGroupName: g.name, name: g.name, type: g.type,
      privateDnsZoneConfigs: g.privateDnsZoneConfigs, provisioningState: g.provisioningState, azureApiVersion: "2024-05-01",
    };
  },
};
