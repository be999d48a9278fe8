// A hub-and-spoke topology: the spokes register their VMs in a shared zone, the hub only resolves it,
// a second zone holds hand-made records, and each vnet's view of the names is exported.
import * as pdns from "pulumi-privatedns-emulator";

const corp = new pdns.Zone("corp", { privateZoneName: "corp.internal" });
const svc = new pdns.Zone("svc", { privateZoneName: "svc.internal" });

const hub = new pdns.Vnet("hub", { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
const spokes = [
  { name: "spoke-a", prefix: "10.1", vms: ["web-a1", "web-a2"] },
  { name: "spoke-b", prefix: "10.2", vms: ["db-b1"] },
];

const links: pdns.VnetLink[] = [
  // The hub resolves both zones but registers in neither.
  new pdns.VnetLink("hub-corp", { privateZoneName: corp.name, virtualNetwork: { id: hub.id } }),
  new pdns.VnetLink("hub-svc", { privateZoneName: svc.name, virtualNetwork: { id: hub.id } }),
];
// jump depends on the hub's links, as the spokes' VMs depend on theirs: its records (none while the hub
// registers nowhere) are read after the links are in place.
const vms = new Map<string, pdns.Vm>([
  ["jump", new pdns.Vm("jump", { virtualNetwork: { id: hub.id }, networkInterfaces: [{ name: "jump-nic", privateIPAddress: "10.0.0.4" }] }, { dependsOn: [...links] })],
]);
const spokeVnets = spokes.map((spoke) => {
  const vnet = new pdns.Vnet(spoke.name, { addressSpace: { addressPrefixes: [`${spoke.prefix}.0.0/16`] } });
  const registration = new pdns.VnetLink(`${spoke.name}-corp`, {
    privateZoneName: corp.name,
    virtualNetwork: { id: vnet.id },
    registrationEnabled: true,
  });
  links.push(registration, new pdns.VnetLink(`${spoke.name}-svc`, { privateZoneName: svc.name, virtualNetwork: { id: vnet.id } }));
  spoke.vms.forEach((name, i) =>
    vms.set(name, new pdns.Vm(name, {
      virtualNetwork: { id: vnet.id },
      networkInterfaces: [{ name: `${name}-nic`, privateIPAddress: `${spoke.prefix}.0.${4 + i}` }],
    }, { dependsOn: [registration] })),
  );
  return vnet;
});

const records = [
  new pdns.RecordSet("api", { privateZoneName: svc.name, relativeRecordSetName: "api", recordType: "A", ttl: 300, aRecords: [{ ipv4Address: "10.0.10.10" }] }),
  new pdns.RecordSet("portal", { privateZoneName: svc.name, relativeRecordSetName: "portal", recordType: "CNAME", ttl: 300, cnameRecord: { cname: "web-a1.corp.internal" } }),
  new pdns.RecordSet("spf", { privateZoneName: svc.name, relativeRecordSetName: "@", recordType: "TXT", ttl: 3600, txtRecords: [{ value: ["v=spf1 -all"] }] }),
];

const names = ["web-a1.corp.internal", "db-b1.corp.internal", "jump.corp.internal", "portal.svc.internal", "api.svc.internal", "4.0.1.10.in-addr.arpa PTR"];
const all = [...links, ...vms.values(), ...records];
export const resolvedFrom = {
  hub: pdns.resolveNames(hub, names, all),
  "spoke-a": pdns.resolveNames(spokeVnets[0], names, all),
  "spoke-b": pdns.resolveNames(spokeVnets[1], names, all),
};
export const registeredRecords = Object.fromEntries([...vms].map(([name, vm]) => [name, vm.autoRegisteredRecords]));
export const zones = [corp.name, svc.name];
