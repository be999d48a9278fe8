// What a program depends on, read from its package.json and the packages node resolves from its directory:
// the resource plugins the engine must have (packages whose package.json says `"pulumi": {"resource": true}`,
// as pulumi-language-nodejs reports them) and the versions `pulumi about` lists.
import * as fs from "fs";
import * as path from "path";

export interface InstalledPackage {
  name: string;
  version: string;
  /** The package's `pulumi` section, if any. */
  pulumi?: { resource?: boolean; name?: string; version?: string; server?: string };
}

export interface PluginDependency {
  name: string;
  kind: "resource";
  version: string;
  server: string;
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** The direct dependencies of the program in `dir`, as installed (those that resolve). */
export function installedDependencies(dir: string): InstalledPackage[] {
  const manifest = readJson(path.join(dir, "package.json")) ?? {};
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).sort();
  const out: InstalledPackage[] = [];
  for (const name of names) {
    let file: string;
    try {
      file = require.resolve(`${name}/package.json`, { paths: [dir] });
    } catch {
      continue; // not installed, or its exports hide package.json: the CLI reports neither
    }
    const pkg = readJson(file);
    if (pkg) out.push({ name, version: String(pkg.version ?? ""), pulumi: pkg.pulumi });
  }
  return out;
}

/** A resource plugin's name: `pulumi.name`, else the package name without `@pulumi/` or a leading `@`. */
function pluginName(p: InstalledPackage): string {
  if (p.pulumi?.name) return p.pulumi.name;
  if (p.name.startsWith("@pulumi/")) return p.name.slice("@pulumi/".length);
  return p.name.replace(/^@/, "");
}

export function requiredPlugins(dir: string): PluginDependency[] {
  return installedDependencies(dir)
    .filter((p) => p.pulumi?.resource === true)
    .map((p) => {
      const v = p.pulumi?.version || p.version;
      return { name: pluginName(p), kind: "resource", version: v.startsWith("v") ? v : `v${v}`, server: p.pulumi?.server ?? "" };
    });
}
