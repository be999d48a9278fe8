/**
 * Issue 12, item 6: the A rules (A2, A3, A4, A6, A9) judge azure-native network interfaces and virtual machines
 * (SPEC N: NICs in subnets, VMs referencing them by id), through the real analyzer host, as the engine sends them
 * at preview: every reference (`rg.name`, `vnet.subnets[0].id`, `nic.id`) unknown, known by its propertyDependencies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalyzerHost, PlannedResource, Props, UNKNOWN, policyName, planned, mandatory } from "../support/analyzer-host";

let host: AnalyzerHost;
beforeAll(async () => {
  host = await AnalyzerHost.start();
}, 120_000);
afterAll(() => host?.close());

const P = policyName;
const res = planned;

const rg = res("azure-native:resources:ResourceGroup", "rg", { location: "westeurope" });
const inRg = { resourceGroupName: [rg.urn!] };
const zone = res("azure-native:privatedns:PrivateZone", "corp", { resourceGroupName: UNKNOWN, privateZoneName: "corp.internal", location: "Global" }, inRg);
const vnet = (name: string, prefixes: string[], subnet: string) => res("azure-native:network:VirtualNetwork", name, {
  resourceGroupName: UNKNOWN, location: "westeurope", addressSpace: { addressPrefixes: prefixes }, subnets: [{ name: "app", addressPrefix: subnet }],
}, inRg);
const hub = vnet("hub", ["10.0.0.0/16"], "10.0.1.0/24");
const link = (name: string, v: PlannedResource) => res("azure-native:privatedns:VirtualNetworkLink", name, {
  resourceGroupName: UNKNOWN, privateZoneName: UNKNOWN, virtualNetworkLinkName: name, location: "Global", registrationEnabled: true, virtualNetwork: { id: UNKNOWN },
}, { ...inRg, privateZoneName: [zone.urn!], virtualNetwork: [v.urn!] });
/** A NIC in the vnet's inline subnet (`vnet.subnets[0].id`, unknown at preview); Static when `ip` is given. */
const nic = (name: string, v: PlannedResource, ip?: string) => res("azure-native:network:NetworkInterface", name, {
  resourceGroupName: UNKNOWN, location: "westeurope",
  ipConfigurations: [{ name: "ipconfig1", subnet: { id: UNKNOWN }, ...(ip ? { privateIPAllocationMethod: "Static", privateIPAddress: ip } : {}) }],
}, { ...inRg, ipConfigurations: [v.urn!] });
const vm = (name: string, nics: { nic: PlannedResource; primary?: boolean }[], extra: Props = {}) => res("azure-native:compute:VirtualMachine", name, {
  resourceGroupName: UNKNOWN, vmName: name, location: "westeurope", hardwareProfile: { vmSize: "Standard_B1s" },
  networkProfile: { networkInterfaces: nics.map((n) => ({ id: UNKNOWN, ...(n.primary === undefined ? {} : { primary: n.primary }) })) }, ...extra,
}, { ...inRg, networkProfile: nics.map((n) => n.nic.urn!) });


describe("the A rules on azure-native NICs and VMs (SPEC N)", () => {
  it("a valid plan passes every policy, with nothing left unjudged", async () => {
    const a = nic("a-nic", hub), b = nic("b-nic", hub, "10.0.1.10");
    const plan = [rg, zone, hub, link("hub-link", hub), a, b, vm("a", [{ nic: a }]), vm("b", [{ nic: b }], { osProfile: { computerName: "web01" } })];
    const ds = await host.preview(plan);
    expect(ds.map((d) => d.message)).toEqual([]);
  });

  it("A2: a VM has exactly one primary NIC", async () => {
    const a = nic("a-nic", hub), b = nic("b-nic", hub);
    const bad = vm("web", [{ nic: a }, { nic: b }]);
    const ds = mandatory(await host.preview([rg, hub, a, b, bad]));
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("a2", "one-primary-nic"), bad.urn]]);
    expect(ds[0].message).toContain("must have one network interface set as the primary; 0 of 2 are");
  });

  it("A3: an IPv6 primary address in a registration vnet gets no record (advisory)", async () => {
    const v6 = vnet("v6", ["fd00::/48"], "fd00::/64");
    const n6 = nic("n6", v6, "fd00::10");
    const machine = vm("six", [{ nic: n6 }]);
    const ds = await host.preview([rg, zone, v6, link("v6-link", v6), n6, machine]);
    expect(ds.map((d) => [d.policyName, d.enforcementLevel, d.urn])).toEqual([[P("a3", "ipv4-only-registration"), "advisory", machine.urn]]);
  });

  it("A4, A6: host names are DNS labels; power states are running, deallocated or stopped", async () => {
    const a = nic("a-nic", hub), b = nic("b-nic", hub), c = nic("c-nic", hub);
    const badHost = vm("web", [{ nic: a }], { osProfile: { computerName: "web_01" } });
    const badState = vm("api", [{ nic: b }], { powerState: "hibernated" });
    const stopped = vm("db", [{ nic: c }], { powerState: "stopped" });
    const ds = mandatory(await host.preview([rg, hub, a, b, c, badHost, badState, stopped]));
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("a4", "host-names"), badHost.urn], [P("a6", "power-state"), badState.urn]]);
  });

  it("A9: Static addresses are not shared within the vnet (with the NIC that holds it named)", async () => {
    const first = nic("first", hub, "10.0.1.10"), second = nic("second", hub, "10.0.1.10");
    const ds = mandatory(await host.preview([rg, hub, first, second]));
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("a9", "nic-addresses"), second.urn]]);
    expect(ds[0].message).toContain("is using the private IP address 10.0.1.10 which is already allocated");
    expect(ds[0].message).toContain(`together with ${first.urn}`);
  });
});
