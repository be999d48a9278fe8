import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { byName, Fixture, fixture, withoutProvider } from "./helpers";

const item = "pulumi-nodejs:dynamic/enginetest:Item";

describe("pulumi-privatedns-emulator/testing: create, same, update, delete", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture("items");
  });
  afterAll(() => f?.cleanup());

  it("preview plans creates without calling Create", async () => {
    const lines: string[] = [];
    const res = await f.stack.preview({ onOutput: (s) => lines.push(s) });
    expect(res.changeSummary).toEqual({ create: 3 });
    expect(res.stdout).toContain(`+  ${item} a create`);
    expect(res.stdout).toContain("+ 3 to create");
    expect(lines.join("")).toBe(`${res.stdout}\n`); // stdout loses the last newline the CLI printed
    expect(f.providerState().log).toEqual([]);
    expect(await f.checkpoint()).toEqual([]);
  });

  it("up creates every resource through the provider and records them", async () => {
    const res = await f.stack.up();
    expect(res.summary.kind).toBe("update");
    expect(res.summary.result).toBe("succeeded");
    expect(res.summary.resourceChanges).toEqual({ create: 3 });
    expect(f.providerState().log).toEqual(["create a-1", "create b-2"]);
    expect(res.outputs.aId).toEqual({ value: "a-1", secret: false });
    expect(res.outputs.bRef).toEqual({ value: "b-2", secret: false });
    // The Automation API's up() deploys without a preview deployment first (unlike `pulumi up`).
    expect(res.stdout).not.toContain("Previewing update");
    expect(res.stdout).toContain("Updating (dev):");
    expect(res.stdout).toContain(`+  ${item} a created`);

    const cp = await f.checkpoint();
    expect(cp.map((r) => r.urn)).toEqual([
      "urn:pulumi:dev::items::pulumi:pulumi:Stack::items-dev",
      "urn:pulumi:dev::items::pulumi:providers:pulumi-nodejs::default",
      `urn:pulumi:dev::items::${item}::a`,
      `urn:pulumi:dev::items::${item}::b`,
    ]);
    const b = byName(cp, "b");
    expect(b.id).toBe("b-2");
    expect(b.parent).toBe("urn:pulumi:dev::items::pulumi:pulumi:Stack::items-dev");
    expect(b.propertyDependencies.ref).toEqual([`urn:pulumi:dev::items::${item}::a`]);
    expect(withoutProvider(b.outputs)).toEqual({ name: "b", value: "b1", replaceKey: "r1", ref: "a-1", greeting: "", serial: 2 });
    expect(typeof b.inputs.__provider).toBe("string");
    expect(await f.stack.outputs()).toEqual(res.outputs);
  });

  it("a second up with no change is all sames", async () => {
    const res = await f.stack.up();
    expect(res.summary.resourceChanges).toEqual({ same: 3 });
    expect(f.providerState().log).toHaveLength(2);
  });

  it("changing an input updates in place", async () => {
    await f.stack.setConfig("value", { value: "v2" });
    const preview = await f.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, update: 1 });
    expect(f.providerState().log).toHaveLength(2);
    const res = await f.stack.up();
    expect(res.summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(f.providerState().log.slice(2)).toEqual(["update a-1 v2"]);
    expect(res.outputs.aValue.value).toBe("v2");
    expect(byName(await f.checkpoint(), "a").outputs.serial).toBe(1);
  });

  it("changing a replace field replaces create-before-delete", async () => {
    await f.stack.setConfig("replaceKey", { value: "r2" });
    const preview = await f.stack.preview();
    // a is replaced; b's `ref` input is unknown in preview (a's new id) so b shows as an update.
    expect(preview.changeSummary).toEqual({ same: 1, replace: 1, update: 1 });
    const res = await f.stack.up();
    expect(res.summary.resourceChanges).toEqual({ same: 1, replace: 1, update: 1 });
    // New a created, dependent b updated to point at it, then the old a deleted at the end.
    expect(f.providerState().log.slice(3)).toEqual(["create a-3", "update b-2 b1", "delete a-1"]);
    const cp = await f.checkpoint();
    expect(cp.filter((r) => r.urn.endsWith("::a"))).toHaveLength(1);
    expect(byName(cp, "a").id).toBe("a-3");
    expect(byName(cp, "b").outputs.ref).toBe("a-3");
  });

  it("deleteBeforeReplace from the provider's diff deletes first", async () => {
    await f.stack.setConfig("dbr", { value: "true" });
    await f.stack.up(); // dbr is an input: plain update
    const before = f.providerState().log.length;
    await f.stack.setConfig("replaceKey", { value: "r3" });
    const res = await f.stack.up();
    expect(res.summary.resourceChanges).toMatchObject({ replace: 1 });
    expect(f.providerState().log.slice(before)).toEqual(["delete a-3", "create a-4", "update b-2 b1"]);
  });

  it("the deleteBeforeReplace resource option wins over the diff", async () => {
    await f.stack.setConfig("dbr", { value: "false" });
    await f.stack.setConfig("dbrOption", { value: "true" });
    await f.stack.up();
    const before = f.providerState().log.length;
    await f.stack.setConfig("replaceKey", { value: "r4" });
    await f.stack.up();
    expect(f.providerState().log.slice(before)).toEqual(["delete a-4", "create a-5", "update b-2 b1"]);
  });

  it("resources dropped from the program are deleted, dependents first", async () => {
    await f.stack.setConfig("includeA", { value: "false" });
    const preview = await f.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 1, delete: 2 });
    expect(f.providerState().log.at(-1)).toBe("update b-2 b1");
    const before = f.providerState().log.length;
    const res = await f.stack.up();
    expect(res.summary.resourceChanges).toEqual({ same: 1, delete: 2 });
    expect(f.providerState().log.slice(before)).toEqual(["delete b-2", "delete a-5"]);
    expect((await f.checkpoint()).map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
    expect(res.outputs.aId).toBeUndefined();
  });

  it("destroy deletes everything, dependents first, without running the program", async () => {
    await f.stack.setConfig("includeA", { value: "true" });
    await f.stack.up();
    const before = f.providerState().log.length;
    expect(f.providerState().log.slice(before - 2)).toEqual(["create a-6", "create b-7"]);
    const res = await f.stack.destroy();
    expect(res.summary.kind).toBe("destroy");
    expect(res.summary.resourceChanges).toEqual({ delete: 3 });
    expect(f.providerState().log.slice(before)).toEqual(["delete b-7", "delete a-6"]);
    expect(f.providerState().resources).toEqual({});
    expect(await f.checkpoint()).toEqual([]);
    expect(await f.stack.outputs()).toEqual({});
  });
});
