/**
 * `Microsoft.Network/virtualNetworks`, as far as the emulator's Vnet goes: name, resource group, address space.
 * Subnets, NICs and VMs are issue 12's, each to come as a module of its own beside this one; until then a vnet
 * answers `subnets: []`. Location is the resource group's (westus for a group never created), tags are not kept.
 * PUT answers 201/200 with the vnet and an `Azure-AsyncOperation` already Succeeded, as Network's LROs do.
 */
import { createHash } from "crypto";
import { Vnet } from "../../provider/emulator";
import { EMULATED_SUBSCRIPTION } from "../../provider/emulator/ids";
import { resourceBody } from "../body";
import { Context, json } from "../http";
import { page } from "../paging";
import { pollHandler } from "../lro";
import { ArmModule } from "../router";
import { NETWORK, SUB } from "./paths";

const TYPE = "Microsoft.Network/virtualNetworks";

/** A GUID-shaped digest: stable for one state, new when the state changes (etag) or per id (resourceGuid). */
function guid(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function wireVnet(ctx: Context, v: Vnet) {
  return {
    name: v.name, id: v.id, etag: `W/"${guid(JSON.stringify(v))}"`, type: TYPE,
    location: ctx.emu.findResourceGroup({ resourceGroupName: v.resourceGroupName })?.location ?? "westus",
    properties: {
      provisioningState: "Succeeded", resourceGuid: guid(v.id), addressSpace: v.addressSpace,
      subnets: [], virtualNetworkPeerings: [], enableDdosProtection: false,
    },
  };
}

const vnetRef = (ctx: Context) => ({ resourceGroupName: ctx.params.resourceGroupName, virtualNetworkName: ctx.params.virtualNetworkName });
const pollUrls = (token: string) => {
  const base = `/subscriptions/${EMULATED_SUBSCRIPTION}/providers/Microsoft.Network/locations/global`;
  return { status: `${base}/operations/${token}`, result: `${base}/operationResults/${token}` };
};

function put(ctx: Context) {
  const p = resourceBody(ctx.req).properties;
  const existed = ctx.emu.findVnet(vnetRef(ctx)) !== undefined;
  const vnet = ctx.emu.putVnet({ ...vnetRef(ctx), addressSpace: p.addressSpace });
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
