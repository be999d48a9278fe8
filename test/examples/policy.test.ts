// The examples with the policy pack (policy/, `pulumi preview --policy-pack ./policy`): the engine starts the
// pack (cmd/run-policy-pack) and calls Analyze after each Check and AnalyzeStack at the end. The stacks run
// concurrently.
import { afterAll, describe, expect, it } from "vitest";

import { CommandError } from "../../testing";
import { ExampleStack, exampleStack, policyPack } from "./helpers";
import { L3_ERROR } from "./expected";

const T = 300_000;

describe.concurrent("examples with the policy pack", () => {
  const stacks: ExampleStack[] = [];
  afterAll(() => stacks.forEach((s) => s.cleanup()));

  it("hub-spoke: the preview passes (no violation, mandatory or advisory) and writes nothing", async () => {
    const ex = await exampleStack("hub-spoke", { policyPacks: [policyPack] });
    stacks.push(ex);
    const res = await ex.stack.preview();
    expect(res.changeSummary).toEqual({ create: 19 });
    expect(res.stdout).not.toMatch(/\[(mandatory|advisory)\]/);
    expect(ex.storeBytes()).toBeUndefined();
  }, T);

  it("preview-rejects: the provider's check refuses first; planning stops there, so the pack never sees shared-b", async () => {
    const ex = await exampleStack("preview-rejects", { policyPacks: [policyPack] });
    stacks.push(ex);
    const err: CommandError = await ex.stack.preview().then(() => undefined as never, (e) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(err.stdout).toContain(`error: ${L3_ERROR}`);
    // The pack judged the resources checked before the refusal (alone they break nothing); its stack-level
    // L3 policy runs after all steps, which a failed check never reaches.
    expect(err.stdout).not.toContain("privatedns-l3-one-registration-zone");
    expect(err.stdout).not.toMatch(/\[(mandatory|advisory)\]/);
    expect(ex.storeBytes()).toBeUndefined();
  }, T);
});
