/**
 * Replays the REST description's examples (x-ms-examples of privatedns.json) against a fresh server each. An
 * example shows one request and its answers but not the state it ran in: that state is seeded first through the
 * API itself (the zone, the vnet a link names, the resource a GET, PATCH or DELETE acts on, the items a list
 * shows). Long-running answers are polled and the resource read back, as a client would. Compared as the
 * recordings are (compare.ts), with the examples' placeholders mapped (`subscriptionId`,
 * `virtualNetworkSubscriptionId`) and what is illustrative in them not compared: `nextLink` (a skipToken for a
 * two-item list) and the zone limits (5000/100/50 in the examples; Azure answers 25000/1000/100 in every
 * recording, and the recording wins).
 */
import * as fs from "fs";
import * as path from "path";
import { Answer, Client } from "./client";
import { firstDifference, OPAQUE } from "./compare";
import { Verdict } from "./recordings";
import { DescriptionValidator, SPEC_DIR } from "./schema";
import { freshServer } from "./server";

export interface Example { name: string; operationId: string; method: string; template: string; file: any }

const SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
const ILLUSTRATIVE = new Set([...OPAQUE, "nextLink", "maxNumberOfRecordSets", "maxNumberOfVirtualNetworkLinks", "maxNumberOfVirtualNetworkLinksWithRegistration"]);
const mapString = (s: string) => s.replace(/\/subscriptions\/(subscriptionId|virtualNetworkSubscriptionId)\//gi, `/subscriptions/${SUBSCRIPTION}/`);
const READ_ONLY = ["fqdn", "isAutoRegistered", "provisioningState", "virtualNetworkLinkState"];

export function loadExamples(): Example[] {
  const doc = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, "privatedns.json"), "utf8"));
  const out: Example[] = [];
  for (const [template, item] of Object.entries<any>(doc.paths))
    for (const [method, op] of Object.entries<any>(item)) {
      if (method === "parameters") continue;
      for (const ref of Object.values<any>(op["x-ms-examples"] ?? {})) {
        const file = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, ref.$ref), "utf8"));
        out.push({ name: path.basename(ref.$ref, ".json"), operationId: op.operationId, method: method.toUpperCase(), template, file });
      }
    }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const fill = (template: string, params: Record<string, any>) => template.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(params[k]));
const q = (v: string) => `?api-version=${v}`;

/** Seeds through the API; a refusal while seeding is the example's failure, said as such. */
class Seeder {
  private vnets = 0;
  constructor(readonly client: Client, readonly api: string) {}

  async ok(what: string, a: Promise<Answer>) {
    const answer = await a;
    const op = answer.headers.get("Azure-AsyncOperation");
    const final = answer.status === 202 && op ? await this.client.poll(op) : answer;
    if (final.status >= 300 || (final.body as any)?.status === "Failed") throw new Error(`seeding ${what}: ${final.status} ${JSON.stringify(final.body)}`);
  }
  group = (rg: string) => this.ok(`resource group ${rg}`, this.client.send("PUT", `/subscriptions/${SUBSCRIPTION}/resourcegroups/${rg}${q("2021-04-01")}`, { location: "westus" }));
  zone = async (rg: string, zone: string, tags?: unknown) => {
    await this.group(rg);
    await this.ok(`zone ${zone}`, this.client.send("PUT", `/subscriptions/${SUBSCRIPTION}/resourceGroups/${rg}/providers/Microsoft.Network/privateDnsZones/${zone}${q(this.api)}`, { location: "global", tags }));
  };
  vnet = async (id: string) => {
    const path = mapString(id);
    const rg = /resourceGroups\/([^/]+)/i.exec(path)![1];
    await this.group(rg);
    const prefix = `10.${this.vnets++}.0.0/16`;
    await this.ok(`vnet ${id}`, this.client.send("PUT", `${path}${q("2024-03-01")}`, { location: "westus", properties: { addressSpace: { addressPrefixes: [prefix] } } }));
  };
  /** A resource as an example shows it, read-only fields left out. */
  resource = async (body: any, omit: string[] = []) => {
    const id = mapString(body.id);
    const properties = Object.fromEntries(Object.entries<any>(body.properties ?? {}).filter(([k]) => !READ_ONLY.includes(k) && !omit.includes(k)));
    if (properties.virtualNetwork) await this.vnet(properties.virtualNetwork.id);
    const isRecordSet = !/virtualNetworkLinks\//i.test(id);
    const payload = isRecordSet ? { properties } : { location: "global", ...(body.tags && !omit.includes("tags") ? { tags: body.tags } : {}), properties };
    await this.ok(id, this.client.send("PUT", `${id}${q(this.api)}`, payload));
  };
}

/** The resource the example acts on, as its own Get example shows it (for Delete examples, which show none). */
function shownResource(e: Example, all: Example[]): any {
  const body = (r: any) => r?.["200"]?.body ?? r?.["201"]?.body;
  return body(e.file.responses) ?? body(all.find((x) => x.name === e.name.replace(/Delete$/, "Get"))?.file.responses);
}

async function seed(e: Example, all: Example[], s: Seeder) {
  const p = e.file.parameters;
  if (p.privateZoneName && !(e.operationId === "PrivateZones_CreateOrUpdate")) await s.zone(p.resourceGroupName, p.privateZoneName);
  else if (p.resourceGroupName) await s.group(p.resourceGroupName);
  const shown = shownResource(e, all);
  const zoneOf = (id: string) => /resourceGroups\/([^/]+)\/providers\/Microsoft.Network\/privateDnsZones\/([^/]+)$/i.exec(id);
  if (e.operationId.endsWith("_List") || e.operationId.endsWith("ListByResourceGroup") || e.operationId.endsWith("ListByType")) {
    for (const item of shown?.value ?? []) {
      const z = zoneOf(item.id);
      if (z) await s.zone(z[1], z[2], item.tags);
      else await s.resource(item); // the SOA too: it exists with the zone, its PUT gives it the example's values
    }
  } else if (/_(Get|Delete|Update)$/.test(e.operationId) && shown) {
    const z = zoneOf(mapString(shown.id));
    // An Update example starts from the resource without what the PATCH sets.
    const omit = e.operationId.endsWith("_Update") ? Object.keys({ ...p.parameters?.properties, ...(p.parameters?.tags ? { tags: 1 } : {}) }) : [];
    if (z) await s.zone(z[1], z[2], omit.includes("tags") ? undefined : shown.tags);
    else await s.resource(shown, omit);
  } else if (e.operationId === "VirtualNetworkLinks_CreateOrUpdate") {
    await s.vnet(p.parameters.properties.virtualNetwork.id);
  }
}

export async function replayExample(e: Example, validator: DescriptionValidator, all: Example[] = loadExamples()): Promise<Verdict> {
  const server = await freshServer();
  const p = e.file.parameters;
  try {
    const client = new Client(server.url, validator);
    await seed(e, all, new Seeder(client, p["api-version"]));
    const url = `${fill(e.template, p)}${q(p["api-version"])}`;
    let answer = await client.send(e.method, url, p.parameters);
    const responses = e.file.responses;
    let expectedStatus = answer.status;
    const op = answer.headers.get("Azure-AsyncOperation");
    if (answer.status === 202 && op) {
      const outcome = await client.poll(op);
      if ((outcome.body as any)?.status !== "Succeeded") return { name: e.name, pass: false, difference: `operation: ${JSON.stringify(outcome.body)}` };
      if (e.method === "DELETE") return { name: e.name, pass: responses["202"] !== undefined };
      answer = await client.send("GET", url);
      expectedStatus = responses["201"] ? 201 : 200;
    }
    const expected = responses[String(expectedStatus)];
    if (!expected) return { name: e.name, pass: false, difference: `status: got ${answer.status}, the example shows ${Object.keys(responses).join(", ")}` };
    const d = firstDifference(expected.body, answer.body, { opaque: ILLUSTRATIVE, mapString });
    return d ? { name: e.name, pass: false, difference: d } : { name: e.name, pass: true };
  } catch (err) {
    return { name: e.name, pass: false, difference: (err as Error).message };
  } finally {
    await server.dispose();
  }
}
