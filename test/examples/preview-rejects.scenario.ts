// examples/preview-rejects through the Automation API (the package's `testing` helper, or set up by hand):
// plans Azure would refuse halfway through a deployment are refused at preview, by the dynamic
// provider's check, with the rule, the property and the other resource of the program named; a preview
// writes nothing to the store. The Automation API's `up()` runs no preview (unlike `pulumi up`): it is
// refused at the same check, and the rule still holds in the store. The two stacks run concurrently.
import { afterAll, describe, expect, it } from "vitest";

import { CommandError } from "../../testing";
import { cliL3Error, cliL5Error, refusedLink } from "./expected";
import { type EngineName, ExampleStack, exampleStack } from "./helpers";

const T = 300_000;
async function rejection(p: Promise<unknown>): Promise<CommandError> {
  const err = await p.then(
    () => undefined,
    (e) => e,
  );
  expect(err).toBeInstanceOf(CommandError);
  return err as CommandError;
}

/** The Diagnostics block names the refused link, then the refusal: `<link> (<name>):\n    error: <text>`. */
function refusal(err: CommandError, expected: (refused: any) => string): string {
  const refused = refusedLink(err.message);
  expect(refused).toBeDefined();
  return [`  pulumi-nodejs:dynamic/privatedns:VnetLink (${refused}):`, `    error: ${expected(refused)}`].join("\n");
}

/** The steps and their assertions, through one engine (test/examples: the `testing` helper; test/automation: the Automation API set up by hand). */
export function previewRejectsScenario(engine: EngineName): void {
  describe.concurrent(`examples/preview-rejects (${engine})`, () => {
    const stacks: ExampleStack[] = [];
    afterAll(() => stacks.forEach((s) => s.cleanup()));

    it("by default (L3): preview fails on the vnet's second registration zone, writing nothing; up is refused the same", async () => {
      // This stack chooses its store through $PRIVATEDNS_EMULATOR_DB.
      const ex = await exampleStack("preview-rejects", { engine, dbVia: "env" });
      stacks.push(ex);
      const err = await rejection(ex.stack.preview());
      expect(err.message).toContain(["Diagnostics:", refusal(err, cliL3Error)].join("\n"));
      // Planned before the refusal: the zones, the vnet and the other link.
      const other = refusedLink(err.message) === "shared-a" ? "shared-b" : "shared-a";
      expect(err.message).toContain(`+  pulumi-nodejs:dynamic/privatedns:VnetLink ${other} create`);
      expect(err.message).not.toContain(`VnetLink ${refusedLink(err.message)} create`);
      expect(ex.storeBytes()).toBeUndefined();
      expect(await ex.resources()).toEqual([]);

      // up() deploys without a preview: what was checked before the refusal may be created, the refused link
      // is not, and the vnet keeps at most one registration zone (L3). The other link may already be in the
      // store when the refused one is checked: then the refusal names no resource of the program.
      const upErr = await rejection(ex.stack.up());
      expect(upErr.message).toContain(refusal(upErr, (r) => cliL3Error(r).split(" (together with")[0]));
      expect(upErr.message).toContain("Updating (dev):");
      ex.store((emu) => {
        const registrationLinks = emu.listLinks().filter((l) => l.registrationEnabled && l.virtualNetwork.id.endsWith("/shared"));
        expect(registrationLinks.length).toBeLessThanOrEqual(1);
        expect(emu.listLinks().map((l) => l.name)).not.toContain(refusedLink(upErr.message));
      });
      const deployed = (await ex.resources()).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/privatedns:")).map((r) => r.urn.split("::").pop()).sort();
      expect(deployed).not.toContain(refusedLink(upErr.message));
    }, T);

    it("with `breaks: L5`: preview fails on the second link of the vnet to a.internal; nothing written", async () => {
      const ex = await exampleStack("preview-rejects", { engine, config: { breaks: "L5" } });
      stacks.push(ex);
      const err = await rejection(ex.stack.preview());
      expect(err.message).toContain(refusal(err, cliL5Error));
      expect(ex.storeBytes()).toBeUndefined();
      expect(await ex.resources()).toEqual([]);
    }, T);
  });
}
