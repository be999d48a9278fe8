/**
 * Issue 16: the policy pack as a user gets it. A fresh folder installs only the package's `npm pack` tarball,
 * `privatedns policy init pack` writes the pack, `npm install` there, and then the real Pulumi CLI runs it
 * (`pulumi preview --policy-pack pack`) on emulator stacks, the package's LocalWorkspace runs it, and the
 * analyzer host judges an azure-native plan with it. Levels given to `PrivateDnsGuard` are the pack's initial
 * config, which the engine applies and a `--policy-pack-config` file overrides.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";

import * as ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { AnalyzerHost, Diagnostic } from "../support/analyzer-host";
import { azureNative } from "../support/plans";
import { npmInstall, packedProgram } from "../support/provider-harness";
import { cliEnv, pulumi, pulumiBinary, pulumiOk, repoRoot } from "../support/pulumi-cli";
import { cliL3Error, refusedLink } from "../examples/expected";

const T = 300_000;
const A3 = "privatedns-a3-ipv4-only-registration";
const L3 = "privatedns-l3-one-registration-zone";

/** A VM whose primary NIC has only an IPv6 address in a vnet with a registration zone: A3, advisory by default. */
const IPV6_PROGRAM = `const pdns = require("pulumi-privatedns-emulator");
const corp = new pdns.Zone("corp", { privateZoneName: "corp.internal" });
const v6 = new pdns.Vnet("v6", { addressSpace: { addressPrefixes: ["fd00::/64"] } });
const link = new pdns.VnetLink("v6-link", { privateZoneName: corp.name, virtualNetwork: { id: v6.id }, registrationEnabled: true });
new pdns.Vm("six", { virtualNetwork: { id: v6.id }, networkInterfaces: [{ name: "nic0", privateIPAddress: "fd00::4" }] }, { dependsOn: [link] });
`;

let dir: string;
let pack: string;
let initOutput: string;
const cli = cliEnv();
afterAll(() => cli.cleanup());

/** A stack folder in the fresh install: a JavaScript program (no TypeScript toolchain needed), its own store. */
function stackDir(name: string, program: string): string {
  const d = path.join(dir, name);
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(d, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
  fs.writeFileSync(path.join(d, "package.json"), JSON.stringify({ name, private: true, main: "index.js" }));
  fs.writeFileSync(path.join(d, "index.js"), program);
  return d;
}

async function cliStack(name: string, program: string) {
  const cwd = stackDir(name, program);
  const run = (args: string[]) => pulumi(args, { cwd, env: cli.env });
  await pulumiOk(["login", cli.backendUrl], { cwd, env: cli.env });
  await pulumiOk(["stack", "init", "dev"], { cwd, env: cli.env });
  await pulumiOk(["config", "set", "privatedns:emulatorDb", path.join(cwd, "dns.db")], { cwd, env: cli.env });
  return { cwd, run, db: path.join(cwd, "dns.db") };
}

const setGuard = (args: string) =>
  fs.writeFileSync(path.join(pack, "index.ts"), `import { PrivateDnsGuard } from "pulumi-privatedns-emulator/policy";\n\nnew PrivateDnsGuard(${args});\n`);

beforeAll(() => {
  dir = packedProgram();
  const tgz = fs.readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
  initOutput = execFileSync(path.join(dir, "node_modules", ".bin", "privatedns"), ["policy", "init", "pack", "--package", `file:../${tgz}`], { cwd: dir, encoding: "utf8" });
  pack = path.join(dir, "pack");
  npmInstall(pack);
}, T);

describe("privatedns policy init, from the packed tarball", () => {
  it("writes a pack that depends on the package and shares its @pulumi pins", () => {
    expect(initOutput).toContain("wrote pack/PulumiPolicy.yaml, pack/package.json, pack/tsconfig.json, pack/index.ts");
    expect(initOutput).toContain("next: cd pack && npm install; then: pulumi preview --policy-pack pack");
    const manifest = JSON.parse(fs.readFileSync(path.join(pack, "package.json"), "utf8"));
    const own = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    expect(manifest.dependencies["@pulumi/policy"]).toBe(own.dependencies["@pulumi/policy"]);
    expect(manifest.dependencies["@pulumi/pulumi"]).toBe(own.dependencies["@pulumi/pulumi"]);
    expect(manifest.dependencies["pulumi-privatedns-emulator"]).toMatch(/^file:\.\.\/pulumi-privatedns-emulator-.*\.tgz$/);
    expect(fs.readFileSync(path.join(pack, "index.ts"), "utf8")).toContain("new PrivateDnsGuard();");
    // The package in the pack is the tarball's, not this checkout.
    expect(fs.realpathSync(path.join(pack, "node_modules", "pulumi-privatedns-emulator"))).not.toContain(repoRoot);
  });

  it("the real CLI: preview-rejects is refused naming L3 and the other link, nothing written", async () => {
    const source = fs.readFileSync(path.join(repoRoot, "examples", "preview-rejects", "index.ts"), "utf8");
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    const s = await cliStack("preview-rejects", js);
    const r = await s.run(["preview", "--policy-pack", pack]);
    expect(r.code).toBe(1);
    expect(r.output).toContain(`error: ${cliL3Error(refusedLink(r.output) as "shared-a" | "shared-b")}`);
    expect(fs.existsSync(s.db)).toBe(false);
  }, T);

  it("the real CLI: A3 is advisory by default; PrivateDnsGuard's levels make it mandatory; --policy-pack-config overrides them", async () => {
    const s = await cliStack("six", IPV6_PROGRAM);
    setGuard("");
    const advisory = await s.run(["preview", "--policy-pack", pack]);
    expect(advisory.code, advisory.output).toBe(0);
    expect(advisory.output).toContain(`[advisory]  ${A3}`);
    expect(advisory.output).toContain("its primary NIC 'nic0' has the IPv6 address fd00::4");

    setGuard(`{ "${A3}": "mandatory" }`);
    const mandatory = await s.run(["preview", "--policy-pack", pack]);
    expect(mandatory.code).toBe(1);
    expect(mandatory.output).toContain(`[mandatory]  ${A3}`);

    setGuard(`{ all: "disabled" }`);
    const disabled = await s.run(["preview", "--policy-pack", pack]);
    expect(disabled.code, disabled.output).toBe(0);
    expect(disabled.output).not.toContain(A3);

    const config = path.join(s.cwd, "policy-config.json");
    fs.writeFileSync(config, JSON.stringify({ [A3]: "mandatory" }));
    const overridden = await s.run(["preview", "--policy-pack", pack, "--policy-pack-config", config]);
    expect(overridden.code).toBe(1);
    expect(overridden.output).toContain(`[mandatory]  ${A3}`);
    expect(fs.existsSync(s.db)).toBe(false);
    setGuard("");
  }, T);

  it("the package's LocalWorkspace runs the pack: a mandatory A3 fails the preview", async () => {
    const prior = process.env.PULUMI_CLI;
    process.env.PULUMI_CLI = pulumiBinary();
    // The packed package's own `testing`, loaded by node (not vitest's module runner).
    const testing = createRequire(path.join(dir, "index.js"))("pulumi-privatedns-emulator/testing");
    const cwd = stackDir("six-auto", IPV6_PROGRAM);
    const stack = await testing.LocalWorkspace.createOrSelectStack({ stackName: "dev", workDir: cwd });
    try {
      await stack.setConfig("privatedns:emulatorDb", { value: path.join(cwd, "dns.db") });
      const ok = await stack.preview({ policyPacks: [pack] });
      expect(ok.stdout).toContain(`[advisory]  ${A3}`);
      setGuard(`{ "${A3}": "mandatory" }`);
      const err = await stack.preview({ policyPacks: [pack] }).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(testing.CommandError);
      expect((err as Error).message).toContain(`[mandatory]  ${A3}`);
    } finally {
      setGuard("");
      if (prior === undefined) delete process.env.PULUMI_CLI;
      else process.env.PULUMI_CLI = prior;
    }
  }, T);

  it("the analyzer host: an azure-native plan with two registration links of one vnet is refused (L3)", async () => {
    const host = await AnalyzerHost.start(pack);
    try {
      const f = azureNative("privatedns");
      const rg = f.resourceGroup("rg")!;
      const [a, b, hub] = [f.zone("a", "a.internal", rg), f.zone("b", "b.internal", rg), f.vnet("hub", ["10.0.0.0/16"], rg)];
      const ds: Diagnostic[] = await host.analyzeStack([rg, a, b, hub, f.link("link-a", a, hub, { registration: true }), f.link("link-b", b, hub, { registration: true })]);
      const l3 = ds.filter((d) => d.policyName === L3);
      expect(l3.map((d) => [d.enforcementLevel, d.urn.split("::").pop()])).toEqual([["mandatory", "link-b"]]);
      expect(l3[0].message).toContain("Conflict (L3): A virtual network can only be linked to 1 Private DNS zone(s) with auto-registration enabled");
      expect(l3[0].message).toContain("[field: registrationEnabled, value: <id of azure-native:network:VirtualNetwork 'hub'>");
    } finally {
      host.close();
    }
  }, T);
});
