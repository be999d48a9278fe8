/**
 * `pulumi-privatedns-emulator/policy`: the pack's policies as a library, in the style of `@pulumi/awsguard`.
 * A user's pack is three lines (`privatedns policy init` writes them):
 *
 *     import { PrivateDnsGuard } from "pulumi-privatedns-emulator/policy";
 *     new PrivateDnsGuard({ all: "mandatory", "privatedns-a3-ipv4-only-registration": "advisory" });
 *
 * Each key is `all` or a policy's name; each value an enforcement level or `{ enforcementLevel, ...config }`.
 * They are the pack's initial config, so a stack's `--policy-pack-config` file still overrides them.
 */
import { EnforcementLevel, PolicyPack, PolicyPackConfig } from "@pulumi/policy";

import { policies, RULES } from "./policies";

export { policies, RULES };
export type { Rule } from "./rules";

/** The options a policy takes besides its level (the `CONFIG` schema of policies.ts). */
export interface PrivateDnsPolicyConfig {
  enforcementLevel?: EnforcementLevel;
  /** Report, as advisory, what could not be judged at preview because an input was unknown (default true). */
  reportUnjudged?: boolean;
}

export type PrivateDnsGuardArgs = { all?: EnforcementLevel } & Record<string, EnforcementLevel | PrivateDnsPolicyConfig | undefined>;

export interface PrivateDnsGuardOptions {
  /** The pack's name as the CLI shows it; default `privatedns-rules`. */
  name?: string;
}

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
export const POLICY_NAMES: string[] = policies.map((p) => p.name);

/** The pack's initial config from the guard's arguments; a name that is no policy, or a level that is none, is an error. */
export function guardConfig(args: PrivateDnsGuardArgs = {}): PolicyPackConfig {
  const config: PolicyPackConfig = {};
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    if (name !== "all" && !POLICY_NAMES.includes(name)) {
      throw new Error(`PrivateDnsGuard: '${name}' is not a policy of this pack (policies: all, ${POLICY_NAMES.join(", ")})`);
    }
    const level = typeof value === "string" ? value : value.enforcementLevel;
    if (level !== undefined && !LEVELS.includes(level)) {
      throw new Error(`PrivateDnsGuard: '${name}': enforcement level '${level}' is not one of ${LEVELS.join(", ")}`);
    }
    if (name === "all" && typeof value !== "string") throw new Error("PrivateDnsGuard: 'all' takes an enforcement level");
    config[name] = value as PolicyPackConfig[string];
  }
  return config;
}

/** The policy pack: every rule of docs/SPEC.md a plan can show, judged by the emulator's own code. */
export class PrivateDnsGuard extends PolicyPack {
  constructor(args: PrivateDnsGuardArgs = {}, opts: PrivateDnsGuardOptions = {}) {
    super(opts.name ?? "privatedns-rules", {
      description: "Azure Private DNS rules (pulumi-privatedns-emulator docs/SPEC.md), judged by the emulator's own code.",
      enforcementLevel: "mandatory",
      policies,
    }, guardConfig(args));
  }
}
