/** Virtual network links: L1-L13, and Z6 for a vnet linked to two zones of one name. */
import { badRequest, conflict, EmulatorError, text } from "./errors";
import * as ids from "./ids";
import { checkLinkName } from "./names";
import { checkTags, findZoneRow, LinkNames, LinkRow, newEtag, toLink, vnetRow, zoneById, ZoneRow, zoneRow } from "./rows";
import { syncRegistrations } from "./registration";
import { Store } from "./store";
import { Link, LinkArgs, LinkRef, VnetRef, ZoneRef } from "./types";

const MAX_LINKS_PER_ZONE = 1000;
const MAX_REGISTRATION_LINKS_PER_ZONE = 100;
const MAX_ZONES_PER_VNET = 1000;

const quota = (rule: string, resource: string, value: unknown, message: string) =>
  new EmulatorError("QuotaExceeded", rule, resource, value, message);

function checkResolutionPolicy(zone: ZoneRow, id: string, policy: unknown): string | null {
  if (policy === undefined || policy === null) return null;
  if (policy !== "Default" && policy !== "NxDomainRedirect")
    throw badRequest("L12", id, policy, `resolutionPolicy '${text(policy)}' must be 'Default' or 'NxDomainRedirect'.`);
  if (policy === "NxDomainRedirect" && !zone.name.startsWith("privatelink."))
    throw badRequest("L12", id, policy,
      `ResolutionPolicy not supported: NxDomainRedirect is accepted only on privatelink zones, not on '${zone.name}'.`);
  return policy;
}

function checkRegistration(id: string, value: unknown): boolean {
  if (value === undefined || value === null) return false; // L2: resolution link by default
  if (typeof value !== "boolean") throw badRequest("L2", id, value, "registrationEnabled must be true or false.");
  return value;
}

/** L3 and L4 for a link that is to have registration enabled on vnet `vnetId` in `zone`. */
function checkRegistrationAllowed(s: Store, zone: ZoneRow, vnetId: number, id: string, vnetArmId: string, exceptLink?: number) {
  const other = s.q("SELECT * FROM links WHERE vnet_id = ? AND registration = 1 AND id IS NOT ?").get(vnetId, exceptLink ?? null) as LinkRow | undefined;
  if (other)
    throw conflict("L3", id, vnetArmId,
      `A virtual network can only be linked to 1 Private DNS zone(s) with auto-registration enabled; ` +
      `conflicting Private DNS zone is "${zoneById(s, other.zone_id).name}"`);
  if (zone.registration_link_count >= MAX_REGISTRATION_LINKS_PER_ZONE)
    throw quota("L4", id, zone.registration_link_count,
      `The zone '${zone.name}' already has ${MAX_REGISTRATION_LINKS_PER_ZONE} links with auto-registration enabled.`);
}

export function createLink(s: Store, args: LinkArgs): Link {
  const zone = zoneRow(s, args, "privateDnsZones/virtualNetworkLinks");
  const name = checkLinkName(args.virtualNetworkLinkName);
  const id = ids.linkId(zone.rg, zone.name, name);
  const vnetArmId = args.virtualNetwork?.id;
  if (typeof vnetArmId !== "string")
    throw badRequest("L1", id, vnetArmId, "virtualNetwork.id is required: a link joins a zone to a virtual network.");
  const vnet = vnetRow(s, vnetArmId);
  const canonicalVnetId = ids.vnetId(vnet.rg, vnet.name);
  const registration = checkRegistration(id, args.registrationEnabled);
  const policy = checkResolutionPolicy(zone, id, args.resolutionPolicy);
  const tags = checkTags("E", id, args.tags);
  if (vnet.deployment_model === "Classic")
    throw badRequest("L7", id, canonicalVnetId, `Virtual networks deployed with the classic deployment model cannot be linked: '${canonicalVnetId}'.`);
  if (s.q("SELECT 1 FROM links WHERE zone_id = ? AND name = ?").get(zone.id, name))
    throw conflict("L6", id, name, `The Virtual Network link ${name} for the Private DNS zone ${zone.name} exists already and hence cannot be created again.`);
  if (s.q("SELECT 1 FROM links WHERE zone_id = ? AND vnet_id = ?").get(zone.id, vnet.id))
    throw conflict("L5", id, canonicalVnetId, `Private zone '${zone.name}' is already linked to the virtual network '${canonicalVnetId}'.`);
  const sameName = s.q(`SELECT z.name FROM links l JOIN zones z ON z.id = l.zone_id
                        WHERE l.vnet_id = ? AND z.name = ? LIMIT 1`).get(vnet.id, zone.name);
  if (sameName)
    throw badRequest("Z6", id, zone.name,
      `A virtual network cannot be linked to multiple zones with overlapping namespaces. ` +
      `You tried to link virtual network with '${zone.name}' and '${zone.name}' zones.`);
  if (zone.link_count >= MAX_LINKS_PER_ZONE)
    throw quota("L4", id, zone.link_count, `The zone '${zone.name}' already has ${MAX_LINKS_PER_ZONE} virtual network links.`);
  if (vnet.link_count >= MAX_ZONES_PER_VNET)
    throw quota("L4", id, vnet.link_count, `The virtual network '${canonicalVnetId}' is already linked to ${MAX_ZONES_PER_VNET} zones.`);
  if (registration) checkRegistrationAllowed(s, zone, vnet.id, id, canonicalVnetId);

  s.q(`INSERT INTO links (zone_id, vnet_id, name, registration, resolution_policy, tags, etag)
       VALUES (?, ?, ?, ?, ?, ?, ?)`).run(zone.id, vnet.id, name, registration ? 1 : 0, policy, JSON.stringify(tags), newEtag());
  s.q("UPDATE zones SET link_count = link_count + 1, registration_link_count = registration_link_count + ? WHERE id = ?")
    .run(registration ? 1 : 0, zone.id);
  s.q("UPDATE vnets SET link_count = link_count + 1 WHERE id = ?").run(vnet.id);
  if (registration) syncRegistrations(s, { vnetId: vnet.id }); // L9: VMs already in the vnet are registered
  return getLink(s, args);
}

function linkRow(s: Store, ref: LinkRef): { zone: ZoneRow; row: LinkRow | undefined; name: string } {
  const zone = zoneRow(s, ref);
  const name = checkLinkName(ref.virtualNetworkLinkName);
  return { zone, name, row: s.q("SELECT * FROM links WHERE zone_id = ? AND name = ?").get(zone.id, name) as LinkRow | undefined };
}

/** Registration, resolution policy and tags change in place; the zone and vnet cannot (L13). */
export function updateLink(s: Store, args: Partial<LinkArgs> & LinkRef): Link {
  const { zone, row, name } = linkRow(s, args);
  const id = ids.linkId(zone.rg, zone.name, name);
  if (!row) throw new EmulatorError("ResourceNotFound", "E", id, name, `The Resource '${id}' was not found.`);
  if (args.virtualNetwork?.id !== undefined) {
    const wanted = vnetRow(s, args.virtualNetwork.id);
    if (wanted.id !== row.vnet_id)
      throw badRequest("L13", id, args.virtualNetwork.id, "A link's virtual network cannot change after creation; replace the link instead.");
  }
  const registration = args.registrationEnabled === undefined ? row.registration === 1 : checkRegistration(id, args.registrationEnabled);
  const policy = args.resolutionPolicy === undefined ? row.resolution_policy : checkResolutionPolicy(zone, id, args.resolutionPolicy);
  const tags = args.tags === undefined ? JSON.parse(row.tags) : checkTags("E", id, args.tags);
  const vnet = s.q("SELECT * FROM vnets WHERE id = ?").get(row.vnet_id) as any;
  if (registration && row.registration === 0)
    checkRegistrationAllowed(s, zone, row.vnet_id, id, ids.vnetId(vnet.rg, vnet.name), row.id);
  s.q("UPDATE links SET registration = ?, resolution_policy = ?, tags = ?, etag = ? WHERE id = ?")
    .run(registration ? 1 : 0, policy, JSON.stringify(tags), newEtag(), row.id);
  const delta = (registration ? 1 : 0) - row.registration;
  if (delta !== 0) {
    s.q("UPDATE zones SET registration_link_count = registration_link_count + ? WHERE id = ?").run(delta, zone.id);
    syncRegistrations(s, { vnetId: row.vnet_id }); // L9: backfill on enable; records removed on disable (choice)
  }
  return getLink(s, args);
}

export function getLink(s: Store, ref: LinkRef): Link {
  const { zone, row, name } = linkRow(s, ref);
  if (!row) {
    const id = ids.linkId(zone.rg, zone.name, name);
    throw new EmulatorError("ResourceNotFound", "E", id, name,
      `The Resource 'Microsoft.Network/privateDnsZones/${zone.name}/virtualNetworkLinks/${name}' under resource group '${zone.rg}' was not found.`);
  }
  return toLink(s, row);
}

export function findLink(s: Store, ref: LinkRef): Link | undefined {
  if (!findZoneRow(s, ref)) return undefined;
  const { row } = linkRow(s, ref);
  return row && toLink(s, row);
}

export function listLinks(s: Store, filter: { zone?: ZoneRef; vnet?: VnetRef } = {}): Link[] {
  const zoneId = filter.zone ? zoneRow(s, filter.zone).id : null;
  const vnetId = filter.vnet ? vnetRow(s, filter.vnet).id : null;
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

export function deleteLink(s: Store, ref: LinkRef): boolean {
  if (!findZoneRow(s, ref)) return false;
  const { row } = linkRow(s, ref);
  if (!row) return false;
  deleteLinkRow(s, row);
  return true;
}
