// Parity: the same program and the same steps through the real Automation API (`@pulumi/pulumi/automation`
// with the Pulumi CLI, set up by hand) and through the package's `pulumi-privatedns-emulator/testing`
// LocalWorkspace. Each step is reduced to what a test of a user reads: the change summary, the outputs,
// the class and refusal text of an error, the exit code, whether `up` printed a preview first. The two
// engines must report the same observation at every step. The two runs of a scenario go concurrently.
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";

import * as auto from "@pulumi/pulumi/automation";
import { afterAll, describe, expect, it } from "vitest";

import { Emulator } from "../../dist/provider/emulator";
import * as testing from "../../testing";
import { cliEnv, pulumiCommand } from "../../testing/cli";
import { refusedLink } from "../examples/expected";
import { EngineName, ExampleOptions, ExampleStack, exampleStack, repoRoot } from "../examples/helpers";

const T = 300_000;
// Loaded by node itself, not vitest's module runner: the SDK's closure serializer must see plain modules,
// and the inline program must use the @pulumi/pulumi runtime the Automation API loaded.
const pdns: typeof import("../../dist/sdk") = createRequire(__filename)(path.join(repoRoot, "dist", "sdk"));
const engines: EngineName[] = ["automation", "testing"];
type Observation = Record<string, unknown>;

/** Swaps two names throughout a text. */
function swap(text: string, a: string, b: string): string {
  return text.split(a).map((part) => part.split(b).join(a)).join(b);
}

/**
 * The SDK registers the two links of preview-rejects in either order from run to run, and the one checked
 * second is refused, naming the other; in an update the other may already be in the store, and the
 * refusal then names no resource of the program. Reduced to one form so that two runs compare.
 */
function canonicalRefusal(text: string, refused: string | undefined): string {
  let t = text.replace(/ \(together with urn:[^ ]+, declared in this program\)$/, "");
  if (refused === "shared-a" && t.includes("(L3)")) t = swap(swap(t, "'shared-a'", "'shared-b'"), '"a.internal"', '"b.internal"');
  if (refused === "shared-a-again") t = swap(t, "'shared-a-again'", "'shared-a'");
  return t;
}

/** What a failed operation shows its caller: error class, exit code, the refusals of its Diagnostics block. */
function failure(e: any): Observation {
  const output = `${e?.commandResult?.stdout ?? ""}${e?.commandResult?.stderr ?? ""}`;
  const diagnostics = output.slice(output.indexOf("Diagnostics:"), output.indexOf("\nResources:"));
  const refused = refusedLink(output);
  return {
    class: e?.constructor?.name,
    commandError: e instanceof auto.CommandError,
    // The CLI's exit code (CommandError's own `code: -2` in its message says only "not an exec error").
    exitCode: e?.commandResult?.err?.exitCode,
    errors: [...diagnostics.matchAll(/^ {4}error: (.*)$/gm)].map((m) => canonicalRefusal(m[1], refused)),
  };
}

async function observe(what: () => Promise<any>): Promise<Observation> {
  try {
    const r = await what();
    const o: Observation = {};
    if (r?.changeSummary) o.changes = r.changeSummary;
    if (r?.summary) o.changes = r.summary.resourceChanges;
    if (r?.outputs) o.outputs = r.outputs;
    if (typeof r?.stdout === "string") o.previewFirst = r.stdout.includes("Previewing update");
    return o;
  } catch (e) {
    return { failed: failure(e) };
  }
}

/** Runs `steps` on a fresh copy of `example` with one engine; one observation per step, by name. */
async function run(
  engine: EngineName,
  example: string,
  opts: ExampleOptions,
  steps: (ex: ExampleStack) => Record<string, () => Promise<any>>,
  opened: ExampleStack[],
): Promise<Record<string, Observation>> {
  const ex = await exampleStack(example, { ...opts, engine });
  opened.push(ex);
  const out: Record<string, Observation> = {};
  for (const [name, step] of Object.entries(steps(ex))) out[name] = await observe(step);
  return out;
}

async function both(example: string, opts: ExampleOptions, steps: (ex: ExampleStack) => Record<string, () => Promise<any>>, opened: ExampleStack[]) {
  const [real, pkg] = await Promise.all(engines.map((e) => run(e, example, opts, steps, opened)));
  return { real, pkg };
}

/** The deployment's resources as `type::name`, sorted. */
const urns = async (ex: ExampleStack) => ({ outputs: { urns: (await ex.resources()).map((r) => `${r.type}::${r.urn.split("::").pop()}`).sort() } });

describe.concurrent("parity: the real Automation API and pulumi-privatedns-emulator/testing", () => {
  const opened: ExampleStack[] = [];
  afterAll(() => opened.forEach((s) => s.cleanup()));

  it("examples/basic: preview, up, up again, add a VM, refresh after a change behind the engine's back, destroy", async () => {
    const { real, pkg } = await both("basic", {}, (ex) => ({
      preview: () => ex.stack.preview(),
      up: () => ex.stack.up(),
      state: () => urns(ex),
      "up again": () => ex.stack.up(),
      "add web3": async () => {
        ex.edit(['["web1", "web2"]', '["web1", "web2", "web3"]']);
        return ex.stack.up();
      },
      "refresh after web2 deleted behind the engine's back": async () => {
        ex.store((emu) => emu.deleteVm({ vmName: "web2" }));
        return ex.stack.refresh();
      },
      destroy: () => ex.stack.destroy(),
      "outputs after destroy": async () => ({ outputs: await ex.stack.outputs() }),
    }), opened);
    expect(pkg).toEqual(real);
    // The reference itself, so that a parity of two wrong answers fails too.
    expect(real.up).toMatchObject({ changes: { create: 6 }, previewFirst: false });
    expect(real["add web3"].changes).toEqual({ same: 6, create: 1 });
  }, T);

  it("examples/preview-rejects (L3): preview and up fail with CommandError and the same refusal; up() writes what it checked first", async () => {
    const { real, pkg } = await both("preview-rejects", {}, (ex) => ({
      preview: () => ex.stack.preview(),
      up: () => ex.stack.up(),
      "store written": async () => ({ outputs: { written: ex.storeBytes() !== undefined } }),
    }), opened);
    expect(pkg).toEqual(real);
    expect(real.preview.failed).toMatchObject({ class: "CommandError", commandError: true, exitCode: 1 });
    expect((real.preview.failed as any).errors.join("\n")).toContain("Conflict (L3)");
    // The Automation API's up() runs no preview: what was checked before the refusal is created.
    expect(real["store written"].outputs).toEqual({ written: true });
  }, T);

  it("examples/preview-rejects (L5): preview fails with the same refusal", async () => {
    const { real, pkg } = await both("preview-rejects", { config: { breaks: "L5" } }, (ex) => ({ preview: () => ex.stack.preview() }), opened);
    expect(pkg).toEqual(real);
    expect((real.preview.failed as any).errors.join("\n")).toContain("Conflict (L5)");
  }, T);

  it("stacks and config: createOrSelectStack creates the stack, typed errors, async getAllConfig, info()", async () => {
    const { real, pkg } = await both("basic", {}, (ex) => ({
      "selectStack right after createOrSelectStack": async () => {
        await ex.stack.workspace.selectStack("dev");
        return { outputs: { stacks: (await ex.stack.workspace.listStacks()).map((s) => s.name) } };
      },
      "createStack of an existing stack": () => ex.stack.workspace.createStack("dev"),
      "selectStack of a missing stack": () => ex.stack.workspace.selectStack("missing"),
      "getAllConfig returns a promise": async () => {
        await ex.stack.setConfig("password", { value: "s3cret", secret: true });
        const all = ex.stack.getAllConfig();
        // The store's path differs between the two copies; where it is relative to the copy does not.
        const { "privatedns:emulatorDb": db, ...config } = await all;
        return { outputs: { promise: all instanceof Promise, config, db: path.relative(ex.workDir, db.value) } };
      },
      "info() after up": async () => {
        await ex.stack.up();
        const info = await ex.stack.info();
        return { outputs: { kind: info?.kind, result: info?.result, resourceChanges: info?.resourceChanges } };
      },
    }), opened);
    const errorClass = (o: Observation) => (o.failed as any)?.class;
    expect(errorClass(real["createStack of an existing stack"])).toBe("StackAlreadyExistsError");
    expect(errorClass(real["selectStack of a missing stack"])).toBe("StackNotFoundError");
    for (const step of Object.keys(real)) expect({ [step]: pkg[step] }).toEqual({ [step]: real[step] });
    expect(real["getAllConfig returns a promise"].outputs).toEqual({ promise: true, config: { "basic:password": { value: "s3cret", secret: true } }, db: "dns.db" });
  }, T);

  it("an inline program: LocalWorkspace.createOrSelectStack({ stackName, projectName, program })", async () => {
    // Runs in this process (the Automation API's inline programs do); the zone's provider is serialized here.
    const program = async () => {
      const zone = new pdns.Zone("inline", { privateZoneName: "inline.internal" });
      return { zone: zone.name, answer: 42 };
    };
    const observations = await Promise.all(
      engines.map((engine) =>
        observe(async () => {
          const { stack, db, close } = await (engine === "automation" ? inlineAutomation : inlineTesting)(program);
          try {
            const up = await stack.up();
            return { ...up, outputs: { ...up.outputs, zonesInStore: { value: zonesIn(db), secret: false } } };
          } finally {
            close();
          }
        }),
      ),
    );
    expect(observations[1]).toEqual(observations[0]);
    expect(observations[0]).toEqual({
      changes: { create: 2 },
      previewFirst: false,
      outputs: {
        zone: { value: "inline.internal", secret: false },
        answer: { value: 42, secret: false },
        zonesInStore: { value: ["inline.internal"], secret: false },
      },
    });
  }, T);
});

const zonesIn = (db: string) => {
  const emu = Emulator.open(db);
  try {
    return emu.listZones().map((z) => z.name);
  } finally {
    emu.close();
  }
};

/**
 * The real Automation API by hand: an inline program's folder is a temp folder, whose provider host
 * resolves the package only through NODE_PATH; the store is chosen by $PRIVATEDNS_EMULATOR_DB.
 */
async function inlineAutomation(program: () => Promise<any>) {
  const cli = cliEnv();
  const db = path.join(cli.root, "inline.db");
  const envVars = { ...cli.env, PRIVATEDNS_EMULATOR_DB: db, NODE_PATH: path.join(repoRoot, "node_modules") };
  const workDir = fs.mkdtempSync(path.join(cli.root, "program-"));
  const stack = await auto.LocalWorkspace.createOrSelectStack({ stackName: "dev", projectName: "inline", program }, { pulumiCommand: await pulumiCommand(), envVars, workDir });
  return { stack, db, close: cli.cleanup };
}

async function inlineTesting(program: () => Promise<any>) {
  const stack = await testing.LocalWorkspace.createOrSelectStack({ stackName: "dev", projectName: "inline", program });
  return { stack, db: testing.emulatorDbOf(stack), close: () => undefined };
}
