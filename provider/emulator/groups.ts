/**
 * Resource groups (N1). Choice: the other resources do not require their group to exist, as azure-native's
 * documentation programs name groups they never create (and the older kinds use the default group). Deleting
 * a group deletes what lives in it, as ARM does (E2; serve-arm): its VMs, NICs, zones with their links and
 * record sets, and vnets (a subnet still used from another group refuses, N5). A Pulumi program deletes the
 * group last, when it is already empty.
 */
import { at, E } from "./errors";
import * as ids from "./ids";
import { checkTags, rgOf } from "./rows";
import { deleteLinkRow } from "./links";
import { DEFAULT_LOCATION } from "./nics";
import * as nics from "./nics";
import * as endpoints from "./endpoints";
import * as vms from "./vms";
import * as vnets from "./vnets";
import * as zones from "./zones";
import { Store } from "./store";
import { ResourceGroup, ResourceGroupArgs, ResourceGroupRef } from "./types";

interface GroupRow { id: number; name: string; location: string; tags: string; managed_by: string | null }

const findGroupRow = (s: Store, ref: ResourceGroupRef) =>
  s.q("SELECT * FROM resource_groups WHERE name = ?").get(rgOf(ref.resourceGroupName)) as GroupRow | undefined;

const toGroup = (r: GroupRow): ResourceGroup => ({
  id: ids.resourceGroupId(r.name), name: r.name, type: "Microsoft.Resources/resourceGroups", location: r.location,
  tags: JSON.parse(r.tags), ...(r.managed_by ? { managedBy: r.managed_by } : {}), provisioningState: "Succeeded",
});

/** Create or update in place; a group's location cannot change (Azure: replace), so an update keeps it. */
export function putResourceGroup(s: Store, args: ResourceGroupArgs): ResourceGroup {
  const name = rgOf(args.resourceGroupName);
  const id = ids.resourceGroupId(name);
  const tags = checkTags(id, args.tags);
  const existing = findGroupRow(s, args);
  const location = args.location ?? existing?.location ?? DEFAULT_LOCATION;
  if (typeof location !== "string" || location.length === 0) throw E.locationInvalid(at(id, "location", location));
  const managedBy = typeof args.managedBy === "string" ? args.managedBy : null;
  if (existing) s.q("UPDATE resource_groups SET tags = ?, managed_by = ? WHERE id = ?").run(JSON.stringify(tags), managedBy, existing.id);
  else s.q("INSERT INTO resource_groups (name, location, tags, managed_by) VALUES (?, ?, ?, ?)").run(name, location.toLowerCase().replace(/\s/g, ""), JSON.stringify(tags), managedBy);
  return getResourceGroup(s, args);
}

export function getResourceGroup(s: Store, ref: ResourceGroupRef): ResourceGroup {
  const row = findGroupRow(s, ref);
  if (row) return toGroup(row);
  // Azure's code for a missing group (recorded): ResourceGroupNotFound.
  throw E.resourceGroupNotFound(at(ids.resourceGroupId(rgOf(ref.resourceGroupName)), "resourceGroupName", ref.resourceGroupName));
}
export function findResourceGroup(s: Store, ref: ResourceGroupRef): ResourceGroup | undefined {
  const row = findGroupRow(s, ref);
  return row && toGroup(row);
}
export const listResourceGroups = (s: Store): ResourceGroup[] =>
  (s.q("SELECT * FROM resource_groups ORDER BY name").all() as GroupRow[]).map(toGroup);

export function deleteResourceGroup(s: Store, ref: ResourceGroupRef): boolean {
  const row = findGroupRow(s, ref);
  if (!row) return false;
  const rg = row.name;
  for (const vm of s.q("SELECT name FROM vms WHERE rg = ?").all(rg) as { name: string }[]) vms.deleteVm(s, { resourceGroupName: rg, vmName: vm.name });
  // P4: an endpoint takes its zone group, its records and its NIC with it.
  for (const pe of s.q("SELECT name FROM private_endpoints WHERE rg = ?").all(rg) as { name: string }[]) endpoints.deletePrivateEndpoint(s, { resourceGroupName: rg, privateEndpointName: pe.name });
  for (const nic of s.q("SELECT name FROM network_interfaces WHERE rg = ?").all(rg) as { name: string }[]) {
    nics.deleteNetworkInterface(s, { resourceGroupName: rg, networkInterfaceName: nic.name });
  }
  for (const link of s.q("SELECT l.* FROM links l JOIN zones z ON z.id = l.zone_id WHERE z.rg = ?").all(rg) as any[]) deleteLinkRow(s, link);
  // Their links are gone (and with them the registrations they carried, L9), so the zones can go (Z7).
  for (const z of s.q("SELECT name FROM zones WHERE rg = ?").all(rg) as { name: string }[]) zones.deleteZone(s, { resourceGroupName: rg, privateZoneName: z.name });
  for (const v of s.q("SELECT name FROM vnets WHERE rg = ?").all(rg) as { name: string }[]) vnets.deleteVnet(s, { resourceGroupName: rg, virtualNetworkName: v.name });
  s.q("DELETE FROM resource_groups WHERE id = ?").run(row.id);
  return true;
}
