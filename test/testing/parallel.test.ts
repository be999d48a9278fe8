import { afterEach, describe, expect, it } from "vitest";

import { Fixture, fixture } from "./helpers";

// The step executor runs independent creates concurrently, bounded by --parallel (default 4 × CPUs).
describe("pulumi-privatedns-emulator/testing: concurrency of provider mutations", () => {
  let f: Fixture | undefined;
  afterEach(() => f?.cleanup());

  const fanout = async (parallel?: number, delayMs = 400) => {
    f = await fixture("items", { stackName: `fan${parallel ?? "default"}` });
    await f.stack.setAllConfig({ includeA: { value: "false" }, fanout: { value: "4" }, fanoutDelayMs: { value: String(delayMs) } });
    const res = await f.stack.up({ parallel });
    expect(res.summary.resourceChanges).toEqual({ create: 5 });
    return f.providerState().log;
  };

  it("independent creates overlap in the one provider host", async () => {
    // 3 s a create: the overlap must not depend on how fast a loaded machine registers four resources.
    const log = await fanout(undefined, 3000);
    // All four slow creates started before the first one finished.
    expect(log.slice(0, 4).every((l) => l.startsWith("start "))).toBe(true);
    expect(log.slice(4).every((l) => l.startsWith("create "))).toBe(true);
  });

  it("parallel: 1 runs them one at a time", async () => {
    const log = await fanout(1);
    for (let i = 0; i < log.length; i += 2) {
      expect(log[i]).toMatch(/^start f\d$/);
      expect(log[i + 1]).toMatch(/^create f\d-\d$/);
    }
  });
});
