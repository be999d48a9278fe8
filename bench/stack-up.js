// Bench (d): `up` of a 300-VM stack through pulumi-privatedns-emulator/testing (the real Automation API,
// whose up() is one update deployment) against `up` of the same number of no-op dynamic resources.
// Target: at most 1.2.
const path = require("path");
const { ROOT, tempDb, time, report, row } = require("./lib");
const { LocalWorkspace } = require(path.join(ROOT, "dist/testing"));

const N = Number(process.env.BENCH_STACK_VMS || 300);

async function upOnce(kind) {
  const db = tempDb();
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: `bench${Date.now()}`, workDir: path.join(__dirname, "stacks", kind) },
    { envVars: { BENCH_STACK_VMS: String(N), PULUMI_NODEJS_TRANSPILE_ONLY: "true" }, emulatorDb: db },
  );
  let result;
  const ms = await time(async () => { result = await stack.up(); });
  const created = result.summary.resourceChanges.create;
  if (created !== N + 4) throw new Error(`${kind}: expected ${N + 4} creates, got ${created}`);
  return ms;
}

(async () => {
  await upOnce("noop"); // warm the file cache (TypeScript, the SDK) for both
  const vms = await upOnce("vms");
  const noop = await upOnce("noop");
  report("stack-up", [row(`up of ${N} VMs + zone, vnet, link`, vms, `up of ${N + 3} no-op dynamic resources`, noop, 1.2)]);
})().catch((e) => { console.error(e); process.exit(1); });
