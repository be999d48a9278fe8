// The real Pulumi CLI for the tests: $PULUMI_CLI if set (a CLI the user installed), else the one
// `npm run pulumi-cli` builds into .tools/pulumi/bin. Without either, the tests that need it fail saying
// how to get one; they never skip. Every run gets its own PULUMI_HOME and a file backend in a temp folder,
// a passphrase, and no update checks or plugin downloads: nothing reaches the network.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "..", "..");
const builtCli = path.join(repoRoot, ".tools", "pulumi", "bin", "pulumi");

/** Absolute path of the `pulumi` binary, or an error that says how to get one. */
export function pulumiBinary(): string {
  const cli = process.env.PULUMI_CLI || builtCli;
  if (!fs.existsSync(cli)) {
    throw new Error(
      `no Pulumi CLI at ${cli}: run \`npm run pulumi-cli\` (builds it from Go modules into .tools/pulumi/bin, ` +
        `about 4 minutes the first time) or set PULUMI_CLI=/path/to/pulumi`,
    );
  }
  return cli;
}

export interface CliEnv {
  /** PULUMI_HOME, the file backend and the passphrase of this run. */
  env: Record<string, string>;
  home: string;
  backendDir: string;
  /** `file://...`, for `pulumi login`. */
  backendUrl: string;
  cleanup(): void;
}

/** A fresh Pulumi home and file backend; the CLI's folder first on PATH so its plugins are the ones found. */
export function cliEnv(extra: Record<string, string> = {}): CliEnv {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-e2e-"));
  const home = path.join(root, "home");
  const backendDir = path.join(root, "backend");
  fs.mkdirSync(home);
  fs.mkdirSync(backendDir);
  const backendUrl = `file://${backendDir}`;
  const env: Record<string, string> = {
    PATH: `${path.dirname(pulumiBinary())}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: backendUrl,
    PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    NO_COLOR: "1",
    ...extra,
  };
  return { env, home, backendDir, backendUrl, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, in the order they arrived. */
  output: string;
}

/** Runs `pulumi <args>` in `cwd` and collects what it prints. */
export function pulumi(args: string[], opts: { cwd: string; env: Record<string, string>; timeoutMs?: number }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(pulumiBinary(), [...args, "--non-interactive"], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "", stderr = "", output = "";
    child.stdout.on("data", (d) => { stdout += d; output += d; });
    child.stderr.on("data", (d) => { stderr += d; output += d; });
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 240_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, output });
    });
  });
}

/** Like `pulumi`, but fails with everything the CLI printed when it does not exit 0. */
export async function pulumiOk(args: string[], opts: { cwd: string; env: Record<string, string>; timeoutMs?: number }): Promise<CliRun> {
  const r = await pulumi(args, opts);
  if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.output}`);
  return r;
}
