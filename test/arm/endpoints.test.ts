// serve-arm's private endpoints and DNS zone groups (SPEC P) with Azure's own @azure/arm-network 36.0.0, unmodified,
// over HTTPS: endpoints and groups created, read, listed and deleted through the SDK's pollers, refusals in Azure's
// error envelope, and what they wrote answering the public name of the target through the same store (P5).
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrivateDnsManagementClient } from "@azure/arm-privatedns";
import { NetworkManagementClient } from "@azure/arm-network";
import { ResourceManagementClient } from "@azure/arm-resources";
import { startArmServer, ArmServer } from "../../dist/arm";
import { cleanup, tempDir } from "../support/helpers";
import { rejection, collect, anyCredential } from "../support/arm-clients";

const SUB = "00000000-0000-0000-0000-000000000000";
const RG = "pe-rg";
const BLOB = "privatelink.blob.core.windows.net";
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/stdata`;
const PUBLIC = "stdata.blob.core.windows.net";
const FAST = { updateIntervalInMs: 10 };
const credential = anyCredential;

describe("private endpoints and zone groups with @azure/arm-network (P1-P5)", () => {
  let server: ArmServer;
  let dns: PrivateDnsManagementClient;
  let network: NetworkManagementClient;
  let hubId: string, spokeId: string, subnetId: string, zoneId: string;
  const data = () => server.emulator.resolve(hubId, PUBLIC).answers.map((a) => a.data);

  beforeAll(async () => {
    // One InProgress answer per operation, so that the SDK's pollers really poll.
    server = await startArmServer({ dbPath: path.join(tempDir("pdns-arm-pe-"), "store.db"), port: 0, inProgressPolls: 1, retryAfterSeconds: 0 });
    const options = { endpoint: server.url, tlsOptions: { ca: fs.readFileSync(server.certPath!, "utf8") } };
    dns = new PrivateDnsManagementClient(credential, SUB, options);
    network = new NetworkManagementClient(credential, SUB, options);
    await new ResourceManagementClient(credential, SUB, options).resourceGroups.createOrUpdate(RG, { location: "westus" });
    hubId = (await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, "hub", { location: "westus", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } }, FAST)).id!;
    const spoke = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, "spoke", { location: "westus",
      addressSpace: { addressPrefixes: ["10.1.0.0/16"] }, subnets: [{ name: "endpoints", addressPrefix: "10.1.2.0/24" }] }, FAST);
    [spokeId, subnetId] = [spoke.id!, spoke.subnets![0].id!];
    zoneId = (await dns.privateZones.beginCreateOrUpdateAndWait(RG, BLOB, { location: "global" }, FAST)).id!;
    await dns.virtualNetworkLinks.beginCreateOrUpdateAndWait(RG, BLOB, "hub", { location: "global", virtualNetwork: { id: hubId } }, FAST);
  });
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  it("P1: beginCreateOrUpdateAndWait makes an endpoint with the subnet's lowest free address, held by the platform's NIC", async () => {
    const pe = await network.privateEndpoints.beginCreateOrUpdateAndWait(RG, "pe-blob", { location: "westus", subnet: { id: subnetId },
      privateLinkServiceConnections: [{ name: "blob", privateLinkServiceId: ACCOUNT, groupIds: ["blob"] }] }, FAST);
    expect(pe).toMatchObject({
      name: "pe-blob", type: "Microsoft.Network/privateEndpoints", location: "westus", provisioningState: "Succeeded", subnet: { id: subnetId },
      privateLinkServiceConnections: [{ name: "blob", privateLinkServiceId: ACCOUNT, groupIds: ["blob"], provisioningState: "Succeeded",
        privateLinkServiceConnectionState: { status: "Approved", description: "Auto-Approved", actionsRequired: "None" } }],
      manualPrivateLinkServiceConnections: [], customDnsConfigs: [{ fqdn: PUBLIC, ipAddresses: ["10.1.2.4"] }],
    });
    expect(pe.etag).toMatch(/^W\/"[0-9a-f-]{36}"$/);
    const nicName = pe.networkInterfaces![0].id!.split("/").pop()!;
    expect(nicName).toMatch(/^pe-blob\.nic\.[0-9a-f-]{36}$/);
    const nic = await network.networkInterfaces.get(RG, nicName);
    expect(nic.privateEndpoint?.id).toBe(pe.id);
    expect(nic.ipConfigurations![0]).toMatchObject({ privateIPAddress: "10.1.2.4", privateIPAllocationMethod: "Dynamic", subnet: { id: subnetId } });
    // The NIC goes only with its endpoint (P1): refused on the DELETE itself.
    expect(await rejection(network.networkInterfaces.beginDeleteAndWait(RG, nicName, FAST))).toMatchObject({ statusCode: 400, code: "NicInUse" });
  });

  it("P2 P3: a zone group writes the A record named after the target; get and list show it with its record sets", async () => {
    const g = await network.privateDnsZoneGroups.beginCreateOrUpdateAndWait(RG, "pe-blob", "default",
      { privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: zoneId }] }, FAST);
    expect(g).toMatchObject({ name: "default", provisioningState: "Succeeded", privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: zoneId,
      recordSets: [{ recordType: "A", recordSetName: "stdata", fqdn: `stdata.${BLOB}`, ttl: 10, ipAddresses: ["10.1.2.4"], provisioningState: "Succeeded" }] }] });
    expect(g.id).toBe(`/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/privateEndpoints/pe-blob/privateDnsZoneGroups/default`);
    expect(await network.privateDnsZoneGroups.get(RG, "pe-blob", "default")).toEqual(g);
    expect((await collect(network.privateDnsZoneGroups.list("pe-blob", RG))).map((x) => x.name)).toEqual(["default"]);
    const set = await dns.recordSets.get(RG, BLOB, "A", "stdata");
    expect(set).toMatchObject({ ttl: 10, aRecords: [{ ipv4Address: "10.1.2.4" }], isAutoRegistered: false });
    expect(set.metadata?.creator).toMatch(/^created by private endpoint pe-blob with resource guid /);
  });

  it("P5: the store behind the server resolves the public name from the linked vnet, and refuses it from the other", () => {
    expect(data()).toEqual([`stdata.${BLOB}`, "10.1.2.4"]);
    expect(server.emulator.resolve(spokeId, PUBLIC).rcode).toBe("REFUSED");
  });

  it("get and list: by resource group and by subscription, paged as ARM pages", async () => {
    const pe = await network.privateEndpoints.get(RG, "pe-blob");
    expect(pe.customDnsConfigs).toEqual([{ fqdn: PUBLIC, ipAddresses: ["10.1.2.4"] }]);
    await network.privateEndpoints.beginCreateOrUpdateAndWait(RG, "pe-two", { location: "westus", subnet: { id: subnetId },
      manualPrivateLinkServiceConnections: [{ name: "kv", privateLinkServiceId: `/subscriptions/${SUB}/resourceGroups/data/providers/Microsoft.KeyVault/vaults/kv1`,
        groupIds: ["vault"], requestMessage: "please" }] }, FAST);
    expect((await collect(network.privateEndpoints.list(RG))).map((e) => e.name)).toEqual(["pe-blob", "pe-two"]);
    const all = await collect(network.privateEndpoints.listBySubscription());
    expect(all.map((e) => e.name)).toEqual(["pe-blob", "pe-two"]);
    expect(all[1]).toMatchObject({ privateLinkServiceConnections: [], manualPrivateLinkServiceConnections: [{ requestMessage: "please", groupIds: ["vault"] }],
      customDnsConfigs: [{ fqdn: "kv1.vault.azure.net", ipAddresses: ["10.1.2.5"] }] });
    expect((await collect(network.privateDnsZoneGroups.list("pe-two", RG)))).toEqual([]);
    await network.privateEndpoints.beginDeleteAndWait(RG, "pe-two", FAST);
  });

  it("P2: a second zone group is refused on the request, in Azure's error envelope with code and message; nothing changes", async () => {
    const raw: { status?: number; body?: string } = {};
    const e = await rejection(network.privateDnsZoneGroups.beginCreateOrUpdateAndWait(RG, "pe-blob", "second",
      { privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: zoneId }] }, {
        ...FAST, onResponse: (r: any) => { raw.status = r.status; raw.body = r.bodyAsText; },
      }));
    expect([e.statusCode, e.code]).toEqual([400, "CannotCreateMoreThanOnePrivateDnsZoneGroup"]);
    expect(e.message).toContain("Cannot create more than one private dns zone groups in the private endpoint");
    expect(raw.status).toBe(400);
    const envelope = JSON.parse(raw.body!);
    expect(Object.keys(envelope)).toEqual(["error"]);
    expect(envelope.error).toMatchObject({ code: "CannotCreateMoreThanOnePrivateDnsZoneGroup", message: e.message });
    expect((await collect(network.privateDnsZoneGroups.list("pe-blob", RG))).map((x) => x.name)).toEqual(["default"]);
    expect(data()).toEqual([`stdata.${BLOB}`, "10.1.2.4"]);
  });

  it("P1: other refusals in the envelope: a group id the target type does not offer, an address outside the subnet", async () => {
    const badGroup = await rejection(network.privateEndpoints.beginCreateOrUpdateAndWait(RG, "pe-bad", { location: "westus", subnet: { id: subnetId },
      privateLinkServiceConnections: [{ name: "c", privateLinkServiceId: ACCOUNT, groupIds: ["vault"] }] }, FAST));
    expect([badGroup.statusCode, badGroup.code]).toEqual([400, "PrivateLinkServiceGroupIdNotSupported"]);
    expect(badGroup.message).toContain("vault");
    const badIp = await rejection(network.privateEndpoints.beginCreateOrUpdateAndWait(RG, "pe-bad", { location: "westus", subnet: { id: subnetId },
      privateLinkServiceConnections: [{ name: "c", privateLinkServiceId: ACCOUNT, groupIds: ["blob"] }],
      ipConfigurations: [{ name: "ip", groupId: "blob", memberName: "blob", privateIPAddress: "10.1.9.9" }] }, FAST));
    expect([badIp.statusCode, badIp.code]).toEqual([400, "PrivateIPAddressNotInSubnet"]);
    expect((await rejection(network.privateEndpoints.get(RG, "pe-bad"))).code).toBe("ResourceNotFound");
  });

  it("P4: a new static address updates the group's record; the zone cannot be deleted while a group names it", async () => {
    const pe = await network.privateEndpoints.beginCreateOrUpdateAndWait(RG, "pe-blob", { location: "westus", subnet: { id: subnetId },
      privateLinkServiceConnections: [{ name: "blob", privateLinkServiceId: ACCOUNT, groupIds: ["blob"] }],
      ipConfigurations: [{ name: "static", groupId: "blob", memberName: "blob", privateIPAddress: "10.1.2.40" }] }, FAST);
    expect(pe.ipConfigurations).toEqual([expect.objectContaining({ groupId: "blob", memberName: "blob", privateIPAddress: "10.1.2.40" })]);
    expect(pe.customDnsConfigs).toEqual([{ fqdn: PUBLIC, ipAddresses: ["10.1.2.40"] }]);
    expect((await network.privateDnsZoneGroups.get(RG, "pe-blob", "default")).privateDnsZoneConfigs![0].recordSets![0].ipAddresses).toEqual(["10.1.2.40"]);
    expect(data()).toEqual([`stdata.${BLOB}`, "10.1.2.40"]);
    await dns.virtualNetworkLinks.beginDeleteAndWait(RG, BLOB, "hub", FAST);
    const e = await rejection(dns.privateZones.beginDeleteAndWait(RG, BLOB, FAST));
    expect(e.message).toContain("long-running operation has failed. CannotDeleteResource.");
    expect(e.message).toContain("pe-blob/privateDnsZoneGroups/default");
    await dns.virtualNetworkLinks.beginCreateOrUpdateAndWait(RG, BLOB, "hub", { location: "global", virtualNetwork: { id: hubId } }, FAST);
  });

  it("P4: beginDeleteAndWait of the group deletes its record; of the endpoint, the endpoint and its NIC; deleting again answers 204", async () => {
    await network.privateDnsZoneGroups.beginDeleteAndWait(RG, "pe-blob", "default", FAST);
    expect((await rejection(dns.recordSets.get(RG, BLOB, "A", "stdata"))).statusCode).toBe(404);
    expect((await rejection(network.privateDnsZoneGroups.get(RG, "pe-blob", "default"))).code).toBe("ResourceNotFound");
    expect(server.emulator.resolve(hubId, PUBLIC).rcode).toBe("NXDOMAIN"); // the CNAME stays (public DNS's), the record is gone
    await network.privateDnsZoneGroups.beginDeleteAndWait(RG, "pe-blob", "default", FAST);
    const nicId = (await network.privateEndpoints.get(RG, "pe-blob")).networkInterfaces![0].id!;
    await network.privateEndpoints.beginDeleteAndWait(RG, "pe-blob", FAST);
    expect((await rejection(network.privateEndpoints.get(RG, "pe-blob"))).statusCode).toBe(404);
    expect((await rejection(network.networkInterfaces.get(RG, nicId.split("/").pop()!))).statusCode).toBe(404);
    await network.privateEndpoints.beginDeleteAndWait(RG, "pe-blob", FAST);
    await dns.virtualNetworkLinks.beginDeleteAndWait(RG, BLOB, "hub", FAST);
    await dns.privateZones.beginDeleteAndWait(RG, BLOB, FAST); // no group names it any more
    expect(server.emulator.listPrivateEndpoints()).toEqual([]);
    expect(server.emulator.listNetworkInterfaces()).toEqual([]);
  });
});
