// Bench (c): one create, one resolve and one check (what-if) in a store of 100 records against the same in
// a store of 250,000 records. Every lookup a rule needs is an index seek, so the target is at most 1.5.
// Also the DNS server's peak memory (`privatedns serve` holds the vnet's records in memory) for both stores.
const { spawn } = require("child_process");
const dgram = require("dgram");
const fs = require("fs");
const path = require("path");
const dnsPacket = require("dns-packet");
const { ROOT, emulator, tempDb, median, report, row } = require("./lib");
const { Emulator } = emulator();

const BIG = Number(process.env.BENCH_RECORDS || 250000);
const PER_ZONE = 24000; // under R3's 25,000 per zone
const RUNS = 301;

function fill(records) {
  const emu = Emulator.open(tempDb());
  const hub = emu.createVnet({ virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/8"] } });
  const zones = Math.ceil(records / PER_ZONE);
  emu.store.tx(() => {
    for (let z = 0; z < zones; z++) {
      emu.createZone({ privateZoneName: `z${z}.internal` });
      emu.createLink({ privateZoneName: `z${z}.internal`, virtualNetworkLinkName: "hub", virtualNetwork: { id: hub.id } });
    }
    for (let i = 0; i < records; i++)
      emu.createRecordSet({
        privateZoneName: `z${i % zones}.internal`, relativeRecordSetName: `host${i}`, recordType: "A", ttl: 300,
        aRecords: [{ ipv4Address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }],
      });
  });
  emu.createVnet({ virtualNetworkName: "spoke", addressSpace: { addressPrefixes: ["172.16.0.0/16"] } });
  return { emu, hub, zones };
}

async function measure({ emu, hub, zones }) {
  const create = await median(RUNS, (i) => emu.createRecordSet({
    privateZoneName: `z${i % zones}.internal`, relativeRecordSetName: `new${i}`, recordType: "TXT", ttl: 60, txtRecords: [{ value: ["x"] }],
  }));
  const resolve = await median(RUNS, (i) => emu.resolve(hub.id, `host${(i * 7919) % 100}.z${((i * 7919) % 100) % zones}.internal`, "A"));
  const check = await median(RUNS, (i) => emu.wouldRefuse({
    op: "createLink", args: { privateZoneName: `z${i % zones}.internal`, virtualNetworkLinkName: "spoke", virtualNetwork: { id: emu.getVnet({ virtualNetworkName: "spoke" }).id }, registrationEnabled: true },
  }));
  return [create, resolve, check];
}

/** One UDP question to 127.0.0.1:port; resolves with the reply (or undefined after 20 s: a view still being built). */
const ask = (port, name) => new Promise((resolve) => {
  const s = dgram.createSocket("udp4");
  const t = setTimeout(() => { s.close(); resolve(undefined); }, 20_000);
  s.on("message", (m) => { clearTimeout(t); s.close(); resolve(m); });
  s.send(dnsPacket.encode({ id: 1, type: "query", questions: [{ name, type: "A", class: "IN" }] }), port, "127.0.0.1");
});

/**
 * `privatedns serve` for vnet hub of the store at `file` (every zone linked to it): its peak resident memory (MB)
 * once it has answered a question (its view of the vnet built), and how long that first answer took (ms).
 */
async function serverMemory(file) {
  const child = spawn(process.execPath, [path.join(ROOT, "dist/cli/main.js"), "serve", "--db", file, "--vnet", "hub", "--port", "0", "--json"],
    { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise((resolve, reject) => {
      child.stdout.on("data", (d) => { const m = /"port":(\d+)/.exec(String(d)); if (m) resolve(Number(m[1])); });
      child.on("exit", (code) => reject(new Error(`privatedns serve exited with ${code}`)));
    });
    const t0 = process.hrtime.bigint();
    if (!(await ask(port, "host1.z1.internal"))) throw new Error("privatedns serve did not answer");
    const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const peakMb = Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))[1]) / 1024);
    return { peakMb, firstMs };
  } finally {
    child.kill("SIGTERM");
  }
}

/** A row of a figure that is not a time (MB), against the small store's, reported without a target. */
const figure = (what, value, baselineWhat, baseline) =>
  ({ what, ms: value, baseline: baselineWhat, baselineMs: baseline, ratio: +(value / baseline).toFixed(2), target: null, met: null });

(async () => {
  const small = fill(100);
  const big = fill(BIG);
  const [c1, r1, k1] = await measure(small);
  const [c2, r2, k2] = await measure(big);
  const [m1, m2] = [await serverMemory(small.emu.path), await serverMemory(big.emu.path)];
  report("store-size", [
    row(`create in ${BIG} records`, c2, "create in 100 records", c1, 1.5),
    row(`resolve in ${BIG} records`, r2, "resolve in 100 records", r1, 1.5),
    row(`check in ${BIG} records`, k2, "check in 100 records", k1, 1.5),
    figure(`DNS server peak RSS MB, ${BIG} records`, m2.peakMb, "100 records", m1.peakMb),
    figure(`DNS server first answer ms (view built), ${BIG} records`, +m2.firstMs.toFixed(1), "100 records", +m1.firstMs.toFixed(1)),
  ]);
})().catch((e) => { console.error(e); process.exit(1); });
