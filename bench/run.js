// `npm run bench`: runs each bench script in its own process (so each reports its own peak memory), prints
// one table of ratios against baselines measured in the same run, and writes bench/results/<time>.json.
// Absolute times are reported, never judged: the machines are noisy; the ratios are what the targets are about.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const all = ["provider-host", "registration-scale", "store-size", "stack-up", "dns-qps", "engines", "curves", "arm-http"];
const only = process.argv.slice(2);
const scripts = (only.length ? only : all).filter((s) => fs.existsSync(path.join(__dirname, `${s}.js`)));

const results = [];
for (const s of scripts) {
  process.stderr.write(`bench ${s} ...\n`);
  try {
    const out = execFileSync(process.execPath, ["--expose-gc", path.join(__dirname, `${s}.js`)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 });
    results.push(JSON.parse(out.trim().split("\n").pop()));
  } catch (e) {
    results.push({ name: s, error: String(e.message).split("\n")[0], rows: [] });
  }
}

const lines = [["bench", "measurement", "ms", "baseline", "baseline ms", "ratio", "target", "met", "peak RSS MB"]];
for (const r of results) {
  if (r.error) lines.push([r.name, `failed: ${r.error}`, "", "", "", "", "", "", ""]);
  for (const row of r.rows)
    lines.push([r.name, row.what, String(row.ms), row.baseline, String(row.baselineMs), String(row.ratio),
      row.target == null ? "-" : `${row.better === "lower" ? "<=" : ">="} ${row.target}`, row.met == null ? "-" : row.met ? "yes" : "NO", String(r.peakRssMb)]);
}
const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
for (const l of lines) console.log(l.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd());

const dir = path.join(__dirname, "results");
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(file, JSON.stringify({ node: process.version, when: new Date().toISOString(), results }, null, 2));
console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
