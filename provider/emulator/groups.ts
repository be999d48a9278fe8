/**
 * Resource groups (N1). Choice: the other resources do not require their group to exist, as azure-native's
 * documentation programs name groups they never create (and the older kinds use the default group); deleting a
 * group deletes the group alone (a Pulumi program deletes what it holds first).
 */
import { at, E } from "./errors";
import * as ids from "./ids";
import { checkTags, notFound, rgOf } from "./rows";
import { DEFAULT_LOCATION } from "./nics";
import { Store } from "./store";
import { ResourceGroup, ResourceGroupArgs, ResourceGroupRef } from "./types";

interface GroupRow { id: number; name: string; location: string; tags: string }

const findGroupRow = (s: Store, ref: ResourceGroupRef) =>
  s.q("SELECT * FROM resource_groups WHERE name = ?").get(rgOf(ref.resourceGroupName)) as GroupRow | undefined;

const toGroup = (r: GroupRow): ResourceGroup => ({
  id: ids.resourceGroupId(r.name), name: r.name, type: "Microsoft.Resources/resourceGroups", location: r.location,
  tags: JSON.parse(r.tags), provisioningState: "Succeeded",
});

/** Create or update in place; a group's location cannot change (Azure: replace), so an update keeps it. */
export function putResourceGroup(s: Store, args: ResourceGroupArgs): ResourceGroup {
  const name = rgOf(args.resourceGroupName);
  const id = ids.resourceGroupId(name);
  const tags = checkTags(id, args.tags);
  const existing = findGroupRow(s, args);
  const location = args.location ?? existing?.location ?? DEFAULT_LOCATION;
  if (typeof location !== "string" || location.length === 0) throw E.locationInvalid(at(id, "location", location));
  if (existing) s.q("UPDATE resource_groups SET tags = ? WHERE id = ?").run(JSON.stringify(tags), existing.id);
  else s.q("INSERT INTO resource_groups (name, location, tags) VALUES (?, ?, ?)").run(name, location.toLowerCase(), JSON.stringify(tags));
  return getResourceGroup(s, args);
}

export function getResourceGroup(s: Store, ref: ResourceGroupRef): ResourceGroup {
  const row = findGroupRow(s, ref);
  if (row) return toGroup(row);
  const name = rgOf(ref.resourceGroupName);
  throw notFound(ids.resourceGroupId(name), "resourceGroupName", ref.resourceGroupName, `resourceGroups/${name}`, name);
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
  s.q("DELETE FROM resource_groups WHERE id = ?").run(row.id);
  return true;
}
