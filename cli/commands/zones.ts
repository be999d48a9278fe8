/** `privatedns zones`: the private DNS zones in the store. */
import { Command, COMMON_HELP, json } from "../command";
import { EXIT } from "../exit";
import { openStore } from "../store";
import { table } from "../table";

export const zones: Command = {
  name: "zones",
  summary: "list private DNS zones",
  help: `Usage: privatedns zones [--json]

Lists the private DNS zones: name, resource group, record sets (SOA included, Z8), links and registration links.
With --json: the emulator's zone objects (Azure's shape).

${COMMON_HELP}`,
  options: {},
  positionals: [0, 0],
  run({ db, json: asJson, io }) {
    const emu = openStore(db);
    try {
      const list = emu.listZones();
      if (asJson) io.out(json(list));
      else if (list.length === 0) io.out("no zones\n");
      else io.out(table(["ZONE", "RESOURCE GROUP", "RECORD SETS", "LINKS", "REGISTRATION LINKS"],
        list.map((z) => [z.name, z.resourceGroupName, z.numberOfRecordSets, z.numberOfVirtualNetworkLinks, z.numberOfVirtualNetworkLinksWithRegistration])));
      return EXIT.OK;
    } finally {
      emu.close();
    }
  },
};
