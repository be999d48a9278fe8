/** Row shapes, lookups shared by the operations, and row → output conversions. */
import { randomUUID } from "crypto";
import { at, E, text } from "./errors";
import * as ids from "./ids";
import { checkResourceName, checkZoneName, fqdnOf } from "./names";
import { Store } from "./store";
import { Link, RecordSet, RecordType, Vnet, VnetRef, Zone, ZoneRef } from "./types";
import { FIELD_OF } from "./records";

export interface ZoneRow {
  id: number; rg: string; name: string; tags: string; etag: string; internal_id: string;
  record_set_count: number; link_count: number; registration_link_count: number;
}
export interface VnetRow { id: number; rg: string; name: string; address_prefixes: string; deployment_model: string; link_count: number }
export interface LinkRow {
  id: number; zone_id: number; vnet_id: number; name: string; registration: number;
  resolution_policy: string | null; tags: string; etag: string;
}
export interface VmRow { id: number; rg: string; name: string; computer_name: string | null; vnet_id: number; power_state: string; nic_refs: number }
export interface NicRow { vm_id: number; position: number; name: string; ip: string; is_ipv4: number; reverse_name: string; is_primary: number; vnet_id: number }
export interface RecordSetRow {
  id: number; zone_id: number; name: string; rname: string; type: RecordType; ttl: number;
  data: string; metadata: string; auto: number; etag: string;
  /** P3: 1 when the platform wrote it for private DNS zone groups. */
  managed: number;
}

export const newEtag = () => randomUUID();
export const rgOf = (resourceGroupName: unknown) =>
  checkResourceName("resource group", "resourceGroupName", resourceGroupName ?? ids.DEFAULT_RESOURCE_GROUP);

/**
 * A zone's or link's tags as stored: the JSON of the map given, `null` when the write gave none. Azure answers the
 * two apart: no `tags` key for none, `"tags": {}` for an empty map (INDEX §7; a zone PUT without tags drops the key,
 * PatchZone_ZoneExistsRemoveTags_ExpectTagsRemoved).
 */
export const storedTags = (resource: string, tags: unknown): string =>
  tags === undefined || tags === null ? "null" : JSON.stringify(checkTags(resource, tags));
const tagsOut = (stored: string) => {
  const tags = JSON.parse(stored) as Record<string, string> | null;
  return tags === null ? {} : { tags };
};

/** Tags of a zone or link, metadata of a record set (`field` says which). */
export function checkTags(resource: string, tags: unknown, field = "tags"): Record<string, string> {
  if (tags === undefined || tags === null) return {};
  if (typeof tags !== "object" || Array.isArray(tags) || Object.values(tags).some((v) => typeof v !== "string"))
    throw E.tagsInvalid(at(resource, field, tags));
  return tags as Record<string, string>;
}

/**
 * ARM's 404 for a resource that does not exist, in Azure's words: `path` is the resource's type and name below
 * the provider (`Microsoft.Network/privateDnsZones/corp.internal/virtualNetworkLinks/hub`).
 */
export const notFound = (id: string, field: string, value: unknown, path: string, resourceGroup: string) =>
  E.resourceNotFound(at(id, field, value), { path, resourceGroup });

export function findZoneRow(s: Store, ref: ZoneRef): ZoneRow | undefined {
  const name = checkZoneName(ref.privateZoneName);
  return s.q("SELECT * FROM zones WHERE rg = ? AND name = ?").get(rgOf(ref.resourceGroupName), name) as ZoneRow | undefined;
}

export function zoneRow(s: Store, ref: ZoneRef, parentOf?: string): ZoneRow {
  const row = findZoneRow(s, ref);
  if (row) return row;
  const id = ids.zoneId(ref.resourceGroupName, ref.privateZoneName);
  if (parentOf) throw E.parentResourceNotFound(at(parentOf, "privateZoneName", id), { type: parentOf });
  const name = ref.privateZoneName.toLowerCase();
  throw notFound(id, "privateZoneName", name, `Microsoft.Network/privateDnsZones/${name}`, rgOf(ref.resourceGroupName));
}

/**
 * A vnet reference (ARM id or resource group + name) as resource group and name. `field` is where the request
 * holds it (`virtualNetwork.id` for links and VMs), for the refusal of a reference that is neither.
 */
function vnetNames(ref: VnetRef, field: string): { rg: string; name: string } {
  if (typeof ref === "string") {
    const parsed = ids.parseResourceId(ref);
    if (!parsed || parsed.type.toLowerCase() !== "virtualnetworks") throw E.vnetIdInvalid(at(`virtual network '${ref}'`, field, ref));
    return { rg: parsed.resourceGroupName, name: parsed.name };
  }
  if (ref && typeof ref === "object")
    return { rg: rgOf(ref.resourceGroupName), name: checkResourceName("virtual network", "virtualNetworkName", ref.virtualNetworkName) };
  // SPEC E: a typed refusal, not a TypeError (found by the fuzz tests: virtualNetwork.id null or a number)
  throw E.vnetReferenceInvalid(at(`virtual network '${text(ref)}'`, field, ref));
}

/** Resolves a vnet reference (ARM id or resource group + name) to its row, if it exists. */
export function findVnetRow(s: Store, ref: VnetRef, field = "virtualNetwork.id"): VnetRow | undefined {
  const { rg, name } = vnetNames(ref, field);
  return s.q("SELECT * FROM vnets WHERE rg = ? AND name = ?").get(rg, name) as VnetRow | undefined;
}

export function vnetRow(s: Store, ref: VnetRef, field = "virtualNetwork.id"): VnetRow {
  const row = findVnetRow(s, ref, field);
  if (row) return row;
  const { rg, name } = vnetNames(ref, field);
  const id = typeof ref === "string" ? ref : ids.vnetId(rg, name);
  throw notFound(id, field, id, `Microsoft.Network/virtualNetworks/${name}`, rg);
}

export const zoneById = (s: Store, id: number) => s.q("SELECT * FROM zones WHERE id = ?").get(id) as ZoneRow;
export const vnetById = (s: Store, id: number) => s.q("SELECT * FROM vnets WHERE id = ?").get(id) as VnetRow;

export function toZone(r: ZoneRow): Zone {
  return {
    id: ids.zoneId(r.rg, r.name), name: r.name, resourceGroupName: r.rg,
    type: "Microsoft.Network/privateDnsZones", location: "global", etag: r.etag, ...tagsOut(r.tags),
    numberOfRecordSets: r.record_set_count,
    numberOfVirtualNetworkLinks: r.link_count,
    numberOfVirtualNetworkLinksWithRegistration: r.registration_link_count,
    maxNumberOfRecordSets: 25000, maxNumberOfVirtualNetworkLinks: 1000,
    maxNumberOfVirtualNetworkLinksWithRegistration: 100,
    provisioningState: "Succeeded", internalId: r.internal_id,
  };
}

export function toVnet(r: VnetRow): Vnet {
  return {
    id: ids.vnetId(r.rg, r.name), name: r.name, resourceGroupName: r.rg,
    addressSpace: { addressPrefixes: JSON.parse(r.address_prefixes) },
    deploymentModel: r.deployment_model as Vnet["deploymentModel"],
  };
}

/** The names a link's output needs; a listing passes them from its join instead of two lookups per link. */
export interface LinkNames { zone_rg: string; zone_name: string; vnet_rg: string; vnet_name: string }

export function toLink(s: Store, r: LinkRow, names?: LinkNames): Link {
  const z = names ? { rg: names.zone_rg, name: names.zone_name } : zoneById(s, r.zone_id);
  const v = names ? { rg: names.vnet_rg, name: names.vnet_name } : vnetById(s, r.vnet_id);
  const link: Link = {
    id: ids.linkId(z.rg, z.name, r.name), name: r.name, resourceGroupName: z.rg, privateZoneName: z.name,
    type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks", location: "global", etag: r.etag,
    ...tagsOut(r.tags), virtualNetwork: { id: ids.vnetId(v.rg, v.name) },
    registrationEnabled: r.registration === 1,
    virtualNetworkLinkState: "Completed", provisioningState: "Succeeded",
  };
  if (r.resolution_policy) link.resolutionPolicy = r.resolution_policy as Link["resolutionPolicy"];
  return link;
}

export function toRecordSet(z: ZoneRow, r: RecordSetRow): RecordSet {
  const data = JSON.parse(r.data);
  const field = FIELD_OF[r.type];
  const value = data[field] ?? (r.type === "CNAME" || r.type === "SOA" ? undefined : []);
  const set = {
    id: ids.recordSetId(z.rg, z.name, r.type, r.name), name: r.name,
    type: `Microsoft.Network/privateDnsZones/${r.type}`, recordType: r.type,
    resourceGroupName: z.rg, privateZoneName: z.name, etag: r.etag, ttl: r.ttl,
    fqdn: fqdnOf(r.name, z.name),
    isAutoRegistered: r.auto === 1, metadata: JSON.parse(r.metadata),
  } as RecordSet;
  if (value !== undefined) (set as any)[field] = value;
  return set;
}
