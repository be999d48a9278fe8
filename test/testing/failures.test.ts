import { afterEach, describe, expect, it } from "vitest";

import { CommandError } from "../../testing";
import { byName, Fixture, fixture } from "./helpers";

const item = "pulumi-nodejs:dynamic/enginetest:Item";

describe("pulumi-privatedns-emulator/testing: failures", () => {
  let f: Fixture | undefined;
  afterEach(() => f?.cleanup());

  it("a check failure fails the preview with the engine's diag text and writes nothing", async () => {
    f = await fixture("items");
    await f.stack.setConfig("value", { value: "invalid" });
    const err = await f.stack.preview().then(
      () => undefined,
      (e) => e,
    );
    expect(err).toBeInstanceOf(CommandError);
    // Go formats the property's value as `{invalid}`.
    expect(err.message).toContain(
      `${item} resource 'a': property value value {invalid} has a problem: value must not be 'invalid'`,
    );
    expect(err.message).toContain(`Diagnostics:\n  ${item} (a):\n    error: ${item} resource 'a': property value`);
    expect(err.message).toContain("1 errored");
    // Nothing after the failure was planned: b was never checked.
    expect(err.message).not.toContain(" b create");
    expect(f.providerState().log).toEqual([]);
    expect(await f.checkpoint()).toEqual([]);
  });

  it("up is refused at the first check when a check fails; a property-less failure uses diag 2002", async () => {
    f = await fixture("items");
    await f.stack.setConfig("value", { value: "whole" });
    await expect(f.stack.up()).rejects.toThrow(`${item} resource 'a' has a problem: the whole item is wrong`);
    expect(f.providerState().log).toEqual([]);
    // Only the stack and its default provider were recorded; no item.
    expect((await f.checkpoint()).map((r) => r.type)).toEqual(["pulumi:pulumi:Stack", "pulumi:providers:pulumi-nodejs"]);
  });

  it("a check failure in the update keeps what was already done", async () => {
    f = await fixture("items");
    await f.stack.up();
    await f.stack.setConfig("bValue", { value: "invalid" });
    await expect(f.stack.up()).rejects.toThrow(
      `${item} resource 'b': property value value {invalid} has a problem: value must not be 'invalid'`,
    );
    const cp = await f.checkpoint();
    expect(byName(cp, "b").outputs.value).toBe("b1");
    expect(f.providerState().log).toEqual(["create a-1", "create b-2"]);
    const history = await f.stack.history();
    expect(history.map((h) => h.result)).toEqual(["failed", "succeeded"]); // newest first
  });

  it("a provider error fails the update with the provider's message; finished steps stay recorded", async () => {
    f = await fixture("items");
    await f.stack.setConfig("bValue", { value: "explode" });
    const err = await f.stack.up().catch((e) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(err.message).toContain(`  ${item} (b):\n    error: create exploded`);
    expect(err.message).toContain("error: update failed");
    expect(f.providerState().log).toEqual(["create a-1"]);
    expect(byName(await f.checkpoint(), "a").id).toBe("a-1");
    expect(byName(await f.checkpoint(), "b")).toBeUndefined();
    await f.stack.setConfig("bValue", { value: "b1" });
    const res = await f.stack.up();
    expect(res.summary.resourceChanges).toEqual({ same: 2, create: 1 });
    expect(f.providerState().log).toEqual(["create a-1", "create b-2"]);
  });

  it("custom resources of a provider that is not installed are refused with a clear error", async () => {
    f = await fixture("items");
    await f.stack.setConfig("foreign", { value: "true" });
    await expect(f.stack.preview()).rejects.toThrow(
      "pulumi:providers:random (default):\n    error: no resource plugin 'pulumi-resource-random' found in the workspace or on your $PATH",
    );
  });

  it("a program that throws halfway leaves a consistent checkpoint; the next up completes", async () => {
    f = await fixture("items");
    await f.stack.setConfig("failAfterA", { value: "true" });
    const err = await f.stack.up().then(
      () => undefined,
      (e) => e,
    );
    expect(err).toBeInstanceOf(CommandError);
    expect(err.message).toContain("boom after a");
    // a was created before the throw: it is in the checkpoint; b never was; nothing was deleted.
    expect(f.providerState().log).toEqual(["create a-1"]);
    const cp = await f.checkpoint();
    expect(byName(cp, "a").id).toBe("a-1");
    expect(byName(cp, "b")).toBeUndefined();

    await f.stack.setConfig("failAfterA", { value: "false" });
    const res = await f.stack.up();
    expect(res.summary.resourceChanges).toEqual({ same: 2, create: 1 });
    expect(f.providerState().log).toEqual(["create a-1", "create b-2"]);

    const destroyed = await f.stack.destroy();
    expect(destroyed.summary.resourceChanges).toEqual({ delete: 3 });
    expect(f.providerState().resources).toEqual({});
  });
});
