// Before any test file runs: build the package (tests load dist/, and the Pulumi CLI's language host runs
// from it) and type-check the test code, once per vitest run, so a test never runs against stale output.
import { execFileSync } from "child_process";
import * as path from "path";

const root = path.resolve(__dirname, "..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");

export default function setup(): void {
  // Every project of the run calls this; the first one builds.
  if (process.env.PDNS_TEST_BUILT === String(process.pid)) return;
  for (const project of ["tsconfig.json", "test/tsconfig.json"]) {
    execFileSync(process.execPath, [tsc, "-p", project], { cwd: root, stdio: "inherit" });
  }
  process.env.PDNS_TEST_BUILT = String(process.pid);
}
