/**
 * Outputs that other resources of the same program change (issue 12, item 4): a zone's counters and record sets,
 * a VM's registered records, the record sets of a zone group's configs (P3: another endpoint of the target shares them). The engine fixes a resource's outputs when it is created, and a zone is created
 * before the links and record sets that need it; so these outputs are read again, in the program, from the
 * store, once every emulator resource this program declared has been created. Right after one `pulumi up`,
 * whatever the declaration order and without `dependsOn`. (The state catches up at the next up or refresh:
 * diff reports the drift.) Never feed them into another resource's inputs: that resource would wait for itself.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Kind } from "../provider/kinds/spec";
import { parseResourceId } from "../provider/emulator/ids";
import type { Emulator } from "../provider/emulator"; // a type only: loaded by package name when first read

const declared: pulumi.CustomResource[] = [];

/** Every emulator resource of this program, so that settled outputs wait for all of them. */
export const declare = (r: pulumi.CustomResource) => declared.push(r);

/** The names that identify a resource in the store, from its ARM id. */
export type RefOf = (id: string) => Record<string, string> | undefined;

/** A top-level resource's names: its resource group and, under `own`, its name (`privateZoneName`, `vmName`). */
const topLevel = (own: string): RefOf => (id) => {
  const parsed = parseResourceId(id);
  return parsed && { resourceGroupName: parsed.resourceGroupName, [own]: parsed.name };
};

/**
 * The ids of every emulator resource declared so far, as one Output shared by all settled outputs (made again
 * only if more were declared since): each settled resource waiting on its own `all` of every other id cost the
 * program a number of outputs that grew with the square of its resources (a 300-VM stack spent most of its
 * `up` there).
 */
let everyId: { count: number; ids: pulumi.Output<unknown[]> } | undefined;
function allDeclared(): pulumi.Output<unknown[]> {
  if (everyId?.count !== declared.length) everyId = { count: declared.length, ids: pulumi.all(declared.map((x) => x.id)) };
  return everyId.ids;
}

/** One read-only connection per store for the program's settled reads (not one per resource), closed at exit. */
const readers = new Map<string, Emulator>();
function readerOf(db: string): Emulator {
  let emu = readers.get(db);
  if (!emu) {
    if (readers.size === 0) process.once("exit", () => { for (const e of readers.values()) e.close(); });
    emu = (require("pulumi-privatedns-emulator/emulator").Emulator as typeof Emulator).open(db, { readonly: true });
    readers.set(db, emu);
  }
  return emu;
}

/** The kind's outputs as the store holds them now (the provider's own read, loaded in the program only here). */
function readStore(kind: Kind, db: string, ref: Record<string, string> | undefined): Record<string, unknown> | undefined {
  if (!ref) return undefined;
  const { kinds } = require("pulumi-privatedns-emulator/provider");
  return kinds[kind].read(readerOf(db), ref);
}

/**
 * Replaces `keys` of `resource` by their values in the store once the program's other emulator resources exist.
 * `own` names the input holding a top-level resource's name (`privateZoneName`, `vmName`), or reads a child's names
 * from its id (a zone group's). In preview: unknown, as before.
 */
export function settle(resource: pulumi.CustomResource, kind: Kind, own: string | RefOf, keys: string[]): void {
  const r = resource as any;
  const db: pulumi.Output<string | undefined> = r.__emulatorDb;
  const refOf = typeof own === "string" ? topLevel(own) : own;
  // Once its own id is known, every declared resource's (its own among them, already known).
  const current = pulumi.all([resource.id, db]).apply(([id, file]) =>
    allDeclared().apply(() => (file ? readStore(kind, file, refOf(id)) : undefined)));
  for (const key of keys) {
    const engine: pulumi.Output<unknown> = r[key];
    r[key] = pulumi.all([current, engine]).apply(([now, value]) => (now && key in now ? now[key] : value));
  }
}
