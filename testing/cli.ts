// Where the Pulumi CLI is, and a private place for it to keep its state: the two things every caller of
// the real Automation API here has to set up before `LocalWorkspace` can run a stack.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { PulumiCommand } from "@pulumi/pulumi/automation";

/** This package's folder, whether this file runs from testing/ or from dist/testing/. */
export function packageRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-privatedns-emulator") return dir;
  }
  return path.resolve(__dirname, "..");
}

/** The CLI `npm run pulumi-cli` builds from Go modules, inside this package's checkout. */
export const builtCli = path.join(packageRoot(), ".tools", "pulumi", "bin", "pulumi");

function onPath(): string | undefined {
  try {
    return execFileSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
  } catch {
    return undefined; // `command -v` exits 1 when there is none
  }
}

/**
 * Absolute path of the `pulumi` binary: `$PULUMI_CLI`, else the one built into .tools/pulumi/bin, else
 * the one on PATH (a user of the package installed it). Without any, an error that says how to get one:
 * tests that need the CLI fail, they never skip.
 */
export function pulumiBinary(env: NodeJS.ProcessEnv = process.env): string {
  const cli = env.PULUMI_CLI || (fs.existsSync(builtCli) ? builtCli : onPath());
  if (!cli || !fs.existsSync(cli)) {
    throw new Error(
      `no Pulumi CLI at ${cli ?? builtCli} (nor on PATH): run \`npm run pulumi-cli\` (builds it from Go modules into ` +
        `.tools/pulumi/bin, about 6 minutes the first time), install it (https://www.pulumi.com/docs/install/) ` +
        `or set PULUMI_CLI=/path/to/pulumi`,
    );
  }
  return path.resolve(cli);
}

const commands = new Map<string, Promise<PulumiCommand>>();

/**
 * That CLI for the Automation API, which wants its installation root (`<root>/bin/pulumi`) and puts its bin folder
 * first on PATH. One per root and process: `PulumiCommand.get` runs `pulumi version` (a quarter second of CPU) each time.
 */
export function pulumiCommand(): Promise<PulumiCommand> {
  const root = path.dirname(path.dirname(pulumiBinary()));
  let command = commands.get(root);
  if (!command) {
    command = PulumiCommand.get({ root, skipVersionCheck: false });
    commands.set(root, command);
    command.catch(() => commands.delete(root)); // a failed check is tried again next time
  }
  return command;
}

export interface CliEnv {
  /** PULUMI_HOME, the file backend, the passphrase, no update checks, the CLI's folder first on PATH. */
  env: Record<string, string>;
  root: string;
  home: string;
  backendDir: string;
  /** `file://...`, for `pulumi login`. */
  backendUrl: string;
  cleanup(): void;
}

/**
 * A fresh Pulumi home and file backend in a temp folder, so nothing reaches the network or the user's
 * own ~/.pulumi; the CLI's folder first on PATH so that its plugins are the ones found.
 */
export function cliEnv(extra: Record<string, string> = {}, prefix = "pulumi-e2e-"): CliEnv {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
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
  return { env, root, home, backendDir, backendUrl, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}
