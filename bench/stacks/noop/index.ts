// Bench (d) baseline: the same number of resources as bench/stacks/vms, each a no-op dynamic resource.
import * as pulumi from "@pulumi/pulumi";

const noop: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) { return { inputs: news }; },
  async diff() { return { changes: false }; },
  async create(inputs) { return { id: `noop-${inputs.i}`, outs: inputs }; },
  async update(_id, _olds, news) { return { outs: news }; },
  async delete() {},
};
class Noop extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
    super(noop, name, props, opts, "bench", "Noop");
  }
}
const n = Number(process.env.BENCH_STACK_VMS || 300);
const zone = new Noop("zone", { i: -3, privateZoneName: "bench.internal" });
const vnet = new Noop("vnet", { i: -2, addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
const link = new Noop("link", { i: -1, privateZoneName: zone.id, virtualNetwork: { id: vnet.id }, registrationEnabled: true });
for (let i = 0; i < n; i++)
  new Noop(`vm${i}`, { i, virtualNetwork: { id: vnet.id }, networkInterfaces: [{ name: "nic", privateIPAddress: `10.0.${i >> 8}.${i & 255}` }] }, { dependsOn: [link] });
