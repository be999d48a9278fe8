/**
 * `npm run conformance`: the recorded cases and the REST description's examples, replayed against fresh servers.
 * Prints one line per case (verdict and first difference), the schema tally, and last the scores.
 */
import { replayExample, loadExamples } from "./examples";
import { loadCases, replayCase, Verdict } from "./recordings";
import { DescriptionValidator } from "./schema";
import { LEFT } from "./left";

export interface Report {
  recordings: Verdict[];
  examples: Verdict[];
  schema: { validated: number; undescribed: number; violations: string[] };
}

export async function runConformance(): Promise<Report> {
  const validator = new DescriptionValidator();
  const recordings: Verdict[] = [];
  for (const c of loadCases()) recordings.push(await replayCase(c, validator));
  const examples: Verdict[] = [];
  const all = loadExamples();
  for (const e of all) examples.push(await replayExample(e, validator, all));
  return { recordings, examples, schema: { ...validator.counts, violations: validator.violations } };
}

const score = (vs: Verdict[]) => `${vs.filter((v) => v.pass).length} / ${vs.length} cases`;
const line = (v: Verdict) => `${v.pass ? "PASS" : "FAIL"}  ${v.name}${v.difference ? `\n      first difference: ${v.difference}` : ""}`
  + (!v.pass && LEFT[v.name] ? `\n      left because: ${LEFT[v.name]}` : "");

export function format(r: Report): string {
  return [
    "recorded cases (reference/azure-cli-recordings):", ...r.recordings.map(line), "",
    "spec examples (reference/azure-rest-api-specs, 2024-06-01):", ...r.examples.map(line), "",
    `schema: ${r.schema.validated} responses validated against the REST description, ${r.schema.violations.length} outside it `
      + `(violations); ${r.schema.undescribed} more on paths it does not describe (resource groups, vnets, operation polls)`,
    ...r.schema.violations.map((v) => `  violation: ${v}`),
    `conformance (spec examples): ${score(r.examples)}`,
    `conformance: ${score(r.recordings)}`,
  ].join("\n");
}

if (require.main === module) {
  runConformance().then((r) => {
    process.stdout.write(format(r) + "\n");
    const passed = r.recordings.filter((v) => v.pass).length;
    process.exitCode = passed / r.recordings.length >= 0.95 && r.schema.violations.length === 0 ? 0 : 1;
  }, (e) => {
    process.stderr.write(`conformance: ${(e as Error).stack}\n`);
    process.exitCode = 2;
  });
}
