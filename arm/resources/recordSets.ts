/**
 * `Microsoft.Network/privateDnsZones/{A|AAAA|CNAME|MX|PTR|SOA|SRV|TXT}` and `ALL`: record sets, written
 * synchronously (create 201, update 200, delete 200 with no body, delete of what is missing 204; INDEX §1). The type
 * segment is case-insensitive (`/a/`, `/soa/` are recorded); answers carry the upper-case type. NotFound and
 * PreconditionFailed come unwrapped, as recorded (envelope.ts).
 */
import { FIELD_OF, isEmulatorError, RecordSet, RecordSetArgs, RecordType } from "../../provider/emulator";
import { PRIVATE_DNS } from "../apiVersions";
import { preconditions, resourceBody } from "../body";
import { errorResponse } from "../envelope";
import { Context, Handler, json } from "../http";
import { page } from "../paging";
import { ArmModule } from "../router";
import { zoneRef } from "./zones";
import { ZONE } from "./paths";

const TYPE = "Microsoft.Network/privateDnsZones/recordSets";
const BARE = new Set(["NotFound", "PreconditionFailed"]);

export function wireRecordSet(r: RecordSet) {
  const field = FIELD_OF[r.recordType];
  const records = (r as any)[field];
  return {
    id: r.id, name: r.name, type: r.type, etag: r.etag,
    properties: {
      ...(Object.keys(r.metadata).length ? { metadata: r.metadata } : {}),
      fqdn: r.fqdn, ttl: r.ttl, ...(records !== undefined ? { [field]: records } : {}), isAutoRegistered: r.isAutoRegistered,
    },
  };
}

const setRef = (ctx: Context) => ({
  ...zoneRef(ctx), recordType: ctx.params.recordType as RecordType, relativeRecordSetName: ctx.params.relativeRecordSetName,
});
const setResponse = (status: number, r: RecordSet) => json(status, wireRecordSet(r), { ETag: r.etag });

/** The record data of a body: the one field of the set's type (others are refused by the emulator, R1). */
function recordFields(p: Record<string, any>): Partial<RecordSetArgs> {
  const out: Record<string, unknown> = {};
  for (const field of Object.values(FIELD_OF)) if (p[field] !== undefined) out[field] = p[field];
  return out as Partial<RecordSetArgs>;
}

function put(ctx: Context) {
  const { emu, req } = ctx;
  const ref = setRef(ctx);
  const p = resourceBody(req).properties;
  const outcome = emu.upsertRecordSet({ ...ref, ttl: p.ttl, metadata: p.metadata ?? {}, ...recordFields(p), ...preconditions(req) } as RecordSetArgs);
  return setResponse(outcome.created ? 201 : 200, outcome.resource);
}

/** PATCH: what the body names replaces the current value; the read's etag guards the write without If-Match. */
function patch(ctx: Context) {
  const { emu, req } = ctx;
  const ref = setRef(ctx);
  const p = resourceBody(req, false).properties;
  const current = emu.getRecordSet(ref);
  const pre = preconditions(req);
  const field = FIELD_OF[current.recordType];
  const args = {
    ...ref, ttl: p.ttl ?? current.ttl, metadata: p.metadata ?? current.metadata,
    [field]: (current as any)[field], ...recordFields(p), ifMatch: pre.ifMatch ?? current.etag,
  } as RecordSetArgs;
  return setResponse(200, emu.updateRecordSet(args));
}

function remove(ctx: Context) {
  const deleted = ctx.emu.deleteRecordSet({ ...setRef(ctx), ...preconditions(ctx.req) });
  return json(deleted ? 200 : 204);
}

/** `$recordsetnamesuffix`: only sets whose name is the suffix or ends with `.suffix`. */
function list(ctx: Context, type?: string) {
  const suffix = ctx.req.query.get("$recordsetnamesuffix")?.toLowerCase();
  const sets = ctx.emu.listRecordSets(zoneRef(ctx), type === undefined ? {} : { type })
    .filter((r) => !suffix || r.name === suffix || r.name.endsWith(`.${suffix}`));
  return page(ctx.req, sets, wireRecordSet);
}

/** Record-set refusals the DNS service words itself come unwrapped. */
const bare = (h: Handler): Handler => (ctx) => {
  try {
    return h(ctx);
  } catch (e) {
    if (isEmulatorError(e) && BARE.has(e.code)) return errorResponse(e, "bare");
    throw e;
  }
};

export const recordSets: ArmModule = {
  name: "recordSets",
  routes: [
    { path: `${ZONE}/ALL`, type: TYPE, apiVersions: PRIVATE_DNS, methods: { GET: (ctx) => list(ctx) } },
    { path: `${ZONE}/{recordType}`, type: TYPE, apiVersions: PRIVATE_DNS, methods: { GET: (ctx) => list(ctx, ctx.params.recordType) } },
    { path: `${ZONE}/{recordType}/{relativeRecordSetName}`, type: TYPE, apiVersions: PRIVATE_DNS,
      methods: { GET: bare((ctx) => setResponse(200, ctx.emu.getRecordSet(setRef(ctx)))), PUT: bare(put), PATCH: bare(patch), DELETE: bare(remove) } },
  ],
};
