// What a client meets outside the resources: the metadata document and the token endpoint a cloud
// configuration needs, the bearer token demanded, and for anything else Azure's envelope: never a crash.
import * as path from "path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startArmServer, ArmServer } from "../../dist/arm";
import { cleanup, tempDir } from "../support/helpers";

let server: ArmServer;
beforeAll(async () => {
  server = await startArmServer({ dbPath: path.join(tempDir("pdns-arm-robust-"), "store.db"), port: 0, http: true });
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const call = async (method: string, p: string, body?: string, headers: Record<string, string> = { Authorization: "Bearer x" }) => {
  const res = await fetch(`${server.url}${p}`, { method, body, headers: { "Content-Type": "application/json", ...headers } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};

describe("serve-arm around the resources", () => {
  it("/metadata/endpoints: the object form before 2022-09-01, a list of clouds from then on; this server is the cloud", async () => {
    const old = await call("GET", "/metadata/endpoints?api-version=2019-05-01", undefined, {});
    expect(old.body).toMatchObject({ resourceManager: `${server.url}/`, authentication: { loginEndpoint: `${server.url}/` } });
    const current = await call("GET", "/metadata/endpoints?api-version=2022-09-01", undefined, {});
    expect(current.body[0]).toMatchObject({ name: "PrivateDnsEmulator", resourceManager: `${server.url}/` });
  });

  it("the token endpoint accepts any client secret, and its token any request", async () => {
    const res = await fetch(`${server.url}/00000000-0000-0000-0000-000000000001/oauth2/v2.0/token`, {
      method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=app&client_secret=whatever&scope=https%3A%2F%2Fmanagement.azure.com%2F.default",
    });
    const token = (await res.json()) as any;
    expect([res.status, token.token_type]).toEqual([200, "Bearer"]);
    const claims = JSON.parse(Buffer.from(token.access_token.split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({ appid: "app", tid: "00000000-0000-0000-0000-000000000001" });
    expect((await call("GET", `${SUB}?api-version=2022-12-01`, undefined, { Authorization: `Bearer ${token.access_token}` })).status).toBe(200);
  });

  it("demands a bearer token; reads the subscription and provider registrations", async () => {
    expect(await call("GET", `${SUB}/resourcegroups?api-version=2021-04-01`, undefined, {}))
      .toEqual({ status: 401, body: { error: { code: "AuthenticationFailed", message: "Authentication failed. The 'Authorization' header is missing." } } });
    expect((await call("GET", `${SUB}/providers/Microsoft.Network?api-version=2021-04-01`)).body)
      .toMatchObject({ namespace: "Microsoft.Network", registrationState: "Registered" });
    expect((await call("POST", `${SUB}/providers/Microsoft.Compute/register?api-version=2021-04-01`)).body.registrationState).toBe("Registered");
  });

  it("resource groups: PUT, GET, HEAD, list, and DELETE through its operation", async () => {
    expect((await call("PUT", `${SUB}/resourcegroups/Keep?api-version=2021-04-01`, JSON.stringify({ location: "West Europe", tags: { a: "b" } }))))
      .toEqual({ status: 201, body: { id: `${SUB}/resourceGroups/keep`, name: "keep", type: "Microsoft.Resources/resourceGroups", location: "westeurope", tags: { a: "b" }, properties: { provisioningState: "Succeeded" } } });
    expect((await call("GET", `${SUB}/resourceGroups/keep?api-version=2021-04-01`)).status).toBe(200);
    expect((await call("HEAD", `${SUB}/resourcegroups/nope?api-version=2021-04-01`)).status).toBe(404);
    expect((await call("GET", `${SUB}/resourcegroups/nope?api-version=2021-04-01`)).body.error.code).toBe("ResourceGroupNotFound");
    const res = await fetch(`${server.url}${SUB}/resourcegroups/keep?api-version=2021-04-01`, { method: "DELETE", headers: { Authorization: "Bearer x" } });
    expect(res.status).toBe(202);
    expect((await fetch(res.headers.get("Location")!, { headers: { Authorization: "Bearer x" } })).status).toBe(200);
    expect((await call("GET", `${SUB}/resourcegroups?api-version=2021-04-01`)).body).toEqual({ value: [] });
  });

  it("Z8: tags are absent until a write gives some, {} when it gives an empty map; PUT without tags drops them", async () => {
    const zone = `${SUB}/resourceGroups/tags/providers/Microsoft.Network/privateDnsZones/t.internal`;
    const poll = async (p: string, method: string, body: unknown) => {
      const res = await fetch(`${server.url}${p}?api-version=2018-09-01`, { method, body: JSON.stringify(body), headers: { Authorization: "Bearer x" } });
      expect(res.status).toBe(202);
      expect(((await (await fetch(res.headers.get("Azure-AsyncOperation")!, { headers: { Authorization: "Bearer x" } })).json()) as any).status).toBe("Succeeded");
      return (await call("GET", `${p}?api-version=2018-09-01`)).body;
    };
    expect("tags" in (await poll(zone, "PUT", { location: "global" }))).toBe(false);
    expect((await poll(zone, "PATCH", { tags: {} })).tags).toEqual({});
    expect((await poll(zone, "PUT", { location: "global", tags: { a: "b" } })).tags).toEqual({ a: "b" });
    expect("tags" in (await poll(zone, "PUT", { location: "global" }))).toBe(false);
  });

  it("anything else answers in Azure's envelope with a 4xx, and the server stays up", async () => {
    const zone = `${SUB}/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/a.internal`;
    const probes: [string, string, string?][] = [
      ["GET", "/"], ["GET", "/subscriptions"], ["DELETE", "/metadata/endpoints"], ["GET", `${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1?api-version=2024-07-01`],
      ["GET", `${zone}`], ["GET", `${zone}?api-version=1999-01-01`], ["PUT", `${zone}?api-version=2018-09-01`, "{not json"],
      ["PUT", `${zone}?api-version=2018-09-01`, "[1,2]"], ["PUT", `${zone}?api-version=2018-09-01`, JSON.stringify({ properties: 7 })],
      ["PUT", `${zone}/NS/x?api-version=2018-09-01`, JSON.stringify({ properties: { ttl: 1 } })], ["PUT", `${zone}/A/x?api-version=2018-09-01`, "null"],
      ["GET", `${zone}/A?api-version=2018-09-01&$top=-1`], ["PATCH", `${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v?api-version=2024-03-01`, "{}"],
      ["GET", `${SUB}/resourceGroups/rg/providers/Microsoft.Network/privateDnsOperationStatuses/bogus?api-version=2018-09-01`],
      ["PUT", `${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v?api-version=2024-03-01`, JSON.stringify({ properties: { addressSpace: { addressPrefixes: ["x"] } } })],
      ["GET", "/%E0%A4%A"],
    ];
    for (const [method, p, body] of probes) {
      const r = await call(method, p, body);
      if (p === "/subscriptions") continue; // a real listing
      expect(r.status, `${method} ${p}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${method} ${p}`).toBeLessThan(500);
      expect(typeof r.body.error.code, `${method} ${p}`).toBe("string");
      expect(typeof r.body.error.message, `${method} ${p}`).toBe("string");
    }
    expect((await call("GET", "/metadata/endpoints")).status).toBe(200);
  });

  it("fuzzed requests (methods, paths of the served types, api-versions, headers, bodies) never get a 5xx", async () => {
    const segment = fc.oneof(fc.constantFrom("subscriptions", "resourceGroups", "providers", "Microsoft.Network", "privateDnsZones",
      "virtualNetworkLinks", "A", "ALL", "SOA", "CNAME", "virtualNetworks", "resourcegroups", "@", "*", "a.internal", "x"), fc.string({ maxLength: 6 }));
    const pathArb = fc.array(segment, { minLength: 0, maxLength: 10 }).map((xs) => "/" + xs.map(encodeURIComponent).join("/"));
    const body = fc.oneof(fc.constant(undefined), fc.json(), fc.constantFrom("{", "null", "[]", JSON.stringify({ location: "global", properties: { ttl: "x", aRecords: 5 } })));
    await fc.assert(fc.asyncProperty(fc.constantFrom("GET", "PUT", "PATCH", "DELETE", "POST", "HEAD"), pathArb,
      fc.constantFrom("2018-09-01", "2024-06-01", "", "x"), body, fc.option(fc.constantFrom("*", "\"x\"", "W/\"y\""), { nil: undefined }),
      async (method, p, version, b, etag) => {
        const headers: Record<string, string> = { Authorization: "Bearer f", "Content-Type": "application/json", ...(etag ? { "If-Match": etag } : {}) };
        const res = await fetch(`${server.url}${p}?api-version=${version}`, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : b });
        await res.text();
        expect(res.status, `${method} ${p}`).toBeLessThan(500);
      }), { numRuns: 300 });
    expect((await call("GET", "/metadata/endpoints")).status).toBe(200);
  });
});
