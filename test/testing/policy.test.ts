import * as path from "path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { LocalWorkspace, Stack } from "../../testing";
import { Fixture, fixture, repoRoot } from "./helpers";

const pack = path.join(repoRoot, "test", "fixtures", "engine", "policy-pack");

describe("local engine: policy packs through cmd/run-policy-pack", () => {
  let f: Fixture;
  let stack: Stack;
  beforeAll(async () => {
    f = await fixture("items", { stackName: "policy" });
    // The same stack, opened with the policy pack on the workspace (LocalWorkspaceOptions.policyPacks).
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "policy", workDir: f.workDir },
      { envVars: { ENGINE_TEST_STATE: f.stateFile, PULUMI_NODEJS_TRANSPILE_ONLY: "true" }, policyPacks: [pack] },
    );
  });
  afterAll(() => f?.cleanup());

  it("advisory violations are reported and do not fail the preview", async () => {
    const res = await stack.preview();
    expect(res.changeSummary).toEqual({ create: 3 });
    expect(res.stdout).toContain("[advisory]  single-letter-names  (pulumi-nodejs:dynamic/enginetest:Item: a)");
    expect(res.stdout).toContain("name 'a' is a single letter");
  });

  it("a mandatory resource violation fails the preview, after reporting every violation", async () => {
    await stack.setConfig("value", { value: "forbidden" });
    await stack.setConfig("bValue", { value: "forbidden" });
    const err = await stack.preview().catch((e) => e);
    expect(err.message).toContain("[mandatory]  no-forbidden-values  (pulumi-nodejs:dynamic/enginetest:Item: a)");
    expect(err.message).toContain("[mandatory]  no-forbidden-values  (pulumi-nodejs:dynamic/enginetest:Item: b)");
    expect(err.message).toContain("value 'forbidden' is not allowed");
    expect(err.message).toContain("error: preview failed");
    expect(f.providerState().log).toEqual([]);
  });

  it("validateStack sees every planned resource; a violation fails up before anything is created", async () => {
    await stack.setConfig("value", { value: "dup" });
    await stack.setConfig("bValue", { value: "dup" });
    await expect(stack.up()).rejects.toThrow("items 'a' and 'b' share the value 'dup'");
    expect(f.providerState().log).toEqual([]);
    await stack.setConfig("bValue", { value: "b1" });
    const res = await stack.up();
    expect(res.summary.resourceChanges).toEqual({ create: 3 });
  });

  it("policy packs given per operation apply too", async () => {
    await f.stack.setConfig("value", { value: "forbidden" });
    await expect(f.stack.preview({ policyPacks: [pack] })).rejects.toThrow("value 'forbidden' is not allowed");
    expect((await f.stack.preview()).changeSummary).toEqual({ same: 2, update: 1 });
  });
});
