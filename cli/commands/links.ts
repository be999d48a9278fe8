/** `privatedns links [--zone Z] [--vnet V]`: virtual network links. */
import { Command, COMMON_HELP, json, str } from "../command";
import { EXIT } from "../exit";
import { openStore, shortVnet, vnetRef, zoneRef } from "../store";
import { table } from "../table";

export const links: Command = {
  name: "links",
  summary: "list virtual network links",
  help: `Usage: privatedns links [--zone ZONE] [--vnet VNET] [--json]

Lists virtual network links: zone, link name, vnet (resource-group/name), registration (L2) and resolution policy (L12).
  --zone ZONE   only links of this zone (NAME, RG/NAME or ARM id)
  --vnet VNET   only links of this vnet (NAME, RG/NAME or ARM id)

${COMMON_HELP}`,
  options: { zone: { type: "string" }, vnet: { type: "string" } },
  positionals: [0, 0],
  run({ values, db, json: asJson, io }) {
    const emu = openStore(db);
    try {
      const zone = str(values.zone), vnet = str(values.vnet);
      const list = emu.listLinks({
        zone: zone === undefined ? undefined : zoneRef(emu, zone),
        vnet: vnet === undefined ? undefined : vnetRef(emu, vnet),
      });
      if (asJson) io.out(json(list));
      else if (list.length === 0) io.out("no links\n");
      else io.out(table(["ZONE", "LINK", "VNET", "REGISTRATION", "POLICY"],
        list.map((l) => [l.privateZoneName, l.name, shortVnet(l.virtualNetwork.id), l.registrationEnabled ? "yes" : "no", l.resolutionPolicy ?? "Default"])));
      return EXIT.OK;
    } finally {
      emu.close();
    }
  },
};
