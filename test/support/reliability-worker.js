// A plain node child for the reliability tests (test/reliability): works on one store file through the
// compiled emulator (dist/), as another `pulumi up` or another program would. Usage:
//
//   node reliability-worker.js random DB SEED OPS   random operations (many refused) on a small shared universe;
//                                                   prints one JSON summary line; exit 1 if anything other than
//                                                   an EmulatorError reached the caller (SQLITE_BUSY, TypeError, ...)
//   node reliability-worker.js create-vms DB FIRST  creates VMs bulk-<FIRST>, bulk-<FIRST+1>, ... in vnet "big"
//                                                   until killed
//   node reliability-worker.js toggle DB            enables and disables registration on link "big" until killed
//   node reliability-worker.js delete-vnet DB       deletes vnet "big" (one operation)
//   node reliability-worker.js bulk-tx DB FIRST N   creates N VMs in ONE transaction
//
// The kill modes print "begin ID" before an operation and "ok ID" only after it returned (stdout to a pipe is
// synchronous on Linux), so that after a kill -9 the parent knows what was committed and what was in flight.
const path = require("path");
const { Emulator, isEmulatorError } = require(path.resolve(__dirname, "../../dist/provider/emulator"));

const [mode, db, ...rest] = process.argv.slice(2);
const say = (line) => process.stdout.write(`${line}\n`);

const { prng } = require("./prng.js");

const vnetIdOf = (name, rg = "emulator") =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${name}`;
const ipOf = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

function random(seed, count) {
  const rnd = prng(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const int = (n) => Math.floor(rnd() * n);
  const emu = Emulator.open(db);
  // A small universe, so that processes collide on the same names and rules (L3, L5, L6, Z6, Z7, A7, A8, A9, R4).
  const rgs = [undefined, "rg2"];
  const zones = ["a.internal", "b.internal", "privatelink.c.internal", "a.internal"];
  const vnetNames = ["v0", "v1", "v2", "v3"];
  const zoneRef = () => { const i = int(zones.length); return { privateZoneName: zones[i], resourceGroupName: i === 3 ? "rg2" : undefined }; };
  const vnetArgs = () => {
    const i = int(vnetNames.length);
    // sometimes a narrower space: refused (A9) while NICs lie outside it
    return { virtualNetworkName: vnetNames[i], addressSpace: { addressPrefixes: [rnd() < 0.2 ? `10.${i}.0.0/30` : `10.${i}.0.0/16`] } };
  };
  const vmArgs = () => {
    const v = int(vnetNames.length);
    const nics = [{ name: "nic0", privateIPAddress: `10.${rnd() < 0.1 ? (v + 1) % 4 : v}.0.${1 + int(12)}` }];
    if (rnd() < 0.2) {
      nics.push({ name: "nic1", privateIPAddress: rnd() < 0.1 ? "fd00::1" : `10.${v}.1.${1 + int(12)}`, primary: true });
      if (rnd() < 0.3) nics[1].primary = false; // no primary among two: A2
    }
    const args = { vmName: `vm${int(16)}`, virtualNetwork: { id: vnetIdOf(vnetNames[v]) }, networkInterfaces: nics };
    if (rnd() < 0.3) args.computerName = `host${int(4)}`; // shared host names: A8
    if (rnd() < 0.2) args.powerState = "deallocated";
    if (rnd() < 0.03) args.resourceGroupName = pick(rgs);
    return args;
  };
  const linkArgs = () => ({
    ...zoneRef(), virtualNetworkLinkName: `l${int(4)}`, virtualNetwork: { id: vnetIdOf(pick(vnetNames)) },
    registrationEnabled: rnd() < 0.5, resolutionPolicy: rnd() < 0.1 ? "NxDomainRedirect" : undefined,
  });
  const recordArgs = () => {
    const recordType = pick(["A", "A", "CNAME", "TXT"]);
    const args = { ...zoneRef(), relativeRecordSetName: pick(["www", "vm1", "vm2", "host0", "host1", "*", "@"]), recordType, ttl: 1 + int(3600) };
    if (recordType === "A") args.aRecords = [{ ipv4Address: `192.168.0.${int(255)}` }];
    if (recordType === "CNAME") args.cnameRecord = { cname: "www.a.internal" };
    if (recordType === "TXT") args.txtRecords = [{ value: ["x".repeat(int(300))] }];
    return args;
  };
  const ops = [
    () => emu.createZone(zoneRef()),
    () => emu.putZone({ ...zoneRef(), tags: { n: String(int(9)) } }),
    () => emu.deleteZone(zoneRef()),
    () => emu.createVnet(vnetArgs()),
    () => emu.putVnet(vnetArgs()),
    () => emu.deleteVnet({ virtualNetworkName: pick(vnetNames) }),
    () => emu.createLink(linkArgs()),
    () => emu.putLink(linkArgs()),
    () => emu.updateLink({ ...zoneRef(), virtualNetworkLinkName: `l${int(4)}`, registrationEnabled: rnd() < 0.5 }),
    () => emu.deleteLink({ ...zoneRef(), virtualNetworkLinkName: `l${int(4)}` }),
    () => emu.createVm(vmArgs()),
    () => emu.putVm(vmArgs()),
    () => emu.putVm(vmArgs()),
    () => emu.deleteVm({ vmName: `vm${int(16)}` }),
    () => emu.createRecordSet(recordArgs()),
    () => emu.putRecordSet(recordArgs()),
    () => emu.deleteRecordSet({ ...recordArgs() }),
    () => emu.resolve(vnetIdOf(pick(vnetNames)), pick(["vm1.a.internal", "host0.b.internal", "www.a.internal", "1.0.0.10.in-addr.arpa"]), pick(["A", "PTR", "TXT"])),
    () => emu.export(),
    () => emu.wouldRefuse({ op: "createLink", args: linkArgs() }, [{ op: "createZone", args: zoneRef() }, { op: "createVnet", args: vnetArgs() }]),
    () => { const z = zoneRef(); return emu.findZone(z) && emu.listRecordSets(z); },
    () => emu.findVm({ vmName: `vm${int(16)}` }) && emu.registeredRecords({ vmName: `vm${int(16)}` }),
  ];
  const summary = { seed, ok: 0, refused: 0, rules: {}, fatal: [] };
  for (let i = 0; i < count; i++) {
    try {
      pick(ops)();
      summary.ok++;
    } catch (e) {
      if (isEmulatorError(e) && typeof e.code === "string" && typeof e.rule === "string") {
        summary.refused++;
        summary.rules[e.rule] = (summary.rules[e.rule] ?? 0) + 1;
      } else {
        summary.fatal.push(String(e && e.stack || e).split("\n").slice(0, 4).join(" | "));
        if (summary.fatal.length > 5) break;
      }
    }
  }
  emu.close();
  say(JSON.stringify(summary));
  process.exit(summary.fatal.length ? 1 : 0);
}

function createVms(first) {
  const emu = Emulator.open(db);
  const vnet = { id: vnetIdOf("big") };
  for (let i = first; ; i++) {
    say(`begin ${i}`);
    // odd ones have a second, secondary NIC: only the primary is registered (A2)
    const nics = i % 2 === 0 ? [{ name: "nic0", privateIPAddress: ipOf(i) }]
      : [{ name: "nic0", privateIPAddress: ipOf(i), primary: true }, { name: "nic1", privateIPAddress: ipOf(i + 0x800000), primary: false }];
    emu.createVm({ vmName: `bulk-${i}`, virtualNetwork: vnet, networkInterfaces: nics });
    say(`ok ${i}`);
  }
}

function toggle() {
  const emu = Emulator.open(db);
  for (let i = 0; ; i++) {
    const on = i % 2 === 0;
    say(`begin ${i} ${on ? "enable" : "disable"}`);
    emu.updateLink({ privateZoneName: "corp.internal", virtualNetworkLinkName: "big", registrationEnabled: on });
    say(`ok ${i}`);
  }
}

function deleteVnet() {
  const emu = Emulator.open(db);
  say("begin 0");
  const t0 = Date.now();
  emu.deleteVnet(vnetIdOf("big"));
  say(`ok 0 ${Date.now() - t0}`);
  emu.close();
}

function bulkTx(first, n) {
  const emu = Emulator.open(db);
  say("begin 0");
  const t0 = Date.now();
  emu.store.tx(() => {
    for (let i = first; i < first + n; i++)
      emu.createVm({ vmName: `tx-${i}`, virtualNetwork: { id: vnetIdOf("big") }, networkInterfaces: [{ name: "nic0", privateIPAddress: ipOf(i) }] });
  });
  say(`ok 0 ${Date.now() - t0}`);
  emu.close();
}

switch (mode) {
  case "random": random(Number(rest[0]), Number(rest[1])); break;
  case "create-vms": createVms(Number(rest[0])); break;
  case "toggle": toggle(); break;
  case "delete-vnet": deleteVnet(); break;
  case "bulk-tx": bulkTx(Number(rest[0]), Number(rest[1])); break;
  default: console.error(`unknown mode ${mode}`); process.exit(2);
}
