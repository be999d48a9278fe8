// One deployment that runs the program (a preview, or the update half of `up`): registrations from the
// program are turned into steps exactly as the Go step generator/executor does for dynamic providers
// (reference A.1-A.7): Check serially in registration order, Diff for existing resources, then
// Create/Update/replace concurrently (bounded), and after a successful program run the deletes of what
// was not registered, dependents first, then the pending deletes of create-before-delete replacements.
import type { OpMap, OpType } from "@pulumi/pulumi/automation";

import { ResourceState } from "./checkpoint";
import { Display, parseUrn } from "./display";
import {
  DeploymentFailed,
  EngineContext,
  EngineContextOptions,
  isDynamicType,
  refOf,
  stackOutputsOf,
  unsupportedTypeMessage,
} from "./engine-state";
import { LogEntry, MonitorHandler, MonitorServer, ReadRequest, RegisterRequest, RegisterResponse, RpcError } from "./monitor";
import { runProgram } from "./program";
import { CheckFailure, ProviderHost } from "./provider-host";
import { Analyzer } from "./policy";
import {
  changedKeys,
  clone,
  deepEqual,
  formatGoValue,
  markSecrets,
  Props,
  secretKeysOf,
  unwrapSecrets,
} from "./values";

export interface ProgramDeploymentOptions extends EngineContextOptions {
  organization?: string;
  analyzers?: Analyzer[];
}

export interface DeploymentResult {
  ok: boolean;
  changes: OpMap;
  /** Stack outputs with secret envelopes (only meaningful for an update). */
  outputs: Props;
  resources: ResourceState[];
}

/** How long a program may keep running after the deployment bailed before it is killed. */
const bailGraceMs = 3000;

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; a root Stack parent is skipped (A.10 item 2). */
export function makeUrn(stack: string, project: string, type: string, name: string, parentUrn: string): string {
  let qualified = type;
  if (parentUrn) {
    const parentType = parseUrn(parentUrn).qualifiedType;
    if (parentType !== "pulumi:pulumi:Stack") qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** Diag 2002/2003 text for a check failure (sdk/go/common/diag/errors.go). */
export function checkFailureMessage(type: string, name: string, f: CheckFailure, inputs: Props): string {
  if (!f.property) return `${type} resource '${name}' has a problem: ${f.reason}`;
  return `${type} resource '${name}': property ${f.property} value ${formatGoValue(inputs[f.property])} has a problem: ${f.reason}`;
}

interface Goal {
  urn: string;
  req: RegisterRequest;
  /** Inputs as the program sent them (secret envelopes kept). */
  rawInputs: Props;
  secretKeys: string[];
  /** Plain inputs for the provider (acceptSecrets=false). */
  news: Props;
}

export class ProgramDeployment implements MonitorHandler {
  private readonly ctx: EngineContext;
  /** Old state by URN (pending deletes excluded): what Check/Diff compare against. */
  private readonly olds = new Map<string, ResourceState>();
  private readonly registered = new Set<string>();
  /** New state of every resource registered in this run. */
  private readonly news = new Map<string, ResourceState>();
  /** Old resources replaced create-before-delete in this run: deleted at the very end. */
  private readonly pendingDeletes: ResourceState[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  /** Check and Diff run one registration at a time, in arrival order, like the step generator. */
  private planning: Promise<unknown> = Promise.resolve();
  private bailed = false;
  private onBail?: () => void;

  constructor(
    private readonly opts: ProgramDeploymentOptions,
    initial: ResourceState[],
  ) {
    this.ctx = new EngineContext(opts, initial);
    for (const r of initial) if (!r.delete) this.olds.set(r.urn, r);
  }

  private get display(): Display {
    return this.opts.display;
  }

  async run(): Promise<DeploymentResult> {
    const monitor = await MonitorServer.start(this.opts.proto, this);
    let exitCode: number | null = null;
    try {
      const program = runProgram({
        workDir: this.opts.workDir,
        project: this.opts.project,
        stack: this.opts.stack,
        organization: this.opts.organization,
        pulumiRoot: this.opts.proto.root,
        monitorAddress: monitor.address,
        engineAddress: monitor.address,
        dryRun: this.opts.dryRun,
        parallel: this.opts.parallel,
        config: Object.fromEntries(Object.entries(this.opts.config).map(([k, e]) => [k, e.value])),
        secretKeys: Object.entries(this.opts.config)
          .filter(([, e]) => e.secret)
          .map(([k]) => k),
        env: this.opts.env,
        // The CLI shows what the program prints as info diagnostics of the stack resource.
        onLine: (line, stream) =>
          this.display.diag({ urn: this.stackUrn(), severity: stream === "stderr" ? "info#err" : "info", message: line }),
      });
      // The engine stops waiting on a program once the deployment bailed; the plugin context then kills it.
      const bailed = new Promise<void>((resolve) => (this.onBail = resolve));
      const raced = await Promise.race([
        program.exited.then((code) => ({ exited: true as const, code })),
        bailed.then(() => new Promise((r) => setTimeout(r, bailGraceMs))).then(() => ({ exited: false as const, code: null })),
      ]);
      if (!raced.exited) {
        program.child.kill("SIGKILL");
        await program.exited;
      } else {
        exitCode = raced.code;
      }
      await this.drain();
      if (!this.ctx.failed) {
        if (exitCode !== 0) {
          this.ctx.failed = true;
          if (exitCode !== 32) {
            this.display.diag({
              urn: this.stackUrn(),
              severity: "error",
              message: `an unhandled error occurred: Program exited with non-zero exit code: ${exitCode}`,
            });
          }
        } else if (this.display.errors().length > 0) {
          // Errors the program logged fail the deployment even when it exits 0.
          this.ctx.failed = true;
        }
      }
      if (!this.ctx.failed) await this.postSteps();
      if (!this.ctx.failed) await this.analyzeStack();
    } catch (e) {
      if (!(e instanceof DeploymentFailed)) this.ctx.fail(this.stackUrn(), String((e as Error)?.stack ?? e));
    } finally {
      await this.drain().catch(() => undefined);
      await monitor.stop();
      await this.ctx.close();
    }
    const resources = this.opts.dryRun ? [...this.news.values()] : this.ctx.live;
    return {
      ok: !this.ctx.failed,
      changes: this.ctx.changes,
      outputs: stackOutputsOf(this.opts.dryRun ? [...this.news.values()] : this.ctx.live),
      resources,
    };
  }

  private stackUrn(): string {
    return makeUrn(this.opts.stack, this.opts.project.name, "pulumi:pulumi:Stack", `${this.opts.project.name}-${this.opts.stack}`, "");
  }

  private async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    p.finally(() => this.inflight.delete(p)).catch(() => undefined);
    return p;
  }

  /** Marks the deployment failed and stops taking registrations (BailErrorf / a failed step). */
  private bail(): RpcError {
    this.ctx.failed = true;
    if (!this.bailed) {
      this.bailed = true;
      this.onBail?.();
    }
    // What the Go monitor answers when the deployment was cancelled while a registration waited.
    return new RpcError(this.opts.proto.grpc.status.UNAVAILABLE, "resource monitor shut down while waiting on step's done channel");
  }

  // ---------------------------------------------------------------------------------------------------
  // MonitorHandler

  log(entry: LogEntry): void {
    if (entry.ephemeral) return;
    this.display.diag({ urn: entry.urn || this.stackUrn(), severity: entry.severity, message: entry.message });
  }

  async shutdown(): Promise<void> {
    await this.drain();
  }

  async readResource(req: ReadRequest): Promise<{ urn: string; properties: Props }> {
    const urn = makeUrn(this.opts.stack, this.opts.project.name, req.type, req.name, req.parent);
    if (this.bailed) throw this.bail();
    if (!isDynamicType(req.type)) throw new RpcError(this.opts.proto.grpc.status.UNIMPLEMENTED, unsupportedTypeMessage(req.type));
    const secretKeys = new Set([...secretKeysOf(req.properties), ...req.additionalSecretOutputs]);
    try {
      const host = await this.ctx.host();
      const res = await host.read({ urn, type: req.type, name: req.name }, req.id, unwrapSecrets(req.properties));
      if (!res.id) throw new Error(`resource '${req.id}' does not exist`);
      this.ctx.count("read");
      return { urn, properties: markSecrets(res.properties, secretKeys) };
    } catch (e: any) {
      this.ctx.fail(urn, e.message);
      throw this.bail();
    }
  }

  async registerResourceOutputs(urn: string, outputs: Props): Promise<void> {
    const res = this.news.get(urn);
    if (!res) return;
    const next = { ...res, outputs };
    this.news.set(urn, next);
    if (!this.opts.dryRun) {
      this.ctx.put(next, res);
      this.ctx.save();
    }
  }

  registerResource(req: RegisterRequest): Promise<RegisterResponse> {
    const urn = makeUrn(this.opts.stack, this.opts.project.name, req.type, req.name, req.parent);
    if (this.bailed) return Promise.reject(this.bail());
    if (this.registered.has(urn)) {
      this.ctx.fail(urn, `Duplicate resource URN '${urn}'; try giving it a unique name`);
      return Promise.reject(this.bail());
    }
    this.registered.add(urn);
    const rawInputs = req.object;
    const goal: Goal = { urn, req, rawInputs, secretKeys: secretKeysOf(rawInputs), news: unwrapSecrets(rawInputs) };
    const planned = this.planning.then(() => (this.bailed ? Promise.reject(this.bail()) : this.plan(goal)));
    this.planning = planned.catch(() => undefined);
    return this.track(planned.then((step) => step()));
  }

  // ---------------------------------------------------------------------------------------------------
  // Step generation

  /** Finds the old state for a goal, following aliases (renames keep the resource). */
  private oldFor(goal: Goal): ResourceState | undefined {
    const direct = this.olds.get(goal.urn);
    if (direct) return direct;
    for (const alias of goal.req.aliasUrns) {
      const old = this.olds.get(alias);
      if (old && !this.registered.has(alias)) {
        this.registered.add(alias);
        return old;
      }
    }
    return undefined;
  }

  private newState(goal: Goal, fields: Partial<ResourceState>): ResourceState {
    const { req } = goal;
    const s: ResourceState = {
      urn: goal.urn,
      custom: req.custom,
      type: req.type,
      inputs: {},
      outputs: {},
      ...fields,
    };
    if (req.parent) s.parent = req.parent;
    if (req.dependencies.length) s.dependencies = [...req.dependencies];
    if (Object.keys(req.propertyDependencies).length) s.propertyDependencies = clone(req.propertyDependencies);
    if (req.additionalSecretOutputs.length) s.additionalSecretOutputs = [...req.additionalSecretOutputs];
    if (req.deleteBeforeReplace !== undefined) s.deleteBeforeReplace = req.deleteBeforeReplace;
    if (req.protect) s.protect = true;
    if (req.retainOnDelete) s.retainOnDelete = true;
    return s;
  }

  /** Plans one registration; returns the step that applies it (run outside the serial planning loop). */
  private async plan(goal: Goal): Promise<() => Promise<RegisterResponse>> {
    const { req, urn } = goal;
    if (!req.custom) return this.planComponent(goal);
    if (!isDynamicType(req.type) || req.remote) {
      this.ctx.fail(urn, unsupportedTypeMessage(req.type));
      throw this.bail();
    }
    if (req.importId) {
      this.ctx.fail(urn, "import is not supported by the local engine");
      throw this.bail();
    }
    const old = this.oldFor(goal);
    const oldInputs = old ? unwrapSecrets(old.inputs) : {};
    // ignoreChanges: the engine copies the old values of ignored properties into the new inputs before Check.
    let news = goal.news;
    if (old && req.ignoreChanges.length) {
      news = { ...news };
      for (const key of req.ignoreChanges) {
        if (key in oldInputs) news[key] = clone(oldInputs[key]);
        else delete news[key];
      }
    }
    const host = await this.hostOrFail(urn);
    const checked = await this.check(host, goal, old ? oldInputs : {}, news);
    await this.analyze(goal, checked);

    if (!old) return () => this.applyCreate(goal, checked, "create");

    let diff;
    try {
      diff = await host.diff(refOf({ urn, type: req.type }), old.id ?? "", unwrapSecrets(old.outputs), checked, oldInputs);
    } catch (e: any) {
      this.ctx.fail(urn, e.message);
      throw this.bail();
    }
    let changes = diff.changes;
    // DIFF_UNKNOWN: the engine diffs old and new inputs itself, __provider included (A.4).
    if (changes === "unknown") changes = deepEqual(oldInputs, checked) ? "none" : "some";
    if (changes === "none") return () => this.applySame(goal, old, checked);

    const changed = changedKeys(oldInputs, checked);
    const replaceOnChange = req.replaceOnChanges.some((k) => k === "*" || changed.includes(k));
    if (diff.replaces.length === 0 && !replaceOnChange) return () => this.applyUpdate(goal, old, checked);

    // Replacement: Check again with no olds, as the new resource is a fresh create (step_generator.go).
    const rechecked = await this.check(host, goal, {}, news);
    const deleteBeforeReplace = req.deleteBeforeReplace ?? diff.deleteBeforeReplace;
    return () => this.applyReplace(goal, old, rechecked, deleteBeforeReplace);
  }

  private async hostOrFail(urn: string): Promise<ProviderHost> {
    try {
      return await this.ctx.host();
    } catch (e: any) {
      this.ctx.fail(urn, `could not start the dynamic provider host: ${e.message}`);
      throw this.bail();
    }
  }

  private async check(host: ProviderHost, goal: Goal, olds: Props, news: Props): Promise<Props> {
    const { urn, req } = goal;
    let res;
    try {
      res = await host.check(refOf({ urn, type: req.type }), olds, news);
    } catch (e: any) {
      this.ctx.fail(urn, e.message);
      throw this.bail();
    }
    if (res.failures.length > 0) {
      for (const f of res.failures) {
        this.display.diag({ urn, severity: "error", message: checkFailureMessage(req.type, req.name, f, goal.rawInputs) });
      }
      // BailErrorf("resource %s is invalid"): the whole deployment stops here.
      throw this.bail();
    }
    return res.inputs;
  }

  private planComponent(goal: Goal): () => Promise<RegisterResponse> {
    const old = this.oldFor(goal);
    // Components have no provider: "diff" is input equality (step_generator.go, prov == nil).
    const op: OpType = !old ? "create" : deepEqual(old.inputs, goal.rawInputs) ? "same" : "update";
    return async () => {
      const next = this.newState(goal, { inputs: goal.rawInputs, outputs: old?.outputs ?? {} });
      this.commit(goal.urn, op, next, old);
      return { urn: goal.urn, id: "", object: {} };
    };
  }

  /** Records the new state of a registered resource and counts/prints its step. */
  private commit(urn: string, op: OpType, next: ResourceState, old: ResourceState | undefined): void {
    this.news.set(urn, next);
    if (!this.opts.dryRun) {
      this.ctx.put(next, old);
      this.ctx.save();
    }
    this.ctx.count(op);
    this.display.step(op, urn, !this.opts.dryRun);
  }

  private outputKeys(goal: Goal): string[] {
    return [...goal.secretKeys, ...goal.req.additionalSecretOutputs];
  }

  private respond(goal: Goal, state: ResourceState): RegisterResponse {
    return { urn: goal.urn, id: state.id ?? "", object: state.outputs, propertyDependencies: goal.req.propertyDependencies };
  }

  private async mutate<T>(urn: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.ctx.semaphore.run(fn);
    } catch (e: any) {
      if (e instanceof DeploymentFailed) throw this.bail();
      // The CLI shows the provider's message as the resource's error diagnostic, unprefixed.
      this.ctx.fail(urn, e.message);
      throw this.bail();
    }
  }

  private async applyCreate(goal: Goal, checked: Props, op: OpType, replacing?: ResourceState): Promise<RegisterResponse> {
    const inputs = markSecrets(checked, goal.secretKeys);
    let next: ResourceState;
    if (this.opts.dryRun) {
      // The host does not support preview: the engine answers with the checked inputs and an unknown id.
      next = this.newState(goal, { inputs, outputs: markSecrets(checked, this.outputKeys(goal)) });
    } else {
      const host = await this.ctx.host();
      const res = await this.mutate(goal.urn, () => host.create(refOf({ urn: goal.urn, type: goal.req.type }), checked));
      next = this.newState(goal, {
        id: res.id,
        inputs,
        outputs: markSecrets(res.properties, this.outputKeys(goal)),
      });
    }
    if (replacing && !this.opts.dryRun && !replacing.delete) {
      // Create-before-delete: the old resource stays in the checkpoint, marked for deletion.
      const pending = { ...replacing, delete: true };
      this.ctx.put(pending, replacing);
      this.pendingDeletes.push(pending);
      this.commit(goal.urn, op, next, undefined);
    } else {
      this.commit(goal.urn, op, next, replacing);
    }
    return this.respond(goal, next);
  }

  private async applySame(goal: Goal, old: ResourceState, checked: Props): Promise<RegisterResponse> {
    const next = this.newState(goal, { id: old.id, inputs: markSecrets(checked, goal.secretKeys), outputs: old.outputs });
    this.commit(goal.urn, "same", next, old);
    return this.respond(goal, next);
  }

  private async applyUpdate(goal: Goal, old: ResourceState, checked: Props): Promise<RegisterResponse> {
    const inputs = markSecrets(checked, goal.secretKeys);
    let outputs: Props;
    if (this.opts.dryRun) {
      outputs = markSecrets(checked, this.outputKeys(goal));
    } else {
      const host = await this.ctx.host();
      const props = await this.mutate(goal.urn, () =>
        host.update(refOf({ urn: goal.urn, type: goal.req.type }), old.id ?? "", unwrapSecrets(old.outputs), checked, {
          oldInputs: unwrapSecrets(old.inputs),
        }),
      );
      outputs = markSecrets(props, this.outputKeys(goal));
    }
    const next = this.newState(goal, { id: old.id, inputs, outputs });
    this.commit(goal.urn, "update", next, old);
    return this.respond(goal, next);
  }

  private async applyReplace(goal: Goal, old: ResourceState, checked: Props, deleteBeforeReplace: boolean): Promise<RegisterResponse> {
    if (old.protect) {
      this.ctx.fail(goal.urn, `unable to replace resource "${goal.urn}"\nas it is currently marked for protection.`);
      throw this.bail();
    }
    if (this.opts.dryRun) return this.applyCreate(goal, checked, "replace", old);
    if (!deleteBeforeReplace) return this.applyCreate(goal, checked, "replace", old);
    // Delete-before-replace: the old resource goes first, then the replacement is created.
    await this.mutate(goal.urn, async () => {
      const host = await this.ctx.host();
      await host.delete(refOf(old), old.id ?? "", unwrapSecrets(old.outputs), unwrapSecrets(old.inputs));
      this.ctx.remove(old);
      this.ctx.save();
      this.display.step("delete-replaced", old.urn, true);
    });
    return this.applyCreate(goal, checked, "replace");
  }

  // ---------------------------------------------------------------------------------------------------
  // After the program

  private async postSteps(): Promise<void> {
    const unregistered = this.ctx.live.filter((r) => !r.delete && !this.registered.has(r.urn) && !this.news.has(r.urn));
    const pending = this.ctx.live.filter((r) => r.delete);
    try {
      await this.ctx.deleteInOrder(unregistered, "delete");
      // Replaced originals (this run's and any left pending by an earlier failed run) go last.
      await this.ctx.deleteInOrder(pending, "delete-replaced");
    } catch (e) {
      if (!(e instanceof DeploymentFailed)) throw e;
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Policy packs

  private async analyze(goal: Goal, checked: Props): Promise<void> {
    const analyzers = this.opts.analyzers ?? [];
    if (analyzers.length === 0) return;
    const { urn, req } = goal;
    let mandatory = false;
    for (const a of analyzers) {
      const diags = await a.analyze({
        urn,
        type: req.type,
        name: req.name,
        properties: checked,
        parent: req.parent,
        options: {
          protect: !!req.protect,
          ignoreChanges: req.ignoreChanges,
          deleteBeforeReplace: !!req.deleteBeforeReplace,
          additionalSecretOutputs: req.additionalSecretOutputs,
          aliases: req.aliasUrns,
        },
      });
      for (const d of diags) {
        this.display.diag({ urn, severity: d.enforcementLevel === "mandatory" ? "error" : "warning", message: d.text });
        if (d.enforcementLevel === "mandatory") mandatory = true;
      }
    }
    if (mandatory) {
      // In preview planning continues and the preview fails at the end; in an update the resource is invalid.
      if (this.opts.dryRun) this.ctx.failed = true;
      else throw this.bail();
    }
  }

  private async analyzeStack(): Promise<void> {
    const analyzers = this.opts.analyzers ?? [];
    if (analyzers.length === 0) return;
    const resources = [...this.news.values()];
    for (const a of analyzers) {
      const diags = await a.analyzeStack(resources);
      for (const d of diags) {
        this.display.diag({ urn: d.urn || this.stackUrn(), severity: d.enforcementLevel === "mandatory" ? "error" : "warning", message: d.text });
        if (d.enforcementLevel === "mandatory") this.ctx.failed = true;
      }
    }
  }
}
