import * as fs from "fs";
import * as path from "path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ProviderError, ProviderHost, unknownValue } from "../../testing";
import { byName, Fixture, fixture } from "./helpers";

// ProviderHost is the engine's own client for the real dynamic-provider host; it is exported so provider
// tests can call check/diff/create/... directly with serialized provider code taken from a real run.
describe("ProviderHost: the real cmd/dynamic-provider, driven directly", () => {
  let f: Fixture;
  let host: ProviderHost;
  let code: string;
  const urn = "urn:pulumi:direct::items::pulumi-nodejs:dynamic/enginetest:Item::x";

  beforeAll(async () => {
    f = await fixture("items", { stackName: "direct" });
    await f.stack.setConfig("includeB", { value: "false" });
    await f.stack.up();
    code = byName(await f.checkpoint(), "a").inputs.__provider;
    host = await ProviderHost.start({ workDir: f.workDir, project: "items", env: { ENGINE_TEST_STATE: f.stateFile } });
    await host.configure({ "items:greeting": "direct" });
  });
  afterAll(async () => {
    await host?.close();
    f?.cleanup();
  });

  it("check passes inputs through the provider and reports failures", async () => {
    const ok = await host.check({ urn }, {}, { __provider: code, name: "x", value: unknownValue });
    expect(ok.failures).toEqual([]);
    expect(ok.inputs.value).toBe(unknownValue);
    const bad = await host.check({ urn }, {}, { __provider: code, name: "x", value: "invalid" });
    expect(bad.failures).toEqual([{ property: "value", reason: "value must not be 'invalid'" }]);
  });

  it("create/read/update/delete run the provider in the host process", async () => {
    const created = await host.create({ urn }, { __provider: code, name: "x", value: "1", replaceKey: "r1" });
    expect(created.id).toMatch(/^x-\d+$/);
    expect(created.properties).toMatchObject({ value: "1", greeting: "direct", __provider: code });
    const diff = await host.diff({ urn }, created.id, created.properties, { __provider: code, name: "x", value: "1", replaceKey: "r2" });
    expect(diff).toMatchObject({ changes: "some", replaces: ["replaceKey"], deleteBeforeReplace: false });
    const updated = await host.update({ urn }, created.id, created.properties, { __provider: code, name: "x", value: "2", replaceKey: "r1" });
    expect(updated.value).toBe("2");
    const read = await host.read({ urn }, created.id, updated);
    expect(read.id).toBe(created.id);
    expect(read.inputs?.value).toBe("2");
    await host.delete({ urn }, created.id, updated);
    const gone = await host.read({ urn }, created.id, updated);
    expect(gone.id).toBe("");
    const log = JSON.parse(fs.readFileSync(f.stateFile, "utf8")).log;
    expect(log.slice(-3)).toEqual([`create ${created.id}`, `update ${created.id} 2`, `delete ${created.id}`]);
  });

  it("provider errors come back as ProviderError with the provider's message", async () => {
    const err = await host.create({ urn }, { __provider: "exports.handler = () => ({ create: async () => { throw new Error('nope') } })" }).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).toBe("nope");
    expect(path.isAbsolute(f.workDir)).toBe(true);
  });
});
