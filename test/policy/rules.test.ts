/**
 * Issue 6: every rule policy, violated and passed, for each resource family (emulator dynamic, azure-native
 * with privatedns and older network tokens, classic azure), sent through the real analyzer host
 * (cmd/run-policy-pack) as the engine sends them at preview: Analyze per resource, then AnalyzeStack.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalyzerHost, Diagnostic, PlannedResource, policyName, mandatory } from "../support/analyzer-host";
import { dynamic, dynamicVm, FAMILIES, Family, planOf } from "../support/plans";

let host: AnalyzerHost;
beforeAll(async () => {
  host = await AnalyzerHost.start();
}, 120_000);
afterAll(() => host?.close());

const P = policyName;
const of = (ds: Diagnostic[], policy: string) => ds.filter((d) => d.policyName === policy);

/** The mandatory violations of a plan, after checking that each names a resource of the plan. */
async function violations(plan: PlannedResource[]) {
  const ds = await host.preview(plan);
  for (const d of ds) expect(plan.map((r) => r.urn)).toContain(d.urn);
  return mandatory(ds);
}

/** A refused input as the family's provider names it in a violation's `[field: …]` (classic azure renames). */
const CLASSIC_NAMES: Record<string, string> = { privateZoneName: "name", aRecords: "records", "virtualNetwork.id": "virtualNetworkId" };
const fieldIn = (f: Family, input: string) => (f.label === "classic azure" ? CLASSIC_NAMES[input] : input);

describe.each(FAMILIES)("rules on $label resources", (f: Family) => {
  const rg = f.resourceGroup("rg");
  const zone = (logical: string, name: string | undefined = `${logical}.internal`) => f.zone(logical, name, rg);
  const vnet = (logical: string, prefix = "10.0.0.0/16") => f.vnet(logical, [prefix], rg);

  it("a valid plan passes every policy, with nothing left unjudged", async () => {
    const corp = zone("corp");
    const hub = vnet("hub");
    const spoke = vnet("spoke", "10.1.0.0/16");
    const plan = planOf(rg, corp, hub, spoke,
      f.link("hub-link", corp, hub, { registration: true }), f.link("spoke-link", corp, spoke),
      f.aRecord("www", corp, "www", ["10.0.0.4"]),
      f.cname?.("app", corp, "app", "www.corp.internal"), f.txt?.("spf", corp, "@", ["v=spf1 -all"]));
    expect(await host.preview(plan)).toEqual([]);
  });

  it("Z1: a single-label zone name is refused", async () => {
    const bad = zone("bad", "contoso");
    const ds = await violations(planOf(rg, bad));
    expect(ds.map((d) => d.policyName)).toEqual([P("z1", "zone-name-labels")]);
    expect(ds[0].urn).toBe(bad.urn);
    expect(ds[0].message).toContain(`BadRequest (Z1): Single-label private DNS zones aren't supported: 'contoso' needs two or more labels. [field: ${fieldIn(f, "privateZoneName")}, value: contoso]`);
  });

  it("Z2: zone name labels of letters, digits, '-' and '_' only", async () => {
    const ds = await violations(planOf(rg, zone("bad", "corp!.internal")));
    expect(ds.map((d) => d.policyName)).toEqual([P("z2", "zone-name-characters")]);
    expect(ds[0].message).toContain("The label 'corp!' of zone name 'corp!.internal' is invalid");
  });

  it("Z4: reserved names are refused, their subdomains are fine", async () => {
    const ds = await violations(planOf(rg, zone("reserved", "azure.com"), zone("blob", "privatelink.blob.core.windows.net")));
    expect(ds.map((d) => d.policyName)).toEqual([P("z4", "reserved-zone-names")]);
    expect(ds[0].message).toContain("'azure.com' is reserved by Azure");
  });

  it("Z6: one zone name per resource group", async () => {
    const second = zone("again", "corp.internal");
    const ds = await violations(planOf(rg, zone("corp"), second));
    expect(ds.map((d) => d.policyName)).toEqual([P("z6", "unique-zone-names")]);
    expect(ds[0].urn).toBe(second.urn);
    expect(ds[0].message).toContain("Conflict (Z6): The Zone corp.internal exists already");
  });

  it("R2: a TTL of 0 is refused", async () => {
    const corp = zone("corp");
    const ds = await violations(planOf(rg, corp, f.aRecord("www", corp, "www", ["10.0.0.4"], 0)));
    expect(ds.map((d) => d.policyName)).toEqual([P("r2", "record-ttl")]);
    expect(ds[0].message).toContain("BadRequest (R2): The TTL '0' is invalid");
  });

  it("R3: at most 20 records per record set", async () => {
    const corp = zone("corp");
    const ips = Array.from({ length: 21 }, (_, i) => `10.0.0.${i + 1}`);
    const ds = await violations(planOf(rg, corp, f.aRecord("many", corp, "many", ips), f.aRecord("twenty", corp, "twenty", ips.slice(0, 20))));
    expect(ds.map((d) => d.policyName)).toEqual([P("r3", "record-limits")]);
    expect(ds[0].message).toMatch(/QuotaExceeded \(R3\)/);
    expect(ds[0].message).toContain(`[field: ${fieldIn(f, "aRecords")}, value: 21]`);
  });

  it.runIf(f.cname)("R4: a CNAME cannot share its name with another record set", async () => {
    const corp = zone("corp");
    const www = f.cname!("www-alias", corp, "www", "web.corp.internal");
    const ds = await violations(planOf(rg, corp, f.aRecord("www", corp, "www", ["10.0.0.4"]), www, f.cname!("ok", corp, "ok", "web.corp.internal")));
    expect(ds.map((d) => d.policyName)).toEqual([P("r4", "cname-stands-alone")]);
    expect(ds[0].urn).toBe(www.urn);
    expect(ds[0].message).toContain("A CNAME record set cannot coexist with other record sets: 'www' already has a A record set in zone 'corp.internal'");
  });

  // The classic provider's TXT record is not mapped (only ARecord and CnameRecord are): no R5 case for it.
  if (f.txt) it("R5: a TXT string is at most 255 characters", async () => {
    const corp = zone("corp");
    const ds = await violations(planOf(rg, corp, f.txt!("long", corp, "long", ["x".repeat(256)]), f.txt!("ok", corp, "ok", ["x".repeat(255)])));
    expect(ds.map((d) => d.policyName)).toEqual([P("r5", "txt-sizes")]);
    expect(ds[0].message).toContain("A TXT string is at most 255 characters; one has 256.");
  });

  it("L3: a second registration zone for one vnet is refused, with Azure's message and the other link", async () => {
    const [a, b, hub] = [zone("a"), zone("b"), vnet("hub")];
    const first = f.link("link-a", a, hub, { registration: true });
    const second = f.link("link-b", b, hub, { registration: true });
    const ds = await violations(planOf(rg, a, b, hub, first, second));
    expect(ds.map((d) => d.policyName)).toEqual([P("l3", "one-registration-zone")]);
    expect(ds[0].urn).toBe(second.urn);
    expect(ds[0].message).toContain(
      `${second.type} 'link-b': Conflict (L3): A virtual network can only be linked to 1 Private DNS zone(s) with auto-registration enabled; ` +
      `conflicting Private DNS zone is "a.internal"`);
    expect(ds[0].message).toContain(`together with ${first.urn}, declared in this program`);
  });

  it("L3: one registration zone and any number of resolution zones pass", async () => {
    const [a, b, c, hub] = [zone("a"), zone("b"), zone("c"), vnet("hub")];
    expect(await violations(planOf(rg, a, b, c, hub, f.link("link-a", a, hub, { registration: true }),
      f.link("link-b", b, hub), f.link("link-c", c, hub, { registration: false })))).toEqual([]);
  });

  it("L5: one link per (zone, vnet), whatever its mode", async () => {
    const [corp, hub] = [zone("corp"), vnet("hub")];
    const twice = f.link("again", corp, hub);
    const ds = await violations(planOf(rg, corp, hub, f.link("once", corp, hub, { registration: true }), twice));
    expect(ds.map((d) => d.policyName)).toEqual([P("l5", "one-link-per-zone-and-vnet")]);
    expect(ds[0].urn).toBe(twice.urn);
    expect(ds[0].message).toContain("Conflict (L5): Private zone 'corp.internal' is already linked to the virtual network");
  });

  it("L6: link names are unique within a zone and well formed; the same name in another zone is fine", async () => {
    const [corp, other, hub, spoke] = [zone("corp"), zone("other"), vnet("hub"), vnet("spoke", "10.1.0.0/16")];
    const dup = f.link("dup", corp, spoke, { name: "shared" });
    const bad = f.link("bad", other, spoke, { name: "-bad" });
    const ds = await violations(planOf(rg, corp, other, hub, spoke, f.link("first", corp, hub, { name: "shared" }),
      f.link("elsewhere", other, hub, { name: "shared" }), dup, bad));
    expect(ds.map((d) => [d.policyName, d.urn]).sort()).toEqual([[P("l6", "link-names"), bad.urn], [P("l6", "link-names"), dup.urn]].sort());
    expect(ds.find((d) => d.urn === dup.urn)!.message).toContain("The Virtual Network link shared for the Private DNS zone corp.internal exists already");
    expect(ds.find((d) => d.urn === bad.urn)!.message).toContain("The link name '-bad' is invalid");
  });

  it("L7: a link to a classic virtual network is refused", async () => {
    const corp = zone("corp");
    const classicId = f.existingVnetId("old", true);
    const link = f.link("to-classic", corp, classicId);
    const ds = await violations(planOf(rg, corp, link, f.link("to-arm", corp, f.existingVnetId("new"))));
    expect(ds.map((d) => d.policyName)).toEqual([P("l7", "no-classic-vnets")]);
    expect(ds[0].urn).toBe(link.urn);
    expect(ds[0].message).toContain(`[field: ${fieldIn(f, "virtualNetwork.id")}, value: ${classicId}]`);
  });

  it("L12: NxDomainRedirect only on privatelink zones", async () => {
    const [corp, blob, hub] = [zone("corp"), zone("blob", "privatelink.blob.core.windows.net"), vnet("hub")];
    const redirect = f.link("redirect", corp, hub, { resolutionPolicy: "NxDomainRedirect" });
    const ds = await violations(planOf(rg, corp, blob, hub, redirect, f.link("ok", blob, hub, { resolutionPolicy: "NxDomainRedirect" })));
    expect(ds.map((d) => d.policyName)).toEqual([P("l12", "resolution-policy")]);
    expect(ds[0].urn).toBe(redirect.urn);
    expect(ds[0].message).toContain("NxDomainRedirect is accepted only on privatelink zones, not on 'corp.internal'");
  });

  it("A9: a vnet address prefix must be a CIDR prefix", async () => {
    const bad = vnet("bad", "10.0.0.0/33");
    const ds = await violations(planOf(rg, bad, vnet("good")));
    expect(ds.map((d) => d.policyName)).toEqual([P("a9", "nic-addresses")]);
    expect(ds[0].urn).toBe(bad.urn);
    expect(ds[0].message).toContain("The address prefix '10.0.0.0/33' is not a CIDR prefix.");
  });
});

describe("rules only the emulator's own VMs and vnets express", () => {
  const hub = dynamic.vnet("hub", ["10.0.0.0/16"]);
  const corp = dynamic.zone("corp", "corp.internal");
  const reg = dynamic.link("hub-link", corp, hub, { registration: true });

  it("A2: exactly one primary NIC", async () => {
    const vm = dynamicVm("web", hub, [{ name: "a", privateIPAddress: "10.0.0.4" }, { name: "b", privateIPAddress: "10.0.0.5" }]);
    const ok = dynamicVm("api", hub, [{ name: "a", privateIPAddress: "10.0.0.6", primary: true }, { name: "b", privateIPAddress: "10.0.0.7" }]);
    const ds = await violations([hub, vm, ok]);
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("a2", "one-primary-nic"), vm.urn]]);
    expect(ds[0].message).toContain("Exactly one NIC must be primary; 0 of 2 are.");
  });

  it("A3: an IPv6 primary NIC in a registration vnet gets no record (advisory by default)", async () => {
    const v6 = dynamic.vnet("v6", ["10.0.0.0/16", "fd00::/64"]);
    const link = dynamic.link("v6-link", corp, v6, { registration: true });
    const vm = dynamicVm("six", v6, [{ name: "nic0", privateIPAddress: "fd00::4" }]);
    const ds = await host.preview([corp, v6, link, vm, dynamicVm("four", v6, [{ name: "nic0", privateIPAddress: "10.0.0.4" }])]);
    expect(ds.map((d) => [d.policyName, d.enforcementLevel, d.urn])).toEqual([[P("a3", "ipv4-only-registration"), "advisory", vm.urn]]);
    expect(ds[0].message).toContain("the registration zone 'corp.internal' of its virtual network gets no record for it");
  });

  it("A9: NIC addresses inside the vnet, and not shared within it", async () => {
    const outside = dynamicVm("outside", hub, [{ name: "nic0", privateIPAddress: "10.9.0.4" }]);
    const shared = dynamicVm("shared", hub, [{ name: "nic0", privateIPAddress: "10.0.0.4" }]);
    const first = dynamicVm("first", hub, [{ name: "nic0", privateIPAddress: "10.0.0.4" }]);
    const ds = await violations([corp, hub, reg, first, outside, shared]);
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("a9", "nic-addresses"), outside.urn], [P("a9", "nic-addresses"), shared.urn]]);
    expect(ds[0].message).toContain("10.9.0.4 is outside the address space");
    expect(ds[1].message).toContain(`The address 10.0.0.4 is already used in this virtual network`);
    expect(ds[1].message).toContain(`together with ${first.urn}`);
  });

  it("A4, A6: host names are DNS labels; power states are running or deallocated", async () => {
    const badHost = dynamicVm("web", hub, [{ name: "nic0", privateIPAddress: "10.0.0.4" }], { computerName: "web_01" });
    const badState = dynamicVm("api", hub, [{ name: "nic0", privateIPAddress: "10.0.0.5" }], { powerState: "stopped" });
    const ds = await violations([hub, badHost, badState]);
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("a4", "host-names"), badHost.urn], [P("a6", "power-state"), badState.urn]]);
  });

  it("L7: a declared classic vnet cannot be linked", async () => {
    const classic = dynamic.vnet("classic", ["10.5.0.0/16"]);
    classic.props.deploymentModel = "Classic";
    const link = dynamic.link("to-classic", corp, classic);
    const ds = await violations([corp, classic, link]);
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("l7", "no-classic-vnets"), link.urn]]);
  });

  it("Z5, R1: no user SOA or NS record sets; data must fit the type", async () => {
    const ns = { ...dynamic.aRecord("ns", corp, "sub", []), name: "ns" };
    ns.props = { ...ns.props, recordType: "NS", aRecords: undefined };
    ns.urn = ns.urn!.replace("::www", "::ns");
    const wrong = dynamic.aRecord("wrong", corp, "wrong", ["fd00::1"]);
    const ds = await violations([corp, ns, wrong]);
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("z5", "no-user-soa-or-ns"), ns.urn], [P("r1", "record-types-and-names"), wrong.urn]]);
  });

  it("E: two vnets of one name in one resource group", async () => {
    const again = { ...dynamic.vnet("hub-again", ["10.1.0.0/16"]) };
    again.props = { ...again.props, virtualNetworkName: "hub" };
    const ds = await violations([hub, again]);
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("e", "other-refusals"), again.urn]]);
    expect(ds[0].message).toContain("The virtual network 'hub' exists already in resource group 'emulator'.");
  });
});

describe("rules across resource groups (azure-native and classic)", () => {
  it.each(FAMILIES.filter((f) => f.resourceGroup("x")))("Z6 on $label: one vnet linked to two zones of one name in two resource groups", async (f) => {
    const [rg1, rg2] = [f.resourceGroup("rg1")!, f.resourceGroup("rg2")!];
    const [z1, z2, hub] = [f.zone("z1", "corp.internal", rg1), f.zone("z2", "corp.internal", rg2), f.vnet("hub", ["10.0.0.0/16"], rg1)];
    const second = f.link("l2", z2, hub);
    const ds = await violations([rg1, rg2, z1, z2, hub, f.link("l1", z1, hub), second]);
    expect(ds.map((d) => [d.policyName, d.urn])).toEqual([[P("z6", "unique-zone-names"), second.urn]]);
    expect(ds[0].message).toContain("A virtual network cannot be linked to multiple zones with overlapping namespaces.");
  });
});
