// Runs the Pulumi program in its own node process through the SDK's cmd/run, with the arguments and
// environment the Go language host (pulumi-language-nodejs) builds: constructArguments, constructConfig,
// constructConfigSecretKeys and the runtime options of Pulumi.yaml.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";

import { ProjectSettings } from "./project";

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

function isTrue(v: unknown): boolean {
  return v === true || v === "true";
}

/** Program directory and entry point as the language host derives them from Pulumi.yaml `main`. */
export function programLocation(workDir: string, main?: string): { pwd: string; entry: string } {
  if (!main) return { pwd: workDir, entry: "." };
  const full = path.resolve(workDir, main);
  if (fs.existsSync(full) && fs.statSync(full).isDirectory()) return { pwd: full, entry: "." };
  return { pwd: workDir, entry: main };
}

export function runProgram(opts: ProgramRunOptions): ProgramRun {
  const runPath = path.join(opts.pulumiRoot, "cmd", "run", "index.js");
  const { pwd, entry } = programLocation(opts.workDir, opts.project.main);
  const rtOpts = opts.project.runtimeOptions;
  const nodeargs = typeof rtOpts.nodeargs === "string" ? rtOpts.nodeargs.split(/\s+/).filter(Boolean) : [];
  const args = [
    ...nodeargs,
    runPath,
    "--monitor", opts.monitorAddress,
    "--engine", opts.engineAddress,
    "--organization", opts.organization ?? "organization",
    "--project", opts.project.name,
    "--stack", opts.stack,
    "--pwd", pwd,
    "--root-directory", opts.workDir,
    ...(opts.dryRun ? ["--dry-run"] : []),
    "--parallel", String(opts.parallel),
    entry,
  ];
  // The language host passes `<ns>:config:<key>` keys (old format, still understood by every SDK).
  const legacyConfig: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.config)) {
    const i = k.indexOf(":");
    legacyConfig[i > 0 ? `${k.slice(0, i)}:config:${k.slice(i + 1)}` : k] = v;
  }
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...opts.env,
    PULUMI_CONFIG: JSON.stringify(legacyConfig),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(opts.secretKeys),
  };
  // `typescript` defaults to true in the nodejs language host; cmd/run then registers ts-node itself.
  if (rtOpts.typescript === undefined || isTrue(rtOpts.typescript)) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  else delete env.PULUMI_NODEJS_TYPESCRIPT;
  if (typeof rtOpts.tsconfig === "string") env.PULUMI_NODEJS_TSCONFIG_PATH = rtOpts.tsconfig;

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
