// An example stack driven through the real Pulumi CLI, as a user runs it: a copy of examples/<name> under
// test/.tmp (inside the repository, so it resolves `pulumi-privatedns-emulator` and `@pulumi/pulumi` from
// the root node_modules), `pulumi login file://<temp>`, `pulumi stack init`, the store chosen by stack
// config, then `pulumi preview/up/refresh/destroy` with their text output parsed as a user reads it.
import * as fs from "fs";
import * as path from "path";

import { copyExample, ProgramCopy, programCopy } from "../support/example-copy";
import { CliEnv, cliEnv, CliRun, pulumi, pulumiOk } from "../support/pulumi-cli";


/** `Resources:` counts of a preview or an update, keyed like the Automation API's `resourceChanges`. */
export type Changes = Partial<Record<"create" | "update" | "delete" | "replace" | "same", number>>;

const words: Record<string, keyof Changes> = {
  created: "create", "to create": "create",
  updated: "update", "to update": "update",
  deleted: "delete", "to delete": "delete",
  replaced: "replace", "to replace": "replace",
  unchanged: "same",
};

/** Reads the `Resources:` block the CLI prints at the end of a preview or an update. */
export function changesOf(output: string): Changes {
  const block = output.slice(output.lastIndexOf("\nResources:\n"));
  const changes: Changes = {};
  // `    + 1 created`, `    ~ 2 to update`, `    5 unchanged`, or `    3 changes. 5 unchanged` after several kinds.
  for (const m of block.matchAll(/(\d+) (created|updated|deleted|replaced|unchanged|to create|to update|to delete|to replace)$/gm)) {
    changes[words[m[2]]] = Number(m[1]);
  }
  return changes;
}

export interface CliStack extends ProgramCopy {
  dir: string;
  db: string;
  stackName: string;
  cli: CliEnv;
  /** `pulumi <args>` in the program's folder; `ok` fails with the CLI's output unless it exits 0. */
  run(args: string[], env?: Record<string, string>): Promise<CliRun>;
  ok(args: string[], env?: Record<string, string>): Promise<CliRun>;
  up(): Promise<CliRun & { changes: Changes }>;
  preview(): Promise<CliRun & { changes: Changes }>;
  /** `pulumi stack output --json --show-secrets`. */
  outputs(): Promise<Record<string, any>>;
  /** `pulumi stack export`: the deployment's resources. */
  exported(): Promise<any>;
  /** `pulumi stack export`, then `pulumi stack import` of that file: the state before and after. */
  reimported(): Promise<{ before: any; after: any }>;
  /** Resources of one emulator kind in the exported state, by logical name. */
  byKind(kind: string): Promise<Record<string, any>>;
  cleanup(): void;
}

export interface CliStackOptions {
  stackName?: string;
  /** A store shared with other stacks; default one of the stack's own. */
  db?: string;
  /**
   * Type-check the program as the CLI does by default, on the stack's first program run (its first preview or
   * up): that run shows the example compiles; later runs transpile only (each check cost about 2 s of CPU, and
   * test/types type-checks every example). Default: transpile only throughout.
   */
  typeCheck?: boolean;
  config?: Record<string, string>;
  /** Login (file backend, PULUMI_HOME) shared with another stack. */
  cli?: CliEnv;
}

export async function cliStack(example: string, opts: CliStackOptions = {}): Promise<CliStack> {
  const dir = copyExample(example, "e2e");
  const cli = opts.cli ?? cliEnv();
  const stackName = opts.stackName ?? "dev";
  const db = opts.db ?? path.join(dir, "dns.db");
  let typeCheckPending = opts.typeCheck === true;
  const envFor = (args: string[], env: Record<string, string>) => {
    const checked = typeCheckPending && (args[0] === "preview" || args[0] === "up");
    if (checked) typeCheckPending = false;
    return { ...cli.env, ...(checked ? {} : { PULUMI_NODEJS_TRANSPILE_ONLY: "true" }), ...env };
  };
  const run = (args: string[], env: Record<string, string> = {}) => pulumi(args, { cwd: dir, env: envFor(args, env) });
  const ok = (args: string[], env: Record<string, string> = {}) => pulumiOk(args, { cwd: dir, env: envFor(args, env) });

  await ok(["login", cli.backendUrl]);
  await ok(["stack", "init", stackName]);
  await ok(["config", "set", "privatedns:emulatorDb", db]);
  for (const [k, v] of Object.entries(opts.config ?? {})) await ok(["config", "set", k, v]);

  const stack: CliStack = {
    dir, db, stackName, cli, run, ok,
    up: async () => {
      const r = await ok(["up", "--yes", "--skip-preview"]);
      return { ...r, changes: changesOf(r.stdout) };
    },
    preview: async () => {
      const r = await ok(["preview"]);
      return { ...r, changes: changesOf(r.stdout) };
    },
    outputs: async () => JSON.parse((await ok(["stack", "output", "--json", "--show-secrets"])).stdout),
    exported: async () => JSON.parse((await ok(["stack", "export"])).stdout),
    reimported: async () => {
      const before = await stack.exported();
      const file = path.join(dir, "state.json");
      fs.writeFileSync(file, JSON.stringify(before));
      await ok(["stack", "import", "--file", file]);
      return { before, after: await stack.exported() };
    },
    byKind: async (kind) => {
      const type = `pulumi-nodejs:dynamic/privatedns:${kind}`;
      const resources: any[] = (await stack.exported()).deployment.resources ?? [];
      return Object.fromEntries(resources.filter((r) => r.type === type).map((r) => [r.urn.split("::").pop(), r]));
    },
    ...programCopy(dir, db),
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
      if (!opts.cli) cli.cleanup();
    },
  };
  return stack;
}
