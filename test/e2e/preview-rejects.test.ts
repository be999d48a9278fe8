// examples/preview-rejects through the real Pulumi CLI: `pulumi preview` (and `pulumi up`) fail naming the
// rule (L3, L5), the property and the other resource of the program, and the store file is byte-for-byte
// what it was; the same for private endpoints and zone groups (N3, P2; P4 is in private-endpoint-lifecycle). With the policy pack (`pulumi preview --policy-pack ./policy`) a good plan passes and a bad
// one is still refused by the provider's check.
import * as path from "path";

import { afterAll, describe, expect, it } from "vitest";

import { cliL3Error, cliL5Error, refusedLink } from "../examples/expected";
import { repoRoot } from "../support/pulumi-cli";
import { CliStack, cliStack } from "./cli-stack";

const T = 300_000;
const policyPack = path.join(repoRoot, "policy");

describe.concurrent("examples/preview-rejects under the Pulumi CLI", () => {
  const stacks: CliStack[] = [];
  afterAll(() => stacks.forEach((s) => s.cleanup()));
  const open = async (example: string, opts: Parameters<typeof cliStack>[1] = {}) => {
    const s = await cliStack(example, opts);
    stacks.push(s);
    return s;
  };

  it("L3: pulumi preview fails on shared-b, naming shared-a; pulumi up fails before updating; the store is unchanged", async () => {
    const s = await open("preview-rejects");
    // A store that already holds something, so "unchanged" is a comparison of bytes, not an absent file.
    s.store((emu) => emu.createZone({ privateZoneName: "unrelated.internal" }));
    const before = s.storeBytes();
    const r = await s.run(["preview"]);
    expect(r.code).toBe(1);
    // The SDK registers the two links in either order: the one checked second is refused, naming the other.
    const refused = refusedLink(r.stdout) as "shared-a" | "shared-b";
    expect(r.stdout).toContain([`  pulumi-nodejs:dynamic/privatedns:VnetLink (${refused}):`, `    error: ${cliL3Error(refused)}`].join("\n"));
    expect(r.stdout).toContain(`+  pulumi-nodejs:dynamic/privatedns:VnetLink ${refused === "shared-a" ? "shared-b" : "shared-a"} create`);
    expect(s.storeBytes()!.equals(before!)).toBe(true);

    const up = await s.run(["up", "--yes"]);
    expect(up.code).toBe(1);
    expect(up.stdout).toContain(`error: ${cliL3Error(refusedLink(up.stdout) as "shared-a" | "shared-b")}`);
    expect(up.stdout).not.toContain("Updating (dev)");
    expect(s.storeBytes()!.equals(before!)).toBe(true);
    // Nothing was deployed, and the empty stack's state round-trips through export and import.
    const state = await s.reimported();
    expect(state.before.deployment.resources ?? []).toEqual([]);
    expect(state.after.deployment).toEqual(state.before.deployment);
  }, T);

  it("L5 (config breaks=L5): pulumi preview fails on the second link of the vnet to a.internal", async () => {
    const s = await open("preview-rejects", { config: { breaks: "L5" } });
    const r = await s.run(["preview"]);
    expect(r.code).toBe(1);
    const refused = refusedLink(r.stdout) as "shared-a" | "shared-a-again";
    expect(r.stdout).toContain([`  pulumi-nodejs:dynamic/privatedns:VnetLink (${refused}):`, `    error: ${cliL5Error(refused)}`].join("\n"));
    expect(s.storeBytes()).toBeUndefined();
  }, T);

  // SPEC P (test/fixtures/private-endpoint-rejects, one mistake per stack: the engine stops at the first refusal).
  const P_REJECTS: [breaks: string, resource: string, error: string][] = [
    ["N3", "PrivateEndpoint resource 'pe-blob': property ipConfigurations value",
      "has a problem: PrivateIPAddressNotInSubnet (N3): Private static IP address 10.1.9.9 does not belong to the range of subnet prefix 10.1.2.0/24."],
    ["P2", "PrivateDnsZoneGroup resource 'blob-dns-again': property privateDnsZoneGroupName value {blob-dns-again}",
      "has a problem: CannotCreateMoreThanOnePrivateDnsZoneGroup (P2): Cannot create more than one private dns zone groups in the private endpoint " +
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/privateEndpoints/pe-blob: it already has 'blob-dns'. " +
      "(together with urn:pulumi:dev::private-endpoint-rejects::pulumi-nodejs:dynamic/privatedns:PrivateDnsZoneGroup::blob-dns, declared in this program)"],
    ["P2-six", "PrivateDnsZoneGroup resource 'blob-dns': property privateDnsZoneConfigs value",
      "has a problem: PrivateDnsZoneConfigsLimitExceeded (P2): A private DNS zone group has 1 to 5 private DNS zone configs; privateDnsZoneConfigs has 6."],
  ];
  for (const [breaks, resource, error] of P_REJECTS) {
    it(`${breaks.slice(0, 2)} (config breaks=${breaks}): pulumi preview of new private endpoints and zone groups fails naming the rule; nothing is written`, async () => {
      const s = await open("test/fixtures/private-endpoint-rejects", { config: { breaks } });
      const r = await s.run(["preview"]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`    error: pulumi-nodejs:dynamic/privatedns:${resource}`);
      expect(r.stdout).toContain(error);
      expect(r.stdout).toMatch(/\n {4}1 errored\n/);
      expect(s.storeBytes()).toBeUndefined();
    }, T);
  }

  it("pulumi preview --policy-pack ./policy: hub-spoke passes with no violation", async () => {
    const s = await open("hub-spoke");
    const r = await s.ok(["preview", "--policy-pack", policyPack]);
    expect(r.stdout).toContain("Policies:");
    expect(r.stdout).toMatch(/✅ privatedns-rules@v0\.1\.0 \(local: .*policy\)/);
    expect(r.stdout).not.toMatch(/\[(mandatory|advisory)\]/);
    expect(s.storeBytes()).toBeUndefined();
  }, T);

  it("pulumi preview --policy-pack ./policy: preview-rejects is refused by the check (L3) before the pack's stack policies run", async () => {
    const s = await open("preview-rejects");
    const r = await s.run(["preview", "--policy-pack", policyPack]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`error: ${cliL3Error(refusedLink(r.stdout) as "shared-a" | "shared-b")}`);
    expect(r.stdout).not.toContain("privatedns-l3-one-registration-zone");
    expect(s.storeBytes()).toBeUndefined();
  }, T);
});
