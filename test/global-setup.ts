// Before any test file runs: build the package (tests load dist/, and the Pulumi CLI's language host runs
// from it), type-check the test code, and type-check each example program as `pulumi up` would, once per
// vitest run, so that a test never runs against stale output and the example tests can run their programs
// transpile-only (test/e2e/basic.test.ts keeps one run with the CLI's default type-check).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
const examples = fs.readdirSync(path.join(root, "examples"))
  .filter((e) => fs.existsSync(path.join(root, "examples", e, "tsconfig.json")))
  .map((e) => path.join("examples", e, "tsconfig.json"));

export default function setup(): void {
  // Every project of the run calls this; the first one builds.
  if (process.env.PDNS_TEST_BUILT === String(process.pid)) return;
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: root, stdio: "inherit" });
  for (const project of ["test/tsconfig.json", ...examples]) {
    execFileSync(process.execPath, [tsc, "-p", project, "--noEmit"], { cwd: root, stdio: "inherit" });
  }
  process.env.PDNS_TEST_BUILT = String(process.pid);
}
