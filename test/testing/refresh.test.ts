import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { byName, Fixture, fixture, withoutProvider } from "./helpers";

describe("pulumi-privatedns-emulator/testing: refresh", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture("items");
    await f.stack.up();
  });
  afterAll(() => f?.cleanup());

  it("refresh with no drift changes nothing and does not run the program", async () => {
    const res = await f.stack.refresh();
    expect(res.summary.kind).toBe("refresh");
    expect(res.summary.resourceChanges).toEqual({ same: 3 });
    expect(res.stdout).toContain("Refreshing (dev):");
  });

  it("refresh reads drift into outputs and inputs; the next up puts it back", async () => {
    const s = f.providerState();
    s.resources["a-1"].value = "drifted";
    f.writeProviderState(s);

    const res = await f.stack.refresh();
    expect(res.summary.resourceChanges).toEqual({ same: 2, update: 1 });
    const a = byName(await f.checkpoint(), "a");
    expect(a.outputs.value).toBe("drifted");
    expect(withoutProvider(a.inputs)).toEqual({ name: "a", value: "drifted", replaceKey: "r1" });
    expect(typeof a.outputs.__provider).toBe("string");
    expect(f.providerState().log).toEqual(["create a-1", "create b-2"]);

    const preview = await f.stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, update: 1 });
    const up = await f.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, update: 1 });
    expect(f.providerState().log.at(-1)).toBe("update a-1 v1");
    expect(f.providerState().resources["a-1"].value).toBe("v1");
  });

  it("a resource the provider no longer has is dropped from state", async () => {
    const s = f.providerState();
    delete s.resources["b-2"];
    f.writeProviderState(s);
    const res = await f.stack.refresh();
    expect(res.summary.resourceChanges).toEqual({ same: 2, delete: 1 });
    expect(byName(await f.checkpoint(), "b")).toBeUndefined();
    // The next up recreates it.
    const up = await f.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 2, create: 1 });
    expect(f.providerState().log.at(-1)).toBe("create b-3");
  });
});
