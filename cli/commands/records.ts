/**
 * `privatedns records --zone Z [--type T]`: a zone's record sets, auto-registered ones (A4) marked AUTO.
 * `privatedns records --ptr [--zone Z] [--vnet V]`: the PTR records of A5, which live in the emulator's
 * reverse-lookup space rather than in any zone.
 */
import { Emulator } from "../../provider/emulator";
import { Command, COMMON_HELP, json, str } from "../command";
import { EXIT, usageError } from "../exit";
import { openStore, shortVnet, vnetRef, zoneRef } from "../store";
import { recordSetValues } from "../presentation";
import { table } from "../table";

export interface RegisteredPtr {
  fqdn: string;
  ttl: number;
  type: "PTR";
  ptrdname: string;
  isAutoRegistered: true;
  vm: string;
  vnet: string;
  zone: string;
}

/** The A5 PTR records of every VM, from `Emulator.registeredRecords`, optionally for one forward zone or one vnet. */
export function registeredPtrs(emu: Emulator, filter: { zone?: string; vnetId?: string } = {}): RegisteredPtr[] {
  const out: RegisteredPtr[] = [];
  for (const vm of emu.listVms()) {
    if (filter.vnetId && vm.virtualNetwork.id !== filter.vnetId) continue;
    for (const r of emu.registeredRecords({ resourceGroupName: vm.resourceGroupName, vmName: vm.name })) {
      if (r.type !== "PTR") continue;
      const zone = r.value.replace(/\.$/, "").split(".").slice(1).join("."); // <host>.<zone>. (A5)
      if (filter.zone && zone !== filter.zone) continue;
      out.push({ fqdn: r.fqdn, ttl: r.ttl, type: "PTR", ptrdname: r.value, isAutoRegistered: true, vm: vm.id, vnet: vm.virtualNetwork.id, zone });
    }
  }
  return out.sort((a, b) => a.fqdn.localeCompare(b.fqdn));
}

export const records: Command = {
  name: "records",
  summary: "list a zone's record sets, or the auto-registered PTR records (--ptr)",
  help: `Usage: privatedns records --zone ZONE [--type TYPE] [--json]
       privatedns records --ptr [--zone ZONE] [--vnet VNET] [--json]

With --zone: the zone's record sets, one line per record (an empty set shows '(empty)'). Records the
platform registered for VMs (A4) are marked AUTO in the AUTO column (isAutoRegistered in --json).
  --zone ZONE   NAME, RG/NAME or ARM id
  --type TYPE   only sets of this type (A, AAAA, CNAME, MX, PTR, SOA, SRV, TXT)

With --ptr: the PTR records auto-registered for VMs' primary IPv4 addresses (A5). They live in the
emulator's reverse-lookup space (<reversed ip>.in-addr.arpa), not in any zone, and answer only inside the
VM's own vnet (Q5). --zone keeps the PTRs pointing into that zone, --vnet those of VMs in that vnet.

${COMMON_HELP}`,
  options: { zone: { type: "string" }, type: { type: "string" }, ptr: { type: "boolean" }, vnet: { type: "string" } },
  positionals: [0, 0],
  run({ values, db, json: asJson, io }) {
    const zoneText = str(values.zone), type = str(values.type), vnetText = str(values.vnet);
    if (values.ptr) {
      if (type !== undefined) throw usageError("records: --type does not combine with --ptr (they are all PTR)");
    } else {
      if (zoneText === undefined) throw usageError("records: --zone ZONE is required (or --ptr for the auto-registered PTR records)");
      if (vnetText !== undefined) throw usageError("records: --vnet goes with --ptr");
    }
    const emu = openStore(db);
    try {
      const zone = zoneText === undefined ? undefined : zoneRef(emu, zoneText);
      if (values.ptr) {
        const ptrs = registeredPtrs(emu, { zone: zone?.privateZoneName, vnetId: vnetText === undefined ? undefined : vnetRef(emu, vnetText) });
        if (asJson) io.out(json(ptrs));
        else if (ptrs.length === 0) io.out("no auto-registered PTR records\n");
        else io.out(table(["NAME", "TTL", "TYPE", "AUTO", "DATA", "VNET"],
          ptrs.map((p) => [p.fqdn, p.ttl, p.type, "AUTO", p.ptrdname, shortVnet(p.vnet)])));
        return EXIT.OK;
      }
      const sets = emu.listRecordSets(zone!, { type });
      if (asJson) {
        io.out(json(sets));
        return EXIT.OK;
      }
      const rows: (string | number)[][] = [];
      for (const rs of sets) {
        const values = recordSetValues(rs);
        for (const v of values.length ? values : ["(empty)"]) rows.push([rs.name, rs.ttl, rs.recordType, rs.isAutoRegistered ? "AUTO" : "", v]);
      }
      io.out(rows.length ? table(["NAME", "TTL", "TYPE", "AUTO", "DATA"], rows) : "no record sets\n");
      if (type === undefined || type.toUpperCase() === "PTR") {
        const n = registeredPtrs(emu, { zone: zone!.privateZoneName }).length;
        if (n > 0)
          io.out(`\n${n} auto-registered PTR record${n === 1 ? "" : "s"} for this zone's VMs (A5, reverse-lookup space): ` +
            `privatedns records --ptr --zone ${zone!.privateZoneName}\n`);
      }
      return EXIT.OK;
    } finally {
      emu.close();
    }
  },
};
