// Bench (f): seconds per preview / up / refresh / destroy of each example through the real Automation API
// set up by hand (`@pulumi/pulumi/automation` with the Pulumi CLI, the baseline) and through the package's
// `pulumi-privatedns-emulator/testing` LocalWorkspace, in the same run, alternating engines so that both
// meet the same machine load. Medians of BENCH_RUNS runs (default 3). Target: `testing` at most 1.2x the
// baseline (what its setup costs). docs/local-engine.md has this bench's figures for the home-made engine
// `testing` was until issue 10, measured the same way, and the decision they informed.
const fs = require("fs");
const path = require("path");
const { randomBytes } = require("crypto");
const { ROOT, time, report, row } = require("./lib");

const auto = require("@pulumi/pulumi/automation");
const testing = require(path.join(ROOT, "dist/testing"));
const { cliEnv, pulumiCommand } = require(path.join(ROOT, "dist/testing/cli"));

const RUNS = Number(process.env.BENCH_RUNS || 3);
const examples = (process.env.BENCH_EXAMPLES || "basic,hub-spoke").split(",");
const work = path.join(ROOT, ".stacks"); // inside the repository: the copies resolve the package from its node_modules

function copyExample(name) {
  const dir = path.join(work, `bench-${name}-${randomBytes(4).toString("hex")}`);
  fs.cpSync(path.join(ROOT, "examples", name), dir, { recursive: true, filter: (p) => !/node_modules|Pulumi\..+\.yaml$|\.db$/.test(p) });
  return dir;
}

const engines = {
  async automation(workDir, env) {
    return auto.LocalWorkspace.createOrSelectStack({ stackName: "bench", workDir }, { pulumiCommand: await pulumiCommand(), envVars: env });
  },
  async testing(workDir, env) {
    return testing.LocalWorkspace.createOrSelectStack({ stackName: "bench", workDir }, { envVars: env });
  },
};

/** One lifecycle of one example on one engine: milliseconds per operation. */
async function lifecycle(engine, example) {
  const dir = copyExample(example);
  const cli = cliEnv({ PULUMI_NODEJS_TRANSPILE_ONLY: "true" }, "pdns-bench-");
  try {
    const stack = await engines[engine](dir, cli.env);
    await stack.setConfig("privatedns:emulatorDb", { value: path.join(dir, "dns.db") });
    const ms = {};
    ms.preview = await time(() => stack.preview());
    ms.up = await time(() => stack.up());
    ms.refresh = await time(() => stack.refresh());
    ms.destroy = await time(() => stack.destroy());
    return ms;
  } finally {
    cli.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  fs.mkdirSync(work, { recursive: true });
  await lifecycle("testing", "basic"); // warm the file cache (TypeScript, the SDK, the CLI) for both
  await lifecycle("automation", "basic");
  const rows = [];
  const seconds = {};
  for (const example of examples) {
    const runs = { automation: [], testing: [] };
    for (let i = 0; i < RUNS; i++) for (const e of ["automation", "testing"]) runs[e].push(await lifecycle(e, example));
    for (const op of ["preview", "up", "refresh", "destroy"]) {
      const real = median(runs.automation.map((r) => r[op]));
      const pkg = median(runs.testing.map((r) => r[op]));
      seconds[`${example} ${op}`] = { automation: +(real / 1000).toFixed(2), testing: +(pkg / 1000).toFixed(2) };
      rows.push(row(`${example}: ${op} through testing`, pkg, `${op} through @pulumi/pulumi/automation`, real, 1.2));
    }
  }
  report("engines", rows, { seconds, runs: RUNS });
})().catch((e) => { console.error(e); process.exit(1); });
