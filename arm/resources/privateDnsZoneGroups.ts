/**
 * `Microsoft.Network/privateEndpoints/privateDnsZoneGroups`: an endpoint's one DNS zone group (P2) in Network's wire
 * shape, each zone config with the record sets the platform wrote for it (P3). PUT answers 201/200 with the group
 * and an `Azure-AsyncOperation` already Succeeded; its refusals (a second group, 1-5 configs, an unknown zone) are
 * answered on the request itself, as Network's validation answers them. DELETE answers 202 to poll (204 for a group
 * or endpoint that is not there) and deletes the group's records (P4).
 */
import { PrivateDnsZoneGroup } from "../../provider/emulator";
import { resourceBody } from "../body";
import { Context, json } from "../http";
import { page } from "../paging";
import { ArmModule } from "../router";
import { etagOf, networkPollUrls } from "./network";
import { ENDPOINT } from "./privateEndpoints";

const TYPE = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups";
const GROUPS = `${ENDPOINT}/privateDnsZoneGroups`;

export function wireZoneGroup(g: PrivateDnsZoneGroup) {
  return {
    name: g.name, id: g.id, etag: etagOf(g), type: TYPE,
    properties: {
      provisioningState: g.provisioningState,
      privateDnsZoneConfigs: g.privateDnsZoneConfigs.map((c) => ({
        name: c.name, id: `${g.id}/privateDnsZoneConfigs/${c.name}`,
        properties: { privateDnsZoneId: c.privateDnsZoneId, recordSets: c.recordSets },
      })),
    },
  };
}

const endpointRef = (ctx: Context) => ({ resourceGroupName: ctx.params.resourceGroupName, privateEndpointName: ctx.params.privateEndpointName });
const groupRef = (ctx: Context) => ({ ...endpointRef(ctx), privateDnsZoneGroupName: ctx.params.privateDnsZoneGroupName });

/** `properties.privateDnsZoneConfigs[]` as `{name, properties: {privateDnsZoneId}}`; anything else as sent (the emulator refuses it, P2). */
const configsOf = (given: unknown) =>
  Array.isArray(given) ? given.map((c: any) => ({ name: c?.name, privateDnsZoneId: c?.properties?.privateDnsZoneId })) : given;

function put(ctx: Context) {
  const p = resourceBody(ctx.req).properties;
  const existed = ctx.emu.findPrivateDnsZoneGroup(groupRef(ctx)) !== undefined;
  const group = ctx.emu.putPrivateDnsZoneGroup({ ...groupRef(ctx), privateDnsZoneConfigs: configsOf(p.privateDnsZoneConfigs) as any });
  return ctx.ops.answered(ctx.req, "UpsertPrivateDnsZoneGroup", json(existed ? 200 : 201, wireZoneGroup(group)), networkPollUrls);
}

function remove(ctx: Context) {
  if (!ctx.emu.findPrivateDnsZoneGroup(groupRef(ctx))) return json(204);
  return ctx.ops.start(ctx.req, "DeletePrivateDnsZoneGroup", () => (ctx.emu.deletePrivateDnsZoneGroup(groupRef(ctx)), json(200)), networkPollUrls, { body: false });
}

export const privateDnsZoneGroups: ArmModule = {
  name: "privateDnsZoneGroups",
  routes: [
    { path: GROUPS, type: TYPE, methods: { GET: (ctx) => page(ctx.req, ctx.emu.listPrivateDnsZoneGroups(endpointRef(ctx)), wireZoneGroup) } },
    { path: `${GROUPS}/{privateDnsZoneGroupName}`, type: TYPE,
      methods: { GET: (ctx) => json(200, wireZoneGroup(ctx.emu.getPrivateDnsZoneGroup(groupRef(ctx)))), PUT: put, DELETE: remove } },
  ],
};
