// Test scaffolding: every test gets a fresh copy of a fixture under test/.tmp (inside the repository, so
// `@pulumi/pulumi` resolves from the root node_modules by walking up), its own provider state file, and
// a stack over it through pulumi-privatedns-emulator/testing: the real Automation API and Pulumi CLI,
// whose program and dynamic-provider host run in their own node processes, never inside vitest.
import * as fs from "fs";
import * as path from "path";
import { randomBytes } from "crypto";

import { LocalWorkspace, Stack } from "../../testing";

export const repoRoot = path.resolve(__dirname, "..", "..");
const tmpRoot = path.join(repoRoot, "test", ".tmp");

export interface ProviderState {
  counter: number;
  resources: Record<string, { name: string; value: string; replaceKey: string; greeting?: string }>;
  log: string[];
}

export interface Fixture {
  workDir: string;
  stateFile: string;
  stack: Stack;
  providerState(): ProviderState;
  writeProviderState(s: ProviderState): void;
  /** The deployment's resources (`stack.exportStack()`; secrets encrypted, as the CLI keeps them). */
  checkpoint(): Promise<any[]>;
  cleanup(): void;
}

export async function fixture(
  name: string,
  opts: { stackName?: string; typeCheck?: boolean; env?: Record<string, string> } = {},
): Promise<Fixture> {
  const src = path.join(repoRoot, "test", "fixtures", "engine", name);
  const workDir = path.join(tmpRoot, `${name}-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(tmpRoot, { recursive: true });
  fs.cpSync(src, workDir, { recursive: true });
  const stateFile = path.join(workDir, "provider-state.json");
  const envVars: Record<string, string> = { ENGINE_TEST_STATE: stateFile, ...opts.env };
  // ts-node type-checks by default like the CLI; most tests skip it (a knob cmd/run honours) for speed.
  if (!opts.typeCheck) envVars.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
  const stack = await LocalWorkspace.createOrSelectStack({ stackName: opts.stackName ?? "dev", workDir }, { envVars });
  return {
    workDir,
    stateFile,
    stack,
    providerState: () =>
      fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, "utf8")) : { counter: 0, resources: {}, log: [] },
    writeProviderState: (s) => fs.writeFileSync(stateFile, JSON.stringify(s, null, 2)),
    checkpoint: async () => (await stack.exportStack()).deployment.resources ?? [],
    cleanup: () => fs.rmSync(workDir, { recursive: true, force: true }),
  };
}

export function byName(resources: any[], name: string): any {
  return resources.find((r) => r.urn.endsWith(`::${name}`));
}

/** Strips `__provider` (the serialized code) so assertions read well. */
export function withoutProvider(props: Record<string, unknown>): Record<string, unknown> {
  const { __provider, ...rest } = props;
  void __provider;
  return rest;
}
