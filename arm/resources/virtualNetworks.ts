/**
 * `Microsoft.Network/virtualNetworks`, as far as the emulator's Vnet goes: name, resource group, address space and
 * its subnets inline (`properties.subnets`, read and written; subnets.ts serves them one by one). Location is the
 * resource group's (westus for a group never created), tags are not kept.
 * PUT answers 201/200 with the vnet and an `Azure-AsyncOperation` already Succeeded, as Network's LROs do.
 */
import { Vnet } from "../../provider/emulator";
import { resourceBody } from "../body";
import { Context, json } from "../http";
import { page } from "../paging";
import { pollHandler } from "../lro";
import { ArmModule } from "../router";
import { etagOf, guid, networkPollUrls as pollUrls } from "./network";
import { NETWORK, SUB } from "./paths";
import { subnetArgsOf, wireSubnet } from "./subnets";

const TYPE = "Microsoft.Network/virtualNetworks";

export function wireVnet(ctx: Context, v: Vnet) {
  const subnets = ctx.emu.listSubnets({ resourceGroupName: v.resourceGroupName, virtualNetworkName: v.name }).map(wireSubnet);
  return {
    name: v.name, id: v.id, etag: etagOf({ v, subnets }), type: TYPE,
    location: ctx.emu.findResourceGroup({ resourceGroupName: v.resourceGroupName })?.location ?? "westus",
    properties: {
      provisioningState: "Succeeded", resourceGuid: guid(v.id), addressSpace: v.addressSpace,
      subnets, virtualNetworkPeerings: [], enableDdosProtection: false,
    },
  };
}

const vnetRef = (ctx: Context) => ({ resourceGroupName: ctx.params.resourceGroupName, virtualNetworkName: ctx.params.virtualNetworkName });

function put(ctx: Context) {
  const p = resourceBody(ctx.req).properties;
  const existed = ctx.emu.findVnet(vnetRef(ctx)) !== undefined;
  // Inline subnets (`properties.subnets`) are the vnet's subnets; a body without them keeps the subnets it has.
  const subnets = Array.isArray(p.subnets) ? p.subnets.map(subnetArgsOf) : p.subnets;
  const vnet = ctx.emu.putVnet({ ...vnetRef(ctx), addressSpace: p.addressSpace, subnets });
  return ctx.ops.answered(ctx.req, "UpsertVirtualNetwork", json(existed ? 200 : 201, wireVnet(ctx, vnet)), pollUrls);
}

function remove(ctx: Context) {
  if (!ctx.emu.findVnet(vnetRef(ctx))) return json(204);
  return ctx.ops.start(ctx.req, "DeleteVirtualNetwork", () => (ctx.emu.deleteVnet(vnetRef(ctx)), json(200)), pollUrls, { body: false });
}

const poll = (kind: "status" | "result") => pollHandler(kind, () => pollUrls);

export const virtualNetworks: ArmModule = {
  name: "virtualNetworks",
  routes: [
    { path: `${SUB}/providers/Microsoft.Network/virtualNetworks`, type: TYPE,
      methods: { GET: (ctx) => page(ctx.req, ctx.emu.listVnets(), (v) => wireVnet(ctx, v)) } },
    { path: `${NETWORK}/virtualNetworks`, type: TYPE,
      methods: { GET: (ctx) => page(ctx.req, ctx.emu.listVnets().filter((v) => v.resourceGroupName === ctx.params.resourceGroupName.toLowerCase()), (v) => wireVnet(ctx, v)) } },
    { path: `${NETWORK}/virtualNetworks/{virtualNetworkName}`, type: TYPE,
      methods: { GET: (ctx) => json(200, wireVnet(ctx, ctx.emu.getVnet(vnetRef(ctx)))), PUT: put, DELETE: remove } },
    { path: `${SUB}/providers/Microsoft.Network/locations/{location}/operations/{operationId}`, type: "Microsoft.Network/locations/operations",
      methods: { GET: poll("status") } },
    { path: `${SUB}/providers/Microsoft.Network/locations/{location}/operationResults/{operationId}`, type: "Microsoft.Network/locations/operationResults",
      methods: { GET: poll("result") } },
  ],
};
