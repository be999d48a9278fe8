// examples/hub-spoke built through Azure's own SDKs, unmodified, over HTTPS against serve-arm: the resource group
// (@azure/arm-resources), vnets with subnets, NICs (@azure/arm-network), VMs of those NICs (@azure/arm-compute),
// zones, links and record sets (@azure/arm-privatedns). The same store then shows what the Pulumi stack shows
// (test/support/hub-spoke-expected.ts): the VMs' registered records, the links, and each vnet's DNS answers.
// Then A6 through the compute client: deallocate removes a VM's records, start restores them.
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrivateDnsManagementClient } from "@azure/arm-privatedns";
import { NetworkManagementClient } from "@azure/arm-network";
import { ResourceManagementClient } from "@azure/arm-resources";
import { ComputeManagementClient } from "@azure/arm-compute";
import { startArmServer, ArmServer } from "../../dist/arm";
import { rdata } from "../../dist/provider/emulator";
import { cleanup, tempDir } from "../support/helpers";
import { corp, initialRecords, initialViews, nx, ok } from "../support/hub-spoke-expected";
import { collect, anyCredential } from "../support/arm-clients";

const SUB = "00000000-0000-0000-0000-000000000000";
const RG = "hub-spoke";
const LOCATION = "westus";
/** The SDKs' pollers wait 1-2 s between polls unless told otherwise (Retry-After: 0 is not taken as "now"). */
const FAST = { updateIntervalInMs: 10 };
const credential = anyCredential;

/** The example's vnets: the hub resolves only, the spokes register their VMs in corp.internal. */
const VNETS = [
  { name: "hub", prefix: "10.0", vms: ["jump"], registers: false },
  { name: "spoke-a", prefix: "10.1", vms: ["web-a1", "web-a2"], registers: true },
  { name: "spoke-b", prefix: "10.2", vms: ["db-b1"], registers: true },
];
/** The example's `names`, asked from each vnet as its `resolveNames` does. */
const NAMES = ["web-a1.corp.internal", "db-b1.corp.internal", "jump.corp.internal", "portal.svc.internal", "api.svc.internal", "4.0.1.10.in-addr.arpa PTR"];

describe("examples/hub-spoke through Azure's SDKs (resources, network, compute, privatedns)", () => {
  let server: ArmServer;
  let dns: PrivateDnsManagementClient;
  let network: NetworkManagementClient;
  let compute: ComputeManagementClient;
  const vnetIds: Record<string, string> = {};

  const views = () => Object.fromEntries(VNETS.map((v) => [v.name, Object.fromEntries(NAMES.map((query) => {
    const [name, type = "A"] = query.split(" ");
    const r = server.emulator.resolve(vnetIds[v.name], name, type);
    return [query, { rcode: r.rcode, answers: r.answers.map((a) => rdata(a.type, a.data)) }];
  }))]));
  const records = () => Object.fromEntries(VNETS.flatMap((v) => v.vms).map((vm) => [vm, server.emulator.registeredRecords({ resourceGroupName: RG, vmName: vm })]));

  beforeAll(async () => {
    const dir = tempDir("pdns-arm-hub-spoke-");
    // One InProgress answer per operation, so that every SDK's poller really polls.
    server = await startArmServer({ dbPath: path.join(dir, "store.db"), port: 0, inProgressPolls: 1, retryAfterSeconds: 0 });
    const options = { endpoint: server.url, tlsOptions: { ca: fs.readFileSync(server.certPath!, "utf8") } };
    dns = new PrivateDnsManagementClient(credential, SUB, options);
    network = new NetworkManagementClient(credential, SUB, options);
    compute = new ComputeManagementClient(credential, SUB, options);
    await new ResourceManagementClient(credential, SUB, options).resourceGroups.createOrUpdate(RG, { location: LOCATION });

    for (const zone of ["corp.internal", "svc.internal"]) await dns.privateZones.beginCreateOrUpdateAndWait(RG, zone, { location: "global" }, FAST);
    for (const [i, v] of VNETS.entries()) {
      const subnet = { name: "default", addressPrefix: `${v.prefix}.0.0/24` };
      // The hub's subnet inline in its vnet, the spokes' as subnet resources of their own: both ways clients write them.
      const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, v.name,
        { location: LOCATION, addressSpace: { addressPrefixes: [`${v.prefix}.0.0/16`] }, ...(i === 0 ? { subnets: [subnet] } : {}) }, FAST);
      if (i > 0) await network.subnets.beginCreateOrUpdateAndWait(RG, v.name, "default", { addressPrefix: subnet.addressPrefix }, FAST);
      vnetIds[v.name] = vnet.id!;
      for (const zone of ["corp.internal", "svc.internal"])
        await dns.virtualNetworkLinks.beginCreateOrUpdateAndWait(RG, zone, `${v.name}-${zone.split(".")[0]}`,
          { location: "global", virtualNetwork: { id: vnet.id }, registrationEnabled: v.registers && zone === corp }, FAST);
      const subnetId = (await network.subnets.get(RG, v.name, "default")).id!;
      for (const [j, vm] of v.vms.entries()) {
        // db-b1's address is Dynamic: the lowest free one of its subnet, 10.2.0.4, as the stack gives it.
        const ipConfiguration = vm === "db-b1"
          ? { name: "ipconfig1", subnet: { id: subnetId }, privateIPAllocationMethod: "Dynamic" }
          : { name: "ipconfig1", subnet: { id: subnetId }, privateIPAllocationMethod: "Static", privateIPAddress: `${v.prefix}.0.${4 + j}` };
        const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait(RG, `${vm}-nic`, { location: LOCATION, ipConfigurations: [ipConfiguration] }, FAST);
        await compute.virtualMachines.createOrUpdate(RG, vm,
          { location: LOCATION, osProfile: { computerName: vm }, networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] } }, FAST);
      }
    }
    await dns.recordSets.createOrUpdate(RG, "svc.internal", "A", "api", { ttl: 300, aRecords: [{ ipv4Address: "10.0.10.10" }] });
    await dns.recordSets.createOrUpdate(RG, "svc.internal", "CNAME", "portal", { ttl: 300, cnameRecord: { cname: "web-a1.corp.internal" } });
    await dns.recordSets.createOrUpdate(RG, "svc.internal", "TXT", "@", { ttl: 3600, txtRecords: [{ value: ["v=spf1 -all"] }] });
  });
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  it("the VMs' registered records and each vnet's answers are the Pulumi stack's", () => {
    expect(records()).toEqual(initialRecords());
    expect(views()).toEqual(initialViews());
  });

  it("the links as the privatedns client lists them: registration in corp.internal from the spokes only", async () => {
    const links = await collect(dns.virtualNetworkLinks.list(RG, corp));
    expect(links.map((l) => [l.name, l.registrationEnabled, l.virtualNetworkLinkState]).sort())
      .toEqual([["hub-corp", false, "Completed"], ["spoke-a-corp", true, "Completed"], ["spoke-b-corp", true, "Completed"]]);
    expect((await collect(dns.virtualNetworkLinks.list(RG, "svc.internal"))).every((l) => l.registrationEnabled === false)).toBe(true);
    const zone = await dns.privateZones.get(RG, corp);
    expect(zone).toMatchObject({ numberOfVirtualNetworkLinks: 3, numberOfVirtualNetworkLinksWithRegistration: 2 });
    const auto = (await collect(dns.recordSets.listByType(RG, corp, "A"))).filter((r) => r.isAutoRegistered).map((r) => r.name).sort();
    expect(auto).toEqual(["db-b1", "web-a1", "web-a2"]);
  });

  it("the network client reads subnets inline and alone, NICs with their VM and address", async () => {
    const vnet = await network.virtualNetworks.get(RG, "spoke-a");
    expect(vnet.subnets).toHaveLength(1);
    expect(vnet.subnets![0]).toMatchObject({ name: "default", addressPrefix: "10.1.0.0/24" });
    expect(vnet.subnets![0].ipConfigurations!.map((c) => c.id).sort()).toEqual([
      `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/web-a1-nic/ipConfigurations/ipconfig1`,
      `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/web-a2-nic/ipConfigurations/ipconfig1`,
    ]);
    expect((await collect(network.subnets.list(RG, "hub"))).map((s) => s.name)).toEqual(["default"]);
    const nic = await network.networkInterfaces.get(RG, "db-b1-nic");
    expect(nic.ipConfigurations![0]).toMatchObject({ privateIPAllocationMethod: "Dynamic", privateIPAddress: "10.2.0.4", primary: true,
      subnet: { id: `${vnetIds["spoke-b"]}/subnets/default` } });
    expect(nic.virtualMachine?.id).toBe(`/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachines/db-b1`);
    expect((await collect(network.networkInterfaces.list(RG))).map((n) => n.name).sort()).toEqual(["db-b1-nic", "jump-nic", "web-a1-nic", "web-a2-nic"]);
  });

  it("the compute client reads a VM's network profile, computer name and instance view", async () => {
    const vm = await compute.virtualMachines.get(RG, "web-a1", { expand: "instanceView" });
    expect(vm.osProfile?.computerName).toBe("web-a1");
    expect(vm.networkProfile?.networkInterfaces).toEqual([
      { id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/web-a1-nic`, primary: true }]);
    expect(vm.instanceView?.statuses?.map((s) => s.code)).toEqual(["ProvisioningState/succeeded", "PowerState/running"]);
    expect((await collect(compute.virtualMachines.list(RG))).map((v) => v.name).sort()).toEqual(["db-b1", "jump", "web-a1", "web-a2"]);
  });

  it("A6: deallocate removes web-a1's registered records, start restores them, through the compute client", async () => {
    await compute.virtualMachines.deallocate(RG, "web-a1", FAST);
    expect((await compute.virtualMachines.instanceView(RG, "web-a1")).statuses?.map((s) => [s.code, s.displayStatus]))
      .toEqual([["ProvisioningState/succeeded", "Provisioning succeeded"], ["PowerState/deallocated", "VM deallocated"]]);
    expect(records()["web-a1"]).toEqual([]);
    expect(views()["spoke-b"]["web-a1.corp.internal"]).toEqual(nx);
    await compute.virtualMachines.start(RG, "web-a1", FAST);
    expect((await compute.virtualMachines.instanceView(RG, "web-a1")).statuses?.[1].code).toBe("PowerState/running");
    expect(records()).toEqual(initialRecords());
    expect(views()).toEqual(initialViews());
    expect(views().hub["web-a1.corp.internal"]).toEqual(ok("10.1.0.4"));
  });

  it("powerOff leaves the VM stopped, as its instance view says", async () => {
    await compute.virtualMachines.powerOff(RG, "db-b1", FAST);
    expect((await compute.virtualMachines.instanceView(RG, "db-b1")).statuses?.[1]).toMatchObject({ code: "PowerState/stopped", displayStatus: "VM stopped" });
    await compute.virtualMachines.start(RG, "db-b1", FAST);
    expect(records()).toEqual(initialRecords());
  });

  it("a subnet in use and a NIC of a VM are refused their deletion at once, in Azure's envelope", async () => {
    const e: any = await network.subnets.beginDeleteAndWait(RG, "spoke-a", "default").then(() => undefined, (err) => err);
    expect(e).toMatchObject({ statusCode: 400, code: "InUseSubnetCannotBeDeleted" });
    expect(server.emulator.findSubnet({ resourceGroupName: RG, virtualNetworkName: "spoke-a", subnetName: "default" })).toBeDefined();
    const n: any = await network.networkInterfaces.beginDeleteAndWait(RG, "web-a1-nic").then(() => undefined, (err) => err);
    expect(n).toMatchObject({ statusCode: 400, code: "NicInUse" });
  });

  it("deleting a VM (compute), then its NIC and subnet (network) unregisters it and frees the subnet", async () => {
    await compute.virtualMachines.delete(RG, "db-b1", FAST);
    expect(server.emulator.findVirtualMachine({ resourceGroupName: RG, vmName: "db-b1" })).toBeUndefined();
    expect((await collect(dns.recordSets.listByType(RG, corp, "A"))).map((r) => r.name).sort()).toEqual(["web-a1", "web-a2"]);
    expect(views().hub["db-b1.corp.internal"]).toEqual(nx);
    await network.networkInterfaces.beginDeleteAndWait(RG, "db-b1-nic", FAST);
    await network.subnets.beginDeleteAndWait(RG, "spoke-b", "default", FAST);
    expect((await network.virtualNetworks.get(RG, "spoke-b")).subnets).toEqual([]);
  });
});
