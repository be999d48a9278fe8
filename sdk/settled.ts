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

/** The kind's outputs as the store holds them now (the provider's own read, loaded in the program only here). */
function readStore(kind: Kind, db: string, ref: Record<string, string> | undefined): Record<string, unknown> | undefined {
  if (!ref) return undefined;
  const { Emulator } = require("pulumi-privatedns-emulator/emulator");
  const { kinds } = require("pulumi-privatedns-emulator/provider");
  const emu = Emulator.open(db, { readonly: true });
  try {
    return kinds[kind].read(emu, ref);
  } finally {
    emu.close();
  }
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
  const others = () => declared.filter((x) => x !== resource).map((x) => x.id);
  const current = pulumi.all([resource.id, db]).apply(([id, file]) =>
    pulumi.all(others()).apply(() => (file ? readStore(kind, file, refOf(id)) : undefined)));
  for (const key of keys) {
    const engine: pulumi.Output<unknown> = r[key];
    r[key] = pulumi.all([current, engine]).apply(([now, value]) => (now && key in now ? now[key] : value));
  }
}
