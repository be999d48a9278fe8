// serve-arm with Azure's own SDKs, unmodified: @azure/arm-privatedns 4.0.0 for zones, links and record sets,
// @azure/arm-resources for the resource group, @azure/arm-network for the vnet, over HTTPS trusting the
// certificate the server made, and over plain HTTP. What they write is the emulator's state: the same store
// answers the DNS question and the CLI.
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrivateDnsManagementClient } from "@azure/arm-privatedns";
import { NetworkManagementClient } from "@azure/arm-network";
import { ResourceManagementClient } from "@azure/arm-resources";
import { createPipelineFromOptions } from "@azure/core-rest-pipeline";
import { startArmServer, ArmServer } from "../../dist/arm";
import { cleanup, tempDir } from "../support/helpers";
import { rejection, collect, anyCredential } from "../support/arm-clients";

const SUB = "00000000-0000-0000-0000-000000000000";
const RG = "sdk-rg";
const credential = anyCredential;
/**
 * The pollers' interval for operations: they still poll (the server answers InProgress once), without the 2 s
 * they wait by default; they ignore the server's `Retry-After: 0` (@azure/core-lro takes a zero delay for none).
 */
const FAST = { updateIntervalInMs: 10 };

describe("Azure's SDKs over HTTPS (the server's own certificate trusted)", () => {
  let server: ArmServer;
  let statusPolls = 0;
  let dns: PrivateDnsManagementClient;
  let network: NetworkManagementClient;
  let resources: ResourceManagementClient;
  let hubId: string;

  beforeAll(async () => {
    const dir = tempDir("pdns-arm-sdk-");
    // One InProgress answer per operation, so that the SDKs' pollers really poll.
    server = await startArmServer({ dbPath: path.join(dir, "store.db"), port: 0, inProgressPolls: 1, retryAfterSeconds: 0,
      onRequest: (req) => { if (/privateDnsOperationStatuses/.test(req.path)) statusPolls++; } });
    const options = { endpoint: server.url, tlsOptions: { ca: fs.readFileSync(server.certPath!, "utf8") } };
    dns = new PrivateDnsManagementClient(credential, SUB, options);
    network = new NetworkManagementClient(credential, SUB, options);
    resources = new ResourceManagementClient(credential, SUB, options);
    await resources.resourceGroups.createOrUpdate(RG, { location: "westus", tags: { owner: "sdk" } });
    const hub = await network.virtualNetworks.beginCreateOrUpdateAndWait(RG, "hub", { location: "westus", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } }, FAST);
    hubId = hub.id!;
  });
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  it("the certificate is written beside the store and names loopback", () => {
    expect(path.basename(server.certPath!)).toBe("arm-cert.pem");
    expect(fs.existsSync(path.join(path.dirname(server.certPath!), "arm-key.pem"))).toBe(true);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it("zones, links and record sets: created, read and listed, and the DNS answer is the emulator's", async () => {
    const before = statusPolls;
    const zone = await dns.privateZones.createOrUpdate(RG, "contoso.internal", { location: "global", tags: { env: "test" } }, FAST);
    expect(statusPolls - before).toBeGreaterThanOrEqual(2); // InProgress, then Succeeded
    expect(zone).toMatchObject({ name: "contoso.internal", tags: { env: "test" }, numberOfRecordSets: 1, maxNumberOfRecordSets: 25000 });
    const set = await dns.recordSets.createOrUpdate(RG, "contoso.internal", "A", "www", { ttl: 60, aRecords: [{ ipv4Address: "10.0.0.80" }] });
    expect(set).toMatchObject({ fqdn: "www.contoso.internal.", ttl: 60, isAutoRegistered: false });
    const link = await dns.virtualNetworkLinks.createOrUpdate(RG, "contoso.internal", "hub", { location: "global", virtualNetwork: { id: hubId }, registrationEnabled: true }, FAST);
    expect(link).toMatchObject({ registrationEnabled: true, virtualNetworkLinkState: "Completed", provisioningState: "Succeeded" });
    expect(await dns.privateZones.get(RG, "contoso.internal")).toMatchObject({ numberOfRecordSets: 2, numberOfVirtualNetworkLinks: 1, numberOfVirtualNetworkLinksWithRegistration: 1 });
    expect((await collect(dns.recordSets.list(RG, "contoso.internal"))).map((r) => `${r.type}/${r.name}`).sort())
      .toEqual(["Microsoft.Network/privateDnsZones/A/www", "Microsoft.Network/privateDnsZones/SOA/@"]);
    expect((await collect(dns.privateZones.listByResourceGroup(RG))).map((z) => z.name)).toEqual(["contoso.internal"]);
    expect((await collect(dns.virtualNetworkLinks.list(RG, "contoso.internal"))).map((l) => l.name)).toEqual(["hub"]);
    // One store: the emulator behind the server resolves what the SDK wrote, as a VM in hub would see it.
    expect(server.emulator.resolve(hubId, "www.contoso.internal").answers.map((a: any) => a.data)).toEqual(["10.0.0.80"]);
  });

  it("L3: a second registration zone for the vnet is Azure's Conflict, delivered through the operation", async () => {
    await dns.privateZones.createOrUpdate(RG, "fabrikam.internal", { location: "global" }, FAST);
    const e = await rejection(dns.virtualNetworkLinks.createOrUpdate(RG, "fabrikam.internal", "hub", { location: "global", virtualNetwork: { id: hubId }, registrationEnabled: true }, FAST));
    // A failed operation reaches the SDK's poller, which words it "The long-running operation has failed. <code>. <message>".
    expect(e.message).toContain("long-running operation has failed. Conflict.");
    expect(e.message).toContain('A virtual network can only be linked to 1 Private DNS zone(s) with auto-registration enabled; conflicting Private DNS zone is "contoso.internal"');
    // Without registration the same link is accepted (a resolution link).
    await dns.virtualNetworkLinks.createOrUpdate(RG, "fabrikam.internal", "hub", { location: "global", virtualNetwork: { id: hubId } }, FAST);
  });

  it("E1: etags with If-Match and If-None-Match: * refuse with PreconditionFailed in Azure's words", async () => {
    const e1 = await rejection(dns.privateZones.createOrUpdate(RG, "contoso.internal", { location: "global" }, { ...FAST, ifNoneMatch: "*" }));
    expect(e1.message).toContain("PreconditionFailed. The Zone contoso.internal exists already and hence cannot be created again.");
    const e2 = await rejection(dns.privateZones.update(RG, "contoso.internal", { tags: { x: "y" } }, { ...FAST, ifMatch: "00000000-0000-0000-0000-000000000000" }));
    expect(e2.message).toContain("The Zone contoso.internal has been modified (etag mismatch).");
    const e3 = await rejection(dns.recordSets.createOrUpdate(RG, "contoso.internal", "A", "www", { ttl: 60, aRecords: [] }, { ifNoneMatch: "*" }));
    expect([e3.statusCode, e3.code]).toEqual([412, "PreconditionFailed"]);
    const current = await dns.recordSets.get(RG, "contoso.internal", "A", "www");
    const e4 = await rejection(dns.recordSets.update(RG, "contoso.internal", "A", "www", { ttl: 30 }, { ifMatch: "stale" }));
    expect(e4.message).toContain("The Record set www has been modified (etag mismatch).");
    const updated = await dns.recordSets.update(RG, "contoso.internal", "A", "www", { ttl: 30 }, { ifMatch: current.etag });
    expect(updated).toMatchObject({ ttl: 30, aRecords: [{ ipv4Address: "10.0.0.80" }] });
    expect(updated.etag).not.toBe(current.etag); // every write makes a new etag
    const link = await dns.virtualNetworkLinks.get(RG, "contoso.internal", "hub");
    const tagged = await dns.virtualNetworkLinks.update(RG, "contoso.internal", "hub", { tags: { t: "1" } }, { ...FAST, ifMatch: link.etag });
    expect(tagged).toMatchObject({ tags: { t: "1" }, registrationEnabled: true });
  });

  it("paging: $top pages with nextLink, which the SDK follows", async () => {
    for (let i = 0; i < 5; i++) await dns.recordSets.createOrUpdate(RG, "contoso.internal", "TXT", `t${i}`, { ttl: 60, txtRecords: [{ value: [`v${i}`] }] });
    const pages: number[] = [];
    for await (const p of dns.recordSets.listByType(RG, "contoso.internal", "TXT", { top: 2 }).byPage()) pages.push(p.length);
    expect(pages).toEqual([2, 2, 1]);
    expect((await collect(dns.recordSets.listByType(RG, "contoso.internal", "TXT", { top: 2 }))).map((r) => r.name)).toEqual(["t0", "t1", "t2", "t3", "t4"]);
  });

  it("deletes: record sets at once, links and zones through their operations, the resource group with what is in it", async () => {
    await dns.recordSets.delete(RG, "contoso.internal", "A", "www");
    await dns.recordSets.delete(RG, "contoso.internal", "A", "www"); // gone already: 204, no error
    const e = await rejection(dns.privateZones.delete(RG, "contoso.internal", FAST));
    expect(e.message).toContain("CannotDeleteResource. Cannot delete resource while nested resources exist."); // Z7: links first
    await dns.virtualNetworkLinks.delete(RG, "contoso.internal", "hub", FAST);
    await dns.privateZones.delete(RG, "contoso.internal", FAST);
    expect((await rejection(dns.privateZones.get(RG, "contoso.internal"))).code).toBe("ResourceNotFound");
    await resources.resourceGroups.beginDeleteAndWait(RG, FAST);
    expect((await resources.resourceGroups.checkExistence(RG)).body).toBe(false);
    expect(server.emulator.listZones()).toEqual([]);
    expect(server.emulator.listVnets()).toEqual([]);
  });
});

describe("Azure's SDK over plain HTTP (--http)", () => {
  let server: ArmServer;
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  it("serves the same API; the SDK allows the plain connection and a policy of its pipeline sends a token", async () => {
    server = await startArmServer({ dbPath: path.join(tempDir("pdns-arm-http-"), "store.db"), port: 0, http: true, retryAfterSeconds: 0 });
    expect(server.url).toMatch(/^http:\/\//);
    expect(server.certPath).toBeUndefined();
    // The SDKs refuse bearer tokens over http: the client gets a pipeline of its own whose policy sends one
    // (any token is accepted), and is allowed the plain connection.
    const pipeline = createPipelineFromOptions({});
    pipeline.addPolicy({ name: "bearer-over-http", sendRequest: (req, next) => { req.headers.set("Authorization", "Bearer any"); return next(req); } });
    const dns = new PrivateDnsManagementClient(credential, SUB, { endpoint: server.url, allowInsecureConnection: true, pipeline });
    // Per call as well: a call's own request options replace the client's allowInsecureConnection.
    const insecure = { requestOptions: { allowInsecureConnection: true } };
    await dns.privateZones.createOrUpdate("plain", "corp.internal", { location: "global" }, insecure);
    await dns.recordSets.createOrUpdate("plain", "corp.internal", "CNAME", "www", { ttl: 300, cnameRecord: { cname: "web.corp.internal" } }, insecure);
    expect((await dns.recordSets.get("plain", "corp.internal", "CNAME", "www", insecure)).cnameRecord).toEqual({ cname: "web.corp.internal" });
    expect((await collect(dns.privateZones.list(insecure))).map((z) => z.id)).toEqual([
      `/subscriptions/${SUB}/resourceGroups/plain/providers/Microsoft.Network/privateDnsZones/corp.internal`]);
  });
});
