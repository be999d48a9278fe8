/** `Microsoft.Network/privateDnsZones/virtualNetworkLinks`. */
import { Link, LinkArgs } from "../../provider/emulator";
import { hasResolutionPolicy, PRIVATE_DNS } from "../apiVersions";
import { preconditions, resourceBody } from "../body";
import { Context, json } from "../http";
import { privateDnsPollUrls } from "../lro";
import { page } from "../paging";
import { ArmModule } from "../router";
import { withTags, zoneRef } from "./zones";
import { ZONE } from "./paths";

const TYPE = "Microsoft.Network/privateDnsZones/virtualNetworkLinks";

/** Link etags travel quoted (`"\"3900ff5d-…\""`, INDEX §2); the emulator keeps them bare. */
const quoted = (etag: string) => `"${etag}"`;

export function wireLink(l: Link, apiVersion: string) {
  return {
    id: l.id, name: l.name, type: l.type, etag: quoted(l.etag), location: l.location, ...withTags(l.tags),
    properties: {
      provisioningState: l.provisioningState, registrationEnabled: l.registrationEnabled,
      ...(hasResolutionPolicy(apiVersion) && l.resolutionPolicy ? { resolutionPolicy: l.resolutionPolicy } : {}),
      virtualNetwork: l.virtualNetwork, virtualNetworkLinkState: l.virtualNetworkLinkState,
    },
  };
}

const linkRef = (ctx: Context) => ({ ...zoneRef(ctx), virtualNetworkLinkName: ctx.params.virtualNetworkLinkName });
const linkResponse = (status: number, l: Link, apiVersion: string) => json(status, wireLink(l, apiVersion), { ETag: quoted(l.etag) });

/** The link fields a body carries; a PUT gives every field (absent: its default), a PATCH only those present. */
function fields(ctx: Context, full: boolean): Partial<LinkArgs> {
  const body = resourceBody(ctx.req, full);
  const p = body.properties;
  const out: Partial<LinkArgs> = {};
  if (p.virtualNetwork !== undefined) out.virtualNetwork = p.virtualNetwork;
  if (p.registrationEnabled !== undefined || full) out.registrationEnabled = p.registrationEnabled ?? false;
  // Older api-versions have no resolutionPolicy: what they send is not read.
  if (hasResolutionPolicy(ctx.req.apiVersion) && (p.resolutionPolicy !== undefined || full)) out.resolutionPolicy = p.resolutionPolicy ?? null;
  // A PUT without tags leaves none (null: the emulator drops them); a PATCH without tags keeps them.
  if (body.tags !== undefined || full) out.tags = (body.tags ?? null) as Record<string, string>;
  return out;
}

function put(ctx: Context) {
  const { emu, req } = ctx;
  const ref = linkRef(ctx);
  const args = { ...ref, ...fields(ctx, true), ...preconditions(req) } as LinkArgs;
  const upsert = () => {
    const outcome = emu.upsertLink(args);
    return linkResponse(outcome.created ? 201 : 200, outcome.resource, req.apiVersion);
  };
  return ctx.ops.start(req, "UpsertVirtualNetworkLink", upsert, privateDnsPollUrls(ref.resourceGroupName.toLowerCase()));
}

function patch(ctx: Context) {
  const { emu, req } = ctx;
  const ref = linkRef(ctx);
  emu.getLink(ref); // a missing link is ARM's 404 on the request itself
  const args = { ...ref, ...fields(ctx, false), ...preconditions(req) };
  return ctx.ops.start(req, "UpsertVirtualNetworkLink", () => linkResponse(200, emu.updateLink(args), req.apiVersion),
    privateDnsPollUrls(ref.resourceGroupName.toLowerCase()));
}

/** DELETE of a link (or zone) that does not exist: 204, no operation (DeleteLink_ZoneNotExists_ExpectNoError). */
function remove(ctx: Context) {
  const { emu, req } = ctx;
  const ref = linkRef(ctx);
  if (!emu.findZone(ref) || !emu.findLink(ref)) return json(204);
  return ctx.ops.start(req, "DeleteVirtualNetworkLink", () => (emu.deleteLink({ ...ref, ...preconditions(req) }), json(204)),
    privateDnsPollUrls(ref.resourceGroupName.toLowerCase()), { body: false });
}

export const links: ArmModule = {
  name: "virtualNetworkLinks",
  routes: [
    { path: `${ZONE}/virtualNetworkLinks`, type: TYPE, apiVersions: PRIVATE_DNS,
      methods: { GET: (ctx) => page(ctx.req, ctx.emu.listLinks({ zone: zoneRef(ctx) }), (l) => wireLink(l, ctx.req.apiVersion)) } },
    { path: `${ZONE}/virtualNetworkLinks/{virtualNetworkLinkName}`, type: TYPE, apiVersions: PRIVATE_DNS,
      methods: { GET: (ctx) => linkResponse(200, ctx.emu.getLink(linkRef(ctx)), ctx.req.apiVersion), PUT: put, PATCH: patch, DELETE: remove } },
  ],
};
