// Issue 12, item 4: outputs right after one `pulumi up`, whatever the order the program declares things in and
// without dependsOn (test/fixtures/outputs-after-up: the VM and a record set declared before the registration
// link). The engine fixes a resource's outputs at its create; these are settled in the program (sdk/settled.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliStack, cliStack } from "./cli-stack";

const T = 300_000;

describe.sequential("outputs right after one up (item 4)", () => {
  let s: CliStack;
  beforeAll(async () => {
    // Transpile-only: test/types/typecheck.test.ts type-checks the program with its tsconfig.json.
    s = await cliStack("test/fixtures/outputs-after-up");
  }, T);
  afterAll(() => s?.cleanup());

  it("preview: the settled outputs are unknown, nothing is written", async () => {
    expect((await s.preview()).changes).toEqual({ create: 8 });
    expect(s.storeBytes()).toBeUndefined();
  }, T);

  it("one up: the zone's counters and record sets (with their records) and the VM's records are final", async () => {
    expect((await s.up()).changes).toEqual({ create: 8 });
    const out = await s.outputs();
    expect(out.counters).toEqual({ recordSets: 3, links: 1, registrationLinks: 1 });
    expect(out.recordSets.map((r: any) => [r.name, r.recordType, r.isAutoRegistered, r.aRecords?.map((a: any) => a.ipv4Address) ?? r.soaRecord?.host]))
      .toEqual([["@", "SOA", false, "azureprivatedns.net"], ["db", "A", false, ["10.0.1.50"]], ["web01", "A", true, ["10.0.1.4"]]]);
    expect(out.registered.map((r: any) => `${r.type} ${r.fqdn} ${r.value}`))
      .toEqual(["A web01.corp.internal. 10.0.1.4", "PTR 4.1.0.10.in-addr.arpa. web01.corp.internal."]);
  }, T);

  it("the next up brings the state to the same values (drift of computed outputs), then nothing changes", async () => {
    await s.up();
    expect((await s.preview()).changes).toEqual({ same: 8 });
    const out = await s.outputs();
    expect(out.counters).toEqual({ recordSets: 3, links: 1, registrationLinks: 1 });
  }, T);

  it("destroy empties the store", async () => {
    await s.ok(["destroy", "--yes", "--skip-preview"]);
    s.store((emu) => expect(emu.listZones()).toEqual([]));
  }, T);
});
