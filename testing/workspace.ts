// LocalWorkspace of pulumi-privatedns-emulator/testing: the real Automation API (`@pulumi/pulumi/automation`
// driving the Pulumi CLI), with what every test of an emulator stack otherwise sets up by hand: the CLI
// found (testing/cli.ts), a private PULUMI_HOME, a file backend per program, a passphrase, no update
// checks, an emulator store of the stack's own, all in one temp folder per process, removed when it exits.
// What it returns is the real `Stack`: the engine a test meets is the one `pulumi up` runs.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

import * as auto from "@pulumi/pulumi/automation";

import { CliEnv, cliEnv, packageRoot, pulumiCommand } from "./cli";

export interface LocalWorkspaceOptions extends auto.LocalWorkspaceOptions {
  /**
   * The emulator store the stack's resources go to (`$PRIVATEDNS_EMULATOR_DB` of the CLI and its
   * plugins); default a file of its own in the temp folder, one per program and stack. Stack config
   * `privatedns:emulatorDb` wins over both, as it does under `pulumi up`.
   */
  emulatorDb?: string;
}

let session: CliEnv | undefined;

/** One temp folder and PULUMI_HOME per process (its plugin cache and settings). */
function sessionEnv(): CliEnv {
  if (!session) {
    const s = cliEnv({}, "pdns-testing-");
    for (const dir of ["stores", "backends", "programs"]) fs.mkdirSync(path.join(s.root, dir));
    process.once("exit", () => s.cleanup()); // synchronous: runs even when the test runner exits at once
    session = s;
  }
  return session;
}

/** Removes the temp folder (backends, PULUMI_HOME, default stores, inline programs' folders) now. */
export function cleanup(): void {
  session?.cleanup();
  session = undefined;
}

/** A readable name per program (a project folder, or an inline program's project name); the hash keeps copies apart. */
function programKey(program: string): string {
  return `${path.basename(program)}-${createHash("sha256").update(program).digest("hex").slice(0, 8)}`;
}

/**
 * A file backend per program: two copies of one project (same project and stack names, as tests make
 * them) are two stacks, and a program opened twice finds its stack again.
 */
function backendOf(s: CliEnv, program: string): string {
  const dir = path.join(s.root, "backends", programKey(program));
  fs.mkdirSync(dir, { recursive: true });
  return `file://${dir}`;
}

/** The default store of a program's stack. */
function defaultStore(s: CliEnv, program: string, stackName: string): string {
  return path.join(s.root, "stores", `${programKey(program)}-${stackName}.db`);
}

/**
 * The `node_modules` folder that holds this package: an inline program's serialized providers
 * `require("pulumi-privatedns-emulator/provider")` in the provider host, whose folder (the workspace's,
 * in the temp folder) has no node_modules of its own. In a checkout, the root's (the examples link it there).
 */
function packageModules(): string {
  const root = packageRoot();
  return path.basename(path.dirname(root)) === "node_modules" ? path.dirname(root) : path.join(root, "node_modules");
}

type ProgramArgs = auto.LocalProgramArgs | auto.InlineProgramArgs;

/** The Automation API's options with the setup filled in; what the caller gave wins. */
async function withSetup(args: ProgramArgs, opts: LocalWorkspaceOptions = {}): Promise<auto.LocalWorkspaceOptions> {
  const s = sessionEnv();
  const inline = "program" in args;
  const program = inline ? args.projectName : path.resolve(args.workDir);
  const envVars: Record<string, string> = {
    ...s.env,
    PULUMI_BACKEND_URL: backendOf(s, program),
    PRIVATEDNS_EMULATOR_DB: defaultStore(s, program, args.stackName),
  };
  if (inline) envVars.NODE_PATH = [packageModules(), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
  Object.assign(envVars, opts.envVars);
  if (opts.emulatorDb) envVars.PRIVATEDNS_EMULATOR_DB = path.resolve(opts.emulatorDb);
  const { emulatorDb, ...rest } = opts;
  void emulatorDb;
  const workDir = rest.workDir ?? (inline ? fs.mkdtempSync(path.join(s.root, "programs", `${args.projectName}-`)) : undefined);
  return { ...rest, workDir, envVars, pulumiCommand: rest.pulumiCommand ?? (await pulumiCommand()) };
}

/**
 * The real Automation API's `LocalWorkspace` entry points, set up for emulator stacks. Every one returns
 * the real `Stack` / `LocalWorkspace` of `@pulumi/pulumi/automation`.
 */
export class LocalWorkspace {
  private constructor() {}

  static async create(opts: LocalWorkspaceOptions & { workDir: string }): Promise<auto.LocalWorkspace> {
    return auto.LocalWorkspace.create(await withSetup({ stackName: "", workDir: opts.workDir }, opts));
  }

  static createStack(args: auto.LocalProgramArgs, opts?: LocalWorkspaceOptions): Promise<auto.Stack>;
  static createStack(args: auto.InlineProgramArgs, opts?: LocalWorkspaceOptions): Promise<auto.Stack>;
  static async createStack(args: any, opts?: LocalWorkspaceOptions): Promise<auto.Stack> {
    return auto.LocalWorkspace.createStack(args, await withSetup(args, opts));
  }

  static selectStack(args: auto.LocalProgramArgs, opts?: LocalWorkspaceOptions): Promise<auto.Stack>;
  static selectStack(args: auto.InlineProgramArgs, opts?: LocalWorkspaceOptions): Promise<auto.Stack>;
  static async selectStack(args: any, opts?: LocalWorkspaceOptions): Promise<auto.Stack> {
    return auto.LocalWorkspace.selectStack(args, await withSetup(args, opts));
  }

  static createOrSelectStack(args: auto.LocalProgramArgs, opts?: LocalWorkspaceOptions): Promise<auto.Stack>;
  static createOrSelectStack(args: auto.InlineProgramArgs, opts?: LocalWorkspaceOptions): Promise<auto.Stack>;
  static async createOrSelectStack(args: any, opts?: LocalWorkspaceOptions): Promise<auto.Stack> {
    return auto.LocalWorkspace.createOrSelectStack(args, await withSetup(args, opts));
  }
}

/** The emulator store a stack of this helper writes, unless its stack config `privatedns:emulatorDb` says otherwise. */
export function emulatorDbOf(stack: auto.Stack): string {
  return (stack.workspace as auto.LocalWorkspace).envVars.PRIVATEDNS_EMULATOR_DB;
}
