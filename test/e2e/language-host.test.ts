// The Node.js language host (langhost/, launched by the CLI as pulumi-language-nodejs) under the real CLI:
// `pulumi about` reads the program's runtime and dependencies through it; stack config and secrets reach
// the program (encrypted by the CLI's passphrase provider, shown as [secret]); a program that throws fails
// the preview with its own error, once, and the CLI exits 1.
import * as fs from "fs";
import * as path from "path";
import { spawn } from "child_process";
import { randomBytes } from "crypto";

import { afterAll, describe, expect, it } from "vitest";

import { loadPulumiProto } from "../../dist/testing/proto";
import { cliEnv, pulumi, pulumiOk, repoRoot } from "../support/pulumi-cli";

const T = 120_000;

/** A one-file TypeScript program in test/.tmp (so it resolves @pulumi/pulumi from the root node_modules). */
function program(source: string, dependencies: Record<string, string> = {}): string {
  const dir = path.join(repoRoot, "test", ".tmp", `e2e-lang-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: langhost-test\nruntime: nodejs\n");
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "langhost-test", main: "index.ts", dependencies: { "@pulumi/pulumi": "3.248.0", ...dependencies } }),
  );
  fs.writeFileSync(path.join(dir, "index.ts"), source);
  return dir;
}

describe.concurrent("the language host under the Pulumi CLI", () => {
  const dirs: string[] = [];
  const cli = cliEnv({ PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
  afterAll(() => {
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
    cli.cleanup();
  });
  const stack = async (source: string, name: string) => {
    const cwd = program(source);
    dirs.push(cwd);
    await pulumiOk(["login", cli.backendUrl], { cwd, env: cli.env });
    await pulumiOk(["stack", "init", name], { cwd, env: cli.env });
    return cwd;
  };

  it("pulumi about: the nodejs language plugin, node's version and the program's dependencies", async () => {
    const cwd = await stack("export const x = 1;\n", "about");
    const r = await pulumiOk(["about"], { cwd, env: cli.env });
    expect(r.stdout).toMatch(/^language +nodejs +3\.248\.0$/m);
    expect(r.stdout).toContain(`This project is written in nodejs: executable='${process.execPath}' version='${process.version.slice(1)}'`);
    expect(r.stdout).toMatch(/^@pulumi\/pulumi +3\.248\.0$/m);
  }, T);

  it("config and secrets reach the program; a secret output is shown as [secret]", async () => {
    const cwd = await stack(
      [
        'import * as pulumi from "@pulumi/pulumi";',
        "const config = new pulumi.Config();",
        'export const greeting = `hello ${config.require("name")}`;',
        'export const token = config.requireSecret("token");',
        'export const tokenLength = config.requireSecret("token").apply((t) => t.length);',
      ].join("\n"),
      "config",
    );
    await pulumiOk(["config", "set", "name", "world"], { cwd, env: cli.env });
    await pulumiOk(["config", "set", "--secret", "token", "s3cr3t-value"], { cwd, env: cli.env });
    // The CLI stores the secret encrypted with the passphrase, never in the clear.
    expect(fs.readFileSync(path.join(cwd, "Pulumi.config.yaml"), "utf8")).not.toContain("s3cr3t-value");
    const up = await pulumiOk(["up", "--yes", "--skip-preview"], { cwd, env: cli.env });
    expect(up.stdout).toMatch(/token +: \[secret\]/);
    const out = JSON.parse((await pulumiOk(["stack", "output", "--json", "--show-secrets"], { cwd, env: cli.env })).stdout);
    expect(out).toEqual({ greeting: "hello world", token: "s3cr3t-value", tokenLength: 12 });
  }, T);

  it("a program that throws fails the preview with its error, and the CLI exits 1", async () => {
    const cwd = await stack('throw new Error("the program refused to run");\n', "throws");
    const r = await pulumi(["preview"], { cwd, env: cli.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Error: the program refused to run");
    // cmd/run already reported it (exit 32, bail): no second, generic error from the language host.
    expect(r.output).not.toContain("Program exited with non-zero exit code");
  }, T);
});

describe("the language host's GetRequiredPackages over gRPC", () => {
  it("reports a dependency that declares a resource plugin, as @pulumi/azure-native does", async () => {
    const cwd = program("export const x = 1;\n", { "@acme/widgets": "1.2.3", "left-pad": "1.0.0" });
    try {
      for (const [name, pkg] of [["@acme/widgets", { pulumi: { resource: true } }], ["left-pad", {}]] as const) {
        fs.mkdirSync(path.join(cwd, "node_modules", name), { recursive: true });
        fs.writeFileSync(path.join(cwd, "node_modules", name, "package.json"), JSON.stringify({ name, version: name === "left-pad" ? "1.0.0" : "1.2.3", ...pkg }));
      }
      const host = spawn(process.execPath, [path.join(repoRoot, "dist", "langhost", "main.js"), "127.0.0.1:1"], { stdio: ["ignore", "pipe", "inherit"] });
      try {
        const port = await new Promise<string>((resolve) => host.stdout.once("data", (d) => resolve(String(d).trim())));
        const proto = loadPulumiProto(repoRoot);
        const client = new proto.languageGrpc.LanguageRuntimeClient(`127.0.0.1:${port}`, proto.grpc.credentials.createInsecure());
        const req = new proto.language.GetRequiredPackagesRequest().setInfo(
          new proto.language.ProgramInfo().setRootDirectory(cwd).setProgramDirectory(cwd).setEntryPoint("."),
        );
        const resp: any = await new Promise((resolve, reject) => client.getRequiredPackages(req, (e: any, r: any) => (e ? reject(e) : resolve(r))));
        expect(resp.getPackagesList().map((p: any) => [p.getName(), p.getKind(), p.getVersion()])).toEqual([["acme/widgets", "resource", "v1.2.3"]]);
        client.close();
      } finally {
        host.kill();
      }
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  }, T);
});
