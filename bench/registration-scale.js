// Bench (b): enabling registration on a link whose vnet holds 10,000 VMs (L9 backfill), and deleting that
// vnet (L11), each against one raw SQLite transaction writing or deleting the same rows. Target: at most 3.
const Database = require("better-sqlite3");
const { emulator, tempDb, time, report, row } = require("./lib");
const { Emulator } = emulator();

const VMS = Number(process.env.BENCH_VMS || 10000);

function fill(file) {
  const emu = Emulator.open(file);
  emu.createZone({ privateZoneName: "corp.internal" });
  const v = emu.createVnet({ virtualNetworkName: "big", addressSpace: { addressPrefixes: ["10.0.0.0/8"] } });
  emu.store.tx(() => {
    for (let i = 0; i < VMS; i++)
      emu.createVm({ vmName: `vm${i}`, virtualNetwork: { id: v.id }, networkInterfaces: [{ name: "nic", privateIPAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }] });
  });
  emu.createLink({ privateZoneName: "corp.internal", virtualNetworkLinkName: "big", virtualNetwork: { id: v.id } });
  return { emu, vnetId: v.id };
}

(async () => {
  // The emulator's operations.
  const { emu, vnetId } = fill(tempDb());
  const enable = await time(() => emu.updateLink({ privateZoneName: "corp.internal", virtualNetworkLinkName: "big", registrationEnabled: true }));
  const rows = emu.store.db.prepare("SELECT * FROM registrations").all();
  const sets = emu.store.db.prepare("SELECT * FROM record_sets WHERE auto = 1").all();
  if (rows.length !== VMS || sets.length !== VMS) throw new Error(`expected ${VMS} registrations, got ${rows.length}/${sets.length}`);
  const del = await time(() => emu.deleteVnet(vnetId));
  emu.close();

  // Baseline: the same rows written and deleted by one raw transaction on a store of the same shape.
  const { emu: raw } = fill(tempDb());
  const db = raw.store.db;
  const insReg = db.prepare("INSERT INTO registrations (vm_id, zone_id, vnet_id, host, ip, reverse_name) VALUES (?, ?, ?, ?, ?, ?)");
  const insSet = db.prepare("INSERT INTO record_sets (zone_id, name, rname, type, ttl, data, metadata, auto, etag) VALUES (?, ?, ?, 'A', 10, ?, '{}', 1, ?)");
  const write = await time(() => db.transaction(() => {
    for (const r of rows) {
      insReg.run(r.vm_id, r.zone_id, r.vnet_id, r.host, r.ip, r.reverse_name);
      insSet.run(r.zone_id, r.host, r.host, `{"aRecords":[{"ipv4Address":"${r.ip}"}]}`, "etag");
    }
    db.prepare("UPDATE links SET registration = 1").run();
  }).immediate());
  const wipe = await time(() => db.transaction(() => {
    for (const t of ["registrations", "record_sets", "nics", "vms", "links", "vnets"]) db.prepare(`DELETE FROM ${t}${t === "record_sets" ? " WHERE auto = 1" : ""}`).run();
  }).immediate());
  raw.close();

  report("registration-scale", [
    row(`enable registration, ${VMS} VMs`, enable, "raw transaction, same rows", write, 3),
    row(`delete vnet with ${VMS} VMs`, del, "raw transaction, same rows", wipe, 3),
  ]);
})().catch((e) => { console.error(e); process.exit(1); });
