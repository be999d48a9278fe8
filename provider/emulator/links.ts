/** Virtual network links: L1-L13, and Z6 for a vnet linked to two zones of one name. */
import { at, E } from "./errors";
import { checkPreconditions, Preconditions } from "./conditions";
import * as ids from "./ids";
import { checkLinkName } from "./names";
import { findZoneRow, storedTags, LinkNames, LinkRow, newEtag, notFound, rgOf, toLink, vnetById, vnetRow, zoneById, ZoneRow, zoneRow } from "./rows";
import { syncRegistrations } from "./registration";
import { Store } from "./store";
import { Link, LinkArgs, LinkRef, Upserted, VnetRef, ZoneRef } from "./types";

const MAX_LINKS_PER_ZONE = 1000;
const MAX_REGISTRATION_LINKS_PER_ZONE = 100;
const MAX_ZONES_PER_VNET = 1000;

/** L12; a link to a privatelink zone that names no policy gets Default (ListLinks_PrivateLinkZone_..., recorded). */
function checkResolutionPolicy(zone: ZoneRow, id: string, policy: unknown): string | null {
  if (policy === undefined || policy === null) return zone.name.startsWith("privatelink.") ? "Default" : null;
  const where = at(id, "resolutionPolicy", policy);
  if (policy !== "Default" && policy !== "NxDomainRedirect") throw E.resolutionPolicyInvalid(where);
  if (policy === "NxDomainRedirect" && !zone.name.startsWith("privatelink.")) throw E.resolutionPolicyNotSupported(where, { zone: zone.name });
  return policy;
}

function checkRegistration(id: string, value: unknown): boolean {
  if (value === undefined || value === null) return false; // L2: resolution link by default
  if (typeof value !== "boolean") throw E.registrationFlagInvalid(at(id, "registrationEnabled", value));
  return value;
}

/**
 * L3 and L4 for a link that is to have registration enabled on vnet `vnetId` in `zone`. Both refusals are blamed
 * on registrationEnabled: the same link without registration would be accepted.
 */
function checkRegistrationAllowed(s: Store, zone: ZoneRow, vnetId: number, id: string, vnetArmId: string, exceptLink?: number) {
  const other = s.q("SELECT * FROM links WHERE vnet_id = ? AND registration = 1 AND id IS NOT ?").get(vnetId, exceptLink ?? null) as LinkRow | undefined;
  if (other) throw E.registrationZoneConflict(at(id, "registrationEnabled", vnetArmId), { zone: zoneById(s, other.zone_id).name });
  if (zone.registration_link_count >= MAX_REGISTRATION_LINKS_PER_ZONE)
    throw E.registrationLinksQuota(at(id, "registrationEnabled", zone.registration_link_count),
      { zone: zone.name, max: MAX_REGISTRATION_LINKS_PER_ZONE });
}

const LINK_PARENT = "privateDnsZones/virtualNetworkLinks";

export const createLink = (s: Store, args: LinkArgs): Link => create(s, args, zoneRow(s, args, LINK_PARENT));

/** createLink in a zone looked up once; answers the link as written, without reading it back. */
function create(s: Store, args: LinkArgs, zone: ZoneRow): Link {
  const name = checkLinkName(args.virtualNetworkLinkName);
  const id = ids.linkId(zone.rg, zone.name, name);
  const vnetArmId = args.virtualNetwork?.id;
  if (typeof vnetArmId !== "string") throw E.linkVnetRequired(at(id, "virtualNetwork.id", vnetArmId));
  const vnet = vnetRow(s, vnetArmId);
  const canonicalVnetId = ids.vnetId(vnet.rg, vnet.name);
  const registration = checkRegistration(id, args.registrationEnabled);
  const policy = checkResolutionPolicy(zone, id, args.resolutionPolicy);
  const tags = storedTags(id, args.tags);
  const atVnet = at(id, "virtualNetwork.id", canonicalVnetId);
  if (vnet.deployment_model === "Classic") throw E.classicVnetLink(atVnet);
  if (s.q("SELECT 1 FROM links WHERE zone_id = ? AND name = ?").get(zone.id, name))
    throw E.linkExists(at(id, "virtualNetworkLinkName", name), { zone: zone.name });
  if (s.q("SELECT 1 FROM links WHERE zone_id = ? AND vnet_id = ?").get(zone.id, vnet.id)) throw E.vnetAlreadyLinked(atVnet, { zone: zone.name });
  const sameName = s.q(`SELECT z.name FROM links l JOIN zones z ON z.id = l.zone_id
                        WHERE l.vnet_id = ? AND z.name = ? LIMIT 1`).get(vnet.id, zone.name);
  if (sameName) throw E.zoneNamespaceOverlap(at(id, "privateZoneName", zone.name));
  if (zone.link_count >= MAX_LINKS_PER_ZONE)
    throw E.zoneLinksQuota(at(id, "privateZoneName", zone.link_count), { zone: zone.name, max: MAX_LINKS_PER_ZONE });
  if (vnet.link_count >= MAX_ZONES_PER_VNET)
    throw E.vnetLinksQuota(at(id, "virtualNetwork.id", vnet.link_count), { vnet: canonicalVnetId, max: MAX_ZONES_PER_VNET });
  if (registration) checkRegistrationAllowed(s, zone, vnet.id, id, canonicalVnetId);

  const row = { zone_id: zone.id, vnet_id: vnet.id, name, registration: registration ? 1 : 0, resolution_policy: policy, tags, etag: newEtag() };
  const { lastInsertRowid } = s.q(`INSERT INTO links (zone_id, vnet_id, name, registration, resolution_policy, tags, etag)
       VALUES (?, ?, ?, ?, ?, ?, ?)`).run(row.zone_id, row.vnet_id, row.name, row.registration, row.resolution_policy, row.tags, row.etag);
  s.q("UPDATE zones SET link_count = link_count + 1, registration_link_count = registration_link_count + ? WHERE id = ?")
    .run(row.registration, zone.id);
  s.q("UPDATE vnets SET link_count = link_count + 1 WHERE id = ?").run(vnet.id);
  if (registration) syncRegistrations(s, { vnetId: vnet.id }); // L9: VMs already in the vnet are registered
  return toLink(s, { id: Number(lastInsertRowid), ...row }, namesOf(zone, vnet));
}

const namesOf = (zone: ZoneRow, vnet: { rg: string; name: string }): LinkNames =>
  ({ zone_rg: zone.rg, zone_name: zone.name, vnet_rg: vnet.rg, vnet_name: vnet.name });

/**
 * The link's zone and row. Reading a link of a zone that does not exist is the link's own 404, in the same words
 * (PatchLink_ZoneNotExists_ExpectError, recorded); writing one is the parent's (ParentResourceNotFound).
 */
function linkRow(s: Store, ref: LinkRef, parentOf?: string): LinkTarget {
  const found = findZoneRow(s, ref);
  if (!parentOf && !found) {
    const zone = ref.privateZoneName.toLowerCase();
    throw linkNotFound({ rg: rgOf(ref.resourceGroupName), name: zone }, checkLinkName(ref.virtualNetworkLinkName));
  }
  const zone = found ?? zoneRow(s, ref, parentOf);
  const name = checkLinkName(ref.virtualNetworkLinkName);
  return { zone, name, row: s.q("SELECT * FROM links WHERE zone_id = ? AND name = ?").get(zone.id, name) as LinkRow | undefined };
}

interface LinkTarget { zone: ZoneRow; row: LinkRow | undefined; name: string }

/** ResourceNotFound for a link, as Azure words it (GetLink_LinkNotExists_ExpectError). */
const linkNotFound = (zone: { rg: string; name: string }, name: string) =>
  notFound(ids.linkId(zone.rg, zone.name, name), "virtualNetworkLinkName", name,
    `Microsoft.Network/privateDnsZones/${zone.name}/virtualNetworkLinks/${name}`, zone.rg);

/** E1: a write's If-Match / If-None-Match against the link as it is. */
function checkLinkConditions(zone: ZoneRow, name: string, row: LinkRow | undefined, pre: Preconditions) {
  const where = at(ids.linkId(zone.rg, zone.name, name), "virtualNetworkLinkName", name);
  checkPreconditions(row?.etag, pre, {
    exists: () => E.linkPreconditionExists(where, { zone: zone.name }),
    mismatch: () => E.linkEtagMismatch(where, { zone: zone.name }),
  });
}

/** ARM's PUT: creates the link or updates it in place, after the write's preconditions (E1); `created` tells which. */
export function upsertLink(s: Store, args: LinkArgs): Upserted<Link> {
  const target = linkRow(s, args, LINK_PARENT);
  checkLinkConditions(target.zone, target.name, target.row, args);
  return target.row ? { resource: update(s, args, target), created: false } : { resource: create(s, args, target.zone), created: true };
}

export const putLink = (s: Store, args: LinkArgs): Link => upsertLink(s, args).resource;

/** Registration, resolution policy and tags change in place; the zone and vnet cannot (L13). */
export const updateLink = (s: Store, args: Partial<LinkArgs> & LinkRef): Link => update(s, args, linkRow(s, args));

/** updateLink on its target as looked up once; answers the link as written. */
function update(s: Store, args: Partial<LinkArgs> & LinkRef, { zone, row, name }: LinkTarget): Link {
  const id = ids.linkId(zone.rg, zone.name, name);
  if (!row) throw linkNotFound(zone, name);
  checkLinkConditions(zone, name, row, args);
  if (args.virtualNetwork?.id !== undefined) {
    const wanted = vnetRow(s, args.virtualNetwork.id);
    if (wanted.id !== row.vnet_id) throw E.linkVnetImmutable(at(id, "virtualNetwork.id", args.virtualNetwork.id));
  }
  const registration = args.registrationEnabled === undefined ? row.registration === 1 : checkRegistration(id, args.registrationEnabled);
  const policy = args.resolutionPolicy === undefined ? row.resolution_policy : checkResolutionPolicy(zone, id, args.resolutionPolicy);
  const tags = args.tags === undefined ? row.tags : storedTags(id, args.tags);
  const vnet = vnetById(s, row.vnet_id);
  if (registration && row.registration === 0)
    checkRegistrationAllowed(s, zone, row.vnet_id, id, ids.vnetId(vnet.rg, vnet.name), row.id);
  const written: LinkRow = { ...row, registration: registration ? 1 : 0, resolution_policy: policy, tags, etag: newEtag() };
  s.q("UPDATE links SET registration = ?, resolution_policy = ?, tags = ?, etag = ? WHERE id = ?")
    .run(written.registration, written.resolution_policy, written.tags, written.etag, row.id);
  const delta = written.registration - row.registration;
  if (delta !== 0) {
    s.q("UPDATE zones SET registration_link_count = registration_link_count + ? WHERE id = ?").run(delta, zone.id);
    syncRegistrations(s, { vnetId: row.vnet_id }); // L9: backfill on enable; records removed on disable (choice)
  }
  return toLink(s, written, namesOf(zone, vnet));
}

export function getLink(s: Store, ref: LinkRef): Link {
  const { zone, row, name } = linkRow(s, ref);
  if (!row) throw linkNotFound(zone, name);
  return toLink(s, row);
}

export function findLink(s: Store, ref: LinkRef): Link | undefined {
  if (!findZoneRow(s, ref)) return undefined;
  const { row } = linkRow(s, ref);
  return row && toLink(s, row);
}

export function listLinks(s: Store, filter: { zone?: ZoneRef; vnet?: VnetRef } = {}): Link[] {
  const zoneId = filter.zone ? zoneRow(s, filter.zone).id : null;
  const vnetId = filter.vnet ? vnetRow(s, filter.vnet, "vnet").id : null;
  const rows = s.q(`SELECT l.*, z.rg AS zone_rg, z.name AS zone_name, v.rg AS vnet_rg, v.name AS vnet_name
                    FROM links l JOIN zones z ON z.id = l.zone_id JOIN vnets v ON v.id = l.vnet_id
                    WHERE (? IS NULL OR l.zone_id = ?) AND (? IS NULL OR l.vnet_id = ?)
                    ORDER BY z.name, z.rg, l.name`).all(zoneId, zoneId, vnetId, vnetId) as (LinkRow & LinkNames)[];
  return rows.map((r) => toLink(s, r, r));
}

/** L10: deleting a link removes that vnet's auto-registered records from the zone. */
export function deleteLinkRow(s: Store, row: LinkRow, sync = true): void {
  s.q("DELETE FROM links WHERE id = ?").run(row.id);
  s.q("UPDATE zones SET link_count = link_count - 1, registration_link_count = registration_link_count - ? WHERE id = ?")
    .run(row.registration, row.zone_id);
  s.q("UPDATE vnets SET link_count = link_count - 1 WHERE id = ?").run(row.vnet_id);
  if (row.registration === 1 && sync) syncRegistrations(s, { vnetId: row.vnet_id });
}

export function deleteLink(s: Store, ref: LinkRef & Preconditions): boolean {
  if (!findZoneRow(s, ref)) return false;
  const { zone, row, name } = linkRow(s, ref);
  if (!row) return false;
  checkLinkConditions(zone, name, row, ref);
  deleteLinkRow(s, row);
  return true;
}
