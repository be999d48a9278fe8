/**
 * The verdicts. Every one comes from the emulator's own code: a plan's resources become the emulator
 * operations their kinds define (provider/kinds), applied in order to a fresh in-memory emulator; a refusal
 * is the emulator's EmulatorError, with its rule id, code and Azure-style message. Field rules of resources
 * that cannot become an operation yet (unknowns) are judged with the emulator's exported validators.
 */
import {
  canonicalIp, checkLinkName, checkRecordData, checkRecordSetName, checkRecordType, checkTtl, checkZoneName, Emulator,
  EmulatorError, ids, isEmulatorError, isNotFound, Operation,
} from "../provider/emulator";
import { hasUnknown, Inputs, KINDS, kinds } from "../provider";
import { Kind } from "./families";
import { PlanResource } from "./plan";
import { displayText, Resolved, resolvePlan } from "./resolve";
import { UNKNOWN } from "./values";

export interface Finding {
  /** SPEC rule id of the refusal (or of the rule that could not be judged). */
  rule: string;
  urn: string;
  kind: Kind;
  /** `<type> '<name>'` of the resource. */
  subject: string;
  /** The violation text: the resource, the emulator's code, rule and message, the value, the other resource. */
  message: string;
  /** The refusal's field, in the provider's own property names (`records` for classic azure's `aRecords`). */
  field?: string;
  /** Set when the rule could not be judged for this resource (unknowns at preview): reported as advisory. */
  unjudged?: boolean;
  /** The resource's inputs (references resolved), for a rule to tell whether an unknown matters to it. */
  inputs?: Inputs;
}


interface Step {
  op: Operation;
  /** The plan resource it stands for; none for a stand-in of a zone or vnet the plan refers to but does not declare. */
  of?: Resolved;
}

const describe = (r: Resolved) => `${r.res.type} '${r.res.name}'`;
const shown = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function refusalText(r: Resolved, e: EmulatorError, display: Map<string, string>, culprit?: Resolved): string {
  const other = culprit ? `; together with ${culprit.res.urn}, declared in this program` : "";
  const at = `field: ${providerField(r, e.field)}, value: ${shown(e.value)}`;
  return displayText(`${describe(r)}: ${e.code} (${e.rule}): ${e.detail} [${at}${other}]`, display);
}

/** The error's field path with its first input renamed as the provider names it (the rest kept when the name is the kind's). */
function providerField(r: Resolved, field: string): string {
  const input = field.split(/[.[]/)[0];
  const given = r.fields[input];
  return given === undefined || given === input ? field : given;
}

/** A refusal of the emulator as the finding of a plan resource. */
const refusalFinding = (r: Resolved, e: EmulatorError, display: Map<string, string>, culprit?: Resolved): Finding =>
  ({ rule: e.rule, urn: r.res.urn, kind: r.kind, subject: describe(r), field: providerField(r, e.field), message: refusalText(r, e, display, culprit) });

/** The kind's operation for a resolved resource, or undefined while an unknown cannot be stood in for. */
function operationOf(r: Resolved): { op?: Operation; normalized: Inputs } {
  const spec = kinds[r.kind];
  const normalized = spec.normalize(r.inputs);
  const args = spec.whatIfArgs(normalized);
  return { op: args ? spec.create(args) : undefined, normalized };
}

/** The emulator's field validators on the known fields of one resource, each on its own, so none hides another. */
function fieldRefusals(kind: Kind, i: Inputs): EmulatorError[] {
  const known = (v: unknown) => v !== undefined && !hasUnknown(v);
  const checks: (() => unknown)[] = [];
  if (kind === "Zone" && known(i.privateZoneName)) checks.push(() => checkZoneName(i.privateZoneName));
  if (kind === "VnetLink" && known(i.virtualNetworkLinkName)) checks.push(() => checkLinkName(i.virtualNetworkLinkName));
  if (kind === "RecordSet") {
    const resource = `record set '${String(i.relativeRecordSetName)}'`;
    if (known(i.ttl)) checks.push(() => checkTtl(i.ttl, resource));
    if (known(i.recordType)) {
      checks.push(() => checkRecordType(i.recordType, resource));
      const data = Object.fromEntries(Object.entries(i).filter(([k, v]) => /Records?$/.test(k) && known(v)));
      checks.push(() => checkRecordData(checkRecordType(i.recordType, resource), data, resource));
    }
    if (known(i.privateZoneName) && known(i.relativeRecordSetName))
      checks.push(() => checkRecordSetName(i.relativeRecordSetName, checkZoneName(i.privateZoneName)));
  }
  const out: EmulatorError[] = [];
  for (const check of checks) {
    try {
      check();
    } catch (e) {
      if (!isEmulatorError(e)) throw e;
      out.push(e);
    }
  }
  return out;
}

/** Zones and vnets the plan refers to without declaring them (existing resources): stand-ins, so that what refers to them can be judged. */
function standIns(steps: Step[]): Step[] {
  // L7: an id under Microsoft.ClassicNetwork names a classic vnet (the kinds' canonical id no longer says so).
  const classic = new Set<string>();
  for (const s of steps) {
    const given = s.of?.inputs.virtualNetwork?.id;
    const parsed = typeof given === "string" ? ids.parseResourceId(given) : undefined;
    if (parsed?.provider.toLowerCase() === "microsoft.classicnetwork") classic.add(ids.vnetId(parsed.resourceGroupName, parsed.name));
  }
  const zones = new Set<string>();
  const vnets = new Set<string>();
  const zoneKey = (a: Inputs) => `${String(a.resourceGroupName).toLowerCase()}/${String(a.privateZoneName).toLowerCase()}`;
  for (const s of steps) {
    if (s.op.op === "createZone") zones.add(zoneKey(s.op.args));
    if (s.op.op === "createVnet") vnets.add(ids.vnetId(s.op.args.resourceGroupName, s.op.args.virtualNetworkName));
  }
  const standInZone = (a: Inputs) => {
    if (zones.has(zoneKey(a))) return;
    zones.add(zoneKey(a));
    const args = kinds.Zone.whatIfArgs(kinds.Zone.normalize({ privateZoneName: a.privateZoneName, resourceGroupName: a.resourceGroupName }));
    if (args) out.push({ op: kinds.Zone.create(args) });
  };
  const out: Step[] = [];
  for (const s of steps) {
    const a = s.op.args as Inputs;
    if (s.op.op === "createLink" || s.op.op === "createRecordSet") standInZone(a);
    // P2: the zones a zone group names by id, existing outside the plan.
    if (s.op.op === "createPrivateDnsZoneGroup" && Array.isArray(a.privateDnsZoneConfigs)) {
      for (const c of a.privateDnsZoneConfigs) {
        const p = typeof c?.privateDnsZoneId === "string" ? ids.parseResourceId(c.privateDnsZoneId) : undefined;
        if (p && p.type.toLowerCase() === "privatednszones") standInZone({ privateZoneName: p.name, resourceGroupName: p.resourceGroupName });
      }
    }
    const vnetRef = (s.op.op === "createLink" || s.op.op === "createVm") ? a.virtualNetwork?.id : undefined;
    const parsed = typeof vnetRef === "string" ? ids.parseResourceId(vnetRef) : undefined;
    if (parsed && parsed.type.toLowerCase() === "virtualnetworks") {
      const id = ids.vnetId(parsed.resourceGroupName, parsed.name);
      if (vnets.has(id)) continue;
      vnets.add(id);
      const args = kinds.Vnet.whatIfArgs(kinds.Vnet.normalize({
        virtualNetworkName: parsed.name, resourceGroupName: parsed.resourceGroupName, addressSpace: UNKNOWN,
        deploymentModel: classic.has(id) ? "Classic" : "ResourceManager",
      }));
      if (args) out.push({ op: kinds.Vnet.create(args) });
    }
  }
  return out;
}

const kindOfOp = (op: Operation): Kind =>
  ({
    createZone: "Zone", createVnet: "Vnet", createLink: "VnetLink", createVm: "Vm", createRecordSet: "RecordSet",
    createResourceGroup: "ResourceGroup", createSubnet: "Subnet", createNetworkInterface: "NetworkInterface", createVirtualMachine: "VirtualMachine",
    createPrivateEndpoint: "PrivateEndpoint", createPrivateDnsZoneGroup: "PrivateDnsZoneGroup",
  } as Record<string, Kind>)[op.op];

/**
 * Judges a whole plan: zones first, then vnets, links, VMs, record sets, each applied to a fresh in-memory
 * emulator. Returns refusals (with the other resource of the plan they conflict with), A3 findings, and
 * what could not be judged.
 */
export function judgePlan(plan: PlanResource[]): Finding[] {
  const { resources, display } = resolvePlan(plan);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (f: Finding) => {
    // A zone name's rules belong to the zone: a link or record set naming a bad zone is the zone's finding.
    if (/^Z[124]$/.test(f.rule) && f.kind !== "Zone") return;
    const key = `${f.urn}|${f.rule}|${f.message}`;
    if (!seen.has(key)) findings.push(f), seen.add(key);
  };

  const declared: Step[] = [];
  for (const r of resources) {
    const { op, normalized } = operationOf(r);
    if (op) declared.push({ op, of: r });
    else add({ rule: "*", urn: r.res.urn, kind: r.kind, subject: describe(r), unjudged: true, inputs: r.inputs, message: [...r.unknown.values()].join(", ") || "inputs unknown at preview" });
    for (const e of fieldRefusals(r.kind, normalized)) add(refusalFinding(r, e, display));
  }
  const all = [...standIns(declared), ...declared];
  const steps = KINDS.flatMap((k) => all.filter((s) => kindOfOp(s.op) === k));

  const emu = Emulator.inMemory();
  const scratch = Emulator.inMemory();
  try {
    const accepted: Step[] = [];
    for (const step of steps) {
      try {
        emu.apply(step.op);
        accepted.push(step);
      } catch (e) {
        if (!isEmulatorError(e)) throw e;
        if (!step.of || isNotFound(e)) continue; // a stand-in, or what follows from another refusal
        // The resource of the plan without which it would be accepted (the latest such).
        const culprit = [...accepted].reverse().find((c) => c.of && c.of !== step.of &&
          !scratch.wouldRefuse(step.op, accepted.filter((o) => o !== c).map((o) => o.op)));
        add(refusalFinding(step.of, e, display, culprit?.of));
      }
    }
    for (const step of accepted) if (step.of?.kind === "Vm" || step.of?.kind === "VirtualMachine") ipv6Finding(emu, step.of, step.op, display, add);
  } finally {
    emu.close();
    scratch.close();
  }
  for (const r of resources) for (const [field, why] of r.unknown) add({ rule: `?${field}`, urn: r.res.urn, kind: r.kind, subject: describe(r), unjudged: true, inputs: r.inputs, message: why });
  return findings;
}

/** A3: a running VM in a registration vnet that the emulator registered nothing for, its primary NIC being IPv6. */
function ipv6Finding(emu: Emulator, r: Resolved, op: Operation, display: Map<string, string>, add: (f: Finding) => void) {
  const a = op.args as Inputs;
  const vm = emu.findVm({ resourceGroupName: a.resourceGroupName, vmName: a.vmName });
  if (!vm || vm.powerState !== "running") return;
  const zone = emu.listLinks({ vnet: vm.virtualNetwork.id }).find((l) => l.registrationEnabled)?.privateZoneName;
  const primary = vm.networkInterfaces.find((n) => n.primary);
  if (!zone || !primary || emu.registeredRecords({ resourceGroupName: vm.resourceGroupName, vmName: vm.name }).length > 0) return;
  if (canonicalIp(primary.privateIPAddress)?.kind !== "ipv6") return;
  add({
    rule: "A3", urn: r.res.urn, kind: r.kind, subject: describe(r),
    message: displayText(`${describe(r)}: (A3): its primary NIC '${primary.name}' has the IPv6 address ${primary.privateIPAddress}: ` +
      `the registration zone '${zone}' of its virtual network gets no record for it (only IPv4 is auto-registered) ` +
      `[field: ${providerField(r, "networkInterfaces")}, value: ${primary.privateIPAddress}]`, display),
  });
}

/** Judges one resource alone (its references stood in for): the rules its own inputs decide. */
export function judgeResource(resource: PlanResource): Finding[] {
  return judgePlan([resource]);
}
