/**
 * `Microsoft.Network/privateEndpoints`: the emulator's private endpoints (P1) in Network's wire shape: the subnet,
 * the platform's NIC, one private link service connection (automatic or manual, Approved), the static address as
 * an ip configuration, and `customDnsConfigs` (the target's public name and the address). PUT answers 201/200 with
 * the endpoint and an `Azure-AsyncOperation` already Succeeded, as Network does; its refusals (P1, N3, A9) are
 * answered on the request itself, as Network's validation answers them. DELETE answers 202 to poll (204 for an
 * endpoint that is not there) and takes the endpoint's zone group, records and NIC with it (P4).
 */
import { PrivateEndpoint, PrivateLinkServiceConnection, PrivateLinkServiceConnectionArgs } from "../../provider/emulator";
import { resourceBody, tagsOf } from "../body";
import { Context, json } from "../http";
import { page } from "../paging";
import { ArmModule } from "../router";
import { etagOf, guid, networkPollUrls } from "./network";
import { NETWORK, SUB } from "./paths";

const TYPE = "Microsoft.Network/privateEndpoints";
export const ENDPOINT = `${NETWORK}/privateEndpoints/{privateEndpointName}`;

function wireConnection(c: PrivateLinkServiceConnection, etag: string) {
  return {
    name: c.name, id: c.id, etag, type: c.type,
    properties: {
      provisioningState: c.provisioningState, privateLinkServiceId: c.privateLinkServiceId, groupIds: c.groupIds,
      ...(c.requestMessage !== undefined ? { requestMessage: c.requestMessage } : {}),
      privateLinkServiceConnectionState: c.privateLinkServiceConnectionState,
    },
  };
}

export function wireEndpoint(e: PrivateEndpoint) {
  const etag = etagOf(e);
  return {
    name: e.name, id: e.id, etag, type: TYPE, location: e.location, ...(Object.keys(e.tags).length ? { tags: e.tags } : {}),
    properties: {
      provisioningState: e.provisioningState, resourceGuid: guid(e.id), subnet: e.subnet, networkInterfaces: e.networkInterfaces,
      privateLinkServiceConnections: e.privateLinkServiceConnections.map((c) => wireConnection(c, etag)),
      manualPrivateLinkServiceConnections: e.manualPrivateLinkServiceConnections.map((c) => wireConnection(c, etag)),
      customDnsConfigs: e.customDnsConfigs, applicationSecurityGroups: [],
      ipConfigurations: e.ipConfigurations.map((c) => ({
        name: c.name, etag, type: `${TYPE}/ipConfigurations`,
        properties: { groupId: c.groupId, memberName: c.memberName, privateIPAddress: c.privateIPAddress },
      })),
      ...(e.customNetworkInterfaceName !== undefined ? { customNetworkInterfaceName: e.customNetworkInterfaceName } : {}),
    },
  };
}

const endpointRef = (ctx: Context) => ({ resourceGroupName: ctx.params.resourceGroupName, privateEndpointName: ctx.params.privateEndpointName });

/** `{name, properties: {privateLinkServiceId, groupIds, requestMessage}}` as the emulator takes a connection; anything else as sent. */
const connectionsOf = (given: unknown): PrivateLinkServiceConnectionArgs[] | undefined =>
  Array.isArray(given)
    ? given.map((c: any) => ({ name: c?.name, privateLinkServiceId: c?.properties?.privateLinkServiceId, groupIds: c?.properties?.groupIds, requestMessage: c?.properties?.requestMessage }))
    : (given as undefined);

const ipConfigurationsOf = (given: unknown) =>
  Array.isArray(given)
    ? given.map((c: any) => ({ name: c?.name, groupId: c?.properties?.groupId, memberName: c?.properties?.memberName, privateIPAddress: c?.properties?.privateIPAddress }))
    : (given as undefined);

function put(ctx: Context) {
  const body = resourceBody(ctx.req);
  const p = body.properties;
  const existed = ctx.emu.findPrivateEndpoint(endpointRef(ctx)) !== undefined;
  const endpoint = ctx.emu.putPrivateEndpoint({
    ...endpointRef(ctx), location: typeof body.location === "string" ? body.location : undefined, tags: tagsOf(body),
    subnet: p.subnet, privateLinkServiceConnections: connectionsOf(p.privateLinkServiceConnections),
    manualPrivateLinkServiceConnections: connectionsOf(p.manualPrivateLinkServiceConnections),
    ipConfigurations: ipConfigurationsOf(p.ipConfigurations), customNetworkInterfaceName: p.customNetworkInterfaceName,
  });
  return ctx.ops.answered(ctx.req, "UpsertPrivateEndpoint", json(existed ? 200 : 201, wireEndpoint(endpoint)), networkPollUrls);
}

function remove(ctx: Context) {
  if (!ctx.emu.findPrivateEndpoint(endpointRef(ctx))) return json(204);
  return ctx.ops.start(ctx.req, "DeletePrivateEndpoint", () => (ctx.emu.deletePrivateEndpoint(endpointRef(ctx)), json(200)), networkPollUrls, { body: false });
}

const inGroup = (ctx: Context) => ctx.emu.listPrivateEndpoints().filter((e) => e.resourceGroupName === ctx.params.resourceGroupName.toLowerCase());

export const privateEndpoints: ArmModule = {
  name: "privateEndpoints",
  routes: [
    { path: `${SUB}/providers/Microsoft.Network/privateEndpoints`, type: TYPE,
      methods: { GET: (ctx) => page(ctx.req, ctx.emu.listPrivateEndpoints(), wireEndpoint) } },
    { path: `${NETWORK}/privateEndpoints`, type: TYPE, methods: { GET: (ctx) => page(ctx.req, inGroup(ctx), wireEndpoint) } },
    { path: ENDPOINT, type: TYPE,
      methods: { GET: (ctx) => json(200, wireEndpoint(ctx.emu.getPrivateEndpoint(endpointRef(ctx)))), PUT: put, DELETE: remove } },
  ],
};
