// Spawns policy packs with @pulumi/pulumi/cmd/run-policy-pack and talks Analyzer gRPC to them.
import { Analyzer } from "./policy";
import { ConfigEntry } from "./project";

export interface PolicyPackOptions {
  workDir: string;
  project: string;
  stack: string;
  dryRun: boolean;
  config: Record<string, ConfigEntry>;
  env: Record<string, string | undefined>;
}

export async function startPolicyPacks(packs: string[], opts: PolicyPackOptions): Promise<Analyzer[]> {
  // TODO: run packs through cmd/run-policy-pack (see policy.ts); stored and accepted until then.
  void packs;
  void opts;
  throw new Error("policy packs are not supported by the local engine yet");
}
