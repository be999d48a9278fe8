// `node bench/profile/summary.js <file.cpuprofile> [top]`: where a --cpu-prof profile's time goes, as self time
// per function and per file (package or source file), in percent of the samples.
const fs = require("fs");
const [file, topArg] = process.argv.slice(2);
const top = Number(topArg || 30);
const prof = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
// Weighted by each sample's time delta (sampling is not exactly periodic), in microseconds.
const hits = new Map();
prof.samples.forEach((id, i) => hits.set(id, (hits.get(id) || 0) + (prof.timeDeltas[i + 1] ?? 0)));
const total = [...hits.values()].reduce((a, b) => a + b, 0);
const where = (url) => {
  if (!url) return "(native)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return m ? m[1] : url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
};
const fns = new Map(), files = new Map();
for (const [id, n] of hits) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const f = `${functionName || "(anonymous)"} ${where(url)}:${lineNumber + 1}`;
  fns.set(f, (fns.get(f) || 0) + n);
  files.set(where(url), (files.get(where(url)) || 0) + n);
}
const show = (title, m) => {
  console.log(`\n${title}`);
  for (const [k, n] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((100 * n) / total).toFixed(1).padStart(5)}% ${(n / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children || []) parent.set(c, n.id);
const label = (n) => `${n.callFrame.functionName || "(anonymous)"} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const inclusive = new Map();
for (const [id, n] of hits) {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) seen.add(label(byId.get(at)));
  for (const f of seen) inclusive.set(f, (inclusive.get(f) || 0) + n);
}
console.log(`${(total / 1000).toFixed(0)} ms sampled`);
show("self time by function", fns);
show("self time by file", files);
const only = process.env.PROFILE_ONLY; // e.g. "dist/" to see the project's own functions inclusive
show(`inclusive time${only ? ` (functions in ${only})` : ""}`, new Map([...inclusive].filter(([k]) => !only || k.includes(only))));
