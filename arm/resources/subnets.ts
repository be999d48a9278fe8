/**
 * `Microsoft.Network/virtualNetworks/subnets`: the emulator's subnets (N2, N5) in Network's wire shape, as a
 * resource of their own (GET/PUT/DELETE/list) and inline in their vnet. PUT answers 201/200 with the subnet and
 * an `Azure-AsyncOperation` already Succeeded; DELETE answers 202 to poll (204 for a subnet
 * that is not there; 400 InUseSubnetCannotBeDeleted at once for one in use).
 */
import { Subnet } from "../../provider/emulator";
import { resourceBody } from "../body";
import { Context, json } from "../http";
import { page } from "../paging";
import { ArmModule } from "../router";
import { etagOf, networkPollUrls } from "./network";
import { NETWORK } from "./paths";

const TYPE = "Microsoft.Network/virtualNetworks/subnets";
export const SUBNETS = `${NETWORK}/virtualNetworks/{virtualNetworkName}/subnets`;

export function wireSubnet(sub: Subnet) {
  return {
    name: sub.name, id: sub.id, etag: etagOf(sub), type: TYPE,
    properties: {
      provisioningState: sub.provisioningState, addressPrefix: sub.addressPrefix,
      ...(sub.ipConfigurations.length ? { ipConfigurations: sub.ipConfigurations } : {}),
      delegations: [], privateEndpointNetworkPolicies: "Disabled", privateLinkServiceNetworkPolicies: "Enabled",
    },
  };
}

/** A subnet of a request body (`{name, properties: {addressPrefix | addressPrefixes}}`) as the emulator takes it. */
export const subnetArgsOf = (given: any) => ({
  name: given?.name, addressPrefix: given?.properties?.addressPrefix, addressPrefixes: given?.properties?.addressPrefixes,
});

const vnetOf = (ctx: Context) => ({ resourceGroupName: ctx.params.resourceGroupName, virtualNetworkName: ctx.params.virtualNetworkName });
const subnetRef = (ctx: Context) => ({ ...vnetOf(ctx), subnetName: ctx.params.subnetName });

function put(ctx: Context) {
  const p = resourceBody(ctx.req).properties;
  const existed = ctx.emu.findSubnet(subnetRef(ctx)) !== undefined;
  const sub = ctx.emu.putSubnet({ ...subnetRef(ctx), addressPrefix: p.addressPrefix, addressPrefixes: p.addressPrefixes });
  return ctx.ops.answered(ctx.req, "UpsertSubnet", json(existed ? 200 : 201, wireSubnet(sub)), networkPollUrls);
}

function remove(ctx: Context) {
  if (!ctx.emu.findVnet(vnetOf(ctx)) || !ctx.emu.findSubnet(subnetRef(ctx))) return json(204);
  // A subnet in use is refused on the DELETE itself (400 InUseSubnetCannotBeDeleted), as Network answers it.
  ctx.emu.deleteSubnet(subnetRef(ctx));
  return ctx.ops.start(ctx.req, "DeleteSubnet", () => json(200), networkPollUrls, { body: false });
}

export const subnets: ArmModule = {
  name: "subnets",
  routes: [
    { path: SUBNETS, type: TYPE, methods: { GET: (ctx) => page(ctx.req, ctx.emu.listSubnets(vnetOf(ctx)), wireSubnet) } },
    { path: `${SUBNETS}/{subnetName}`, type: TYPE,
      methods: { GET: (ctx) => json(200, wireSubnet(ctx.emu.getSubnet(subnetRef(ctx)))), PUT: put, DELETE: remove } },
  ],
};
