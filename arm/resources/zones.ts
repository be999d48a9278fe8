/** `Microsoft.Network/privateDnsZones`: the zone resource, its lists, and the Private DNS operation polls. */
import { Zone } from "../../provider/emulator";
import { hasInternalId, PRIVATE_DNS } from "../apiVersions";
import { preconditions, resourceBody, tagsOf } from "../body";
import { Context, json } from "../http";
import { pollHandler, privateDnsPollUrls } from "../lro";
import { page } from "../paging";
import { ArmModule } from "../router";
import { NETWORK, SUB, ZONE } from "./paths";

const TYPE = "Microsoft.Network/privateDnsZones";

/** Tags only when a write gave them (an empty map included): a PUT without tags drops the key (INDEX §7). */
export const withTags = (tags: Record<string, string> | undefined) => (tags ? { tags } : {});

export function wireZone(z: Zone, apiVersion: string) {
  return {
    id: z.id, name: z.name, type: z.type, etag: z.etag, location: z.location, ...withTags(z.tags),
    properties: {
      maxNumberOfRecordSets: z.maxNumberOfRecordSets, maxNumberOfVirtualNetworkLinks: z.maxNumberOfVirtualNetworkLinks,
      maxNumberOfVirtualNetworkLinksWithRegistration: z.maxNumberOfVirtualNetworkLinksWithRegistration,
      numberOfRecordSets: z.numberOfRecordSets, numberOfVirtualNetworkLinks: z.numberOfVirtualNetworkLinks,
      numberOfVirtualNetworkLinksWithRegistration: z.numberOfVirtualNetworkLinksWithRegistration,
      provisioningState: z.provisioningState, ...(hasInternalId(apiVersion) ? { internalId: z.internalId } : {}),
    },
  };
}

export const zoneRef = ({ params }: Context) => ({ resourceGroupName: params.resourceGroupName, privateZoneName: params.privateZoneName });
const zoneResponse = (status: number, z: Zone, apiVersion: string) => json(status, wireZone(z, apiVersion), { ETag: z.etag });

function get(ctx: Context) {
  return zoneResponse(200, ctx.emu.getZone(zoneRef(ctx)), ctx.req.apiVersion);
}

/** PUT creates or replaces (tags absent: none), long-running; If-None-Match / If-Match go to the emulator (E1). */
function put(ctx: Context) {
  const { emu, req } = ctx;
  const ref = zoneRef(ctx);
  const body = resourceBody(req);
  const upsert = () => {
    const outcome = emu.upsertZone({ ...ref, tags: tagsOf(body), ...preconditions(req) });
    return zoneResponse(outcome.created ? 201 : 200, outcome.resource, req.apiVersion);
  };
  return ctx.ops.start(req, "UpsertPrivateDnsZone", upsert, privateDnsPollUrls(ref.resourceGroupName.toLowerCase()));
}

/** PATCH changes only what it names (tags); the read's etag guards the write when the client sent no If-Match. */
function patch(ctx: Context) {
  const { emu, req } = ctx;
  const ref = zoneRef(ctx);
  const body = resourceBody(req, false);
  const current = emu.getZone(ref);
  const pre = preconditions(req);
  return ctx.ops.start(req, "UpsertPrivateDnsZone",
    () => zoneResponse(200, emu.updateZone({ ...ref, tags: tagsOf(body) ?? current.tags, ifMatch: pre.ifMatch ?? current.etag }), req.apiVersion),
    privateDnsPollUrls(ref.resourceGroupName.toLowerCase()));
}

/** DELETE of a zone that does not exist: 204 and no operation (DeleteZone_ZoneNotExists_ExpectNoError). */
function remove(ctx: Context) {
  const { emu, req } = ctx;
  const ref = zoneRef(ctx);
  if (!emu.findZone(ref)) return json(204);
  return ctx.ops.start(req, "DeletePrivateDnsZone", () => (emu.deleteZone({ ...ref, ...preconditions(req) }), json(204)),
    privateDnsPollUrls(ref.resourceGroupName.toLowerCase()), { body: false });
}

const rgOf = (name: string) => name.toLowerCase();
const poll = (kind: "status" | "result") => pollHandler(kind, (ctx) => privateDnsPollUrls(rgOf(ctx.params.resourceGroupName)));

export const zones: ArmModule = {
  name: "privateDnsZones",
  routes: [
    { path: `${SUB}/providers/Microsoft.Network/privateDnsZones`, type: TYPE, apiVersions: PRIVATE_DNS,
      methods: { GET: (ctx) => page(ctx.req, ctx.emu.listZones(), (z) => wireZone(z, ctx.req.apiVersion)) } },
    { path: `${NETWORK}/privateDnsZones`, type: TYPE, apiVersions: PRIVATE_DNS,
      methods: { GET: (ctx) => page(ctx.req, ctx.emu.listZones().filter((z) => z.resourceGroupName === rgOf(ctx.params.resourceGroupName)),
        (z) => wireZone(z, ctx.req.apiVersion)) } },
    { path: ZONE, type: TYPE, apiVersions: PRIVATE_DNS, methods: { GET: get, PUT: put, PATCH: patch, DELETE: remove } },
    { path: `${NETWORK}/privateDnsOperationStatuses/{operationId}`, type: "Microsoft.Network/privateDnsOperationStatuses",
      apiVersions: PRIVATE_DNS, methods: { GET: poll("status") } },
    { path: `${NETWORK}/privateDnsOperationResults/{operationId}`, type: "Microsoft.Network/privateDnsOperationResults",
      apiVersions: PRIVATE_DNS, methods: { GET: poll("result") } },
  ],
};
