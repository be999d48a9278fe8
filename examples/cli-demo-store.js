#!/usr/bin/env node
/**
 * Fills an emulator store for the CLI and DNS demo (docs/readme/cli-and-dns.md), through the emulator API.
 * Usage: npm run build && node examples/cli-demo-store.js [STORE]   (default $PRIVATEDNS_EMULATOR_DB or .privatedns/emulator.db)
 * The store is reset first, so the script can be re-run.
 */
const { Emulator, defaultStorePath } = require("../dist/provider/emulator");

const file = process.argv[2] || defaultStorePath();
const emu = Emulator.open(file);
emu.reset();
const rg = "net";
const zone = (privateZoneName) => ({ resourceGroupName: rg, privateZoneName });

emu.createZone(zone("contoso.internal"));
emu.createZone(zone("spoke.internal"));
const hub = emu.createVnet({ resourceGroupName: rg, virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
const spoke = emu.createVnet({ resourceGroupName: rg, virtualNetworkName: "spoke", addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });

// hub registers into contoso.internal (A4, A5); spoke registers into spoke.internal and resolves contoso.internal.
emu.createLink({ ...zone("contoso.internal"), virtualNetworkLinkName: "hub-reg", virtualNetwork: { id: hub.id }, registrationEnabled: true });
emu.createLink({ ...zone("contoso.internal"), virtualNetworkLinkName: "spoke-res", virtualNetwork: { id: spoke.id } });
emu.createLink({ ...zone("spoke.internal"), virtualNetworkLinkName: "spoke-reg", virtualNetwork: { id: spoke.id }, registrationEnabled: true });

emu.createVm({ resourceGroupName: rg, vmName: "web", virtualNetwork: { id: hub.id }, networkInterfaces: [{ name: "web-nic", privateIPAddress: "10.0.0.4" }] });
emu.createVm({ resourceGroupName: rg, vmName: "db-vm", computerName: "db", virtualNetwork: { id: hub.id }, networkInterfaces: [{ name: "db-nic", privateIPAddress: "10.0.0.5" }] });
emu.createVm({ resourceGroupName: rg, vmName: "app", virtualNetwork: { id: spoke.id }, networkInterfaces: [{ name: "app-nic", privateIPAddress: "10.1.0.4" }] });

const set = (relativeRecordSetName, recordType, ttl, data) =>
  emu.createRecordSet({ ...zone("contoso.internal"), relativeRecordSetName, recordType, ttl, ...data });
set("www", "CNAME", 300, { cnameRecord: { cname: "web.contoso.internal" } });
set("@", "MX", 3600, { mxRecords: [{ preference: 10, exchange: "mail.contoso.internal" }] });
set("mail", "A", 3600, { aRecords: [{ ipv4Address: "10.0.1.25" }] });
set("@", "TXT", 300, { txtRecords: [{ value: ["v=spf1 mx -all"] }] });
set("_sip._tcp", "SRV", 600, { srvRecords: [{ priority: 10, weight: 60, port: 5060, target: "web.contoso.internal" }] });

// P1-P5: a private endpoint for the blob service of storage account stcontoso, in spoke's subnet "endpoints", whose zone
// group writes stcontoso.privatelink.blob.core.windows.net; that zone is linked to hub only, so the public name
// stcontoso.blob.core.windows.net resolves to the endpoint from hub and is REFUSED from spoke.
emu.createSubnet({ resourceGroupName: rg, virtualNetworkName: "spoke", subnetName: "endpoints", addressPrefix: "10.1.2.0/24" });
const blob = emu.createZone(zone("privatelink.blob.core.windows.net"));
emu.createLink({ ...zone(blob.name), virtualNetworkLinkName: "hub-blob", virtualNetwork: { id: hub.id } });
const pe = emu.createPrivateEndpoint({
  resourceGroupName: rg, privateEndpointName: "pe-stcontoso",
  subnet: { id: emu.getSubnet({ resourceGroupName: rg, virtualNetworkName: "spoke", subnetName: "endpoints" }).id },
  privateLinkServiceConnections: [{
    name: "blob", groupIds: ["blob"],
    privateLinkServiceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/stcontoso",
  }],
});
emu.createPrivateDnsZoneGroup({ resourceGroupName: rg, privateEndpointName: pe.name, privateDnsZoneGroupName: "default",
  privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: blob.id }] });

console.log(`filled ${emu.path}: ${emu.listZones().length} zones, ${emu.listVnets().length} vnets, ${emu.listVms().length} VMs, ` +
  `${emu.listPrivateEndpoints().length} private endpoint`);
emu.close();
