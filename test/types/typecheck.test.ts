// The test code and the example and fixture programs type-check, as `tsc -p <tsconfig> --noEmit` and
// `pulumi up` (ts-node's default type-check, with the program's tsconfig.json) check them. Once per run, here,
// so that the tests that deploy them can run them transpile-only (test/e2e/basic.test.ts keeps one run with the
// CLI's own check). A test of its own rather than a step of the global setup: it runs beside the other files
// instead of before all of them.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";

import { typeErrors } from "../support/typecheck";

const root = path.resolve(__dirname, "..", "..");
/** The programs the tests deploy transpile-only: the examples, and the fixture programs with a tsconfig.json of their own. */
const programs = [
  ...fs.readdirSync(path.join(root, "examples")).map((e) => `examples/${e}`),
  "test/fixtures/outputs-after-up",
].filter((p) => fs.existsSync(path.join(root, p, "tsconfig.json")));

describe("type-checks", () => {
  it("the test code (test/tsconfig.json)", () => {
    expect(typeErrors(path.join(root, "test", "tsconfig.json"))).toEqual([]);
  }, 300_000);

  it.each(programs)("%s, with its tsconfig.json", (program) => {
    expect(typeErrors(path.join(root, program, "tsconfig.json"))).toEqual([]);
  }, 120_000);
});
