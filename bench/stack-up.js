// Bench (d): `preview` and `up` of a 300-VM stack through pulumi-privatedns-emulator/testing (the real
// Automation API and Pulumi CLI; up() is one update deployment, preview's checks judge the plan) against the
// same of the same number of no-op dynamic resources. Targets: at most 1.1 each (issue 15).
const { benchStack, time, report, row } = require("./lib");

const N = Number(process.env.BENCH_STACK_VMS || 300);

async function upOnce(kind) {
  const stack = await benchStack(kind, N);
  let planned;
  const preview = await time(async () => { planned = await stack.preview(); });
  if (planned.changeSummary.create !== N + 4) throw new Error(`${kind}: preview planned ${JSON.stringify(planned.changeSummary)}`);
  let result;
  const up = await time(async () => { result = await stack.up(); });
  const created = result.summary.resourceChanges.create;
  if (created !== N + 4) throw new Error(`${kind}: expected ${N + 4} creates, got ${created}`);
  return { preview, up };
}

(async () => {
  await upOnce("noop"); // warm the file cache (TypeScript, the SDK) for both
  const vms = await upOnce("vms");
  const noop = await upOnce("noop");
  report("stack-up", [
    row(`preview of ${N} VMs + zone, vnet, link (real CLI)`, vms.preview, `preview of ${N + 3} no-op dynamic resources`, noop.preview, 1.1),
    row(`up of ${N} VMs + zone, vnet, link (real CLI)`, vms.up, `up of ${N + 3} no-op dynamic resources`, noop.up, 1.1),
  ]);
})().catch((e) => { console.error(e); process.exit(1); });
