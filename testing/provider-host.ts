// The real dynamic-provider host (@pulumi/pulumi/cmd/dynamic-provider) spawned the way the engine spawns
// the `pulumi-resource-pulumi-nodejs` plugin, plus a typed gRPC client for it. Exported so that tests of a
// dynamic provider can drive its check/diff/create/... through the exact code path the engine uses,
// including closure deserialization of `__provider`.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";

import { loadPulumiProto, PulumiProto } from "./proto";
import { Props, unwrapSecrets } from "./values";

export interface ProviderHostOptions {
  /** The program's directory: the host runs with this cwd so `require(...)` in provider code resolves there. */
  workDir: string;
  /** Pulumi project name; the host uses it (PULUMI_NODEJS_PROJECT) to namespace un-prefixed config keys. */
  project: string;
  /** Engine address given to the host as its argument (it only checks one is present). */
  engineAddress?: string;
  /** Extra environment for the host process (merged over process.env). */
  env?: Record<string, string | undefined>;
  /** Receives the host's stdout/stderr lines (provider console.log output, crash traces). */
  onOutput?: (line: string, stream: "stdout" | "stderr") => void;
}

export interface CheckFailure {
  property: string;
  reason: string;
}
export interface CheckResult {
  inputs: Props;
  failures: CheckFailure[];
}
export type DiffChanges = "unknown" | "none" | "some";
export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
}
export interface CreateResult {
  id: string;
  properties: Props;
}
export interface ReadResult {
  id: string;
  properties: Props;
  inputs?: Props;
}

/** Identity of the resource a call is about; the host ignores most of it but the engine always sends it. */
export interface ResourceRef {
  urn: string;
  type?: string;
  name?: string;
}

/** Error from a provider call, with the gRPC status code and the provider's message. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly method: string,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

export class ProviderHost {
  private constructor(
    private readonly proto: PulumiProto,
    private readonly child: ChildProcess,
    private readonly client: any,
    readonly port: number,
    private readonly exited: Promise<number | null>,
  ) {}

  /** Spawns `node <@pulumi/pulumi>/cmd/dynamic-provider/index.js <engine>` and connects to the port it prints. */
  static async start(opts: ProviderHostOptions): Promise<ProviderHost> {
    const workDir = path.resolve(opts.workDir);
    const proto = loadPulumiProto(workDir);
    const script = path.join(proto.root, "cmd", "dynamic-provider", "index.js");
    const child = spawn(process.execPath, [script, opts.engineAddress ?? "127.0.0.1:1"], {
      cwd: workDir,
      // provider_plugin.go sets PULUMI_NODEJS_PROJECT for the nodejs dynamic provider plugin.
      env: { ...process.env, ...opts.env, PULUMI_NODEJS_PROJECT: opts.project },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const stderrLines: string[] = [];
    readline.createInterface({ input: child.stderr! }).on("line", (line) => {
      stderrLines.push(line);
      opts.onOutput?.(line, "stderr");
    });
    const port = await new Promise<number>((resolve, reject) => {
      let first = true;
      readline.createInterface({ input: child.stdout! }).on("line", (line) => {
        if (first) {
          first = false;
          const p = parseInt(line.trim(), 10);
          if (Number.isNaN(p)) reject(new Error(`dynamic-provider host printed no port: ${line}`));
          else resolve(p);
          return;
        }
        opts.onOutput?.(line, "stdout");
      });
      child.on("error", reject);
      exited.then((code) => {
        if (first) reject(new Error(`dynamic-provider host exited (${code}) before listening:\n${stderrLines.join("\n")}`));
      });
    });
    const client = new proto.providerGrpc.ResourceProviderClient(
      `127.0.0.1:${port}`,
      proto.grpc.credentials.createInsecure(),
      { "grpc.max_receive_message_length": 1 << 30, "grpc.max_send_message_length": 1 << 30 },
    );
    return new ProviderHost(proto, child, client, port, exited);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private struct(v: Props): any {
    return this.proto.struct.Struct.fromJavaScript(v as any);
  }

  private call<T>(method: string, req: any): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.client[method](req, (err: any, resp: T) => {
        if (err) reject(new ProviderError(err.details || err.message, err.code, method));
        else resolve(resp);
      });
    });
  }

  private setRef(req: any, ref: ResourceRef): void {
    req.setUrn(ref.urn);
    const parts = ref.urn.split("::");
    const type = ref.type ?? (parts[2] ?? "").split("$").pop() ?? "";
    req.setType(type);
    req.setName(ref.name ?? parts.slice(3).join("::"));
  }

  /**
   * Configure with the stack config, keys `<namespace>:<key>` (target.go sends the whole stack config to
   * dynamic providers). Secret values may be given as secret envelopes; the host unwraps them.
   */
  async configure(config: Record<string, unknown>): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }> {
    const req = new this.proto.provider.ConfigureRequest();
    req.setArgs(this.struct(config as Props));
    const vars = req.getVariablesMap();
    for (const [k, v] of Object.entries(config)) {
      const plain = unwrapSecrets(v);
      vars.set(k, typeof plain === "string" ? plain : JSON.stringify(plain));
    }
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    const resp: any = await this.call("configure", req);
    return { acceptSecrets: resp.getAcceptsecrets(), supportsPreview: resp.getSupportspreview() };
  }

  async check(ref: ResourceRef, olds: Props, news: Props): Promise<CheckResult> {
    const req = new this.proto.provider.CheckRequest();
    this.setRef(req, ref);
    req.setOlds(this.struct(olds));
    req.setNews(this.struct(news));
    const resp: any = await this.call("check", req);
    return {
      inputs: resp.getInputs()?.toJavaScript() ?? {},
      failures: resp.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(ref: ResourceRef, id: string, olds: Props, news: Props, oldInputs?: Props): Promise<DiffResult> {
    const req = new this.proto.provider.DiffRequest();
    this.setRef(req, ref);
    req.setId(id);
    req.setOlds(this.struct(olds));
    req.setNews(this.struct(news));
    if (oldInputs) req.setOldInputs(this.struct(oldInputs));
    const resp: any = await this.call("diff", req);
    const C = this.proto.provider.DiffResponse.DiffChanges;
    const c = resp.getChanges();
    return {
      changes: c === C.DIFF_SOME ? "some" : c === C.DIFF_NONE ? "none" : "unknown",
      replaces: resp.getReplacesList(),
      stables: resp.getStablesList(),
      deleteBeforeReplace: resp.getDeletebeforereplace(),
    };
  }

  async create(ref: ResourceRef, properties: Props, opts: { preview?: boolean; timeout?: number } = {}): Promise<CreateResult> {
    const req = new this.proto.provider.CreateRequest();
    this.setRef(req, ref);
    req.setProperties(this.struct(properties));
    req.setPreview(!!opts.preview);
    if (opts.timeout) req.setTimeout(opts.timeout);
    const resp: any = await this.call("create", req);
    return { id: resp.getId(), properties: resp.getProperties()?.toJavaScript() ?? {} };
  }

  async read(ref: ResourceRef, id: string, properties: Props, inputs?: Props): Promise<ReadResult> {
    const req = new this.proto.provider.ReadRequest();
    this.setRef(req, ref);
    req.setId(id);
    req.setProperties(this.struct(properties));
    if (inputs) req.setInputs(this.struct(inputs));
    const resp: any = await this.call("read", req);
    const inputsStruct = resp.getInputs();
    return {
      id: resp.getId(),
      properties: resp.getProperties()?.toJavaScript() ?? {},
      inputs: inputsStruct ? inputsStruct.toJavaScript() : undefined,
    };
  }

  async update(
    ref: ResourceRef,
    id: string,
    olds: Props,
    news: Props,
    opts: { oldInputs?: Props; preview?: boolean; timeout?: number } = {},
  ): Promise<Props> {
    const req = new this.proto.provider.UpdateRequest();
    this.setRef(req, ref);
    req.setId(id);
    req.setOlds(this.struct(olds));
    req.setNews(this.struct(news));
    if (opts.oldInputs) req.setOldInputs(this.struct(opts.oldInputs));
    req.setPreview(!!opts.preview);
    if (opts.timeout) req.setTimeout(opts.timeout);
    const resp: any = await this.call("update", req);
    return resp.getProperties()?.toJavaScript() ?? {};
  }

  async delete(ref: ResourceRef, id: string, properties: Props, oldInputs?: Props): Promise<void> {
    const req = new this.proto.provider.DeleteRequest();
    this.setRef(req, ref);
    req.setId(id);
    req.setProperties(this.struct(properties));
    if (oldInputs) req.setOldInputs(this.struct(oldInputs));
    await this.call("delete", req);
  }

  async getPluginInfo(): Promise<{ version: string }> {
    const resp: any = await this.call("getPluginInfo", new this.proto.empty.Empty());
    return { version: resp.getVersion() };
  }

  /** Closes the client and ends the host process, as the engine does when its plugin context closes. */
  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGTERM");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 2000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
