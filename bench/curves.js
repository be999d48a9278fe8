// Bench (f): how cost grows. Each curve is measured at three sizes in one run and drawn with vega-lite into
// bench/out/<curve>.svg; each point is also a row whose baseline is the curve's smallest size, so the ratio
// is the growth factor (there is no target: the chart and the ratios are the finding).
//   - one operation (put then delete of an A record set, and a resolve) in a store of 100, 10,000, 250,000 record sets;
//   - the L9 backfill (registration enabled on a link) of a vnet with 100, 1,000, 10,000 VMs;
//   - `up` of a stack of 10, 100, 300 VMs through the real Pulumi CLI (the package's testing helper).
// BENCH_CURVES=ops,backfill,up picks curves; BENCH_CURVE_QUICK=1 uses the two smaller sizes of each.
const fs = require("fs");
const path = require("path");
const vega = require("vega");
const vl = require("vega-lite");
const { ROOT, benchStack, emulator, tempDb, time, median, report } = require("./lib");

const QUICK = process.env.BENCH_CURVE_QUICK === "1";
const sizes = (all) => (QUICK ? all.slice(0, 2) : all);
const wanted = (process.env.BENCH_CURVES || "ops,backfill,up").split(",");
const OUT = path.join(__dirname, "out");

/** A store with `n` A record sets, 20,000 per zone (a zone holds at most 25,000, R3), the zones linked to one vnet. */
const PER_ZONE = 20_000;
const zoneOf = (i) => `big${Math.floor(i / PER_ZONE)}.internal`;
function storeWith(n) {
  const { Emulator } = emulator();
  const emu = Emulator.open(tempDb());
  const v = emu.createVnet({ virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/8"] } });
  emu.store.tx(() => {
    for (let i = 0; i < n; i++) {
      if (i % PER_ZONE === 0) {
        emu.createZone({ privateZoneName: zoneOf(i) });
        emu.createLink({ privateZoneName: zoneOf(i), virtualNetworkLinkName: "hub", virtualNetwork: { id: v.id } });
      }
      emu.createRecordSet({ privateZoneName: zoneOf(i), relativeRecordSetName: `r${i}`, recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.1.2.3" }] });
    }
  });
  return { emu, vnetId: v.id };
}

async function opsCurve() {
  const points = [];
  for (const n of sizes([100, 10_000, 250_000])) {
    const { emu, vnetId } = storeWith(n);
    const rs = { privateZoneName: zoneOf(0), relativeRecordSetName: "probe", recordType: "A" };
    const put = await median(200, () => {
      emu.createRecordSet({ ...rs, ttl: 60, aRecords: [{ ipv4Address: "10.9.9.9" }] });
      emu.deleteRecordSet(rs);
    });
    const resolve = await median(200, (i) => { const k = (i * 7919) % n; return emu.resolve(vnetId, `r${k}.${zoneOf(k)}`); });
    points.push({ curve: "ops", series: "put + delete of an A record set", n, ms: put });
    points.push({ curve: "ops", series: "resolve of an A record", n, ms: resolve });
    emu.close();
  }
  return points;
}

async function backfillCurve() {
  const { Emulator } = emulator();
  const points = [];
  for (const n of sizes([100, 1_000, 10_000])) {
    const emu = Emulator.open(tempDb());
    emu.createZone({ privateZoneName: "corp.internal" });
    const v = emu.createVnet({ virtualNetworkName: "big", addressSpace: { addressPrefixes: ["10.0.0.0/8"] } });
    emu.store.tx(() => {
      for (let i = 0; i < n; i++) {
        emu.createVm({ vmName: `vm${i}`, virtualNetwork: { id: v.id }, networkInterfaces: [{ name: "nic", privateIPAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }] });
      }
    });
    emu.createLink({ privateZoneName: "corp.internal", virtualNetworkLinkName: "big", virtualNetwork: { id: v.id } });
    const ms = await time(() => emu.updateLink({ privateZoneName: "corp.internal", virtualNetworkLinkName: "big", registrationEnabled: true }));
    points.push({ curve: "backfill", series: "L9 backfill: registration enabled on the vnet's link", n, ms });
    emu.close();
  }
  return points;
}

async function upCurve() {
  const points = [];
  for (const n of sizes([10, 100, 300])) {
    const stack = await benchStack("vms", n);
    let result;
    const ms = await time(async () => { result = await stack.up(); });
    if (result.summary.resourceChanges.create !== n + 4) throw new Error(`up of ${n} VMs: ${JSON.stringify(result.summary.resourceChanges)}`);
    points.push({ curve: "up", series: "pulumi up (real CLI) of a stack of N VMs", n, ms });
  }
  return points;
}

/** One chart per curve: ms against size, log scales, a line per series. */
async function chart(curve, points, xTitle) {
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: `${curve}: milliseconds by size (one run)`,
    width: 420, height: 260,
    data: { values: points },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "n", type: "quantitative", scale: { type: "log" }, title: xTitle },
      y: { field: "ms", type: "quantitative", scale: { type: "log" }, title: "ms" },
      color: { field: "series", type: "nominal", legend: { orient: "bottom", title: null } },
    },
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${curve}.svg`);
  fs.writeFileSync(file, await view.toSVG());
  return path.relative(ROOT, file);
}

const CURVES = {
  ops: [opsCurve, "record sets in the store"],
  backfill: [backfillCurve, "VMs in the vnet"],
  up: [upCurve, "VMs in the stack"],
};

(async () => {
  const rows = [];
  const charts = [];
  for (const name of wanted) {
    const [measure, xTitle] = CURVES[name];
    const points = await measure();
    charts.push(await chart(name, points, xTitle));
    for (const series of [...new Set(points.map((p) => p.series))]) {
      const line = points.filter((p) => p.series === series);
      for (const p of line) {
        rows.push({ what: `${series}, N = ${p.n}`, ms: +p.ms.toFixed(3), baseline: `N = ${line[0].n}`, baselineMs: +line[0].ms.toFixed(3),
          ratio: +(p.ms / line[0].ms).toFixed(2), target: null, better: "lower", met: null, n: p.n, growth: +(p.n / line[0].n).toFixed(0) });
      }
    }
  }
  report("curves", rows, { charts });
})().catch((e) => { console.error(e); process.exit(1); });
