/** A real store file for CLI and DNS tests, filled through the compiled emulator API (dist). */
import * as path from "path";
import { Emulator } from "../../dist/provider/emulator";
import { tempDir } from "./helpers";

export const RG = "net";
export const zone = (privateZoneName: string, resourceGroupName = RG) => ({ resourceGroupName, privateZoneName });

export function tempDb(prefix = "privatedns-test-"): string {
  return path.join(tempDir(prefix), "emulator.db");
}

/**
 * hub (10.0.0.0/16) registers into contoso.internal; spoke (10.1.0.0/16) registers into spoke.internal and
 * resolves contoso.internal; lonely (10.2.0.0/16) is linked to nothing. A vnet named "shared" exists in two
 * resource groups (ambiguity). contoso.internal holds user sets of every type and a 20-address A set ("big")
 * whose answer exceeds 512 bytes.
 */
export function fillStore(file: string): void {
  const emu = Emulator.open(file);
  try {
    emu.createZone(zone("contoso.internal"));
    emu.createZone(zone("spoke.internal"));
    const vnet = (name: string, prefix: string, rg = RG) =>
      emu.createVnet({ resourceGroupName: rg, virtualNetworkName: name, addressSpace: { addressPrefixes: [prefix] } });
    const hub = vnet("hub", "10.0.0.0/16");
    const spoke = vnet("spoke", "10.1.0.0/16");
    vnet("lonely", "10.2.0.0/16");
    vnet("shared", "10.3.0.0/16", "rg-a");
    vnet("shared", "10.3.0.0/16", "rg-b");
    emu.createLink({ ...zone("contoso.internal"), virtualNetworkLinkName: "hub-reg", virtualNetwork: { id: hub.id }, registrationEnabled: true });
    emu.createLink({ ...zone("contoso.internal"), virtualNetworkLinkName: "spoke-res", virtualNetwork: { id: spoke.id } });
    emu.createLink({ ...zone("spoke.internal"), virtualNetworkLinkName: "spoke-reg", virtualNetwork: { id: spoke.id }, registrationEnabled: true });
    const vm = (vmName: string, vnetId: string, ip: string, computerName?: string) =>
      emu.createVm({ resourceGroupName: RG, vmName, computerName, virtualNetwork: { id: vnetId }, networkInterfaces: [{ name: `${vmName}-nic`, privateIPAddress: ip }] });
    vm("web", hub.id, "10.0.0.4");
    vm("db-vm", hub.id, "10.0.0.5", "db");
    vm("app", spoke.id, "10.1.0.4");
    const set = (relativeRecordSetName: string, recordType: any, ttl: number, data: object) =>
      emu.createRecordSet({ ...zone("contoso.internal"), relativeRecordSetName, recordType, ttl, ...data });
    set("www", "CNAME", 300, { cnameRecord: { cname: "web.contoso.internal" } });
    set("@", "MX", 3600, { mxRecords: [{ preference: 10, exchange: "mail.contoso.internal" }] });
    set("mail", "A", 3600, { aRecords: [{ ipv4Address: "10.0.1.25" }] });
    set("@", "TXT", 300, { txtRecords: [{ value: ["v=spf1 mx -all"] }, { value: ["part one", "part two"] }] });
    set("_sip._tcp", "SRV", 600, { srvRecords: [{ priority: 10, weight: 60, port: 5060, target: "web.contoso.internal" }] });
    set("v6", "AAAA", 120, { aaaaRecords: [{ ipv6Address: "fd00::1" }] });
    set("big", "A", 60, { aRecords: Array.from({ length: 20 }, (_, i) => ({ ipv4Address: `10.0.2.${i + 1}` })) });
    set("empty", "TXT", 60, {});
  } finally {
    emu.close();
  }
}

/** Opens the store for a change made while a server runs (this test process is the "other process"). */
export function withStore<T>(file: string, fn: (emu: Emulator) => T): T {
  const emu = Emulator.open(file);
  try {
    return fn(emu);
  } finally {
    emu.close();
  }
}

export const BLOB_ZONE = "privatelink.blob.core.windows.net";
export const STORAGE_ACCOUNT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/stcontoso";

/**
 * fillStore, plus a private endpoint (P1) for the blob service of storage account `stcontoso` in spoke's subnet
 * `endpoints` (10.1.2.0/24: address 10.1.2.4), its zone group `default` naming privatelink.blob.core.windows.net
 * (P3: A `stcontoso` 10.1.2.4), that zone linked to hub only: from hub the public name
 * `stcontoso.blob.core.windows.net` resolves (P5), from spoke it is REFUSED (Q1).
 */
export function fillEndpointStore(file: string): void {
  fillStore(file);
  withStore(file, (emu) => {
    emu.createSubnet({ resourceGroupName: RG, virtualNetworkName: "spoke", subnetName: "endpoints", addressPrefix: "10.1.2.0/24" });
    const blob = emu.createZone(zone(BLOB_ZONE));
    emu.createLink({ ...zone(BLOB_ZONE), virtualNetworkLinkName: "hub-blob", virtualNetwork: { id: emu.getVnet({ resourceGroupName: RG, virtualNetworkName: "hub" }).id } });
    const pe = emu.createPrivateEndpoint({
      resourceGroupName: RG, privateEndpointName: "pe-stcontoso",
      subnet: { id: emu.getSubnet({ resourceGroupName: RG, virtualNetworkName: "spoke", subnetName: "endpoints" }).id },
      privateLinkServiceConnections: [{ name: "blob", privateLinkServiceId: STORAGE_ACCOUNT, groupIds: ["blob"] }],
    });
    emu.createPrivateDnsZoneGroup({ resourceGroupName: RG, privateEndpointName: pe.name, privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: blob.id }] });
  });
}
