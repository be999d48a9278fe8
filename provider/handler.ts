/**
 * The dynamic-provider methods, the same for every kind: thin adapters from Pulumi's calls to the emulator.
 * check judges the plan (store + this deployment's earlier claims) without writing; diff ignores `__` keys,
 * replaces on identity fields and reports drift of platform-computed outputs; create/update/read/delete act on
 * the store that holds the resource (recorded in its state as `__emulatorDb`).
 */
import { Emulator, EmulatorError, isEmulatorError, isNotFound, Operation } from "./emulator";
import { Inputs, KindSpec } from "./kinds/spec";
import { claimOf, closeOverlay, commitClaim, dropClaim, judge } from "./plan";
import { currentStorePath, emulatorAt, existingReader, existingWriter } from "./session";
import { isUnknown, plain } from "./unknown";

export interface CheckFailure { property: string; reason: string }

/** Set once some resource of this deployment could not be judged (unknowns): then "not found" is no verdict. */
let incomplete = false;

const putOf = (op: Operation): Operation => ({ ...op, op: op.op.replace(/^(create|update)/, "put") } as Operation);
/** Values compared as JSON with sorted keys: inputs cross protobuf, which does not keep key order. */
const canonical = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(canonical).join(",")}]`
    : v && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as any)[k])}`).join(",")}}`
      : JSON.stringify(v ?? null);
/** Known and equal, compared canonically: inputs cross protobuf, which does not keep key order (#16582). */
const equal = (a: unknown, b: unknown) => !isUnknown(a) && !isUnknown(b) && canonical(a) === canonical(b);

/**
 * Outputs: the store's view, the store that holds the resource, and the SDK's hidden inputs, which `read`
 * cannot otherwise rebuild (the host does not pass inputs to it).
 */
const outputsOf = (spec: KindSpec, current: Inputs, store: string, hidden: Inputs): Inputs =>
  plain({
    ...keptOf(spec, hidden, current), ...current, __emulatorDb: store, ...hiddenOf(hidden),
    ...(spec.sameAs ? { __given: hidden.__given ?? Object.fromEntries(Object.keys(spec.sameAs).map((k) => [k, hidden[k] ?? null])) } : {}),
  });

/** The SDK's hidden inputs: the URN, program-side ids of vnets and zones, the zones the program declares (P4 at preview). */
const HIDDEN = ["__urn", "__virtualNetworkId", "__privateDnsZoneIds", "__programZones"];
const hiddenOf = (props: Inputs): Inputs => Object.fromEntries(HIDDEN.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));

/**
 * Inputs whose outputs Azure fills in (a NIC's ip configurations gain ids and addresses) are given back by read
 * as the program gave them while the store still matches them, so that a refresh without drift changes nothing.
 */
function givenInputs(spec: KindSpec, current: Inputs, props: Inputs): Inputs {
  const given = props.__given ?? {};
  return Object.fromEntries(Object.entries(spec.sameAs ?? {})
    .filter(([k, same]) => given[k] !== undefined && given[k] !== null && same(current[k], given[k]))
    .map(([k]) => [k, given[k]]));
}

/** azure-native kinds: the inputs the emulator keeps without emulating them (not its own, not `__`, not in `except`). */
function keptOf(spec: KindSpec, inputs: Inputs, except: Inputs = {}): Inputs {
  if (!spec.keepsOthers) return {};
  return Object.fromEntries(Object.entries(inputs).filter(([k]) =>
    !k.startsWith("__") && !spec.inputKeys.includes(k) && !spec.computedKeys.includes(k) && !(k in except)));
}

/**
 * The engine prints "property P value V has a problem", V being the input P: P is the top-level input the
 * refusal's field path starts with (`aRecords` for `aRecords[1].ipv4Address`, which the message itself names).
 */
const inputOf = (field: string) => field.split(/[.[]/)[0];

function failure(e: EmulatorError, culprit?: string, field = e.field): CheckFailure {
  const other = culprit ? ` (together with ${culprit}, declared in this program)` : "";
  return { property: inputOf(field), reason: `${reasonOf(e)}${other}` };
}

/** A refusal as preview words it (`Conflict (L3): <Azure's text>`); the unit-test mocks fail a resource with it too. */
export const reasonOf = (e: EmulatorError) => `${e.code} (${e.rule}): ${e.detail}`;

/** Outputs for inputs the kind has just applied: the store's view plus what it keeps without emulating (mocks, handlers). */
export const appliedOutputs = (spec: KindSpec, current: Inputs, inputs: Inputs): Inputs => plain({ ...keptOf(spec, inputs, current), ...current });

/**
 * The operations this resource's plan stands for: a create, an in-place put, or delete-then-create on a new
 * identity. A replacement is checked twice, the second time without olds: the delete judged the first time stays.
 */
function planOps(spec: KindSpec, olds: Inputs, args: Inputs, previous?: Operation[]): Operation[] {
  const isNew = !olds || Object.keys(olds).length === 0;
  if (isNew) return previous && previous.length === 2 ? [previous[0], spec.create(args)] : [spec.create(args)];
  const oldArgs = spec.whatIfArgs(spec.normalize(olds));
  if (oldArgs && spec.identity(oldArgs) !== spec.identity(args)) return [spec.remove(oldArgs), spec.create(args)];
  return [putOf(spec.create(args))];
}

/**
 * A write outside the plan, and what `answer` makes of its result, in one transaction. The overlay is rolled
 * back first: it holds the write lock on this connection.
 */
function applyAnew<T>(emu: Emulator, op: Operation, answer: (result: unknown) => T): { answer: T } {
  closeOverlay();
  return { answer: emu.atomically(() => answer(emu.apply(op))) };
}

/** Claims are keyed by the resource's URN (the SDK sends it), else by the kind and identity. */
const claimKey = (spec: KindSpec, inputs: Inputs, args: Inputs): string =>
  typeof inputs.__urn === "string" && !isUnknown(inputs.__urn) ? inputs.__urn : `${spec.kind}:${spec.identity(args)}`;

export function handlerFor(spec: KindSpec) {
  return {
    async check(olds: Inputs, news: Inputs): Promise<{ inputs: Inputs; failures: CheckFailure[] }> {
      // Plain JSON: a default left undefined (an azure-native location not given) cannot cross protobuf.
      const inputs = plain(spec.normalize(news));
      try {
        spec.fieldChecks(inputs);
      } catch (e) {
        if (!isEmulatorError(e)) throw e;
        return { inputs, failures: [failure(e)] };
      }
      const args = spec.whatIfArgs(inputs);
      if (!args) {
        incomplete = true;
        return { inputs, failures: [] };
      }
      const urn = claimKey(spec, news, args);
      const ops = planOps(spec, olds, args, claimOf(urn)?.ops);
      const { refusal, culprit } = judge(currentStorePath(), urn, ops);
      if (refusal && !(incomplete && isNotFound(refusal))) return { inputs, failures: [failure(refusal, culprit)] };
      // What this deployment deletes that this resource still names (P4), judged after its own operations; the
      // refusal is the emulator's, reported on the input that names the deleted resource.
      for (const d of spec.deletions?.(olds ?? {}, inputs) ?? []) {
        const r = judge(currentStorePath(), `${urn}#delete:${d.key}`, [...ops, d.op]);
        if (r.refusal) {
          const f = failure(r.refusal, r.culprit, d.field);
          return { inputs, failures: [{ ...f, reason: `${f.reason} (this deployment deletes it: the program no longer declares it)` }] };
        }
      }
      return { inputs, failures: [] };
    },

    async diff(_id: string, olds: Inputs, news: Inputs) {
      const same = (k: string) => (spec.sameAs?.[k] ? !isUnknown(news[k]) && spec.sameAs[k](olds[k], news[k]) : equal(olds[k], news[k]));
      const changed = [...spec.inputKeys, ...Object.keys(keptOf(spec, news))].filter((k) => !same(k));
      const replaces = changed.filter((k) => spec.replaceKeys.includes(k));
      const store = olds.__emulatorDb ?? currentStorePath();
      if (store !== currentStorePath()) replaces.push("__emulatorDb"); // move to the newly configured store
      const emu = existingReader(store); // diff runs at preview too: never create the file
      const current = emu && spec.read(emu, olds);
      if (!current) {
        replaces.push(...spec.replaceKeys.filter((k) => !replaces.includes(k))); // gone behind Pulumi's back: create again
      } else {
        // Drift: what the platform computed (registered records, counters) changed since the last update.
        changed.push(...spec.computedKeys.filter((k) => !equal(current[k], olds[k])));
      }
      return { changes: changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: false };
    },

    async create(inputs: Inputs) {
      const store = currentStorePath();
      const emu = emulatorAt(store);
      const args = spec.whatIfArgs(inputs)!;
      const op = spec.create(args);
      // Outputs from what the write returned (or read back), inside the write's transaction: no second one.
      const answer = (result: unknown) => (spec.fromWrite ? spec.fromWrite(emu, result, args) : spec.read(emu, args)!);
      // The check's transaction did this very create on this connection and still holds the write lock: commit it
      // rather than roll it back and do it again. Otherwise (other claims first, a pause, preview's stand-in) anew.
      const done = commitClaim(emu, claimKey(spec, inputs, args), op, answer) ?? applyAnew(emu, op, answer);
      dropClaim(inputs.__urn);
      return { id: spec.id(args), outs: outputsOf(spec, done.answer, store, inputs) };
    },

    async read(id: string, props: Inputs) {
      const store = props.__emulatorDb ?? currentStorePath();
      const emu = existingReader(store);
      const current = emu && spec.read(emu, props);
      if (!current) return { id: "", props: {} }; // gone: the engine drops it from state
      const outs = outputsOf(spec, current, store, props);
      // The store's truth as inputs too, in the form check gives them, so that drift shows in the next diff
      // and a resource without drift reads back unchanged.
      const own = Object.fromEntries(spec.inputKeys.filter((k) => k in current).map((k) => [k, current[k]]));
      const inputs = spec.normalize({ ...keptOf(spec, props, current), ...own, ...givenInputs(spec, current, props) });
      return { id, props: outs, inputs: plain({ ...inputs, ...hiddenOf(props) }) };
    },

    async update(_id: string, olds: Inputs, news: Inputs) {
      const store = olds.__emulatorDb ?? currentStorePath();
      const emu = emulatorAt(store);
      const args = spec.whatIfArgs(news)!;
      const { answer } = applyAnew(emu, spec.update(args), () => spec.read(emu, args)!);
      dropClaim(news.__urn);
      return { outs: outputsOf(spec, answer, store, news) };
    },

    async delete(_id: string, props: Inputs) {
      const emu = existingWriter(props.__emulatorDb ?? currentStorePath());
      const args = spec.whatIfArgs(props);
      closeOverlay();
      if (emu && args) emu.apply(spec.remove(args)); // deleting what is already gone succeeds
    },
  };
}
