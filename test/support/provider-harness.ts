/**
 * Drives the real dynamic-provider host (@pulumi/pulumi/cmd/dynamic-provider) the way the engine does, with
 * the provider code the SDK sends, taken from the SDK in a child process (serialize-providers.js). Vitest only
 * orchestrates: no Pulumi program runs in the test process.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ProviderHost } from "../../dist/testing/provider-host";
import type { Kind } from "../../dist/provider";
import { tempDir } from "./helpers";

export { UNKNOWN, KINDS } from "../../dist/provider";
export type { Kind };
export const REPO = path.resolve(__dirname, "../..");
export type Props = Record<string, any>;

export interface Serialized {
  /** Kind → the `__provider` text the SDK produced. */
  providers: Record<Kind, string>;
  /** Logical name → what the SDK sent for that resource (type and inputs). */
  resources: Record<string, { type: string; inputs: Props }>;
}

/** Runs serialize-providers.js in `programDir` (where `pulumi-privatedns-emulator` resolves) and returns its output. */
export function serializeProviders(programDir: string): Serialized {
  const out = execFileSync(process.execPath, [path.join(REPO, "test/support/serialize-providers.js")], { cwd: programDir, encoding: "utf8" });
  const resources = JSON.parse(out);
  const providers = {} as Record<Kind, string>;
  for (const r of Object.values<any>(resources)) providers[r.type.split(":").pop() as Kind] = r.inputs.__provider;
  return { providers, resources };
}

export { tempDir };
export const vnetArmId = (name: string, rg = "emulator") =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${name}`;
export const urnOf = (kind: Kind, name: string) => `urn:pulumi:test::project::pulumi-nodejs:dynamic/privatedns:${kind}::${name}`;

/** One deployment: one host process, as the engine starts one per preview and one per update. */
export class Deployment {
  private constructor(readonly host: ProviderHost, private readonly providers: Record<Kind, string>) {}

  static async start(programDir: string, providers: Record<Kind, string>, opts: { db?: string; config?: Props; env?: Props } = {}) {
    const env: Props = { ...opts.env };
    if (opts.db) env.PRIVATEDNS_EMULATOR_DB = opts.db;
    const host = await ProviderHost.start({ workDir: programDir, project: "project", env });
    await host.configure(opts.config ?? {});
    return new Deployment(host, providers);
  }

  /** The inputs the SDK would send: user inputs plus `__provider` and `__urn`. */
  news(kind: Kind, name: string, inputs: Props): Props {
    return { ...inputs, __provider: this.providers[kind], __urn: urnOf(kind, name) };
  }

  check(kind: Kind, name: string, inputs: Props, olds: Props = {}) {
    return this.host.check({ urn: urnOf(kind, name) }, olds, this.news(kind, name, inputs));
  }

  /** check then create, failing loudly on a check failure. */
  async create(kind: Kind, name: string, inputs: Props) {
    const checked = await this.check(kind, name, inputs);
    if (checked.failures.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    const created = await this.host.create({ urn: urnOf(kind, name) }, checked.inputs);
    return { id: created.id, outs: created.properties, inputs: checked.inputs };
  }

  /** check (with olds) then diff, as the engine does for an existing resource. */
  async plan(kind: Kind, name: string, state: { id: string; outs: Props; inputs: Props }, inputs: Props) {
    const checked = await this.check(kind, name, inputs, state.inputs);
    const diff = await this.host.diff({ urn: urnOf(kind, name) }, state.id, state.outs, checked.inputs, state.inputs);
    return { checked, diff };
  }

  update(kind: Kind, name: string, state: { id: string; outs: Props }, news: Props) {
    return this.host.update({ urn: urnOf(kind, name) }, state.id, state.outs, news);
  }

  read(kind: Kind, name: string, state: { id: string; outs: Props }) {
    return this.host.read({ urn: urnOf(kind, name) }, state.id, state.outs);
  }

  delete(kind: Kind, name: string, state: { id: string; outs: Props }) {
    return this.host.delete({ urn: urnOf(kind, name) }, state.id, state.outs);
  }

  close() {
    return this.host.close();
  }
}

/**
 * A program directory where the package is installed from its `npm pack` tarball, as a user has it.
 * Slow (npm install compiles better-sqlite3), so it is made once per test file.
 */
export function packedProgram(): string {
  const dir = tempDir();
  const tgz = packTarball(dir);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({
    name: "packed-program", private: true,
    dependencies: { "@pulumi/pulumi": "3.248.0", "pulumi-privatedns-emulator": `file:./${tgz}` },
  }, null, 2));
  npmInstall(dir);
  return dir;
}

/** `npm pack` of the repository into `dir`; the tarball's file name. */
export function packTarball(dir: string): string {
  // --ignore-scripts: `prepare` would rebuild dist/ under the tests that are running on it (global setup built it).
  return execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", dir], { cwd: REPO, encoding: "utf8" }).trim().split("\n").pop()!;
}

/** `npm install` in `dir`, as a user runs it, with the compiled better-sqlite3 of the repository when it is the same version. */
export function npmInstall(dir: string): void {
  // better-sqlite3's install script compiles it from source here (no prebuilt binary can be fetched), about
  // a minute; the same version is already compiled for this Node in the repository's node_modules, so the
  // packages are installed without scripts and that addon copied in. A different version gets the full install.
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", "--ignore-scripts"], { cwd: dir, stdio: "pipe" });
  const built = path.join(REPO, "node_modules", "better-sqlite3");
  const installed = path.join(dir, "node_modules", "better-sqlite3");
  if (!fs.existsSync(installed)) return;
  const version = (d: string) => JSON.parse(fs.readFileSync(path.join(d, "package.json"), "utf8")).version;
  if (version(built) === version(installed) && fs.existsSync(path.join(built, "build", "Release"))) {
    fs.cpSync(path.join(built, "build"), path.join(installed, "build"), { recursive: true });
  } else {
    execFileSync("npm", ["rebuild", "better-sqlite3"], { cwd: dir, stdio: "pipe" });
  }
}
