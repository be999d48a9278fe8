// Issue 16: `pulumi-privatedns-emulator/policy` in @pulumi/awsguard's style. The levels given to the guard
// become the pack's initial config (checked here as the pack reports it); a name that is no policy, or a
// level that is none, fails when the pack is constructed, naming it and what would have been accepted.
import { describe, expect, it } from "vitest";

import { guardConfig, POLICY_NAMES, policies, RULES } from "../../dist/policy/guard";

const A3 = "privatedns-a3-ipv4-only-registration";

describe("PrivateDnsGuard's arguments", () => {
  it("one policy per rule, the same list the repository's pack serves", () => {
    expect(policies.length).toBe(RULES.length);
    expect(POLICY_NAMES).toContain(A3);
    expect(POLICY_NAMES).toContain("privatedns-l3-one-registration-zone");
  });

  it("levels and per-policy config pass through as the pack's initial config", () => {
    expect(guardConfig()).toEqual({});
    expect(guardConfig({ all: "mandatory", [A3]: "advisory", "privatedns-l3-one-registration-zone": { enforcementLevel: "advisory", reportUnjudged: false } }))
      .toEqual({ all: "mandatory", [A3]: "advisory", "privatedns-l3-one-registration-zone": { enforcementLevel: "advisory", reportUnjudged: false } });
  });

  it("an unknown policy name, an unknown level, or a config object for `all` is refused", () => {
    expect(() => guardConfig({ "privatedns-l3-typo": "mandatory" })).toThrow(/'privatedns-l3-typo' is not a policy of this pack \(policies: all, privatedns-/);
    expect(() => guardConfig({ [A3]: "loud" as any })).toThrow(`PrivateDnsGuard: '${A3}': enforcement level 'loud' is not one of advisory, mandatory, remediate, disabled`);
    expect(() => guardConfig({ all: { enforcementLevel: "advisory" } as any })).toThrow("'all' takes an enforcement level");
  });
});
