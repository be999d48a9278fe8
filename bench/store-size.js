// Bench (c): one create, one resolve and one check (what-if) in a store of 100 records against the same in
// a store of 250,000 records. Every lookup a rule needs is an index seek, so the target is at most 1.5.
const { emulator, tempDb, median, report, row } = require("./lib");
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

(async () => {
  const small = fill(100);
  const big = fill(BIG);
  const [c1, r1, k1] = await measure(small);
  const [c2, r2, k2] = await measure(big);
  report("store-size", [
    row(`create in ${BIG} records`, c2, "create in 100 records", c1, 1.5),
    row(`resolve in ${BIG} records`, r2, "resolve in 100 records", r1, 1.5),
    row(`check in ${BIG} records`, k2, "check in 100 records", k1, 1.5),
  ]);
})().catch((e) => { console.error(e); process.exit(1); });
