/** Virtual networks: address space (A9), deployment model (L7), deletion cascade (L11). */
import { at, E } from "./errors";
import * as ids from "./ids";
import { canonicalCidr, inAddressSpace } from "./ip";
import { checkResourceName } from "./names";
import { findVnetRow, NicRow, rgOf, toVnet, vnetRow } from "./rows";
import { deleteLinkRow } from "./links";
import { syncRegistrations } from "./registration";
import { checkSubnetsInside, deleteVnetSubnets, setInlineSubnets } from "./subnets";
import { Store } from "./store";
import { Vnet, VnetArgs, VnetRef } from "./types";

function checkVnetArgs(args: VnetArgs) {
  const name = checkResourceName("virtual network", "virtualNetworkName", args.virtualNetworkName);
  const rg = rgOf(args.resourceGroupName);
  const id = ids.vnetId(rg, name);
  const prefixes = args.addressSpace?.addressPrefixes;
  if (!Array.isArray(prefixes) || prefixes.length === 0) throw E.addressPrefixesRequired(at(id, "addressSpace.addressPrefixes", prefixes));
  const cidrs = prefixes.map((p, i) => {
    const c = canonicalCidr(p);
    if (!c) throw E.addressPrefixInvalid(at(id, `addressSpace.addressPrefixes[${i}]`, p));
    return c;
  });
  const model = args.deploymentModel ?? "ResourceManager";
  if (model !== "ResourceManager" && model !== "Classic") throw E.deploymentModelInvalid(at(id, "deploymentModel", model));
  return { name, rg, id, cidrs, model };
}

export function createVnet(s: Store, args: VnetArgs): Vnet {
  const { name, rg, id, cidrs, model } = checkVnetArgs(args);
  if (findVnetRow(s, { resourceGroupName: rg, virtualNetworkName: name }))
    throw E.resourceExists(at(id, "virtualNetworkName", name), { kind: "virtual network", resourceGroup: rg });
  s.q("INSERT INTO vnets (rg, name, address_prefixes, deployment_model) VALUES (?, ?, ?, ?)")
    .run(rg, name, JSON.stringify(cidrs), model);
  setInlineSubnets(s, vnetRow(s, id), cidrs, args.subnets); // N2
  return getVnet(s, id);
}

/** A9: every NIC already in the vnet must stay inside the new address space; L7: linked vnets stay ARM. */
export function updateVnet(s: Store, args: VnetArgs): Vnet {
  const { id, cidrs, model } = checkVnetArgs(args);
  const row = vnetRow(s, id);
  for (const nic of s.q("SELECT * FROM nics WHERE vnet_id = ?").iterate(row.id) as Iterable<NicRow>) {
    if (!inAddressSpace(nic.ip, cidrs))
      throw E.addressSpaceExcludesNic(at(id, "addressSpace.addressPrefixes", nic.ip), { prefixes: JSON.stringify(cidrs), nic: nic.name });
  }
  if (model === "Classic" && row.link_count > 0) throw E.linkedVnetToClassic(at(id, "deploymentModel", model));
  if (args.subnets === undefined || args.subnets === null) checkSubnetsInside(s, row, cidrs); // N2
  else setInlineSubnets(s, row, cidrs, args.subnets);
  s.q("UPDATE vnets SET address_prefixes = ?, deployment_model = ? WHERE id = ?").run(JSON.stringify(cidrs), model, row.id);
  return getVnet(s, id);
}

export const getVnet = (s: Store, ref: VnetRef): Vnet => toVnet(vnetRow(s, ref));
export function findVnet(s: Store, ref: VnetRef): Vnet | undefined {
  const row = findVnetRow(s, ref);
  return row && toVnet(row);
}
export const listVnets = (s: Store): Vnet[] => (s.q("SELECT * FROM vnets ORDER BY name, rg").all() as any[]).map(toVnet);

/**
 * L11: deleting a vnet deletes its links in every zone and its auto-registered records. Its older-kind VMs go
 * with it (choice: Azure refuses while NICs are attached; a Pulumi program deletes VMs first anyway). N5: a
 * subnet in use by a NIC's ip configuration refuses the deletion; its free subnets go with it.
 */
export function deleteVnet(s: Store, ref: VnetRef): boolean {
  const row = findVnetRow(s, ref);
  if (!row) return false;
  deleteVnetSubnets(s, row);
  for (const link of s.q("SELECT * FROM links WHERE vnet_id = ?").all(row.id) as any[]) deleteLinkRow(s, link, false);
  syncRegistrations(s, { vnetId: row.id }, true);
  s.q("DELETE FROM nics WHERE vm_id IN (SELECT id FROM vms WHERE vnet_id = ?)").run(row.id);
  s.q("DELETE FROM vms WHERE vnet_id = ?").run(row.id);
  s.q("DELETE FROM vnets WHERE id = ?").run(row.id);
  return true;
}
