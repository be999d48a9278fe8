// Pulumi.yaml and Pulumi.<stack>.yaml, read and written the way the CLI lays them out.
//
// Secret config values are stored as `secure: "local:<base64 of the plaintext>"` — this local engine has
// no secrets provider, so the value is only encoded, not encrypted. The real CLI cannot decrypt such a
// value; use a separate stack file if you switch between engines.
import * as fs from "fs";
import * as path from "path";

import { loadYaml } from "./proto";

export interface ProjectSettings {
  name: string;
  runtime: string;
  /** `runtime.options` of Pulumi.yaml (typescript, nodeargs, tsconfig, ...). */
  runtimeOptions: Record<string, unknown>;
  /** `main` of Pulumi.yaml, if any. */
  main?: string;
  /** Config declared in Pulumi.yaml (`config:` with `default`/`value`). */
  config: Record<string, { value?: unknown; secret?: boolean }>;
}

export function readProject(workDir: string): ProjectSettings {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(workDir, f)).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no Pulumi.yaml project file found in ${workDir}`);
  const doc = loadYaml(workDir).load(fs.readFileSync(file, "utf8")) ?? {};
  if (!doc.name || typeof doc.name !== "string") throw new Error(`${file}: project is missing a 'name' attribute`);
  const runtime = typeof doc.runtime === "string" ? doc.runtime : doc.runtime?.name;
  if (!runtime) throw new Error(`${file}: project is missing a 'runtime' attribute`);
  const config: ProjectSettings["config"] = {};
  for (const [k, v] of Object.entries<any>(doc.config ?? {})) {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const value = v.value !== undefined ? v.value : v.default;
      config[k] = { value, secret: !!v.secret };
    } else {
      config[k] = { value: v };
    }
  }
  return {
    name: doc.name,
    runtime,
    runtimeOptions: (typeof doc.runtime === "object" && doc.runtime?.options) || {},
    main: doc.main,
    config,
  };
}

export interface ConfigEntry {
  value: string;
  secret: boolean;
}

const localSecretPrefix = "local:";

export function stackConfigPath(workDir: string, stack: string): string {
  return path.join(workDir, `Pulumi.${stack.replace(/\//g, "_")}.yaml`);
}

/** Fully qualifies a config key the way the CLI does: `key` ⇒ `<project>:key`. */
export function qualifyKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

export function readStackConfig(workDir: string, stack: string): Record<string, ConfigEntry> {
  const file = stackConfigPath(workDir, stack);
  if (!fs.existsSync(file)) return {};
  const doc = loadYaml(workDir).load(fs.readFileSync(file, "utf8")) ?? {};
  const out: Record<string, ConfigEntry> = {};
  for (const [k, v] of Object.entries<any>(doc.config ?? {})) {
    if (v && typeof v === "object" && !Array.isArray(v) && typeof v.secure === "string") {
      const s: string = v.secure;
      if (!s.startsWith(localSecretPrefix)) {
        throw new Error(`${file}: config '${k}' is encrypted by another secrets provider; the local engine cannot read it`);
      }
      out[k] = { value: Buffer.from(s.slice(localSecretPrefix.length), "base64").toString("utf8"), secret: true };
    } else if (v !== null && typeof v === "object") {
      // Structured config is passed to programs as its JSON text, like the CLI.
      out[k] = { value: JSON.stringify(v), secret: false };
    } else {
      out[k] = { value: v === null || v === undefined ? "" : String(v), secret: false };
    }
  }
  return out;
}

export function writeStackConfig(workDir: string, stack: string, config: Record<string, ConfigEntry>): void {
  const file = stackConfigPath(workDir, stack);
  let doc: any = {};
  if (fs.existsSync(file)) doc = loadYaml(workDir).load(fs.readFileSync(file, "utf8")) ?? {};
  const cfg: Record<string, unknown> = {};
  for (const k of Object.keys(config).sort()) {
    const e = config[k];
    cfg[k] = e.secret ? { secure: localSecretPrefix + Buffer.from(e.value, "utf8").toString("base64") } : e.value;
  }
  doc.config = cfg;
  if (Object.keys(cfg).length === 0) delete doc.config;
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, loadYaml(workDir).dump(doc));
  fs.renameSync(tmp, file);
}
