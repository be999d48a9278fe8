// What every operation shares: the live resource list (what the checkpoint holds right now), the lazily
// started dynamic-provider host of this deployment, step counting, and ordered deletes.
import type { OpMap, OpType } from "@pulumi/pulumi/automation";

import { dependenciesOf, ResourceState, topoSort, writeCheckpoint } from "./checkpoint";
import { Display, parseUrn } from "./display";
import { ProjectSettings } from "./project";
import { ProviderHost } from "./provider-host";
import { PulumiProto } from "./proto";
import { Semaphore } from "./util";
import { makeSecret, Props, unwrapSecrets } from "./values";

export const dynamicTypePrefix = "pulumi-nodejs:dynamic";

export function isDynamicType(type: string): boolean {
  return type === dynamicTypePrefix || type.startsWith(dynamicTypePrefix + ":") || type.startsWith(dynamicTypePrefix + "/");
}

/** Thrown once the deployment has failed; the diagnostics are already in the display. */
export class DeploymentFailed extends Error {
  constructor(message = "deployment failed") {
    super(message);
    this.name = "DeploymentFailed";
  }
}

export interface EngineContextOptions {
  workDir: string;
  project: ProjectSettings;
  stack: string;
  proto: PulumiProto;
  parallel: number;
  /** Stack config: `<namespace>:<key>` ⇒ value, with secrecy. */
  config: Record<string, { value: string; secret: boolean }>;
  env: Record<string, string | undefined>;
  checkpointFile: string;
  display: Display;
  /** Preview deployments never write the checkpoint and never mutate through the provider. */
  dryRun: boolean;
  /** Address handed to the provider host as its engine argument. */
  engineAddress?: string;
}

export class EngineContext {
  readonly changes: OpMap = {};
  readonly semaphore: Semaphore;
  failed = false;
  /** Current state, in checkpoint order; mutated as steps complete and written after each. */
  live: ResourceState[];
  private hostPromise?: Promise<ProviderHost>;

  constructor(
    readonly opts: EngineContextOptions,
    initial: ResourceState[],
  ) {
    this.live = [...initial];
    this.semaphore = new Semaphore(Math.max(1, opts.parallel));
  }

  get display(): Display {
    return this.opts.display;
  }

  count(op: OpType): void {
    this.changes[op] = (this.changes[op] ?? 0) + 1;
  }

  /** Reports an error diagnostic for a resource and marks the deployment failed. */
  fail(urn: string | undefined, message: string): DeploymentFailed {
    this.failed = true;
    this.display.diag({ urn, severity: "error", message });
    return new DeploymentFailed(message);
  }

  /**
   * The one dynamic-provider host of this deployment, started on first use and configured once with the
   * whole stack config (keys `<ns>:<key>`, secrets as envelopes the host unwraps).
   */
  host(): Promise<ProviderHost> {
    if (!this.hostPromise) {
      this.hostPromise = (async () => {
        const host = await ProviderHost.start({
          workDir: this.opts.workDir,
          project: this.opts.project.name,
          engineAddress: this.opts.engineAddress,
          env: this.opts.env,
          onOutput: (line) => this.display.writeErr(line + "\n"),
        });
        const args: Record<string, unknown> = {};
        for (const [k, e] of Object.entries(this.opts.config)) args[k] = e.secret ? makeSecret(e.value) : e.value;
        await host.configure(args);
        return host;
      })();
    }
    return this.hostPromise;
  }

  async close(): Promise<void> {
    if (this.hostPromise) {
      const host = await this.hostPromise.catch(() => undefined);
      await host?.close();
    }
  }

  save(): void {
    if (this.opts.dryRun) return;
    writeCheckpoint(this.opts.checkpointFile, this.opts.stack, topoSort(this.live), this.opts.proto.version);
  }

  /** Replaces `old` (by identity) with `next` in the live list, or appends `next`. */
  put(next: ResourceState, old?: ResourceState): void {
    const i = old ? this.live.indexOf(old) : -1;
    if (i >= 0) this.live[i] = next;
    else this.live.push(next);
  }

  remove(res: ResourceState): void {
    const i = this.live.indexOf(res);
    if (i >= 0) this.live.splice(i, 1);
  }

  /** Deletes one resource through the provider (custom) or just from state (component). */
  async deleteOne(res: ResourceState, op: OpType = "delete"): Promise<void> {
    if (res.protect) {
      throw this.fail(
        res.urn,
        `unable to delete resource "${res.urn}"\nas it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\``,
      );
    }
    if (!this.opts.dryRun && res.custom && !res.retainOnDelete) {
      if (!isDynamicType(res.type)) throw this.fail(res.urn, unsupportedTypeMessage(res.type));
      const host = await this.host();
      try {
        await host.delete(refOf(res), res.id ?? "", unwrapSecrets(res.outputs), unwrapSecrets(res.inputs));
      } catch (e: any) {
        throw this.fail(res.urn, e.message);
      }
    }
    if (!this.opts.dryRun) {
      this.remove(res);
      this.save();
    }
    // A replacement is counted once, as "replace", when its new resource is created.
    if (op !== "delete-replaced") this.count(op);
    this.display.step(op, res.urn, !this.opts.dryRun);
  }

  /**
   * Deletes `targets` dependents first: repeatedly take the resources no remaining target depends on
   * (an antichain of the reversed dependency graph, A.6) and delete them in parallel.
   */
  async deleteInOrder(targets: ResourceState[], op: OpType = "delete"): Promise<void> {
    let remaining = [...targets];
    while (remaining.length > 0) {
      const needed = new Set<string>();
      for (const r of remaining) for (const d of dependenciesOf(r)) needed.add(d);
      let ready = remaining.filter((r) => !needed.has(r.urn));
      if (ready.length === 0) ready = [remaining[remaining.length - 1]]; // a cycle cannot happen; never spin
      const results = await Promise.allSettled(ready.map((r) => this.semaphore.run(() => this.deleteOne(r, op))));
      const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
      if (rejected) throw rejected.reason;
      remaining = remaining.filter((r) => !ready.includes(r));
    }
  }
}

export function refOf(res: { urn: string; type: string }): { urn: string; type: string; name: string } {
  return { urn: res.urn, type: res.type, name: parseUrn(res.urn).name };
}

export function unsupportedTypeMessage(type: string): string {
  return `resource type ${type} is not supported by the local engine: only dynamic providers (pulumi-nodejs:dynamic*) and component resources are`;
}

export function stackOutputsOf(resources: ResourceState[]): Props {
  const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack" && !r.parent && !r.delete);
  return stack?.outputs ?? {};
}
