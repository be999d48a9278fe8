/**
 * `privatedns endpoints [--vnet V] [--zone Z]`: private endpoints (P1) with their DNS zone group (P2) and the A
 * records the platform wrote for it (P3), one line per record, as `vms` shows VMs with their registered records.
 */
import { Emulator, ids, PrivateDnsZoneGroup, PrivateEndpoint } from "../../provider/emulator";
import { Command, COMMON_HELP, json, str } from "../command";
import { EXIT } from "../exit";
import { dotted } from "../presentation";
import { openStore, vnetRef, zoneRef } from "../store";
import { table } from "../table";

export type ListedEndpoint = PrivateEndpoint & { privateDnsZoneGroups: PrivateDnsZoneGroup[] };

/** Every endpoint with its zone group (none or one, P2), from the emulator's own objects. */
export function listedEndpoints(emu: Emulator): ListedEndpoint[] {
  return emu.listPrivateEndpoints().map((e) => ({
    ...e, privateDnsZoneGroups: emu.listPrivateDnsZoneGroups({ resourceGroupName: e.resourceGroupName, privateEndpointName: e.name }),
  }));
}

/** `rg/vnet/subnet` of a subnet id; the vnet's id, for --vnet. */
function subnetOf(id: string): { short: string; vnetId: string } {
  const p = ids.parseChildId(id, "subnets");
  return p ? { short: `${p.resourceGroupName}/${p.name}/${p.child}`, vnetId: ids.vnetId(p.resourceGroupName, p.name) } : { short: id, vnetId: "" };
}

/** `storageAccounts/stdata` of a target id: its type's last word and its name (the group id says the service). */
function targetOf(e: PrivateEndpoint): string {
  const c = [...e.privateLinkServiceConnections, ...e.manualPrivateLinkServiceConnections][0];
  const p = c && ids.parseResourceId(c.privateLinkServiceId);
  return p ? `${p.type}/${p.name}` : c?.privateLinkServiceId ?? "";
}

const groupIdOf = (e: PrivateEndpoint) => [...e.privateLinkServiceConnections, ...e.manualPrivateLinkServiceConnections][0]?.groupIds[0] ?? "";

export const endpoints: Command = {
  name: "endpoints",
  summary: "list private endpoints with their DNS zone group and its records",
  help: `Usage: privatedns endpoints [--vnet VNET] [--zone ZONE] [--json]

Lists the private endpoints (P1): resource group, subnet (resource-group/vnet/subnet), private address,
target (type/name), group id, the endpoint's private DNS zone group (P2, '-' without one), and one line per
record the platform wrote for the group's zone configs (P3: an A record named after the target, TTL 10).
A config whose record a user's later write took over (P3) shows its zone with no record ('-').
The target's public name (customDnsConfigs in --json) resolves to that record from a vnet linked to the
zone (P5): privatedns resolve --vnet VNET <target>.<public suffix>
  --vnet VNET   only endpoints in a subnet of this vnet (NAME, RG/NAME or ARM id)
  --zone ZONE   only endpoints whose zone group names this zone (NAME, RG/NAME or ARM id)
With --json: the emulator's endpoint objects, each with privateDnsZoneGroups.

${COMMON_HELP}`,
  options: { vnet: { type: "string" }, zone: { type: "string" } },
  positionals: [0, 0],
  run({ values, db, json: asJson, io }) {
    const emu = openStore(db);
    try {
      const vnetText = str(values.vnet), zoneText = str(values.zone);
      const vnetId = vnetText === undefined ? undefined : vnetRef(emu, vnetText);
      const zone = zoneText === undefined ? undefined : zoneRef(emu, zoneText);
      const zoneId = zone && ids.zoneId(zone.resourceGroupName, zone.privateZoneName);
      const list = listedEndpoints(emu)
        .filter((e) => !vnetId || subnetOf(e.subnet.id).vnetId === vnetId)
        .filter((e) => !zoneId || e.privateDnsZoneGroups.some((g) => g.privateDnsZoneConfigs.some((c) => c.privateDnsZoneId === zoneId)));
      if (asJson) {
        io.out(json(list));
        return EXIT.OK;
      }
      if (list.length === 0) {
        io.out("no private endpoints\n");
        return EXIT.OK;
      }
      const rows: (string | number)[][] = [];
      for (const e of list) {
        const base = [e.name, e.resourceGroupName, subnetOf(e.subnet.id).short, e.privateIPAddress, targetOf(e), groupIdOf(e)];
        const group = e.privateDnsZoneGroups[0];
        if (!group) {
          rows.push([...base, "-", "-", "", "", ""]);
          continue;
        }
        for (const c of group.privateDnsZoneConfigs) {
          if (c.recordSets.length === 0) rows.push([...base, group.name, `- (${ids.parseResourceId(c.privateDnsZoneId)?.name ?? c.privateDnsZoneId})`, "", "", ""]);
          for (const r of c.recordSets) for (const ip of r.ipAddresses) rows.push([...base, group.name, dotted(r.fqdn), r.ttl, r.recordType, ip]);
        }
      }
      io.out(table(["ENDPOINT", "RESOURCE GROUP", "SUBNET", "ADDRESS", "TARGET", "GROUP ID", "ZONE GROUP", "RECORD", "TTL", "TYPE", "DATA"], rows));
      return EXIT.OK;
    } finally {
      emu.close();
    }
  },
};
