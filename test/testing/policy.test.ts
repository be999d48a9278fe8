import * as path from "path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { Stack } from "../../testing";
import { Fixture, fixture, repoRoot } from "./helpers";

const pack = path.join(repoRoot, "test", "fixtures", "engine", "policy-pack");

// The Automation API takes policy packs per operation (`policyPacks` of PreviewOptions and UpOptions).
const withPack = { policyPacks: [pack] };

describe("pulumi-privatedns-emulator/testing: policy packs through pulumi-analyzer-policy", () => {
  let f: Fixture;
  let stack: Stack;
  beforeAll(async () => {
    f = await fixture("items", { stackName: "policy" });
    stack = f.stack;
  });
  afterAll(() => f?.cleanup());

  it("advisory violations are reported and do not fail the preview", async () => {
    const res = await stack.preview(withPack);
    expect(res.changeSummary).toEqual({ create: 3 });
    expect(res.stdout).toContain("[advisory]  single-letter-names  (pulumi-nodejs:dynamic/enginetest:Item: a)");
    expect(res.stdout).toContain("name 'a' is a single letter");
  });

  it("a mandatory resource violation fails the preview, after reporting every violation", async () => {
    await stack.setConfig("value", { value: "forbidden" });
    await stack.setConfig("bValue", { value: "forbidden" });
    const err = await stack.preview(withPack).catch((e) => e);
    expect(err.message).toContain("[mandatory]  no-forbidden-values  (pulumi-nodejs:dynamic/enginetest:Item: a)");
    expect(err.message).toContain("[mandatory]  no-forbidden-values  (pulumi-nodejs:dynamic/enginetest:Item: b)");
    expect(err.message).toContain("value 'forbidden' is not allowed");
    expect(err.message).toContain("error: preview failed");
    expect(f.providerState().log).toEqual([]);
  });

  it("validateStack sees every planned resource: a violation fails the preview before anything is created, and up after", async () => {
    await stack.setConfig("value", { value: "dup" });
    await stack.setConfig("bValue", { value: "dup" });
    const shared = /items '[ab]' and '[ab]' share the value 'dup'/;
    expect((await stack.preview(withPack).catch((e) => e)).message).toMatch(shared);
    expect(f.providerState().log).toEqual([]);
    // up() runs no preview: the stack policy judges the stack once its steps ran, and fails the update.
    expect((await stack.up(withPack).catch((e) => e)).message).toMatch(/\[mandatory\] {2}unique-values[\s\S]*items '[ab]' and '[ab]' share the value 'dup'/);
    expect(f.providerState().log).toEqual(["create a-1", "create b-2"]);
    await stack.setConfig("bValue", { value: "b1" });
    const res = await stack.up(withPack);
    expect(res.summary.resourceChanges).toEqual({ same: 2, update: 1 });
  });

  it("policy packs apply only to the operations given them", async () => {
    await f.stack.setConfig("value", { value: "forbidden" });
    await expect(f.stack.preview(withPack)).rejects.toThrow("value 'forbidden' is not allowed");
    expect((await f.stack.preview()).changeSummary).toEqual({ same: 2, update: 1 });
  });
});
