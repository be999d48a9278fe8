/** Subnets of a vnet (N2): a prefix inside the vnet's space, no overlap; in use, not deletable (N5). */
import { at, E } from "./errors";
import * as ids from "./ids";
import { canonicalCidr } from "./ip";
import { contains, overlaps } from "./addresses";
import { checkResourceName } from "./names";
import { notFound, rgOf, vnetById, VnetRow, vnetRow } from "./rows";
import { Store } from "./store";
import { InlineSubnetArgs, Subnet, SubnetArgs, SubnetRef } from "./types";

export interface SubnetRow { id: number; vnet_id: number; name: string; address_prefix: string }

/** N2: one CIDR prefix (`addressPrefix`, or a one-element `addressPrefixes`), canonical. */
function prefixOf(id: string, subnet: string, vnet: string, args: { addressPrefix?: unknown; addressPrefixes?: unknown }, field: string) {
  const given = args.addressPrefix ?? (Array.isArray(args.addressPrefixes) && args.addressPrefixes.length === 1 ? args.addressPrefixes[0] : args.addressPrefixes);
  const cidr = canonicalCidr(given);
  if (!cidr) throw E.subnetPrefixInvalid(at(id, field, given), { subnet, vnet });
  return cidr;
}

/** N2: inside one of the vnet's prefixes, overlapping none of `others` (name → prefix). */
export function checkPlacement(id: string, field: string, subnet: string, cidr: string, vnet: { name: string; prefixes: string[] }, others: SubnetRow[]) {
  if (!vnet.prefixes.some((p) => contains(p, cidr))) throw E.subnetOutsideVnet(at(id, field, cidr), { subnet, vnet: vnet.name });
  const other = others.find((o) => o.name !== subnet && overlaps(o.address_prefix, cidr));
  if (other) throw E.subnetsOverlap(at(id, field, cidr), { subnet, other: other.name, vnet: vnet.name });
}

const subnetsOf = (s: Store, vnetId: number) => s.q("SELECT * FROM subnets WHERE vnet_id = ? ORDER BY name").all(vnetId) as SubnetRow[];
const prefixesOf = (v: VnetRow): string[] => JSON.parse(v.address_prefixes);

/** N5: the first ip configuration in the subnet, as its ARM id, if any. */
function firstUser(s: Store, subnetId: number): string | undefined {
  const c = s.q(`SELECT n.rg, n.name AS nic, c.name FROM ip_configurations c JOIN network_interfaces n ON n.id = c.nic_id
                 WHERE c.subnet_id = ? ORDER BY n.rg, n.name, c.position LIMIT 1`).get(subnetId) as any;
  return c && ids.ipConfigurationId(c.rg, c.nic, c.name);
}

/** N5: refuses while an ip configuration uses the subnet. */
export function checkSubnetFree(s: Store, vnet: VnetRow, row: SubnetRow, field = "subnetName") {
  const user = firstUser(s, row.id);
  if (user) throw E.subnetInUse(at(ids.subnetId(vnet.rg, vnet.name, row.name), field, user), { subnet: row.name });
}

/** An ip configuration's prefix must keep holding its address: a subnet in use keeps its prefix (N5). */
function checkPrefixChange(s: Store, vnet: VnetRow, row: SubnetRow, cidr: string, field: string) {
  if (row.address_prefix !== cidr) checkSubnetFree(s, vnet, row, field);
}

function upsert(s: Store, vnet: VnetRow, name: string, cidr: string, field: string) {
  const row = s.q("SELECT * FROM subnets WHERE vnet_id = ? AND name = ?").get(vnet.id, name) as SubnetRow | undefined;
  if (row) {
    checkPrefixChange(s, vnet, row, cidr, field);
    s.q("UPDATE subnets SET address_prefix = ? WHERE id = ?").run(cidr, row.id);
  } else {
    s.q("INSERT INTO subnets (vnet_id, name, address_prefix) VALUES (?, ?, ?)").run(vnet.id, name, cidr);
  }
}

/** The subnet resource (azure-native `network.Subnet`): create or update in place. */
export function putSubnet(s: Store, args: SubnetArgs): Subnet {
  const vnet = vnetRow(s, { resourceGroupName: args.resourceGroupName, virtualNetworkName: args.virtualNetworkName }, "virtualNetworkName");
  const name = checkResourceName("subnet", "subnetName", args.subnetName);
  const id = ids.subnetId(vnet.rg, vnet.name, name);
  const cidr = prefixOf(id, name, vnet.name, args, "addressPrefix");
  checkPlacement(id, "addressPrefix", name, cidr, { name: vnet.name, prefixes: prefixesOf(vnet) }, subnetsOf(s, vnet.id));
  upsert(s, vnet, name, cidr, "addressPrefix");
  return getSubnet(s, args);
}

/**
 * A vnet's inline subnets (azure-native `VirtualNetwork.subnets`): the vnet then has exactly these; subnets
 * left out are deleted (N5 applies). `undefined` leaves the vnet's subnets as they are (as azure-native does
 * when `subnets` is not set, so that separate Subnet resources survive an update of their vnet).
 */
export function setInlineSubnets(s: Store, vnet: VnetRow, prefixes: string[], given: unknown): void {
  if (given === undefined || given === null) return;
  if (!Array.isArray(given)) throw E.subnetsNotList(at(ids.vnetId(vnet.rg, vnet.name), "subnets", given));
  const vnetArmId = ids.vnetId(vnet.rg, vnet.name);
  const wanted = (given as InlineSubnetArgs[]).map((sub, i) => {
    const name = checkResourceName("subnet", `subnets[${i}].name`, sub?.name);
    const cidr = prefixOf(`${vnetArmId}/subnets/${name}`, name, vnet.name, sub ?? {}, `subnets[${i}].addressPrefix`);
    return { id: 0, vnet_id: vnet.id, name, address_prefix: cidr, field: `subnets[${i}].addressPrefix` };
  });
  wanted.forEach((w, i) => {
    if (wanted.findIndex((x) => x.name === w.name) !== i) throw E.subnetNameDuplicate(at(vnetArmId, `subnets[${i}].name`, w.name), { vnet: vnet.name });
    checkPlacement(`${vnetArmId}/subnets/${w.name}`, w.field, w.name, w.address_prefix, { name: vnet.name, prefixes }, wanted);
  });
  for (const old of subnetsOf(s, vnet.id))
    if (!wanted.some((w) => w.name === old.name)) {
      checkSubnetFree(s, vnet, old, "subnets");
      s.q("DELETE FROM subnets WHERE id = ?").run(old.id);
    }
  for (const w of wanted) upsert(s, vnet, w.name, w.address_prefix, w.field);
}

/** N2: a vnet's new address space must still hold every subnet. */
export function checkSubnetsInside(s: Store, vnet: VnetRow, prefixes: string[]): void {
  for (const sub of subnetsOf(s, vnet.id))
    if (!prefixes.some((p) => contains(p, sub.address_prefix)))
      throw E.subnetOutsideVnet(at(ids.vnetId(vnet.rg, vnet.name), "addressSpace.addressPrefixes", sub.address_prefix), { subnet: sub.name, vnet: vnet.name });
}

function findSubnetRow(s: Store, ref: SubnetRef): { vnet: VnetRow; row?: SubnetRow } {
  const vnet = vnetRow(s, { resourceGroupName: ref.resourceGroupName, virtualNetworkName: ref.virtualNetworkName }, "virtualNetworkName");
  const name = checkResourceName("subnet", "subnetName", ref.subnetName);
  return { vnet, row: s.q("SELECT * FROM subnets WHERE vnet_id = ? AND name = ?").get(vnet.id, name) as SubnetRow | undefined };
}

/** A subnet named by its ARM id (an ip configuration's `subnet.id`), or a refusal naming `field`. */
export function subnetByArmId(s: Store, id: unknown, resource: string, field: string): { vnet: VnetRow; row: SubnetRow } {
  const parsed = typeof id === "string" ? ids.parseChildId(id, "subnets") : undefined;
  if (!parsed || parsed.type.toLowerCase() !== "virtualnetworks") throw E.subnetIdInvalid(at(resource, field, id));
  const vnet = vnetRow(s, { resourceGroupName: parsed.resourceGroupName, virtualNetworkName: parsed.name }, field);
  const row = s.q("SELECT * FROM subnets WHERE vnet_id = ? AND name = ?").get(vnet.id, parsed.child) as SubnetRow | undefined;
  if (!row) throw notFound(id as string, field, id, `Microsoft.Network/virtualNetworks/${vnet.name}/subnets/${parsed.child}`, vnet.rg);
  return { vnet, row };
}

export function toSubnet(s: Store, row: SubnetRow): Subnet {
  const vnet = vnetById(s, row.vnet_id);
  const users = s.q(`SELECT n.rg, n.name AS nic, c.name FROM ip_configurations c JOIN network_interfaces n ON n.id = c.nic_id
                     WHERE c.subnet_id = ? ORDER BY n.rg, n.name, c.position`).all(row.id) as any[];
  return {
    id: ids.subnetId(vnet.rg, vnet.name, row.name), name: row.name, resourceGroupName: vnet.rg, virtualNetworkName: vnet.name,
    type: "Microsoft.Network/virtualNetworks/subnets", addressPrefix: row.address_prefix,
    ipConfigurations: users.map((u) => ({ id: ids.ipConfigurationId(u.rg, u.nic, u.name) })), provisioningState: "Succeeded",
  };
}

export function findSubnet(s: Store, ref: SubnetRef): Subnet | undefined {
  const { row } = findSubnetRow(s, ref);
  return row && toSubnet(s, row);
}
export function getSubnet(s: Store, ref: SubnetRef): Subnet {
  const { vnet, row } = findSubnetRow(s, ref);
  if (row) return toSubnet(s, row);
  const name = ref.subnetName.toLowerCase();
  throw notFound(ids.subnetId(vnet.rg, vnet.name, name), "subnetName", ref.subnetName, `Microsoft.Network/virtualNetworks/${vnet.name}/subnets/${name}`, rgOf(vnet.rg));
}
export const listSubnets = (s: Store, vnet: { resourceGroupName?: string; virtualNetworkName: string }): Subnet[] =>
  subnetsOf(s, vnetRow(s, vnet, "virtualNetworkName").id).map((r) => toSubnet(s, r));

/** N5: refused while in use. Deleting what is gone (or a subnet of a gone vnet) succeeds with false. */
export function deleteSubnet(s: Store, ref: SubnetRef): boolean {
  const vnet = s.q("SELECT * FROM vnets WHERE rg = ? AND name = ?").get(rgOf(ref.resourceGroupName), String(ref.virtualNetworkName).toLowerCase()) as VnetRow | undefined;
  if (!vnet) return false;
  const row = s.q("SELECT * FROM subnets WHERE vnet_id = ? AND name = ?").get(vnet.id, checkResourceName("subnet", "subnetName", ref.subnetName)) as SubnetRow | undefined;
  if (!row) return false;
  checkSubnetFree(s, vnet, row);
  s.q("DELETE FROM subnets WHERE id = ?").run(row.id);
  return true;
}

/** N5, L11: a vnet goes only when none of its subnets is in use; its subnets go with it. */
export function deleteVnetSubnets(s: Store, vnet: VnetRow): void {
  for (const sub of subnetsOf(s, vnet.id)) checkSubnetFree(s, vnet, sub, "virtualNetworkName");
  s.q("DELETE FROM subnets WHERE vnet_id = ?").run(vnet.id);
}
