// A storage account's blob private endpoint in a spoke, its DNS zone group writing the endpoint's address into
// privatelink.blob.core.windows.net, that zone linked to the hub and the spoke (not to the isolated vnet), and
// what each vnet resolves for the account's public name. azure-native's classes and inputs: with
// `@pulumi/azure-native` in place of `pulumi-privatedns-emulator/azure-native` this program deploys to Azure.
import { network, privatedns, resources } from "pulumi-privatedns-emulator/azure-native";
import { resolveNames } from "pulumi-privatedns-emulator";

const rg = new resources.ResourceGroup("rg", { resourceGroupName: "pe-demo", location: "westeurope" });

const vnet = (name: string, prefix: string) =>
  new network.VirtualNetwork(name, { resourceGroupName: rg.name, virtualNetworkName: name, location: rg.location, addressSpace: { addressPrefixes: [prefix] } });
const hub = vnet("hub", "10.0.0.0/16");
const spoke = vnet("spoke", "10.1.0.0/16");
const isolated = vnet("isolated", "10.2.0.0/16");
const endpoints = new network.Subnet("endpoints", { resourceGroupName: rg.name, virtualNetworkName: spoke.name, subnetName: "endpoints", addressPrefix: "10.1.2.0/24" });

const zone = new privatedns.PrivateZone("blob", { resourceGroupName: rg.name, privateZoneName: "privatelink.blob.core.windows.net", location: "Global" });
const links = [hub, spoke].map((v, i) => new privatedns.VirtualNetworkLink(["hub", "spoke"][i], {
  resourceGroupName: rg.name, privateZoneName: zone.name, location: "Global", virtualNetwork: { id: v.id }, registrationEnabled: false,
}));

// The storage account itself is not emulated: its id only names the endpoint's target (SPEC P1).
const account = "stdemodata";
const accountId = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/${account}`;

const endpoint = new network.PrivateEndpoint("blob", {
  resourceGroupName: rg.name, privateEndpointName: `pe-${account}-blob`, location: rg.location,
  subnet: { id: endpoints.id },
  privateLinkServiceConnections: [{ name: "blob", privateLinkServiceId: accountId, groupIds: ["blob"] }],
});
const zoneGroup = new network.PrivateDnsZoneGroup("blob", {
  resourceGroupName: rg.name, privateEndpointName: endpoint.name, privateDnsZoneGroupName: "default",
  privateDnsZoneConfigs: [{ name: "privatelink-blob", privateDnsZoneId: zone.id }],
});

const names = [`${account}.blob.core.windows.net`, `${account}.privatelink.blob.core.windows.net`];
const after = [...links, zoneGroup];
export const resolvedFrom = {
  hub: resolveNames(hub, names, after),
  spoke: resolveNames(spoke, names, after),
  isolated: resolveNames(isolated, names, after),
};
export const endpointAddress = endpoint.customDnsConfigs.apply((c) => c?.[0]?.ipAddresses?.[0]);
// The record sets the zone group caused (read-only outputs, as Azure returns them).
export const zoneGroupRecords = zoneGroup.privateDnsZoneConfigs.apply((configs) => (configs ?? []).flatMap((c) => c.recordSets ?? []));
