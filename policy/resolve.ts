/**
 * References between resources at preview. A link's `virtualNetwork.id` is unknown while its vnet is new, a
 * zone name or resource group may be another resource's output: `propertyDependencies` (else
 * `dependencies`) says which resource the value comes from, and the value becomes that resource's identity.
 * What stays unknown gets a stand-in that can never create a refusal the real value would not: a name of its
 * own that nothing else has, a zone name that no name rule refuses. Stand-ins are recorded, so that each
 * policy can say what it could not judge.
 */
import { createHash } from "crypto";
import { ids } from "pulumi-privatedns-emulator/emulator";
import { hasUnknown } from "pulumi-privatedns-emulator/provider";
import { isResourceGroupType, Kind, mapResource, Mapped, OWN_NAME, REFERENCES, resourceGroupNameOf } from "./families";
import { PlanResource } from "./plan";
import { isUnknown, Props } from "./values";

export interface Resolved {
  res: PlanResource;
  kind: Kind;
  /** The kind's inputs, references resolved, stand-ins in place (unknowns the kinds stand in for stay `UNKNOWN`). */
  inputs: Props;
  /** Kind input name → the provider's property name. */
  fields: Record<string, string>;
  /** Inputs not known at preview and not derived from another resource → why. */
  unknown: Map<string, string>;
}

export interface ResolvedPlan {
  resources: Resolved[];
  /** Stand-in names → how to say them to the user. */
  display: Map<string, string>;
}

const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 10);
const lower = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v);

export function resolvePlan(plan: PlanResource[]): ResolvedPlan {
  const byUrn = new Map(plan.map((r) => [r.urn, r]));
  const mapped = new Map<string, Mapped>();
  for (const r of plan) {
    const m = mapResource(r.type, r.props, r.name);
    if (m) mapped.set(r.urn, m);
  }
  const display = new Map<string, string>();
  const memo = new Map<string, Resolved | null>();

  /** A name nobody else has, for the value of `field` of `urn`; zone names start with `privatelink.` (L12 accepts them). */
  function standIn(urn: string, field: string, kind: "zone" | "name"): string {
    const token = `u${hash(`${urn}#${field}`)}`;
    const name = kind === "zone" ? `privatelink.${token}.preview` : token;
    const r = byUrn.get(urn);
    display.set(name, `<${field} of ${r?.type} '${r?.name}', unknown at preview>`);
    return name;
  }

  /** The resource a reference comes from: the one dependency of the right sort, if there is exactly one. */
  function sourceOf(r: PlanResource, providerField: string, fits: (u: string, direct: boolean) => boolean): string | undefined {
    const direct = r.propertyDependencies[providerField];
    const candidates = direct && direct.length ? direct.filter((u) => fits(u, true)) : r.dependencies.filter((u) => fits(u, false));
    const unique = [...new Set(candidates)];
    return unique.length === 1 ? unique[0] : undefined;
  }

  function resolve(urn: string): Resolved | undefined {
    if (memo.has(urn)) return memo.get(urn) ?? undefined;
    memo.set(urn, null); // a cycle resolves to nothing
    const r = byUrn.get(urn)!;
    const m = mapped.get(urn);
    if (!m) return undefined;
    const inputs: Props = { ...m.inputs };
    const unknown = new Map<string, string>();
    const say = (field: string) => {
      const given = m.fields[field] ?? field;
      return `${given === "virtualNetwork" ? "virtualNetwork.id" : given} unknown at preview`;
    };

    for (const field of REFERENCES[m.kind]) {
      const value = field === "virtualNetwork" ? inputs.virtualNetwork?.id : inputs[field];
      if (value === undefined || !hasUnknown(value)) continue;
      if (field === "virtualNetwork" && typeof inputs.__virtualNetworkId === "string" && !isUnknown(inputs.__virtualNetworkId)) {
        inputs.virtualNetwork = { id: inputs.__virtualNetworkId }; // the emulator SDK's program-side id of the vnet
        continue;
      }
      const providerField = m.fields[field] ?? field;
      if (field === "resourceGroupName") {
        const from = sourceOf(r, providerField, (u, direct) => isResourceGroupType(byUrn.get(u)?.type ?? "") || (direct && mapped.has(u)));
        const source = from && byUrn.get(from);
        if (source && isResourceGroupType(source.type)) {
          const name = resourceGroupNameOf(source.type, source.props);
          inputs[field] = name !== undefined && !hasUnknown(name) ? name : standIn(source.urn, "resourceGroupName", "name");
        } else if (source && resolve(source.urn)) {
          inputs[field] = resolve(source.urn)!.inputs.resourceGroupName;
        } else {
          inputs[field] = standIn(urn, field, "name");
          unknown.set(field, say(field));
        }
      } else if (field === "privateZoneName") {
        const from = sourceOf(r, providerField, (u) => mapped.get(u)?.kind === "Zone");
        const zone = from ? resolve(from) : undefined;
        if (zone) inputs[field] = zone.inputs.privateZoneName;
        else {
          inputs[field] = standIn(urn, field, "zone");
          unknown.set(field, say(field));
        }
      } else {
        const from = sourceOf(r, providerField, (u) => mapped.get(u)?.kind === "Vnet");
        const vnet = from ? resolve(from) : undefined;
        if (vnet) inputs.virtualNetwork = { id: ids.vnetId(lower(vnet.inputs.resourceGroupName) as string | undefined, lower(vnet.inputs.virtualNetworkName) as string) };
        else {
          inputs.virtualNetwork = { id: ids.vnetId(inputs.resourceGroupName, standIn(urn, field, "name")) };
          unknown.set(field, say(field));
        }
      }
    }
    const own = OWN_NAME[m.kind];
    if (isUnknown(inputs[own])) {
      inputs[own] = standIn(urn, own, m.kind === "Zone" ? "zone" : "name");
      unknown.set(own, say(own));
    }
    // Everything else still unknown is left to the kinds' own stand-ins (provider/kinds whatIfArgs).
    for (const [k, v] of Object.entries(inputs)) if (!k.startsWith("__") && hasUnknown(v) && !unknown.has(k)) unknown.set(k, say(k));
    const resolved: Resolved = { res: r, kind: m.kind, inputs, fields: m.fields, unknown };
    memo.set(urn, resolved);
    return resolved;
  }

  const resources = plan.map((r) => resolve(r.urn)).filter((r): r is Resolved => r !== undefined);
  for (const r of resources) {
    const given = r.res.props[r.fields.virtualNetwork ?? "virtualNetwork"];
    const literal = typeof given === "string" ? given : given?.id;
    if (r.kind === "Vnet" && !r.res.type.startsWith("pulumi-nodejs:")) {
      // Its id holds a subscription the plan does not know: name the resource instead.
      display.set(ids.vnetId(lower(r.inputs.resourceGroupName) as string, lower(r.inputs.virtualNetworkName) as string),
        `<id of ${r.res.type} '${r.res.name}'>`);
    } else if (typeof literal === "string" && !isUnknown(literal)) {
      const parsed = ids.parseResourceId(literal);
      if (parsed) display.set(ids.vnetId(parsed.resourceGroupName, parsed.name), literal); // the id as the user wrote it
    }
  }
  return { resources, display };
}

/** Stand-in names replaced by what they stand for, in a message. */
export function displayText(text: string, display: Map<string, string>): string {
  let out = text;
  const longestFirst = [...display].sort(([a], [b]) => b.length - a.length);
  for (const [token, said] of longestFirst) out = out.split(token).join(said);
  return out;
}
