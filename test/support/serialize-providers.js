// Runs in a plain node child process (never inside vitest): declares one resource of each kind with the
// package as the program resolves it, under Pulumi's mocks, and prints what the SDK put in
// each resource's `__provider` together with the other inputs the SDK sent. Usage: node serialize-providers.js
// (run with cwd = a program directory whose node_modules holds pulumi-privatedns-emulator).
const path = require("path");
const Module = require("module");
const fromProgram = Module.createRequire(path.join(process.cwd(), "index.js"));
const pulumi = fromProgram("@pulumi/pulumi");
const pdns = fromProgram("pulumi-privatedns-emulator");

const registered = {};
pulumi.runtime.setMocks(
  {
    newResource(args) {
      registered[args.name] = { type: args.type, inputs: args.inputs };
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: () => ({}),
  },
  "project",
  "stack",
  true,
);

const zone = new pdns.Zone("zone", { privateZoneName: "corp.internal" });
const vnet = new pdns.Vnet("vnet", { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
new pdns.VnetLink("link", { privateZoneName: zone.privateZoneName, virtualNetwork: { id: vnet.id }, registrationEnabled: true });
new pdns.Vm("vm", { virtualNetwork: { id: vnet.id }, networkInterfaces: [{ name: "nic0", privateIPAddress: "10.0.0.4" }] });
new pdns.RecordSet("rs", { privateZoneName: zone.privateZoneName, relativeRecordSetName: "www", recordType: "A", ttl: 300, aRecords: [{ ipv4Address: "10.0.0.9" }] });

// The azure-native classes (pulumi-privatedns-emulator/azure-native), one of each.
const az = fromProgram("pulumi-privatedns-emulator/azure-native");
const rg = new az.resources.ResourceGroup("an-rg", { location: "westeurope" });
const anVnet = new az.network.VirtualNetwork("an-vnet", { resourceGroupName: rg.name, addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });
const anSubnet = new az.network.Subnet("an-subnet", { resourceGroupName: rg.name, virtualNetworkName: anVnet.name, addressPrefix: "10.1.0.0/24" });
const anNic = new az.network.NetworkInterface("an-nic", { resourceGroupName: rg.name, ipConfigurations: [{ name: "c", subnet: { id: anSubnet.id } }] });
new az.compute.VirtualMachine("an-vm", { resourceGroupName: rg.name, networkProfile: { networkInterfaces: [{ id: anNic.id }] } });
const anZone = new az.privatedns.PrivateZone("an-zone", { resourceGroupName: rg.name, privateZoneName: "an.internal" });
new az.privatedns.VirtualNetworkLink("an-link", { resourceGroupName: rg.name, privateZoneName: anZone.name, virtualNetwork: { id: anVnet.id } });
new az.privatedns.PrivateRecordSet("an-rs", { resourceGroupName: rg.name, privateZoneName: anZone.name, recordType: "A", ttl: 300, aRecords: [{ ipv4Address: "10.1.0.9" }] });
const anPe = new az.network.PrivateEndpoint("an-pe", {
  resourceGroupName: rg.name, subnet: { id: anSubnet.id },
  privateLinkServiceConnections: [{ privateLinkServiceId: "/subscriptions/0/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/st", groupIds: ["blob"] }],
});
new az.network.PrivateDnsZoneGroup("an-dns", { resourceGroupName: rg.name, privateEndpointName: anPe.name, privateDnsZoneConfigs: [{ name: "z", privateDnsZoneId: anZone.id }] });

// Registrations resolve asynchronously; print once every resource has reached the mock monitor.
const wait = () => (Object.keys(registered).length < 15 ? setTimeout(wait, 20) : print());
function print() {
  const out = {};
  for (const [name, r] of Object.entries(registered)) out[name] = r;
  process.stdout.write(JSON.stringify(out));
}
wait();
