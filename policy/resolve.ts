/**
 * References between resources at preview. A link's `virtualNetwork.id` is unknown while its vnet is new, a
 * zone name or resource group may be another resource's output: `propertyDependencies` (else
 * `dependencies`) says which resource the value comes from, and the value becomes that resource's identity.
 * What stays unknown gets a stand-in that can never create a refusal the real value would not: a name of its
 * own that nothing else has, a zone name that no name rule refuses. Stand-ins are recorded, so that each
 * policy can say what it could not judge.
 */
import { createHash } from "crypto";
import { ids } from "../provider/emulator";
import { hasUnknown } from "../provider";
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
  const resolver = new PlanResolver(plan);
  const resources = plan.map((r) => resolver.resolve(r.urn)).filter((r): r is Resolved => r !== undefined);
  for (const r of resources) nameVnetIds(r, resolver.display);
  return { resources, display: resolver.display };
}

/** One resource being resolved: its inputs so far and what stays unknown. */
interface Work {
  r: PlanResource;
  m: Mapped;
  inputs: Props;
  unknown: Map<string, string>;
}

/** Resolves the references of a plan's resources, each once (memo), cycles resolving to nothing. */
class PlanResolver {
  readonly display = new Map<string, string>();
  private readonly byUrn: Map<string, PlanResource>;
  private readonly mapped = new Map<string, Mapped>();
  private readonly memo = new Map<string, Resolved | null>();

  constructor(plan: PlanResource[]) {
    this.byUrn = new Map(plan.map((r) => [r.urn, r]));
    for (const r of plan) {
      const m = mapResource(r.type, r.props, r.name);
      if (m) this.mapped.set(r.urn, m);
    }
  }

  resolve(urn: string): Resolved | undefined {
    if (this.memo.has(urn)) return this.memo.get(urn) ?? undefined;
    this.memo.set(urn, null); // a cycle resolves to nothing
    const m = this.mapped.get(urn);
    if (!m) return undefined;
    const w: Work = { r: this.byUrn.get(urn)!, m, inputs: { ...m.inputs }, unknown: new Map() };
    for (const field of REFERENCES[m.kind]) this.resolveReference(w, field);
    this.standInOwnName(w);
    // Everything else still unknown is left to the kinds' own stand-ins (provider/kinds whatIfArgs).
    for (const [k, v] of Object.entries(w.inputs)) if (!k.startsWith("__") && hasUnknown(v) && !w.unknown.has(k)) w.unknown.set(k, this.unknownText(w, k));
    const resolved: Resolved = { res: w.r, kind: m.kind, inputs: w.inputs, fields: m.fields, unknown: w.unknown };
    this.memo.set(urn, resolved);
    return resolved;
  }

  /** Each reference field (REFERENCES) and how an unknown value of it is resolved. */
  private readonly referenceResolvers: Record<string, (w: Work) => void> = {
    resourceGroupName: (w) => this.resolveResourceGroup(w),
    privateZoneName: (w) => this.resolveZoneName(w),
    virtualNetwork: (w) => this.resolveVnet(w),
    virtualNetworkName: (w) => this.resolveVnetName(w),
    ipConfigurations: (w) => this.resolveSubnetIds(w),
    networkProfile: (w) => this.resolveNicIds(w),
    subnet: (w) => this.resolveSubnet(w),
    privateEndpointName: (w) => this.resolveEndpointName(w),
    privateDnsZoneConfigs: (w) => this.resolveZoneConfigs(w),
  };

  private readonly isVnet = (u: string) => ["Vnet", "VirtualNetwork"].includes(this.mapped.get(u)?.kind ?? "");

  /** A subnet's vnet given as another vnet's name output. */
  private resolveVnetName(w: Work) {
    const from = this.sourceOf(w, "virtualNetworkName", this.isVnet);
    const vnet = from ? this.resolve(from) : undefined;
    if (vnet) w.inputs.virtualNetworkName = vnet.inputs.virtualNetworkName;
    else this.markUnknown(w, "virtualNetworkName", this.standIn(w.r.urn, "virtualNetworkName", "name"));
  }

  /** The ARM id of a Subnet of the plan, or of the one inline subnet of a VirtualNetwork of the plan. */
  private subnetIdOf(urn: string): string | undefined {
    const r = this.resolve(urn);
    if (r?.kind === "Subnet") return ids.subnetId(lower(r.inputs.resourceGroupName) as string, lower(r.inputs.virtualNetworkName) as string, lower(r.inputs.subnetName) as string);
    const inline = r?.kind === "VirtualNetwork" && Array.isArray(r.inputs.subnets) ? r.inputs.subnets : [];
    if (r && inline.length === 1 && typeof inline[0]?.name === "string")
      return ids.subnetId(lower(r.inputs.resourceGroupName) as string, lower(r.inputs.virtualNetworkName) as string, inline[0].name.toLowerCase());
    return undefined;
  }

  /** N3: unknown `ipConfigurations[].subnet.id`: the one subnet the configurations depend on, else unknown (unjudged). */
  private resolveSubnetIds(w: Work) {
    const configs = w.inputs.ipConfigurations;
    const from = this.sourceOf(w, "ipConfigurations", (u) => this.subnetIdOf(u) !== undefined);
    const id = from && this.subnetIdOf(from);
    if (!Array.isArray(configs) || !id) return w.unknown.set("ipConfigurations", this.unknownText(w, "ipConfigurations"));
    w.inputs.ipConfigurations = configs.map((c: any) => (hasUnknown(c?.subnet?.id) ? { ...c, subnet: { id } } : c));
  }

  /** N4: unknown `networkProfile.networkInterfaces[].id`: the NICs the profile depends on, in order, one per unknown id. */
  private resolveNicIds(w: Work) {
    const nics = w.inputs.networkProfile?.networkInterfaces;
    const deps = [...new Set(w.r.propertyDependencies[w.m.fields.networkProfile ?? "networkProfile"] ?? [])]
      .map((u) => this.resolve(u)).filter((r): r is Resolved => r?.kind === "NetworkInterface");
    const unknownAt = Array.isArray(nics) ? nics.map((n: any, i: number) => (hasUnknown(n?.id) ? i : -1)).filter((i: number) => i >= 0) : [];
    if (!Array.isArray(nics) || hasUnknown(nics.map((n: any) => n?.primary))) return w.unknown.set("networkProfile", this.unknownText(w, "networkProfile"));
    const list = [...nics];
    if (unknownAt.length !== deps.length) {
      // NICs outside the plan or not told apart: ids of no NIC (the VM's own rules, A2 A4 A6, are still judged).
      unknownAt.forEach((i: number) => { list[i] = { ...list[i], id: ids.nicId(w.inputs.resourceGroupName, this.standIn(w.r.urn, `networkProfile.networkInterfaces[${i}].id`, "name")) }; });
      w.inputs.networkProfile = { ...w.inputs.networkProfile, networkInterfaces: list };
      return w.unknown.set("networkProfile", this.unknownText(w, "networkProfile"));
    }
    unknownAt.forEach((i: number, k: number) => {
      list[i] = { ...list[i], id: ids.nicId(lower(deps[k].inputs.resourceGroupName) as string, lower(deps[k].inputs.networkInterfaceName) as string) };
    });
    w.inputs.networkProfile = { ...w.inputs.networkProfile, networkInterfaces: list };
  }

  /** P1: an endpoint's unknown `subnet.id`: the one subnet it depends on, else unknown (unjudged). */
  private resolveSubnet(w: Work) {
    const from = this.sourceOf(w, "subnet", (u) => this.subnetIdOf(u) !== undefined);
    const id = from && this.subnetIdOf(from);
    if (id) w.inputs.subnet = { ...w.inputs.subnet, id };
    else w.unknown.set("subnet", this.unknownText(w, "subnet"));
  }

  /** P2: a zone group's endpoint given as an endpoint's name output. */
  private resolveEndpointName(w: Work) {
    const from = this.sourceOf(w, "privateEndpointName", (u) => this.mapped.get(u)?.kind === "PrivateEndpoint");
    const endpoint = from ? this.resolve(from) : undefined;
    if (endpoint) w.inputs.privateEndpointName = endpoint.inputs.privateEndpointName;
    else this.markUnknown(w, "privateEndpointName", this.standIn(w.r.urn, "privateEndpointName", "name"));
  }

  /** P2: unknown `privateDnsZoneConfigs[].privateDnsZoneId`: the zones the configs depend on, in order, one per unknown id. */
  private resolveZoneConfigs(w: Work) {
    const configs = w.inputs.privateDnsZoneConfigs;
    const isZone = (u: string) => ["Zone", "PrivateZone"].includes(this.mapped.get(u)?.kind ?? "");
    const deps = [...new Set(w.r.propertyDependencies[w.m.fields.privateDnsZoneConfigs ?? "privateDnsZoneConfigs"] ?? [])]
      .filter(isZone).map((u) => this.resolve(u)).filter((r): r is Resolved => r !== undefined);
    if (!Array.isArray(configs) || configs.some((c: any) => isUnknown(c) || hasUnknown(c?.name)))
      return w.unknown.set("privateDnsZoneConfigs", this.unknownText(w, "privateDnsZoneConfigs"));
    const unknownAt = configs.map((c: any, i: number) => (hasUnknown(c?.privateDnsZoneId) ? i : -1)).filter((i: number) => i >= 0);
    if (unknownAt.length !== deps.length) return w.unknown.set("privateDnsZoneConfigs", this.unknownText(w, "privateDnsZoneConfigs"));
    const list = [...configs];
    unknownAt.forEach((i: number, k: number) => {
      list[i] = { ...list[i], privateDnsZoneId: ids.zoneId(lower(deps[k].inputs.resourceGroupName) as string, lower(deps[k].inputs.privateZoneName) as string) };
    });
    w.inputs.privateDnsZoneConfigs = list;
  }

  /** An unknown reference becomes the identity of the resource it comes from, else a stand-in (recorded as unknown). */
  private resolveReference(w: Work, field: string) {
    const value = field === "virtualNetwork" || field === "subnet" ? w.inputs[field]?.id : w.inputs[field];
    if (value !== undefined && hasUnknown(value)) this.referenceResolvers[field](w);
  }

  private resolveResourceGroup(w: Work) {
    const field = "resourceGroupName";
    const from = this.sourceOf(w, field, (u, direct) => isResourceGroupType(this.byUrn.get(u)?.type ?? "") || (direct && this.mapped.has(u)));
    const source = from && this.byUrn.get(from);
    if (source && isResourceGroupType(source.type)) {
      const name = resourceGroupNameOf(source.type, source.props);
      w.inputs[field] = name !== undefined && !hasUnknown(name) ? name : this.standIn(source.urn, field, "name");
    } else if (source && this.resolve(source.urn)) {
      w.inputs[field] = this.resolve(source.urn)!.inputs.resourceGroupName;
    } else {
      this.markUnknown(w, field, this.standIn(w.r.urn, field, "name"));
    }
  }

  private resolveZoneName(w: Work) {
    const field = "privateZoneName";
    const from = this.sourceOf(w, field, (u) => ["Zone", "PrivateZone"].includes(this.mapped.get(u)?.kind ?? ""));
    const zone = from ? this.resolve(from) : undefined;
    if (zone) w.inputs[field] = zone.inputs.privateZoneName;
    else this.markUnknown(w, field, this.standIn(w.r.urn, field, "zone"));
  }

  private resolveVnet(w: Work) {
    if (typeof w.inputs.__virtualNetworkId === "string" && !isUnknown(w.inputs.__virtualNetworkId)) {
      w.inputs.virtualNetwork = { id: w.inputs.__virtualNetworkId }; // the emulator SDK's program-side id of the vnet
      return;
    }
    const from = this.sourceOf(w, "virtualNetwork", this.isVnet);
    const vnet = from ? this.resolve(from) : undefined;
    if (vnet) {
      w.inputs.virtualNetwork = { id: ids.vnetId(lower(vnet.inputs.resourceGroupName) as string | undefined, lower(vnet.inputs.virtualNetworkName) as string) };
    } else {
      w.inputs.virtualNetwork = { id: ids.vnetId(w.inputs.resourceGroupName, this.standIn(w.r.urn, "virtualNetwork", "name")) };
      w.unknown.set("virtualNetwork", this.unknownText(w, "virtualNetwork"));
    }
  }

  /** A resource's own name unknown at preview (auto-named): a stand-in nobody else has. */
  private standInOwnName(w: Work) {
    const own = OWN_NAME[w.m.kind];
    if (isUnknown(w.inputs[own])) this.markUnknown(w, own, this.standIn(w.r.urn, own, w.m.kind === "Zone" ? "zone" : "name"));
  }

  private markUnknown(w: Work, field: string, standIn: string) {
    w.inputs[field] = standIn;
    w.unknown.set(field, this.unknownText(w, field));
  }

  private unknownText(w: Work, field: string): string {
    const given = w.m.fields[field] ?? field;
    return `${given === "virtualNetwork" ? "virtualNetwork.id" : given} unknown at preview`;
  }

  /** A name nobody else has, for the value of `field` of `urn`; zone names start with `privatelink.` (L12 accepts them). */
  private standIn(urn: string, field: string, kind: "zone" | "name"): string {
    const token = `u${hash(`${urn}#${field}`)}`;
    const name = kind === "zone" ? `privatelink.${token}.preview` : token;
    const r = this.byUrn.get(urn);
    this.display.set(name, `<${field} of ${r?.type} '${r?.name}', unknown at preview>`);
    return name;
  }

  /** The resource a reference comes from: the one dependency of the right sort, if there is exactly one. */
  private sourceOf(w: Work, field: string, fits: (u: string, direct: boolean) => boolean): string | undefined {
    const direct = w.r.propertyDependencies[w.m.fields[field] ?? field];
    const candidates = direct && direct.length ? direct.filter((u) => fits(u, true)) : w.r.dependencies.filter((u) => fits(u, false));
    const unique = [...new Set(candidates)];
    return unique.length === 1 ? unique[0] : undefined;
  }
}

/** How messages name a vnet id: a provider's vnet by its resource (its id holds a subscription the plan does not know), a literal id as the user wrote it. */
function nameVnetIds(r: Resolved, display: Map<string, string>) {
  const given = r.res.props[r.fields.virtualNetwork ?? "virtualNetwork"];
  const literal = typeof given === "string" ? given : given?.id;
  if ((r.kind === "Vnet" || r.kind === "VirtualNetwork") && !r.res.type.startsWith("pulumi-nodejs:")) {
    display.set(ids.vnetId(lower(r.inputs.resourceGroupName) as string, lower(r.inputs.virtualNetworkName) as string),
      `<id of ${r.res.type} '${r.res.name}'>`);
  } else if (typeof literal === "string" && !isUnknown(literal)) {
    const parsed = ids.parseResourceId(literal);
    if (parsed) display.set(ids.vnetId(parsed.resourceGroupName, parsed.name), literal);
  }
}

/** Stand-in names replaced by what they stand for, in a message. */
export function displayText(text: string, display: Map<string, string>): string {
  let out = text;
  const longestFirst = [...display].sort(([a], [b]) => b.length - a.length);
  for (const [token, said] of longestFirst) out = out.split(token).join(said);
  return out;
}
