// The operations that do not run the program: refresh (Read every resource) and destroy (Delete every
// resource, dependents first), both through the provider code stored in state (A.2, A.5).
import { ResourceState } from "./checkpoint";
import { DeploymentFailed, EngineContext, EngineContextOptions, isDynamicType, refOf, unsupportedTypeMessage } from "./engine-state";
import { deepEqual, markSecrets, secretKeysOf, unwrapSecrets } from "./values";
import type { OpMap } from "@pulumi/pulumi/automation";

export interface OperationResult {
  ok: boolean;
  changes: OpMap;
  resources: ResourceState[];
}

export async function refresh(opts: EngineContextOptions, initial: ResourceState[]): Promise<OperationResult> {
  const ctx = new EngineContext(opts, initial);
  try {
    const jobs = initial.map((res) =>
      ctx.semaphore.run(async () => {
        if (!res.custom) {
          ctx.count("same");
          return;
        }
        if (!isDynamicType(res.type)) throw ctx.fail(res.urn, unsupportedTypeMessage(res.type));
        const host = await ctx.host();
        let read;
        try {
          read = await host.read(refOf(res), res.id ?? "", unwrapSecrets(res.outputs), unwrapSecrets(res.inputs));
        } catch (e: any) {
          throw ctx.fail(res.urn, e.message);
        }
        if (!read.id) {
          // The provider says the resource is gone: refresh drops it from state.
          if (!opts.dryRun) {
            ctx.remove(res);
            ctx.save();
          }
          ctx.count("delete");
          ctx.display.step("delete", res.urn, !opts.dryRun);
          return;
        }
        const outputKeys = [...secretKeysOf(res.outputs), ...(res.additionalSecretOutputs ?? [])];
        const outputs = markSecrets(read.properties, outputKeys);
        const inputs = read.inputs ? markSecrets(read.inputs, secretKeysOf(res.inputs)) : res.inputs;
        const changed = !deepEqual(outputs, res.outputs) || !deepEqual(inputs, res.inputs) || read.id !== res.id;
        if (changed && !opts.dryRun) {
          ctx.put({ ...res, id: read.id, inputs, outputs }, res);
          ctx.save();
        }
        ctx.count(changed ? "update" : "same");
        ctx.display.step(changed ? "update" : "same", res.urn, !opts.dryRun);
      }),
    );
    const results = await Promise.allSettled(jobs);
    for (const r of results) {
      if (r.status === "rejected" && !(r.reason instanceof DeploymentFailed)) ctx.fail(undefined, String(r.reason?.message ?? r.reason));
    }
  } finally {
    await ctx.close();
  }
  return { ok: !ctx.failed, changes: ctx.changes, resources: ctx.live };
}

export async function destroy(opts: EngineContextOptions, initial: ResourceState[]): Promise<OperationResult> {
  const ctx = new EngineContext(opts, initial);
  try {
    await ctx.deleteInOrder(initial.filter((r) => !r.delete), "delete");
    await ctx.deleteInOrder(initial.filter((r) => r.delete), "delete-replaced");
    if (!opts.dryRun) ctx.save();
  } catch (e) {
    if (!(e instanceof DeploymentFailed)) ctx.fail(undefined, String((e as Error)?.message ?? e));
  } finally {
    await ctx.close();
  }
  return { ok: !ctx.failed, changes: ctx.changes, resources: ctx.live };
}
