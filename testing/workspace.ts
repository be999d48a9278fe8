// The public face: an Automation-API-shaped LocalWorkspace/Stack over the local engine, so an integration
// test can switch between this and `@pulumi/pulumi/automation` by changing one import.
import * as fs from "fs";
import * as path from "path";

import type {
  ConfigMap,
  ConfigValue,
  DestroyResult,
  OpMap,
  OutputMap,
  PreviewResult,
  RefreshResult,
  UpdateKind,
  UpdateSummary,
  UpResult,
} from "@pulumi/pulumi/automation";

import { checkpointPath, readCheckpoint, ResourceState, stateDir } from "./checkpoint";
import { ProgramDeployment } from "./deployment";
import { Display } from "./display";
import { EngineContextOptions, stackOutputsOf } from "./engine-state";
import { destroy, refresh } from "./operations";
import { Analyzer } from "./policy";
import { startPolicyPacks } from "./policy-host";
import { ConfigEntry, ProjectSettings, qualifyKey, readProject, readStackConfig, writeStackConfig } from "./project";
import { loadPulumiProto } from "./proto";
import { defaultParallel } from "./util";
import { containsSecrets, unwrapSecrets } from "./values";

export type { ConfigMap, ConfigValue, DestroyResult, OpMap, OutputMap, PreviewResult, RefreshResult, UpdateSummary, UpResult };

export interface LocalProgramArgs {
  stackName: string;
  /** Directory holding Pulumi.yaml and the program. */
  workDir: string;
}

export interface LocalWorkspaceOptions {
  /** Environment for the program and the provider host (over process.env), like the Automation API's. */
  envVars?: { [key: string]: string };
  /** Policy pack directories applied to every preview/update of stacks of this workspace. */
  policyPacks?: string[];
  /** Where checkpoints live; default `$PULUMI_LOCAL_STATE_DIR` or `<workDir>/.pulumi-local`. */
  stateDir?: string;
}

/** Options shared by every operation (a subset of the Automation API's, plus the local ones). */
export interface OperationOptions {
  onOutput?: (out: string) => void;
  onError?: (err: string) => void;
  parallel?: number;
  message?: string;
  /** Fail if the operation would change anything. */
  expectNoChanges?: boolean;
}

export interface LocalPreviewOptions extends OperationOptions {
  policyPacks?: string[];
  refresh?: boolean;
}

export interface LocalUpOptions extends LocalPreviewOptions {
  /** Skip the preview deployment `pulumi up` runs first (the Automation API always skips it). */
  skipPreview?: boolean;
}

export type LocalRefreshOptions = OperationOptions;
export type LocalDestroyOptions = OperationOptions;

/** Failure of an operation; `message` mirrors the Automation API's CommandError and holds the diagnostics. */
export class CommandError extends Error {
  constructor(
    readonly stdout: string,
    readonly stderr: string,
    readonly diagnostics: string,
    readonly code = 255,
  ) {
    super(`code: ${code}\n stdout: ${stdout}\n stderr: ${stderr}\n`);
    this.name = "CommandError";
  }
}

export class LocalWorkspace {
  readonly workDir: string;
  readonly envVars: { [key: string]: string };
  readonly policyPacks: string[];
  readonly project: ProjectSettings;
  private readonly stateDirOverride?: string;

  private constructor(workDir: string, opts: LocalWorkspaceOptions = {}) {
    this.workDir = path.resolve(workDir);
    this.envVars = { ...(opts.envVars ?? {}) };
    this.policyPacks = [...(opts.policyPacks ?? [])];
    this.stateDirOverride = opts.stateDir;
    this.project = readProject(this.workDir);
    if (this.project.runtime !== "nodejs") {
      throw new Error(`runtime '${this.project.runtime}' is not supported by the local engine (nodejs only)`);
    }
  }

  static async create(opts: LocalWorkspaceOptions & { workDir: string }): Promise<LocalWorkspace> {
    return new LocalWorkspace(opts.workDir, opts);
  }

  static async createOrSelectStack(args: LocalProgramArgs, opts?: LocalWorkspaceOptions): Promise<Stack> {
    const ws = new LocalWorkspace(args.workDir, opts);
    return new Stack(args.stackName, ws);
  }

  static async createStack(args: LocalProgramArgs, opts?: LocalWorkspaceOptions): Promise<Stack> {
    const ws = new LocalWorkspace(args.workDir, opts);
    if (fs.existsSync(ws.checkpointFile(args.stackName))) throw new Error(`stack '${args.stackName}' already exists`);
    return new Stack(args.stackName, ws);
  }

  static async selectStack(args: LocalProgramArgs, opts?: LocalWorkspaceOptions): Promise<Stack> {
    const ws = new LocalWorkspace(args.workDir, opts);
    if (!fs.existsSync(ws.checkpointFile(args.stackName))) throw new Error(`no stack named '${args.stackName}' found`);
    return new Stack(args.stackName, ws);
  }

  /** Environment for child processes: process.env overlaid with envVars. */
  env(): Record<string, string | undefined> {
    return { ...process.env, ...this.envVars };
  }

  stateDir(): string {
    return this.stateDirOverride ? path.resolve(this.stateDirOverride) : stateDir(this.workDir, this.env());
  }

  checkpointFile(stack: string): string {
    if (this.stateDirOverride) return path.join(this.stateDir(), "stacks", this.project.name, `${stack}.json`);
    return checkpointPath(this.workDir, this.project.name, stack, this.env());
  }

  historyFile(stack: string): string {
    return this.checkpointFile(stack).replace(/\.json$/, ".history.json");
  }

  /** Project config defaults from Pulumi.yaml overlaid with Pulumi.<stack>.yaml. */
  getAllConfig(stack: string): Record<string, ConfigEntry> {
    const out: Record<string, ConfigEntry> = {};
    for (const [k, v] of Object.entries(this.project.config)) {
      if (v.value === undefined) continue;
      out[qualifyKey(this.project.name, k)] = {
        value: typeof v.value === "string" ? v.value : JSON.stringify(v.value),
        secret: !!v.secret,
      };
    }
    return { ...out, ...readStackConfig(this.workDir, stack) };
  }

  async getConfig(stack: string, key: string): Promise<ConfigValue> {
    const e = this.getAllConfig(stack)[qualifyKey(this.project.name, key)];
    if (!e) throw new Error(`configuration key '${key}' not found for stack '${stack}'`);
    return { value: e.value, secret: e.secret };
  }

  async setConfig(stack: string, key: string, value: ConfigValue): Promise<void> {
    await this.setAllConfig(stack, { [key]: value });
  }

  async setAllConfig(stack: string, config: ConfigMap): Promise<void> {
    const cur = readStackConfig(this.workDir, stack);
    for (const [k, v] of Object.entries(config)) cur[qualifyKey(this.project.name, k)] = { value: v.value, secret: !!v.secret };
    writeStackConfig(this.workDir, stack, cur);
  }

  async removeConfig(stack: string, key: string): Promise<void> {
    const cur = readStackConfig(this.workDir, stack);
    delete cur[qualifyKey(this.project.name, key)];
    writeStackConfig(this.workDir, stack, cur);
  }
}

/** Operations on one stack are serialized (the CLI would refuse a second one on a locked stack). */
const stackLocks = new Map<string, Promise<unknown>>();

export class Stack {
  constructor(
    readonly name: string,
    readonly workspace: LocalWorkspace,
  ) {}

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const key = this.workspace.checkpointFile(this.name);
    const prev = stackLocks.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    stackLocks.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }

  getConfig(key: string): Promise<ConfigValue> {
    return this.workspace.getConfig(this.name, key);
  }
  setConfig(key: string, value: ConfigValue): Promise<void> {
    return this.workspace.setConfig(this.name, key, value);
  }
  setAllConfig(config: ConfigMap): Promise<void> {
    return this.workspace.setAllConfig(this.name, config);
  }
  removeConfig(key: string): Promise<void> {
    return this.workspace.removeConfig(this.name, key);
  }
  async getAllConfig(): Promise<ConfigMap> {
    const out: ConfigMap = {};
    for (const [k, e] of Object.entries(this.workspace.getAllConfig(this.name))) out[k] = { value: e.value, secret: e.secret };
    return out;
  }

  /** Stack outputs of the last update: `{value, secret}` per output, like Stack.outputs() of automation. */
  async outputs(): Promise<OutputMap> {
    return toOutputMap(stackOutputsOf(this.resources()));
  }

  /** The checkpoint's resources (`pulumi stack export` shape, secrets in plaintext envelopes). */
  resources(): ResourceState[] {
    return readCheckpoint(this.workspace.checkpointFile(this.name));
  }

  async exportStack(): Promise<{ version: number; deployment: { resources: ResourceState[] } }> {
    return { version: 3, deployment: { resources: this.resources() } };
  }

  async history(): Promise<UpdateSummary[]> {
    const f = this.workspace.historyFile(this.name);
    if (!fs.existsSync(f)) return [];
    return (JSON.parse(fs.readFileSync(f, "utf8")) as any[]).map((h) => ({ ...h, startTime: new Date(h.startTime), endTime: new Date(h.endTime) }));
  }

  preview(opts: LocalPreviewOptions = {}): Promise<PreviewResult> {
    return this.locked(async () => {
      const display = new Display(opts.onOutput, opts.onError);
      const r = await this.runPreview(display, opts);
      if (!r.ok) throw this.failure(display);
      return { stdout: display.stdout, stderr: display.stderr, changeSummary: r.changes };
    });
  }

  up(opts: LocalUpOptions = {}): Promise<UpResult> {
    return this.locked(async () => {
      const display = new Display(opts.onOutput, opts.onError);
      const startTime = new Date();
      if (!opts.skipPreview) {
        const p = await this.runPreview(display, opts);
        if (!p.ok) throw this.failure(display);
        display.line();
      }
      if (opts.refresh) await this.runRefresh(display, opts, true);
      display.line(`Updating (${this.name}):`);
      const analyzers = await this.analyzers(display, opts.policyPacks, false, "update");
      const d = new ProgramDeployment(
        { ...this.contextOptions(display, false, opts), organization: "organization", analyzers },
        this.resources(),
      );
      const r = await d.run().finally(() => closeAll(analyzers));
      const outputs = r.outputs;
      this.expectNoChanges(display, opts, r.changes, r);
      this.finish(display, "update", r, false, outputs, startTime);
      const summary = this.record("update", startTime, r.ok, r.changes, opts.message);
      if (!r.ok) throw this.failure(display);
      return { stdout: display.stdout, stderr: display.stderr, outputs: toOutputMap(outputs), summary };
    });
  }

  refresh(opts: LocalRefreshOptions = {}): Promise<RefreshResult> {
    return this.locked(async () => {
      const display = new Display(opts.onOutput, opts.onError);
      const startTime = new Date();
      const r = await this.runRefresh(display, opts, false);
      this.expectNoChanges(display, opts, r.changes, r);
      this.finish(display, "refresh", r, false, undefined, startTime);
      const summary = this.record("refresh", startTime, r.ok, r.changes, opts.message);
      if (!r.ok) throw this.failure(display);
      return { stdout: display.stdout, stderr: display.stderr, summary };
    });
  }

  destroy(opts: LocalDestroyOptions = {}): Promise<DestroyResult> {
    return this.locked(async () => {
      const display = new Display(opts.onOutput, opts.onError);
      const startTime = new Date();
      display.line(`Destroying (${this.name}):`);
      const r = await destroy(this.contextOptions(display, false, opts), this.resources());
      this.expectNoChanges(display, opts, r.changes, r);
      this.finish(display, "destroy", r, false, undefined, startTime);
      const summary = this.record("destroy", startTime, r.ok, r.changes, opts.message);
      if (!r.ok) throw this.failure(display);
      return { stdout: display.stdout, stderr: display.stderr, summary };
    });
  }

  // ---------------------------------------------------------------------------------------------------

  private async runPreview(display: Display, opts: LocalPreviewOptions) {
    if (opts.refresh) await this.runRefresh(display, opts, true);
    display.line(`Previewing update (${this.name}):`);
    const analyzers = await this.analyzers(display, opts.policyPacks, true, "preview");
    const d = new ProgramDeployment(
      { ...this.contextOptions(display, true, opts), organization: "organization", analyzers },
      this.resources(),
    );
    const r = await d.run().finally(() => closeAll(analyzers));
    this.expectNoChanges(display, opts, r.changes, r);
    this.finish(display, "preview", r, true, undefined);
    return r;
  }

  private async runRefresh(display: Display, opts: OperationOptions, quiet: boolean) {
    display.line(`Refreshing (${this.name}):`);
    const r = await refresh(this.contextOptions(display, false, opts), this.resources());
    if (quiet && !r.ok) {
      this.finish(display, "refresh", r, false, undefined);
      throw this.failure(display);
    }
    if (quiet) display.line();
    return r;
  }

  /** Starts the policy packs of the workspace and the operation; a pack that cannot start fails it. */
  private async analyzers(display: Display, extra: string[] | undefined, dryRun: boolean, what: string): Promise<Analyzer[]> {
    const packs = [...this.workspace.policyPacks, ...(extra ?? [])];
    if (packs.length === 0) return [];
    try {
      return await startPolicyPacks(packs, {
        workDir: this.workspace.workDir,
        project: this.workspace.project.name,
        stack: this.name,
        dryRun,
        config: this.workspace.getAllConfig(this.name),
        env: this.workspace.env(),
      });
    } catch (e: any) {
      display.diag({ urn: this.stackUrn(), severity: "error", message: `could not start policy packs: ${e.message}` });
      this.finish(display, what, { ok: false, changes: {} }, dryRun, undefined);
      throw this.failure(display);
    }
  }

  private contextOptions(display: Display, dryRun: boolean, opts: OperationOptions): EngineContextOptions {
    const ws = this.workspace;
    return {
      workDir: ws.workDir,
      project: ws.project,
      stack: this.name,
      proto: loadPulumiProto(ws.workDir),
      parallel: opts.parallel && opts.parallel > 0 ? opts.parallel : defaultParallel(),
      config: ws.getAllConfig(this.name),
      env: ws.env(),
      checkpointFile: ws.checkpointFile(this.name),
      display,
      dryRun,
    };
  }

  private expectNoChanges(display: Display, opts: OperationOptions, changes: OpMap, r: { ok: boolean }): void {
    if (!opts.expectNoChanges || !r.ok) return;
    const changed = Object.entries(changes).some(([op, n]) => op !== "same" && (n ?? 0) > 0);
    if (changed) {
      display.diag({ severity: "error", message: "no changes were expected but changes occurred" });
      r.ok = false;
    }
  }

  /** Writes the closing blocks; a failed operation first gets the CLI's "<what> failed" stack error. */
  private finish(
    display: Display,
    what: string,
    r: { ok: boolean; changes: OpMap },
    preview: boolean,
    outputs: Record<string, any> | undefined,
    start?: Date,
  ): void {
    if (!r.ok) display.diag({ urn: this.stackUrn(), severity: "error", message: `${what} failed` });
    display.line();
    display.write(display.formatDiagnostics());
    if (outputs) display.write(display.formatOutputs(outputs));
    display.write(display.formatSummary(r.changes, preview));
    if (start) display.line(`\nDuration: ${((Date.now() - start.getTime()) / 1000).toFixed(0)}s`);
  }

  private stackUrn(): string {
    const p = this.workspace.project.name;
    return `urn:pulumi:${this.name}::${p}::pulumi:pulumi:Stack::${p}-${this.name}`;
  }

  private failure(display: Display): CommandError {
    return new CommandError(display.stdout, display.stderr, display.formatDiagnostics());
  }

  private record(kind: UpdateKind, startTime: Date, ok: boolean, changes: OpMap, message?: string): UpdateSummary {
    const f = this.workspace.historyFile(this.name);
    let history: any[] = [];
    if (fs.existsSync(f)) history = JSON.parse(fs.readFileSync(f, "utf8"));
    const config: ConfigMap = {};
    for (const [k, e] of Object.entries(this.workspace.getAllConfig(this.name))) {
      config[k] = { value: e.secret ? "[secret]" : e.value, secret: e.secret };
    }
    const summary: UpdateSummary = {
      kind,
      startTime,
      message: message ?? "",
      environment: { exec_kind: "local-engine" },
      config,
      result: ok ? "succeeded" : "failed",
      endTime: new Date(),
      version: history.length + 1,
      resourceChanges: changes,
    };
    history.push(summary);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, JSON.stringify(history, null, 2));
    return summary;
  }
}

function toOutputMap(outputs: Record<string, any>): OutputMap {
  const out: OutputMap = {};
  for (const [k, v] of Object.entries(outputs)) out[k] = { value: unwrapSecrets(v), secret: containsSecrets(v) };
  return out;
}

async function closeAll(analyzers: Analyzer[]): Promise<void> {
  await Promise.all(analyzers.map((a) => a.close().catch(() => undefined)));
}
