import * as fs from "fs";
import * as path from "path";

import type * as auto from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { specialSecretSig, specialSigKey } from "../../testing";
import { byName, Fixture, fixture, withoutProvider } from "./helpers";

const item = "pulumi-nodejs:dynamic/enginetest:Item";
/** A secret as `pulumi stack export --show-secrets` writes it: the envelope around the plaintext. */
const secret = (value: { plaintext: string }) => ({ [specialSigKey]: specialSecretSig, ...value });
/** The environment the helper gave the stack's workspace (its file backend among it). */
const stackEnv = (f: Fixture) => (f.stack.workspace as auto.LocalWorkspace).envVars;

describe("pulumi-privatedns-emulator/testing: config, secrets, outputs, components", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture("items", { stackName: "secrets" });
    await f.stack.setConfig("greeting", { value: "hi" });
    await f.stack.setConfig("password", { value: "p4ss", secret: true });
    await f.stack.setConfig("withGroup", { value: "true" });
    await f.stack.setConfig("includeB", { value: "false" });
  });
  afterAll(() => f?.cleanup());

  it("config is stored in the CLI's stack file, secrets encrypted with the passphrase", async () => {
    const text = fs.readFileSync(`${f.workDir}/Pulumi.secrets.yaml`, "utf8");
    expect(text).toContain("items:greeting: hi");
    expect(text).toMatch(/items:password:\n\s+secure: v1:/);
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
    expect(res.stdout).toMatch(/\n {4}password +: \[secret\]\n/);

    // The provider saw plaintext (acceptSecrets=false); the state keeps the secret marks (exportStack shows
    // them decrypted), and the backend's file holds only ciphertext.
    const s = byName(await f.checkpoint(), "s");
    expect(s.inputs.secret).toEqual(secret({ plaintext: '"p4ss"' }));
    expect(s.outputs.secret).toEqual(secret({ plaintext: '"p4ss"' }));
    const stored = fs.readFileSync(path.join(new URL(stackEnv(f).PULUMI_BACKEND_URL).pathname, ".pulumi", "stacks", "items", "secrets.json"), "utf8");
    expect(stored).toContain('"ciphertext"');
    expect(stored).not.toContain("p4ss");
    expect(s.outputs.value).toBe("sv");
    expect(f.providerState().resources[s.id].greeting).toBe("hi");
  });

  it("component resources and their children get the engine's URNs and parents", async () => {
    const cp = await f.checkpoint();
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
    // The engine's own events, in the order the steps finished.
    const deleted: string[] = [];
    const res = await f.stack.up({
      onEvent: (e) => {
        const m = e.resOutputsEvent?.metadata;
        if (m?.op === "delete") deleted.push(`${m.type} ${m.urn.split("::").pop()}`);
      },
    });
    expect(res.summary.resourceChanges).toEqual({ same: 3, delete: 2 });
    expect(deleted).toEqual([`${item} g-child`, "enginetest:index:Group g"]);
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
