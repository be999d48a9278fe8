/** `privatedns vms [--vnet V]`: virtual machines and the records the platform registered for them (A4, A5). */
import { Command, COMMON_HELP, json, str } from "../command";
import { EXIT } from "../exit";
import { openStore, shortVnet, vnetRef } from "../store";
import { table } from "../table";

export const vms: Command = {
  name: "vms",
  summary: "list virtual machines with their registered records",
  help: `Usage: privatedns vms [--vnet VNET] [--json]

Lists the virtual machines: vnet, host name (A4), primary IP (A2), power state (A6), and one line per record
the platform registered for it: the A record in its vnet's registration zone (A4) and the PTR record of its
primary IPv4 (A5). A VM with no registered record shows '-'.
  --vnet VNET   only VMs in this vnet (NAME, RG/NAME or ARM id)
With --json: the emulator's VM objects, each with registeredRecords.

${COMMON_HELP}`,
  options: { vnet: { type: "string" } },
  positionals: [0, 0],
  run({ values, db, json: asJson, io }) {
    const emu = openStore(db);
    try {
      const vnetText = str(values.vnet);
      const vnetId = vnetText === undefined ? undefined : vnetRef(emu, vnetText);
      const list = emu.listVms()
        .filter((vm) => !vnetId || vm.virtualNetwork.id === vnetId)
        .map((vm) => ({ ...vm, registeredRecords: emu.registeredRecords({ resourceGroupName: vm.resourceGroupName, vmName: vm.name }) }));
      if (asJson) {
        io.out(json(list));
        return EXIT.OK;
      }
      if (list.length === 0) {
        io.out("no virtual machines\n");
        return EXIT.OK;
      }
      const rows: (string | number)[][] = [];
      for (const vm of list) {
        const ip = vm.networkInterfaces.find((n) => n.primary)?.privateIPAddress ?? "";
        const base = [vm.name, vm.resourceGroupName, shortVnet(vm.virtualNetwork.id), vm.hostName, ip, vm.powerState];
        if (vm.registeredRecords.length === 0) rows.push([...base, "-", "", "", ""]);
        for (const r of vm.registeredRecords) rows.push([...base, r.fqdn, r.ttl, r.type, r.value]);
      }
      io.out(table(["VM", "RESOURCE GROUP", "VNET", "HOST", "PRIMARY IP", "POWER", "RECORD", "TTL", "TYPE", "DATA"], rows));
      return EXIT.OK;
    } finally {
      emu.close();
    }
  },
};
