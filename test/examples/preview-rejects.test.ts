// examples/preview-rejects through the local engine: plans Azure would refuse halfway through a deployment
// are refused at preview, by the dynamic provider's check, with the rule, the property and the other
// resource of the program named; nothing is written to the store. The two stacks run concurrently.
import { afterAll, describe, expect, it } from "vitest";

import { CommandError } from "../../testing";
import { L3_ERROR, L5_ERROR } from "./expected";
import { ExampleStack, exampleStack } from "./helpers";

const T = 300_000;
async function rejection(p: Promise<unknown>): Promise<CommandError> {
  const err = await p.then(
    () => undefined,
    (e) => e,
  );
  expect(err).toBeInstanceOf(CommandError);
  return err as CommandError;
}

describe.concurrent("examples/preview-rejects", () => {
  const stacks: ExampleStack[] = [];
  afterAll(() => stacks.forEach((s) => s.cleanup()));

  it("by default (L3): preview fails on shared-b, the vnet's second registration zone; up fails the same; nothing written", async () => {
    // This stack chooses its store through $PRIVATEDNS_EMULATOR_DB.
    const ex = await exampleStack("preview-rejects", { dbVia: "env" });
    stacks.push(ex);
    const err = await rejection(ex.stack.preview());
    expect(err.stdout).toContain(
      ["Diagnostics:", "  pulumi-nodejs:dynamic/privatedns:VnetLink (shared-b):", `    error: ${L3_ERROR}`, "", "  pulumi:pulumi:Stack (preview-rejects-dev):", "    error: preview failed"].join("\n"),
    );
    expect(err.message).toContain(L3_ERROR);
    // Planned before the refusal: the zones, the vnet and shared-a.
    expect(err.stdout).toContain("+  pulumi-nodejs:dynamic/privatedns:VnetLink shared-a create");
    expect(err.stdout).not.toContain("VnetLink shared-b create");
    expect(ex.storeBytes()).toBeUndefined();

    const upErr = await rejection(ex.stack.up());
    expect(upErr.message).toContain(L3_ERROR);
    expect(upErr.stdout).not.toContain("Updating (dev):");
    expect(ex.storeBytes()).toBeUndefined();
    expect(ex.stack.resources()).toEqual([]);
  }, T);

  it("with `breaks: L5`: preview fails on the second link of the vnet to a.internal; nothing written", async () => {
    const ex = await exampleStack("preview-rejects", { config: { breaks: "L5" } });
    stacks.push(ex);
    const err = await rejection(ex.stack.preview());
    expect(err.stdout).toContain(["  pulumi-nodejs:dynamic/privatedns:VnetLink (shared-a):", `    error: ${L5_ERROR}`].join("\n"));
    expect(err.stdout).toContain("error: preview failed");
    expect(ex.storeBytes()).toBeUndefined();
    expect(ex.stack.resources()).toEqual([]);
  }, T);
});
