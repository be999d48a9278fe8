/**
 * `Microsoft.Resources/resourceGroups`: enough for clients and programs that create their group first. Recorded
 * GETs use `resourcegroups` in lower case; literal segments match case-insensitively (router.ts). DELETE is
 * long-running the ARM way: 202 with a `Location` under `/subscriptions/<s>/operationresults/`, polled until 200.
 */
import { ResourceGroup } from "../../provider/emulator";
import { EMULATED_SUBSCRIPTION } from "../../provider/emulator/ids";
import { resourceBody, tagsOf } from "../body";
import { Context, json } from "../http";
import { page } from "../paging";
import { pollHandler } from "../lro";
import { ArmModule } from "../router";
import { SUB } from "./paths";

const TYPE = "Microsoft.Resources/resourceGroups";
const GROUP = `${SUB}/resourcegroups/{resourceGroupName}`;

export const wireGroup = (g: ResourceGroup) => ({
  id: g.id, name: g.name, type: g.type, location: g.location, ...(Object.keys(g.tags).length ? { tags: g.tags } : {}),
  ...(g.managedBy ? { managedBy: g.managedBy } : {}), properties: { provisioningState: g.provisioningState },
});

function put(ctx: Context) {
  const body = resourceBody(ctx.req);
  const existed = ctx.emu.findResourceGroup({ resourceGroupName: ctx.params.resourceGroupName }) !== undefined;
  const g = ctx.emu.putResourceGroup({
    resourceGroupName: ctx.params.resourceGroupName, location: body.location as string | undefined, tags: tagsOf(body) ?? {},
    managedBy: (body as any).managedBy,
  });
  return json(existed ? 200 : 201, wireGroup(g));
}

function patch(ctx: Context) {
  const body = resourceBody(ctx.req, false);
  const current = ctx.emu.getResourceGroup({ resourceGroupName: ctx.params.resourceGroupName });
  return json(200, wireGroup(ctx.emu.putResourceGroup({ resourceGroupName: current.name, location: current.location, tags: tagsOf(body) ?? current.tags })));
}

const resultUrl = (token: string) => ({ status: `/subscriptions/${EMULATED_SUBSCRIPTION}/operationresults/${token}`,
  result: `/subscriptions/${EMULATED_SUBSCRIPTION}/operationresults/${token}` });

function remove(ctx: Context) {
  const name = ctx.params.resourceGroupName;
  ctx.emu.getResourceGroup({ resourceGroupName: name }); // ResourceGroupNotFound on the request itself
  const accepted = ctx.ops.start(ctx.req, "DeleteResourceGroup", () => (ctx.emu.deleteResourceGroup({ resourceGroupName: name }), json(200)), resultUrl, { body: false });
  // ARM's group deletion hands out Location only.
  delete accepted.headers?.["Azure-AsyncOperation"];
  return accepted;
}

/** ARM's group deletion hands out Location only, in progress too. */
function result(ctx: Context) {
  const answer = pollHandler("result", () => resultUrl)(ctx);
  delete answer.headers?.["Azure-AsyncOperation"];
  return answer;
}

/** HEAD (checkExistence): 204 or 404, no body. */
const head = (ctx: Context) => json(ctx.emu.findResourceGroup({ resourceGroupName: ctx.params.resourceGroupName }) ? 204 : 404);

export const resourceGroups: ArmModule = {
  name: "resourceGroups",
  routes: [
    { path: `${SUB}/resourcegroups`, type: TYPE, methods: { GET: (ctx) => page(ctx.req, ctx.emu.listResourceGroups(), wireGroup) } },
    { path: GROUP, type: TYPE,
      methods: { GET: (ctx) => json(200, wireGroup(ctx.emu.getResourceGroup({ resourceGroupName: ctx.params.resourceGroupName }))), HEAD: head, PUT: put, PATCH: patch, DELETE: remove } },
    { path: `${SUB}/operationresults/{operationId}`, type: "Microsoft.Resources/operationresults", methods: { GET: result } },
  ],
};
