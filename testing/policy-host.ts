// Policy packs run the way the engine runs the `pulumi-analyzer-policy` plugin: one process per pack,
// `node <@pulumi/pulumi>/cmd/run-policy-pack/index.js <engine> .` with cwd = the pack directory; the pack's
// `new PolicyPack(...)` serves the Analyzer gRPC service and prints its port. The engine then calls
// GetAnalyzerInfo, ConfigureStack, Analyze after every Check and AnalyzeStack at the end (reference C).
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";

import { ResourceState } from "./checkpoint";
import { parseUrn } from "./display";
import { AnalyzeResource, Analyzer, PolicyDiagnostic } from "./policy";
import { ConfigEntry } from "./project";
import { loadPulumiProto, PulumiProto } from "./proto";
import { Props, unwrapSecrets } from "./values";

export interface PolicyPackOptions {
  workDir: string;
  project: string;
  stack: string;
  dryRun: boolean;
  config: Record<string, ConfigEntry>;
  env: Record<string, string | undefined>;
  /** Engine address handed to the pack (it only needs one to be present). */
  engineAddress?: string;
}

class PolicyPackAnalyzer implements Analyzer {
  constructor(
    private readonly proto: PulumiProto,
    private readonly client: any,
    private readonly child: ChildProcess,
    private readonly exited: Promise<number | null>,
    readonly dir: string,
  ) {}

  private call<T>(method: string, req: any): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.client[method](req, (err: any, resp: T) => (err ? reject(new Error(`policy pack ${this.dir}: ${err.details || err.message}`)) : resolve(resp))),
    );
  }

  async configureStack(opts: PolicyPackOptions): Promise<void> {
    const req = new this.proto.analyzer.AnalyzerStackConfigureRequest();
    req.setStack(opts.stack);
    req.setProject(opts.project);
    req.setOrganization("organization");
    req.setDryRun(opts.dryRun);
    const cfg = req.getConfigMap();
    for (const [k, e] of Object.entries(opts.config)) cfg.set(k, e.value);
    req.setConfigSecretKeysList(Object.entries(opts.config).filter(([, e]) => e.secret).map(([k]) => k));
    try {
      await this.call("configureStack", req);
    } catch {
      // Older packs do not implement ConfigureStack; the engine ignores that too.
    }
  }

  private options(o: AnalyzeResource["options"], parent: string): any {
    const opts = new this.proto.analyzer.AnalyzerResourceOptions();
    opts.setProtect(o.protect);
    opts.setIgnorechangesList(o.ignoreChanges);
    opts.setDeletebeforereplace(o.deleteBeforeReplace);
    opts.setDeletebeforereplacedefined(o.deleteBeforeReplace);
    opts.setAdditionalsecretoutputsList(o.additionalSecretOutputs);
    opts.setAliasesList(o.aliases);
    opts.setParent(parent);
    return opts;
  }

  /**
   * Turns AnalyzeResponse diagnostics into the CLI's violation text:
   * `[mandatory]  policy-name  (type: name)` then the message (the policy SDK puts the description and the
   * violation message into it).
   */
  private diagnostics(resp: any, fallbackUrn?: string): PolicyDiagnostic[] {
    const L = this.proto.analyzer.EnforcementLevel;
    const level = (l: number): PolicyDiagnostic["enforcementLevel"] =>
      l === L.MANDATORY ? "mandatory" : l === L.DISABLED ? "disabled" : l === L.REMEDIATE ? "remediate" : "advisory";
    return resp.getDiagnosticsList().map((d: any) => {
      const enforcementLevel = level(d.getEnforcementlevel());
      const urn = d.getUrn() || fallbackUrn || "";
      const where = urn ? `  (${parseUrn(urn).type}: ${parseUrn(urn).name})` : "";
      const text = [`[${enforcementLevel}]  ${d.getPolicyname()}${where}`, d.getMessage() || d.getDescription()].join("\n");
      return {
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        enforcementLevel,
        text: `${d.getPolicypackname()}@v${d.getPolicypackversion()}: ${text}`,
        urn: d.getUrn(),
      };
    });
  }

  async analyze(res: AnalyzeResource): Promise<PolicyDiagnostic[]> {
    const req = new this.proto.analyzer.AnalyzeRequest();
    req.setType(res.type);
    req.setProperties(this.proto.struct.Struct.fromJavaScript(withoutProvider(res.properties) as any));
    req.setUrn(res.urn);
    req.setName(res.name);
    req.setOptions(this.options(res.options, res.parent));
    const resp = await this.call("analyze", req);
    return this.diagnostics(resp, res.urn).filter((d) => d.enforcementLevel !== "disabled");
  }

  async analyzeStack(resources: ResourceState[]): Promise<PolicyDiagnostic[]> {
    const req = new this.proto.analyzer.AnalyzeStackRequest();
    req.setResourcesList(
      resources.map((r) => {
        const a = new this.proto.analyzer.AnalyzerResource();
        a.setType(r.type);
        a.setProperties(this.proto.struct.Struct.fromJavaScript(withoutProvider(unwrapSecrets(r.outputs)) as any));
        a.setUrn(r.urn);
        a.setName(parseUrn(r.urn).name);
        a.setParent(r.parent ?? "");
        a.setDependenciesList(r.dependencies ?? []);
        const pd = a.getPropertydependenciesMap();
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
          const d = new this.proto.analyzer.AnalyzerPropertyDependencies();
          d.setUrnsList(urns);
          pd.set(k, d);
        }
        a.setOptions(
          this.options(
            {
              protect: !!r.protect,
              ignoreChanges: [],
              deleteBeforeReplace: !!r.deleteBeforeReplace,
              additionalSecretOutputs: r.additionalSecretOutputs ?? [],
              aliases: [],
            },
            r.parent ?? "",
          ),
        );
        return a;
      }),
    );
    const resp = await this.call("analyzeStack", req);
    return this.diagnostics(resp).filter((d) => d.enforcementLevel !== "disabled");
  }

  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGTERM");
      const t = setTimeout(() => this.child.kill("SIGKILL"), 2000);
      await this.exited;
      clearTimeout(t);
    }
  }
}

/** Policies see the resource's properties; the serialized provider code is noise to them. */
function withoutProvider(p: Props): Props {
  const { __provider, ...rest } = p;
  void __provider;
  return rest;
}

async function startPack(dir: string, opts: PolicyPackOptions): Promise<PolicyPackAnalyzer> {
  const packDir = path.resolve(opts.workDir, dir);
  const proto = loadPulumiProto(packDir);
  const script = path.join(proto.root, "cmd", "run-policy-pack", "index.js");
  const child = spawn(process.execPath, [script, opts.engineAddress ?? "127.0.0.1:1", "."], {
    cwd: packDir,
    env: {
      ...opts.env,
      PULUMI_NODEJS_PROJECT: opts.project,
      PULUMI_NODEJS_STACK: opts.stack,
      PULUMI_NODEJS_DRY_RUN: String(opts.dryRun),
      PULUMI_NODEJS_ORGANIZATION: "organization",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const stderr: string[] = [];
  readline.createInterface({ input: child.stderr! }).on("line", (l) => stderr.push(l));
  const port = await new Promise<number>((resolve, reject) => {
    let first = true;
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!first) return;
      first = false;
      const p = parseInt(line.trim(), 10);
      if (Number.isNaN(p)) reject(new Error(`policy pack ${dir} printed no port: ${line}`));
      else resolve(p);
    });
    child.on("error", reject);
    exited.then((code) => {
      if (first) reject(new Error(`policy pack ${dir} exited (${code}) before serving:\n${stderr.join("\n")}`));
    });
  });
  const client = new proto.analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, proto.grpc.credentials.createInsecure());
  const analyzer = new PolicyPackAnalyzer(proto, client, child, exited, dir);
  await analyzer.configureStack(opts);
  return analyzer;
}

export async function startPolicyPacks(packs: string[], opts: PolicyPackOptions): Promise<Analyzer[]> {
  const started = await Promise.allSettled(packs.map((p) => startPack(p, opts)));
  const ok = started.filter((s): s is PromiseFulfilledResult<PolicyPackAnalyzer> => s.status === "fulfilled").map((s) => s.value);
  const failed = started.find((s) => s.status === "rejected") as PromiseRejectedResult | undefined;
  if (failed) {
    await Promise.all(ok.map((a) => a.close()));
    throw failed.reason;
  }
  return ok;
}
