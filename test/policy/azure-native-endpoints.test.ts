/**
 * SPEC P in the policy pack: the P rules (and N3, A9 for an endpoint's address) judge azure-native private endpoints
 * and DNS zone groups, through the real analyzer host, as the engine sends them at preview: every reference
 * (`rg.name`, `vnet.subnets[0].id`, `endpoint.name`, `zone.id`) unknown, known by its propertyDependencies.
 * The emulator's own tokens (`pulumi-nodejs:dynamic/privatedns:PrivateEndpoint`, ...) are judged the same way.
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

const STORAGE = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/stdata";
const rg = res("azure-native:resources:ResourceGroup", "rg", { location: "westeurope" });
const inRg = { resourceGroupName: [rg.urn!] };
const zone = (name: string, zoneName = "privatelink.blob.core.windows.net") => res("azure-native:privatedns:PrivateZone", name,
  { resourceGroupName: UNKNOWN, privateZoneName: zoneName, location: "Global" }, inRg);
const blob = zone("blob");
const spoke = res("azure-native:network:VirtualNetwork", "spoke", {
  resourceGroupName: UNKNOWN, location: "westeurope", addressSpace: { addressPrefixes: ["10.1.0.0/16"] },
  subnets: [{ name: "endpoints", addressPrefix: "10.1.2.0/24" }],
}, inRg);
/** An endpoint in the spoke's inline subnet (`spoke.subnets[0].id`, unknown at preview); Static when `ip` is given. */
const endpoint = (name: string, extra: { ip?: string; groupIds?: string[] } = {}) => res("azure-native:network:PrivateEndpoint", name, {
  resourceGroupName: UNKNOWN, location: "westeurope", subnet: { id: UNKNOWN },
  privateLinkServiceConnections: [{ name: "blob", privateLinkServiceId: STORAGE, groupIds: extra.groupIds ?? ["blob"] }],
  ...(extra.ip ? { ipConfigurations: [{ name: "ip", groupId: "blob", memberName: "blob", privateIPAddress: extra.ip }] } : {}),
}, { ...inRg, subnet: [spoke.urn!] });
/** A zone group of `pe` naming `zones` by their unknown ids. */
const group = (name: string, pe: PlannedResource, zones: PlannedResource[]) => res("azure-native:network:PrivateDnsZoneGroup", name, {
  resourceGroupName: UNKNOWN, privateEndpointName: UNKNOWN, privateDnsZoneGroupName: name,
  privateDnsZoneConfigs: zones.map((z) => ({ name: z.name, privateDnsZoneId: UNKNOWN })),
}, { ...inRg, privateEndpointName: [pe.urn!], privateDnsZoneConfigs: zones.map((z) => z.urn!) });

describe("the P rules on azure-native private endpoints and zone groups (SPEC P)", () => {
  it("a valid plan passes every policy, with nothing left unjudged", async () => {
    const pe = endpoint("pe-blob");
    expect((await host.preview([rg, blob, spoke, pe, group("default", pe, [blob])])).map((d) => d.message)).toEqual([]);
  });

  it("P1: a storage account's endpoint takes only a storage group id", async () => {
    const bad = endpoint("pe-vault", { groupIds: ["vault"] });
    const ds = mandatory(await host.preview([rg, spoke, bad]));
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("p1", "private-endpoints"), bad.urn]]);
    expect(ds[0].message).toContain("PrivateLinkServiceGroupIdNotSupported (P1): The group id 'vault' is not supported by resources of type Microsoft.Storage/storageAccounts");
    expect(ds[0].message).toContain("[field: privateLinkServiceConnections[0].groupIds[0], value: vault]");
  });

  it("N3, A9: an endpoint's static address lies in its subnet and is free in the vnet", async () => {
    const outside = endpoint("pe-out", { ip: "10.1.9.9" });
    const first = endpoint("pe-a", { ip: "10.1.2.10" });
    const second = endpoint("pe-b", { ip: "10.1.2.10" });
    const ds = mandatory(await host.preview([rg, spoke, outside, first, second]));
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("a9", "nic-addresses"), second.urn], [P("n3", "nic-ip-configurations"), outside.urn]]);
    expect(ds[1].message).toContain("PrivateIPAddressNotInSubnet (N3): Private static IP address 10.1.9.9 does not belong to the range of subnet prefix 10.1.2.0/24.");
    expect(ds[0].message).toContain(`together with ${first.urn}`);
  });

  it("P2: one zone group per endpoint (naming the other group); at most five zone configs", async () => {
    const pe = endpoint("pe-blob");
    const first = group("default", pe, [blob]);
    const second = group("second", pe, [blob]);
    const zones = [1, 2, 3, 4, 5, 6].map((i) => zone(`z${i}`, `privatelink.z${i}.internal`));
    const other = endpoint("pe-six", { ip: "10.1.2.20" });
    const six = group("six", other, zones);
    const ds = mandatory(await host.preview([rg, blob, spoke, ...zones, pe, other, first, second, six]));
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("p2", "one-zone-group"), second.urn], [P("p2", "one-zone-group"), six.urn]]);
    expect(ds[0].message).toContain("CannotCreateMoreThanOnePrivateDnsZoneGroup (P2): Cannot create more than one private dns zone groups in the private endpoint");
    expect(ds[0].message).toContain(`together with ${first.urn}`);
    expect(ds[1].message).toContain("PrivateDnsZoneConfigsLimitExceeded (P2): A private DNS zone group has 1 to 5 private DNS zone configs; privateDnsZoneConfigs has 6.");
  });

  it("P2: a zone group naming a zone outside the plan is judged against a stand-in of it", async () => {
    const pe = endpoint("pe-blob");
    const g = res("azure-native:network:PrivateDnsZoneGroup", "dup", {
      resourceGroupName: UNKNOWN, privateEndpointName: UNKNOWN, privateDnsZoneGroupName: "dup",
      privateDnsZoneConfigs: ["a", "b"].map((n) => ({ name: n, privateDnsZoneId: "/subscriptions/0/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net" })),
    }, { ...inRg, privateEndpointName: [pe.urn!] });
    const ds = mandatory(await host.preview([rg, spoke, pe, g]));
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("p2", "one-zone-group"), g.urn]]);
    expect(ds[0].message).toContain("is named by two configs of zone group");
  });

  it("P2: the emulator's own PrivateDnsZoneGroup token, six configs", async () => {
    const dyn = (kind: string, name: string, props: Props) => res(`pulumi-nodejs:dynamic/privatedns:${kind}`, name, props);
    const zones = [1, 2, 3, 4, 5, 6].map((i) => dyn("PrivateZone", `z${i}`, { resourceGroupName: "rg", privateZoneName: `privatelink.z${i}.internal` }));
    const vnet = dyn("VirtualNetwork", "spoke", { resourceGroupName: "rg", addressSpace: { addressPrefixes: ["10.1.0.0/16"] }, subnets: [{ name: "endpoints", addressPrefix: "10.1.2.0/24" }] });
    const pe = dyn("PrivateEndpoint", "pe", {
      resourceGroupName: "rg", privateEndpointName: "pe", subnet: { id: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke/subnets/endpoints" },
      privateLinkServiceConnections: [{ privateLinkServiceId: STORAGE, groupIds: ["blob"] }],
    });
    const six = dyn("PrivateDnsZoneGroup", "six", {
      resourceGroupName: "rg", privateEndpointName: "pe", privateDnsZoneGroupName: "six",
      privateDnsZoneConfigs: [1, 2, 3, 4, 5, 6].map((i) => ({ name: `z${i}`, privateDnsZoneId: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.z${i}.internal` })),
    });
    const ds = mandatory(await host.preview([...zones, vnet, pe, six]));
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("p2", "one-zone-group"), six.urn]]);
  });
});
