// One private zone, one registration vnet, two VMs: their names register themselves (A and PTR records).
import * as pdns from "pulumi-privatedns-emulator";

const zone = new pdns.Zone("corp", { privateZoneName: "corp.internal" });
const vnet = new pdns.Vnet("app", { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
const link = new pdns.VnetLink("app-registration", {
  privateZoneName: zone.name,
  virtualNetwork: { id: vnet.id },
  registrationEnabled: true,
});

const vms = ["web1", "web2"].map(
  (name, i) =>
    new pdns.Vm(name, {
      virtualNetwork: { id: vnet.id },
      networkInterfaces: [{ name: `${name}-nic`, privateIPAddress: `10.0.1.${4 + i}` }],
    }, { dependsOn: [link] }),
);

export const zoneName = zone.name;
export const fqdns = vms.map((vm) => vm.hostName.apply((host) => `${host}.corp.internal`));
export const registeredRecords = vms.map((vm) => vm.autoRegisteredRecords);
