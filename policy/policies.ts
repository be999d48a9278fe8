/**
 * One CrossGuard policy per SPEC rule (rules.ts), all fed by the same judgements (judge.ts): resource-scope
 * rules from judging each resource alone (validateResource), stack-scope rules from judging the whole plan
 * (validateStack). What a policy could not judge at preview is reported under it as advisory, unless its
 * config says `reportUnjudged: false`. No `new PolicyPack` here, so that tests and other packs can load it.
 */
import type {
  PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { Finding, judgePlan, judgeResource } from "./judge";
import { fromResource, fromStack, planKey } from "./plan";
import { Rule, RULES } from "./rules";

/** CrossGuard calls each policy with its own copy of the same plan: judge it once. */
function cached<A>(judge: (a: A) => Finding[], key: (a: A) => string): (a: A) => Finding[] {
  let last: { key: string; findings: Finding[] } | undefined;
  return (a) => {
    const k = key(a);
    if (last?.key !== k) last = { key: k, findings: judge(a) };
    return last.findings;
  };
}

const judgeOne = cached((args: ResourceValidationArgs) => judgeResource(fromResource(args)),
  (args) => JSON.stringify(fromResource(args)));
const judgeAll = cached((resources: PolicyResource[]) => judgePlan(fromStack(resources)),
  (resources) => planKey(fromStack(resources)));

const CONFIG = {
  properties: {
    reportUnjudged: {
      type: "boolean" as const,
      default: true,
      description: "Report, as advisory, what could not be judged at preview because an input was unknown.",
    },
  },
};

function report(rule: Rule, findings: Finding[], reportUnjudged: boolean, reportViolation: ReportViolation) {
  const unjudged = new Map<string, { subject: string; why: string[] }>();
  for (const f of findings) {
    if (!f.unjudged) {
      if (f.rule === rule.id) reportViolation(f.message, f.urn);
      continue;
    }
    const fields = rule.fields[f.kind];
    if (!fields || !(f.rule === "*" || fields.includes(f.rule.slice(1)))) continue;
    if (f.inputs && rule.matters?.[f.kind] && !rule.matters[f.kind]!(f.inputs)) continue;
    const entry = unjudged.get(f.urn) ?? { subject: f.subject, why: [] };
    if (!entry.why.includes(f.message)) entry.why.push(f.message);
    unjudged.set(f.urn, entry);
  }
  if (!reportUnjudged) return;
  for (const [urn, { subject, why }] of unjudged) {
    // The object form of a violation carries its own level: what could not be judged is never mandatory.
    (reportViolation as unknown as (v: object) => void)({
      message: `${rule.policy}: could not judge ${subject}: ${why.join(", ")}`,
      urn,
      enforcementLevel: "advisory",
    });
  }
}

function policyOf(rule: Rule): ResourceValidationPolicy | StackValidationPolicy {
  const common = {
    name: rule.policy,
    description: `${rule.id} (docs/SPEC.md): ${rule.text}`,
    enforcementLevel: rule.level,
    configSchema: CONFIG,
  };
  const unjudgedWanted = (args: ResourceValidationArgs | StackValidationArgs) =>
    args.getConfig<{ reportUnjudged?: boolean }>().reportUnjudged !== false;
  if (rule.scope === "resource") {
    return {
      ...common,
      validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) =>
        report(rule, judgeOne(args), unjudgedWanted(args), reportViolation),
    };
  }
  return {
    ...common,
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) =>
      report(rule, judgeAll(args.resources), unjudgedWanted(args), reportViolation),
  };
}

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = RULES.map(policyOf);
export { RULES };
