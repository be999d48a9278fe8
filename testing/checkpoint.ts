// The stack's state: one JSON file per stack, shaped like the CLI's checkpoint (`pulumi stack export`:
// version 3, checkpoint.latest.resources), rewritten atomically (temp file + rename) after every step so a
// run that dies halfway leaves a file that matches what the provider actually did.
//
// Location: `$PULUMI_LOCAL_STATE_DIR/stacks/<project>/<stack>.json` if that variable is set, else
// `<workDir>/.pulumi-local/stacks/<project>/<stack>.json`.
// Secrets are NOT encrypted: they are stored as the wire envelope
// {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": <plaintext>}.
import * as fs from "fs";
import * as path from "path";

import { Props } from "./values";

export interface ResourceState {
  urn: string;
  custom: boolean;
  /** Pending delete of a resource replaced create-before-delete (the CLI's `delete: true`). */
  delete?: boolean;
  id?: string;
  type: string;
  /** Checked inputs; secret keys as envelopes. */
  inputs: Props;
  /** Provider outputs (custom) or registered outputs (components); secret keys as envelopes. */
  outputs: Props;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  additionalSecretOutputs?: string[];
  deleteBeforeReplace?: boolean;
  protect?: boolean;
  retainOnDelete?: boolean;
}

export interface Checkpoint {
  version: 3;
  checkpoint: {
    stack: string;
    latest: {
      manifest: { time: string; magic: string; version: string };
      resources: ResourceState[];
    };
  };
}

export function stateDir(workDir: string, env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.PULUMI_LOCAL_STATE_DIR;
  return fromEnv ? path.resolve(fromEnv) : path.join(path.resolve(workDir), ".pulumi-local");
}

export function checkpointPath(workDir: string, project: string, stack: string, env?: Record<string, string | undefined>): string {
  return path.join(stateDir(workDir, env), "stacks", project, `${stack}.json`);
}

export function readCheckpoint(file: string): ResourceState[] {
  if (!fs.existsSync(file)) return [];
  const cp = JSON.parse(fs.readFileSync(file, "utf8")) as Checkpoint;
  return cp.checkpoint?.latest?.resources ?? [];
}

export function writeCheckpoint(file: string, stack: string, resources: ResourceState[], pulumiVersion: string): void {
  const cp: Checkpoint = {
    version: 3,
    checkpoint: {
      stack,
      latest: {
        manifest: { time: new Date().toISOString(), magic: "", version: `local-engine (sdk ${pulumiVersion})` },
        resources,
      },
    },
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cp, null, 2) + "\n");
  fs.renameSync(tmp, file);
}

/**
 * Orders resources the way the CLI's snapshot does: every resource after its parent and dependencies.
 * Stable otherwise.
 */
export function topoSort(resources: ResourceState[]): ResourceState[] {
  const byUrn = new Map<string, ResourceState[]>();
  for (const r of resources) {
    const list = byUrn.get(r.urn) ?? [];
    list.push(r);
    byUrn.set(r.urn, list);
  }
  const done = new Set<ResourceState>();
  const visiting = new Set<ResourceState>();
  const out: ResourceState[] = [];
  const visit = (r: ResourceState) => {
    if (done.has(r) || visiting.has(r)) return;
    visiting.add(r);
    for (const dep of dependenciesOf(r)) for (const d of byUrn.get(dep) ?? []) visit(d);
    visiting.delete(r);
    done.add(r);
    out.push(r);
  };
  resources.forEach(visit);
  return out;
}

/** Everything a resource depends on for ordering: parent, dependsOn and property dependencies (A.6). */
export function dependenciesOf(r: ResourceState): string[] {
  const deps = new Set<string>();
  if (r.parent) deps.add(r.parent);
  for (const d of r.dependencies ?? []) deps.add(d);
  for (const list of Object.values(r.propertyDependencies ?? {})) for (const d of list) deps.add(d);
  deps.delete(r.urn);
  return [...deps];
}
