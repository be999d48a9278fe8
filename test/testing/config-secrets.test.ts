import * as fs from "fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { specialSecretSig, specialSigKey } from "../../testing";
import { byName, Fixture, fixture, withoutProvider } from "./helpers";

const item = "pulumi-nodejs:dynamic/enginetest:Item";
const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

describe("local engine: config, secrets, outputs, components", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture("items", { stackName: "secrets" });
    await f.stack.setConfig("greeting", { value: "hi" });
    await f.stack.setConfig("password", { value: "p4ss", secret: true });
    await f.stack.setConfig("withGroup", { value: "true" });
    await f.stack.setConfig("includeB", { value: "false" });
  });
  afterAll(() => f?.cleanup());

  it("config is stored like the CLI's stack file, secrets marked secure", async () => {
    const text = fs.readFileSync(`${f.workDir}/Pulumi.secrets.yaml`, "utf8");
    expect(text).toContain("items:greeting: hi");
    expect(text).toMatch(/items:password:\n\s+secure: local:/);
    expect(text).not.toContain("p4ss");
    expect(await f.stack.getConfig("password")).toEqual({ value: "p4ss", secret: true });
    await f.stack.setConfig("scratch", { value: "x" });
    await f.stack.removeConfig("scratch");
    await expect(f.stack.getConfig("scratch")).rejects.toThrow(/not found/);
  });

  it("up: config reaches the provider's configure, secrets stay secret end to end", async () => {
    const res = await f.stack.up();
    expect(res.summary.resourceChanges).toEqual({ create: 5 });
    // Configure got the stack config: the provider put the greeting into its outputs.
    expect(res.outputs.aGreeting).toEqual({ value: "hi", secret: false });
    // Secret config arrives in the program as a secret; exported as such.
    expect(res.outputs.password).toEqual({ value: "p4ss", secret: true });
    // An output whose key is a secret input is secret again (annotateSecrets); other outputs are not.
    expect(res.outputs.sSecret).toEqual({ value: "p4ss", secret: true });
    expect(res.outputs.sValue).toEqual({ value: "sv", secret: false });
    expect(res.outputs.secretOut).toEqual({ value: "s3cr3t", secret: true });
    expect(res.outputs.plain).toEqual({ value: "hello", secret: false });
    expect(await f.stack.outputs()).toEqual(res.outputs);
    expect(res.stdout).toContain("password: [secret]");

    // The provider saw plaintext (acceptSecrets=false); the checkpoint keeps the secret marks.
    const s = byName(f.checkpoint(), "s");
    expect(s.inputs.secret).toEqual(secret("p4ss"));
    expect(s.outputs.secret).toEqual(secret("p4ss"));
    expect(s.outputs.value).toBe("sv");
    expect(f.providerState().resources[s.id].greeting).toBe("hi");
  });

  it("component resources and their children get the engine's URNs and parents", async () => {
    const cp = f.checkpoint();
    const group = cp.find((r) => r.type === "enginetest:index:Group");
    expect(group.urn).toBe("urn:pulumi:secrets::items::enginetest:index:Group::g");
    expect(group.custom).toBe(false);
    expect(group.parent).toBe("urn:pulumi:secrets::items::pulumi:pulumi:Stack::items-secrets");
    expect(group.outputs).toEqual({ childValue: "gv" });
    const child = byName(cp, "g-child");
    expect(child.urn).toBe(`urn:pulumi:secrets::items::enginetest:index:Group$${item}::g-child`);
    expect(child.parent).toBe(group.urn);
    expect(withoutProvider(child.outputs)).toMatchObject({ value: "gv", greeting: "hi" });
  });

  it("removing the component deletes the child before the component", async () => {
    await f.stack.setConfig("withGroup", { value: "false" });
    const lines: string[] = [];
    const res = await f.stack.up({ skipPreview: true, onOutput: (s) => lines.push(s) });
    expect(res.summary.resourceChanges).toEqual({ same: 3, delete: 2 });
    const out = lines.join("");
    expect(out.indexOf(`${item} g-child deleted`)).toBeGreaterThan(0);
    expect(out.indexOf(`${item} g-child deleted`)).toBeLessThan(out.indexOf("enginetest:index:Group g deleted"));
    expect(res.outputs.groupChild).toBeUndefined();
  });

  it("type-checks TypeScript programs by default, like the CLI", async () => {
    const typed = await fixture("items", { stackName: "typed", typeCheck: true });
    try {
      fs.appendFileSync(`${typed.workDir}/index.ts`, "\nconst wrong: number = \"not a number\";\n");
      await expect(typed.stack.preview()).rejects.toThrow(/TS2322/);
    } finally {
      typed.cleanup();
    }
  });
});
