// Bench (d): a stack of one zone, one registration vnet and N VMs (BENCH_STACK_VMS, default 300).
import * as pdns from "pulumi-privatedns-emulator";

const n = Number(process.env.BENCH_STACK_VMS || 300);
const zone = new pdns.Zone("zone", { privateZoneName: "bench.internal" });
const vnet = new pdns.Vnet("vnet", { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
const link = new pdns.VnetLink("link", { privateZoneName: zone.name, virtualNetwork: { id: vnet.id }, registrationEnabled: true });
for (let i = 0; i < n; i++)
  new pdns.Vm(`vm${i}`, {
    virtualNetwork: { id: vnet.id },
    networkInterfaces: [{ name: "nic", privateIPAddress: `10.0.${i >> 8}.${i & 255}` }],
  }, { dependsOn: [link] });
