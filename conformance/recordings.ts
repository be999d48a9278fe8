/**
 * Replays the Azure CLI's recorded exchanges (reference/azure-cli-recordings/cases, INDEX.md) against a fresh
 * server each: the same requests in order, names verbatim, Azure's etags mapped to the ones the emulator handed
 * out, polls followed at the URL the emulator gave. Each answer is compared with Azure's: status, the presence of
 * the LRO and ETag headers, and the body field by field (compare.ts). Recorded InProgress polls are not replayed:
 * Azure answered 0 to 2 of them before its outcome (INDEX §1), the emulator may answer at once.
 */
import * as fs from "fs";
import * as path from "path";
import { Answer, Client } from "./client";
import { firstDifference, OPAQUE } from "./compare";
import { DescriptionValidator } from "./schema";
import { freshServer } from "./server";

export const CASES_DIR = path.join(__dirname, "..", "..", "reference", "azure-cli-recordings", "cases");

export interface Step {
  method: string; path: string; requestBody: unknown; requestHeaders: Record<string, string>; status: number;
  responseBody: unknown; responseHeaders: Record<string, boolean>; op: string; setup?: string;
}
export interface Case { name: string; steps: Step[] }
export interface Verdict { name: string; pass: boolean; difference?: string }

const bareEtag = (e: string) => e.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
const LRO_HEADERS = ["Azure-AsyncOperation", "Location", "ETag"];

/** Azure's etags → the emulator's, learnt from each pair of answers (top level and list items by id). */
class Etags {
  private readonly map = new Map<string, string>();

  learn(recorded: any, mine: any) {
    if (!recorded || !mine || typeof recorded !== "object") return;
    if (typeof recorded.etag === "string" && typeof mine.etag === "string") this.map.set(bareEtag(recorded.etag), bareEtag(mine.etag));
    if (Array.isArray(recorded.value) && Array.isArray(mine.value))
      for (const r of recorded.value) this.learn(r, mine.value.find((m: any) => String(m?.id).toLowerCase() === String(r?.id).toLowerCase()));
  }

  apply<T>(v: T): T {
    if (typeof v === "string") return [...this.map].reduce((s, [az, mine]) => s.split(az).join(mine), v as string) as T;
    if (Array.isArray(v)) return v.map((x) => this.apply(x)) as T;
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.apply(x)])) as T;
    return v;
  }
}

export const loadCases = (dir = CASES_DIR): Case[] =>
  fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));

const pathOf = (p: string) => p.split("?")[0].toLowerCase();

/** The resource group every case needs (the CLI's test framework made it outside the recording). */
function groupSetup(c: Case): { name: string; body: unknown } | undefined {
  const m = /\/resourceGroups\/([^/?]+)/i.exec(c.steps.map((s) => s.path).find((p) => /\/resourceGroups\//i.test(p)) ?? "");
  if (!m) return undefined;
  const recorded = c.steps.find((s) => s.setup === "resourceGroup" && s.status === 200)?.responseBody as any;
  return { name: m[1], body: { location: recorded?.location ?? "westus", ...(recorded?.tags ? { tags: recorded.tags } : {}) } };
}

function compareStep(step: Step, answer: Answer, created: string[]): string | undefined {
  if (answer.status !== step.status) return `status: expected ${step.status}, got ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300) ?? ""}`;
  // Setup vnets: the emulator keeps no dhcpOptions or tags of a vnet (its subnets it does); their bodies are not compared.
  if (step.setup === "virtualNetwork") return undefined;
  if (step.setup === undefined)
    for (const h of LRO_HEADERS)
      if (step.responseHeaders[h] !== undefined && step.responseHeaders[h] !== answer.headers.has(h))
        return `header ${h}: expected ${step.responseHeaders[h] ? "present" : "absent"}, got ${answer.headers.has(h) ? "present" : "absent"}`;
  const expected = step.responseBody === null || step.responseBody === "" ? undefined : step.responseBody;
  return firstDifference(expected, answer.body, { opaque: OPAQUE, foreign: (item) => !created.some((c) => String(item.id).toLowerCase().startsWith(c)) });
}

export async function replayCase(c: Case, validator: DescriptionValidator): Promise<Verdict> {
  const server = await freshServer();
  try {
    const client = new Client(server.url, validator);
    const group = groupSetup(c);
    if (group) await client.send("PUT", `/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/${group.name}?api-version=2021-04-01`, group.body);
    const etags = new Etags();
    const created = c.steps.filter((s) => s.method === "PUT").map((s) => pathOf(s.path));
    let operation: string | undefined;
    for (const [i, step] of c.steps.entries()) {
      let answer: Answer;
      if (step.op.startsWith("POLL")) {
        if (step.status === 202) continue;
        if (!operation) return { name: c.name, pass: false, difference: `step ${i} (${step.op}): the server handed out no operation to poll` };
        answer = await client.poll(operation);
        operation = undefined;
      } else {
        answer = await client.send(step.method, step.path, etags.apply(step.requestBody), etags.apply(step.requestHeaders));
        operation = answer.headers.get("Azure-AsyncOperation") ?? undefined;
      }
      const d = compareStep(step, answer, created);
      if (d) return { name: c.name, pass: false, difference: `step ${i} (${step.op}): ${d}` };
      etags.learn(step.responseBody, answer.body);
    }
    return { name: c.name, pass: true };
  } catch (e) {
    return { name: c.name, pass: false, difference: `replay failed: ${(e as Error).message}` };
  } finally {
    await server.dispose();
  }
}
