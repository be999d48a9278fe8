/** A plan as the judges see it: CrossGuard's resources, reduced to plain data. */
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { plainValue, Props, rawProps } from "./values";

export interface PlanResource {
  urn: string;
  name: string;
  type: string;
  /** Inputs (at preview) with every unknown as `UNKNOWN`. */
  props: Props;
  /** URNs this resource depends on, in all and per property. */
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

export function fromStack(resources: PolicyResource[]): PlanResource[] {
  return resources.map((r) => ({
    urn: r.urn,
    name: r.name,
    type: r.type,
    props: plainValue(rawProps(r.props)),
    dependencies: (r.dependencies ?? []).map((d) => d.urn),
    propertyDependencies: Object.fromEntries(
      Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, (v ?? []).map((d) => d.urn)]),
    ),
  }));
}

export function fromResource(args: ResourceValidationArgs): PlanResource {
  return { urn: args.urn, name: args.name, type: args.type, props: plainValue(rawProps(args.props)), dependencies: [], propertyDependencies: {} };
}

/** A key that is equal for equal plans (CrossGuard calls every stack policy with a fresh copy of the plan). */
export const planKey = (plan: PlanResource[]) => JSON.stringify(plan);
