/**
 * Resource groups: a name, a location and tags, kept so that ARM clients (serve-arm) can create and read them.
 * Zones and vnets name a resource group without requiring that it was created (a Pulumi program never creates
 * the emulator's). Deleting a group deletes what lives in it, as ARM does: links of its zones, its zones with
 * their record sets, its vnets with their links and VMs.
 */
import { at, E } from "./errors";
import { checkTags, rgOf } from "./rows";
import { deleteLinkRow } from "./links";
import * as vnets from "./vnets";
import { Store } from "./store";
import { ResourceGroup, ResourceGroupArgs } from "./types";
import { EMULATED_SUBSCRIPTION } from "./ids";

interface Row { name: string; location: string; tags: string; managed_by: string | null }

const toGroup = (r: Row): ResourceGroup => ({
  id: `/subscriptions/${EMULATED_SUBSCRIPTION}/resourceGroups/${r.name}`, name: r.name,
  type: "Microsoft.Resources/resourceGroups", location: r.location, tags: JSON.parse(r.tags),
  ...(r.managed_by ? { managedBy: r.managed_by } : {}), provisioningState: "Succeeded",
});

const row = (s: Store, name: string) => s.q("SELECT * FROM resource_groups WHERE name = ?").get(name) as Row | undefined;

/** Creates the group or replaces its tags (ARM's PUT); the location of an existing group cannot change. */
export function putResourceGroup(s: Store, args: ResourceGroupArgs): ResourceGroup {
  const name = rgOf(args.resourceGroupName);
  const tags = checkTags(`resource group '${name}'`, args.tags);
  const location = typeof args.location === "string" && args.location ? args.location.toLowerCase().replace(/\s/g, "") : "westus";
  s.q(`INSERT INTO resource_groups (name, location, tags, managed_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET tags = excluded.tags, managed_by = excluded.managed_by`)
    .run(name, location, JSON.stringify(tags), typeof args.managedBy === "string" ? args.managedBy : null);
  return getResourceGroup(s, name);
}

export function findResourceGroup(s: Store, resourceGroupName: string): ResourceGroup | undefined {
  const r = row(s, rgOf(resourceGroupName));
  return r && toGroup(r);
}

export function getResourceGroup(s: Store, resourceGroupName: string): ResourceGroup {
  const found = findResourceGroup(s, resourceGroupName);
  if (!found) throw E.resourceGroupNotFound(at(`resource group '${resourceGroupName}'`, "resourceGroupName", resourceGroupName));
  return found;
}

export const listResourceGroups = (s: Store): ResourceGroup[] =>
  (s.q("SELECT * FROM resource_groups ORDER BY name").all() as Row[]).map(toGroup);

/** Deletes the group and everything in it; deleting what is gone returns false. */
export function deleteResourceGroup(s: Store, resourceGroupName: string): boolean {
  const name = rgOf(resourceGroupName);
  if (!row(s, name)) return false;
  for (const link of s.q("SELECT l.* FROM links l JOIN zones z ON z.id = l.zone_id WHERE z.rg = ?").all(name) as any[]) deleteLinkRow(s, link);
  for (const z of s.q("SELECT id FROM zones WHERE rg = ?").all(name) as { id: number }[]) {
    s.q("DELETE FROM registrations WHERE zone_id = ?").run(z.id);
    s.q("DELETE FROM record_sets WHERE zone_id = ?").run(z.id);
    s.q("DELETE FROM zones WHERE id = ?").run(z.id);
  }
  for (const v of s.q("SELECT name FROM vnets WHERE rg = ?").all(name) as { name: string }[])
    vnets.deleteVnet(s, { resourceGroupName: name, virtualNetworkName: v.name });
  s.q("DELETE FROM resource_groups WHERE name = ?").run(name);
  return true;
}
