/**
 * Drives the real CrossGuard analyzer host (`@pulumi/pulumi/cmd/run-policy-pack`) the way the engine does:
 * spawned in the pack's directory with `<engine address> <pack dir>` (it registers ts-node itself and loads
 * the pack's TypeScript, which serves the Analyzer gRPC service and prints its port), then GetAnalyzerInfo,
 * Configure, Analyze per resource and AnalyzeStack over gRPC. Properties travel as a protobuf Struct with
 * unknowns as the engine marshals them at preview: the string 04da6b54-80e4-46f7-96ec-b56ff0331ba9.
 * Vitest only orchestrates: the pack runs in the child process.
 */
import { ChildProcess, spawn } from "child_process";
import { createRequire } from "module";
import * as path from "path";

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const REPO = path.resolve(__dirname, "../..");
export const PACK_DIR = path.join(REPO, "policy");
export type Props = Record<string, any>;
export type Level = "advisory" | "mandatory" | "disabled" | "remediate";

// The stubs and protobuf runtime of the @pulumi/pulumi the pack loads, so the wire format is the pack's own.
const pulumiRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [PACK_DIR] }));
const req = createRequire(path.join(pulumiRoot, "package.json"));
const grpc = req("@grpc/grpc-js");
const analyzerPb = req("./proto/analyzer_pb");
const analyzerGrpc = req("./proto/analyzer_grpc_pb");
const { Struct } = req("google-protobuf/google/protobuf/struct_pb");
const { Empty } = req("google-protobuf/google/protobuf/empty_pb");

const LEVELS: Level[] = ["advisory", "mandatory", "disabled", "remediate"]; // pulumirpc.EnforcementLevel order

export interface PlannedResource {
  type: string;
  name: string;
  props: Props;
  urn?: string;
  /** Property name → URNs of the resources its value came from (as the engine records them). */
  propertyDependencies?: Record<string, string[]>;
  dependencies?: string[];
  parent?: string;
}

export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  enforcementLevel: Level;
  message: string;
  description: string;
  urn: string;
}

export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: Level;
  configSchema?: Props;
  type: "resource" | "stack" | "unknown";
}

export interface AnalyzerInfo {
  name: string;
  version: string;
  policies: PolicyInfo[];
}

/** `--policy-pack-config` file contents: `{ all?: level, [policy]: level | { enforcementLevel?, ...properties } }`. */
export type PackConfig = Record<string, Level | ({ enforcementLevel?: Level } & Props)>;

export const urnOf = (type: string, name: string, stack = "dev", project = "proj") => `urn:pulumi:${stack}::${project}::${type}::${name}`;

function toStruct(props: Props) {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(props)));
}

function options() {
  const o = new analyzerPb.AnalyzerResourceOptions();
  o.setProtect(false);
  o.setIgnorechangesList([]);
  o.setAliasesList([]);
  o.setAdditionalsecretoutputsList([]);
  return o;
}

function diagnostics(resp: any): Diagnostic[] {
  return resp.getDiagnosticsList().map((d: any) => ({
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()],
    message: d.getMessage(),
    description: d.getDescription(),
    urn: d.getUrn(),
  }));
}

const call = <T>(client: any, method: string, request: unknown): Promise<T> =>
  new Promise((resolve, reject) => client[method](request, (err: Error | null, resp: T) => (err ? reject(err) : resolve(resp))));

export class AnalyzerHost {
  private constructor(private readonly child: ChildProcess, private readonly client: any, readonly stderr: () => string) {}

  /** Spawns the analyzer host for the pack in `packDir`, as the engine launches a Node.js policy pack. */
  static async start(packDir = PACK_DIR, opts: { env?: Props; timeoutMs?: number } = {}): Promise<AnalyzerHost> {
    const entry = path.join(pulumiRoot, "cmd", "run-policy-pack", "index.js");
    // The engine address is only a positional argument for this host (it logs to stderr): nothing listens on it.
    const child = spawn(process.execPath, [entry, "127.0.0.1:1", packDir], {
      cwd: packDir,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`analyzer host printed no port in time; stderr:\n${err}`)), opts.timeoutMs ?? 90_000);
      child.stdout!.on("data", (d) => {
        out += d;
        const m = /^(\d+)\s*$/m.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`analyzer host exited (${code}) before printing its port; stderr:\n${err}`));
      });
    });
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    return new AnalyzerHost(child, client, () => err);
  }

  async info(): Promise<AnalyzerInfo> {
    const resp: any = await call(this.client, "getAnalyzerInfo", new Empty());
    return {
      name: resp.getName(),
      version: resp.getVersion(),
      policies: resp.getPoliciesList().map((p: any) => ({
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: LEVELS[p.getEnforcementlevel()],
        configSchema: p.getConfigschema()?.getProperties()?.toJavaScript(),
        type: (["unknown", "resource", "stack"] as const)[p.getPolicyType()] ?? "unknown",
      })),
    };
  }

  /**
   * What the engine does with `--policy-pack-config`: a level for `all` and per policy (a string, or the
   * `enforcementLevel` of an object), the policy's schema defaults under its own properties, then Configure
   * with one entry per policy of the pack.
   */
  async configure(config: PackConfig): Promise<void> {
    const { policies } = await this.info();
    const request = new analyzerPb.ConfigureAnalyzerRequest();
    const all = typeof config.all === "string" ? config.all : (config.all as Props | undefined)?.enforcementLevel;
    for (const p of policies) {
      const given = config[p.name];
      const own = typeof given === "string" ? { enforcementLevel: given } : given ?? {};
      const { enforcementLevel, ...properties } = own as Props;
      const defaults = Object.fromEntries(Object.entries(p.configSchema ?? {})
        .filter(([, s]) => (s as Props)?.default !== undefined).map(([k, s]) => [k, (s as Props).default]));
      const pc = new analyzerPb.PolicyConfig();
      pc.setEnforcementlevel(LEVELS.indexOf(enforcementLevel ?? all ?? p.enforcementLevel));
      pc.setProperties(toStruct({ ...defaults, ...properties }));
      request.getPolicyconfigMap().set(p.name, pc);
    }
    await call(this.client, "configure", request);
  }

  /** Analyze: one resource's inputs, as the engine sends them right after Check. */
  async analyze(r: PlannedResource): Promise<Diagnostic[]> {
    const request = new analyzerPb.AnalyzeRequest();
    request.setType(r.type);
    request.setProperties(toStruct(r.props));
    request.setUrn(r.urn ?? urnOf(r.type, r.name));
    request.setName(r.name);
    request.setOptions(options());
    return diagnostics(await call(this.client, "analyze", request));
  }

  /** Analyze every resource of a plan, one call each, in order. */
  async analyzeEach(plan: PlannedResource[]): Promise<Diagnostic[]> {
    const out: Diagnostic[] = [];
    for (const r of plan) out.push(...(await this.analyze(r)));
    return out;
  }

  /** AnalyzeStack: every resource of the plan, with parents and (property) dependencies. */
  async analyzeStack(plan: PlannedResource[]): Promise<Diagnostic[]> {
    const request = new analyzerPb.AnalyzeStackRequest();
    request.setResourcesList(plan.map((r) => {
      const ar = new analyzerPb.AnalyzerResource();
      ar.setType(r.type);
      ar.setProperties(toStruct(r.props));
      ar.setUrn(r.urn ?? urnOf(r.type, r.name));
      ar.setName(r.name);
      ar.setOptions(options());
      if (r.parent) ar.setParent(r.parent);
      const propertyDependencies = r.propertyDependencies ?? {};
      ar.setDependenciesList([...new Set([...(r.dependencies ?? []), ...Object.values(propertyDependencies).flat()])]);
      for (const [k, urns] of Object.entries(propertyDependencies)) {
        const deps = new analyzerPb.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        ar.getPropertydependenciesMap().set(k, deps);
      }
      return ar;
    }));
    return diagnostics(await call(this.client, "analyzeStack", request));
  }

  /** Both, as a preview does: Analyze per resource during planning, AnalyzeStack at the end. */
  async preview(plan: PlannedResource[]): Promise<Diagnostic[]> {
    return [...(await this.analyzeEach(plan)), ...(await this.analyzeStack(plan))];
  }

  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }
}

/** The engine's way of printing a policy violation in a preview. */
export const formatDiagnostic = (d: Diagnostic) => `    ${d.enforcementLevel}: [${d.policyName}]  ${d.message}`;

/** The pack's policy name for a rule id and slug (`privatedns-l3-one-registration-zone`). */
export const policyName = (id: string, slug: string) => `privatedns-${id}-${slug}`;
/** A planned resource as the engine hands it to the analyzer. */
export const planned = (type: string, name: string, props: Props, propertyDependencies: Record<string, string[]> = {}): PlannedResource =>
  ({ type, name, urn: urnOf(type, name), props, propertyDependencies });
export const mandatory = (ds: Diagnostic[]) => ds.filter((d) => d.enforcementLevel === "mandatory");
