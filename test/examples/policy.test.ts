// The examples with the policy pack (policy/, `pulumi preview --policy-pack ./policy`, the Automation API's
// `preview({ policyPacks })`): the engine starts the pack through pulumi-analyzer-policy and calls Analyze
// after each Check and AnalyzeStack at the end. The stacks run concurrently.
import { afterAll, describe, expect, it } from "vitest";

import { CommandError } from "../../testing";
import { ExampleStack, exampleStack, policyPack } from "./helpers";
import { cliL3Error, refusedLink } from "./expected";

const T = 300_000;

describe.concurrent("examples with the policy pack", () => {
  const stacks: ExampleStack[] = [];
  afterAll(() => stacks.forEach((s) => s.cleanup()));

  it("hub-spoke: the preview passes (no violation, mandatory or advisory) and writes nothing", async () => {
    const ex = await exampleStack("hub-spoke");
    stacks.push(ex);
    const res = await ex.stack.preview({ policyPacks: [policyPack] });
    expect(res.changeSummary).toEqual({ create: 19 });
    expect(res.stdout).toMatch(/privatedns-rules@v0\.1\.0/);
    expect(res.stdout).not.toMatch(/\[(mandatory|advisory)\]/);
    expect(ex.storeBytes()).toBeUndefined();
  }, T);

  it("preview-rejects: the provider's check refuses first; planning stops there, so the pack never sees the refused link", async () => {
    const ex = await exampleStack("preview-rejects");
    stacks.push(ex);
    const err: CommandError = await ex.stack.preview({ policyPacks: [policyPack] }).then(() => undefined as never, (e) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(err.message).toContain(`error: ${cliL3Error(refusedLink(err.message) as "shared-a" | "shared-b")}`);
    // The pack judged the resources checked before the refusal (alone they break nothing); its stack-level
    // L3 policy runs after all steps, which a failed check never reaches.
    expect(err.message).not.toContain("privatedns-l3-one-registration-zone");
    expect(err.message).not.toMatch(/\[(mandatory|advisory)\]/);
    expect(ex.storeBytes()).toBeUndefined();
  }, T);
});
