// The command that runs a Pulumi program through the SDK's cmd/run, with the arguments and environment
// the Go language host (pulumi-language-nodejs) builds: constructArguments, constructConfig,
// constructConfigSecretKeys and the runtime options of Pulumi.yaml.
import * as path from "path";

/** What cmd/run needs to know, in the form the engine's RunRequest carries it. */
export interface NodeProgramRequest {
  rootDirectory: string;
  /** Directory the program runs in (`--pwd`) and the entry point relative to it (`.` for package.json main). */
  programDirectory: string;
  entryPoint: string;
  /** `runtime.options` of Pulumi.yaml (typescript, nodeargs, tsconfig, ...). */
  runtimeOptions: Record<string, unknown>;
  pulumiRoot: string;
  monitorAddress: string;
  engineAddress: string;
  organization: string;
  project: string;
  stack: string;
  dryRun: boolean;
  parallel: number;
  /** Stack config, keys `<namespace>:<key>`. */
  config: Record<string, string>;
  secretKeys: string[];
  /** Extra program arguments (RunRequest.args). */
  args?: string[];
}

/** cmd/run exits with this code when it already reported the error to the user through the engine. */
export const exitAfterLoggedError = 32;

function isTrue(v: unknown): boolean {
  return v === true || v === "true";
}

/** The node arguments and environment that run a program through cmd/run. */
export function nodeProgramCommand(
  req: NodeProgramRequest,
  baseEnv: Record<string, string | undefined>,
): { args: string[]; env: Record<string, string | undefined> } {
  const rt = req.runtimeOptions;
  const nodeargs = typeof rt.nodeargs === "string" ? rt.nodeargs.split(/\s+/).filter(Boolean) : [];
  const args = [
    ...nodeargs,
    path.join(req.pulumiRoot, "cmd", "run", "index.js"),
    "--monitor", req.monitorAddress,
    "--engine", req.engineAddress,
    "--organization", req.organization,
    "--project", req.project,
    "--stack", req.stack,
    "--pwd", req.programDirectory,
    "--root-directory", req.rootDirectory,
    ...(req.dryRun ? ["--dry-run"] : []),
    "--parallel", String(req.parallel),
    req.entryPoint || ".",
    ...(req.args ?? []),
  ];
  // The language host passes `<ns>:config:<key>` keys (old format, still understood by every SDK).
  const legacyConfig: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.config)) {
    const i = k.indexOf(":");
    legacyConfig[i > 0 ? `${k.slice(0, i)}:config:${k.slice(i + 1)}` : k] = v;
  }
  const env: Record<string, string | undefined> = {
    ...baseEnv,
    PULUMI_CONFIG: JSON.stringify(legacyConfig),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.secretKeys),
  };
  // `typescript` defaults to true in the nodejs language host; cmd/run then registers ts-node itself.
  if (rt.typescript === undefined || isTrue(rt.typescript)) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  else delete env.PULUMI_NODEJS_TYPESCRIPT;
  if (typeof rt.tsconfig === "string") env.PULUMI_NODEJS_TSCONFIG_PATH = rt.tsconfig;
  return { args, env };
}
