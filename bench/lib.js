// Shared by the bench scripts: timing, a temp store, and the one-line JSON result each script prints.
const fs = require("fs");
const os = require("os");
const path = require("path");

exports.ROOT = path.resolve(__dirname, "..");
exports.emulator = () => require(path.join(exports.ROOT, "dist/provider/emulator"));
exports.tempDb = (name = "bench.db") => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pdns-bench-")), name);

/** Milliseconds taken by fn (sync or async). */
exports.time = async (fn) => {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

/** Median of `runs` timings: the machines are noisy, a median of a few is steadier than one. */
exports.median = async (runs, fn) => {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await exports.time(() => fn(i)));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
};

/**
 * Prints the result line bench/run.js collects: each measurement with its baseline measured in the same run,
 * the ratio, the target, and this process's peak memory.
 */
exports.report = (name, rows, extra = {}) => {
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ name, rows, peakRssMb, ...extra })}\n`);
};

exports.row = (what, ms, baselineWhat, baselineMs, target, better = "lower") => ({
  what, ms: +ms.toFixed(2), baseline: baselineWhat, baselineMs: +baselineMs.toFixed(2),
  ratio: +(ms / baselineMs).toFixed(2), target, better,
  met: better === "lower" ? ms / baselineMs <= target : ms / baselineMs >= target,
});

/**
 * A stack of bench/stacks/<kind> (`vms` or `noop`) with `n` VMs or no-op resources, through the package's
 * testing helper (the real Automation API and Pulumi CLI), on a store of its own.
 */
exports.benchStack = async (kind, n) => {
  const { LocalWorkspace } = require(path.join(exports.ROOT, "dist/testing"));
  return LocalWorkspace.createOrSelectStack(
    { stackName: `bench-${kind}-${n}-${Date.now()}`, workDir: path.join(__dirname, "stacks", kind) },
    { envVars: { BENCH_STACK_VMS: String(n), PULUMI_NODEJS_TRANSPILE_ONLY: "true" }, emulatorDb: exports.tempDb() },
  );
};
