// What pulumi-privatedns-emulator/testing sets up around the real Automation API: a stack per program copy
// (found again when its folder is opened again), the store and backend in a temp folder of its own that
// is gone once the process exits, and a clear error without a CLI.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

import { afterAll, describe, expect, it } from "vitest";

import { LocalWorkspace, StackNotFoundError } from "../../testing";
import { copyExample, repoRoot } from "../support/example-copy";

const T = 120_000;

describe("pulumi-privatedns-emulator/testing: the setup around the Automation API", () => {
  const copies = [copyExample("basic", "workspace"), copyExample("basic", "workspace")];
  afterAll(() => copies.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("a program folder opened again is the same stack; another copy of the project is another stack", async () => {
    const first = await LocalWorkspace.createOrSelectStack({ stackName: "dev", workDir: copies[0] });
    await first.setConfig("greeting", { value: "hi" });
    const again = await LocalWorkspace.selectStack({ stackName: "dev", workDir: copies[0] });
    expect(await again.getConfig("greeting")).toEqual({ value: "hi", secret: false });
    const other = await LocalWorkspace.selectStack({ stackName: "dev", workDir: copies[1] }).catch((e) => e);
    expect(other).toBeInstanceOf(StackNotFoundError);
  }, T);

  it("PULUMI_HOME, the backend and the store live in one temp folder, removed when the process exits", async () => {
    // A separate node process, so that its exit is observed; it prints where its state went.
    const script = `
      const { LocalWorkspace, emulatorDbOf } = require(${JSON.stringify(path.join(repoRoot, "dist", "testing"))});
      const fs = require("fs");
      LocalWorkspace.createOrSelectStack({ stackName: "dev", workDir: ${JSON.stringify(copies[1])} }).then(async (stack) => {
        await stack.setConfig("greeting", { value: "hi" });
        const env = stack.workspace.envVars;
        console.log(JSON.stringify({ home: env.PULUMI_HOME, backend: env.PULUMI_BACKEND_URL, db: emulatorDbOf(stack), exists: fs.existsSync(env.PULUMI_HOME) }));
      });`;
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: repoRoot });
    const seen = JSON.parse(stdout.trim().split("\n").pop()!);
    const root = path.dirname(seen.home);
    expect(path.dirname(root)).toBe(os.tmpdir());
    expect(path.basename(root)).toMatch(/^pdns-testing-/);
    expect(seen.backend.startsWith(`file://${root}/backends/`)).toBe(true);
    expect(seen.db.startsWith(`${root}/stores/`)).toBe(true);
    expect(seen.exists).toBe(true);
    expect(fs.existsSync(root)).toBe(false);
  }, T);

  it("without a Pulumi CLI it fails saying how to get one", async () => {
    const saved = process.env.PULUMI_CLI;
    process.env.PULUMI_CLI = "/nonexistent/bin/pulumi";
    try {
      const err = await LocalWorkspace.createOrSelectStack({ stackName: "dev", workDir: copies[0] }).catch((e) => e);
      expect(err.message).toContain("no Pulumi CLI at /nonexistent/bin/pulumi");
      expect(err.message).toContain("npm run pulumi-cli");
    } finally {
      if (saved === undefined) delete process.env.PULUMI_CLI;
      else process.env.PULUMI_CLI = saved;
    }
  }, T);
});
