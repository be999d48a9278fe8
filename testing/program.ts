// Runs the Pulumi program in its own node process through the SDK's cmd/run, with the arguments and
// environment the Go language host (pulumi-language-nodejs) builds: constructArguments, constructConfig,
// constructConfigSecretKeys and the runtime options of Pulumi.yaml. The package's language host
// (langhost/) builds its command with the same function, so both engines launch programs alike.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";

import { ProjectSettings } from "./project";

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

export interface ProgramRunOptions {
  workDir: string;
  project: ProjectSettings;
  stack: string;
  organization?: string;
  pulumiRoot: string;
  monitorAddress: string;
  engineAddress: string;
  dryRun: boolean;
  parallel: number;
  /** Stack config, keys `<namespace>:<key>`. */
  config: Record<string, string>;
  secretKeys: string[];
  env?: Record<string, string | undefined>;
  onLine?: (line: string, stream: "stdout" | "stderr") => void;
}

export interface ProgramRun {
  child: ChildProcess;
  /** Exit code (null when killed). 32 = the program already logged its error through the engine. */
  exited: Promise<number | null>;
}

/** cmd/run exits with this code when it already reported the error to the user through the engine. */
export const exitAfterLoggedError = 32;

function isTrue(v: unknown): boolean {
  return v === true || v === "true";
}

/** Program directory and entry point as the engine derives them from Pulumi.yaml `main`. */
export function programLocation(workDir: string, main?: string): { pwd: string; entry: string } {
  if (!main) return { pwd: workDir, entry: "." };
  const full = path.resolve(workDir, main);
  if (fs.existsSync(full) && fs.statSync(full).isDirectory()) return { pwd: full, entry: "." };
  return { pwd: workDir, entry: main };
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

export function runProgram(opts: ProgramRunOptions): ProgramRun {
  const { pwd, entry } = programLocation(opts.workDir, opts.project.main);
  const { args, env } = nodeProgramCommand(
    {
      rootDirectory: opts.workDir,
      programDirectory: pwd,
      entryPoint: entry,
      runtimeOptions: opts.project.runtimeOptions,
      pulumiRoot: opts.pulumiRoot,
      monitorAddress: opts.monitorAddress,
      engineAddress: opts.engineAddress,
      organization: opts.organization ?? "organization",
      project: opts.project.name,
      stack: opts.stack,
      dryRun: opts.dryRun,
      parallel: opts.parallel,
      config: opts.config,
      secretKeys: opts.secretKeys,
    },
    { ...process.env, ...opts.env },
  );
  const child = spawn(process.execPath, args, { cwd: pwd, env, stdio: ["ignore", "pipe", "pipe"] });
  readline.createInterface({ input: child.stdout! }).on("line", (l) => opts.onLine?.(l, "stdout"));
  readline.createInterface({ input: child.stderr! }).on("line", (l) => opts.onLine?.(l, "stderr"));
  const exited = new Promise<number | null>((resolve) => {
    child.on("error", () => resolve(-1));
    // "close" (not "exit") so every line of output has been delivered before we report the end.
    child.on("close", (code) => resolve(code));
  });
  return { child, exited };
}
