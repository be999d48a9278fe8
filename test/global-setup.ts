// Before any test file runs: build the package (tests load dist/, and the Pulumi CLI's language host runs
// from it), once per vitest run, so that a test never runs against stale output. The type-checks of the test
// code and of the example programs are a test of their own (test/types/typecheck.test.ts), which runs beside
// the other files rather than before all of them.
import { execFileSync } from "child_process";
import * as path from "path";

const root = path.resolve(__dirname, "..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");

export default function setup(): void {
  // Every project of the run calls this; the first one builds.
  if (process.env.PDNS_TEST_BUILT === String(process.pid)) return;
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: root, stdio: "inherit" });
  execFileSync(process.execPath, [path.join(root, "scripts", "build-native.js")], { cwd: root, stdio: "inherit" }); // the DNS server's UDP addon
  process.env.PDNS_TEST_BUILT = String(process.pid);
}
