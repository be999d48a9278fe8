// The real Pulumi CLI for the tests, found by testing/cli.ts: $PULUMI_CLI if set (a CLI the user installed),
// else the one `npm run pulumi-cli` builds into .tools/pulumi/bin, else `pulumi` on PATH.
// Without any, the tests that need it fail saying how to get one; they never skip. Every run gets its own
// PULUMI_HOME and a file backend in a temp folder, a passphrase, and no update checks or plugin downloads:
// nothing reaches the network.
import { spawn } from "child_process";
import * as path from "path";

import { pulumiBinary } from "../../testing/cli";

export const repoRoot = path.resolve(__dirname, "..", "..");
export { cliEnv, pulumiBinary, type CliEnv } from "../../testing/cli";

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
