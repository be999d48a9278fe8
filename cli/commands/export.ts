/** `privatedns export`: everything in the store as one JSON document. */
import { Command, COMMON_HELP, json } from "../command";
import { EXIT } from "../exit";
import { openStore } from "../store";
import { registeredPtrs } from "./records";

export const exportCommand: Command = {
  name: "export",
  summary: "print everything in the store as JSON",
  help: `Usage: privatedns export

Prints the whole store as JSON: { zones, vnets, links, vms (each with registeredRecords), recordSets,
resourceGroups, subnets, networkInterfaces (N), privateEndpoints, privateDnsZoneGroups (P), reversePtrs (the
auto-registered PTR records of A5) }. Output is always JSON (--json is accepted).

${COMMON_HELP}`,
  options: {},
  positionals: [0, 0],
  run({ db, io }) {
    const emu = openStore(db);
    try {
      io.out(json({ ...emu.export(), reversePtrs: registeredPtrs(emu) }));
      return EXIT.OK;
    } finally {
      emu.close();
    }
  },
};
