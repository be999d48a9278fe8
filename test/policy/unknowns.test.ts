/**
 * Issue 6: plans with values unknown at preview, as the engine sends them (the unknown GUID, and
 * propertyDependencies naming the resource a value comes from). The policies judge what is known, follow
 * references to the resource they come from, and report as advisory what they could not judge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalyzerHost, Diagnostic, PlannedResource, UNKNOWN, urnOf } from "../support/analyzer-host";
import { azureClassic, azureNative, dynamic } from "../support/plans";

let host: AnalyzerHost;
beforeAll(async () => {
  host = await AnalyzerHost.start();
}, 120_000);
afterAll(() => host?.close());

const L3 = "privatedns-l3-one-registration-zone";
const levels = (ds: Diagnostic[]) => ds.map((d) => [d.policyName, d.enforcementLevel, d.urn.split("::").pop()]);
const stripDeps = (r: PlannedResource, keepDependencies: boolean): PlannedResource => ({
  ...r, propertyDependencies: {}, dependencies: keepDependencies ? Object.values(r.propertyDependencies ?? {}).flat() : [],
});

describe("azure-native: a new VirtualNetwork (id unknown) with two registration links to two zones", () => {
  const f = azureNative("privatedns");
  const rg = f.resourceGroup("rg")!;
  const [a, b, hub] = [f.zone("a", "a.internal", rg), f.zone("b", "b.internal", rg), f.vnet("hub", ["10.0.0.0/16"], rg)];
  const first = f.link("link-a", a, hub, { registration: true });
  const second = f.link("link-b", b, hub, { registration: true });
  const plan = [rg, a, b, hub, first, second];

  it("every reference is unknown at preview, as the engine sends it", () => {
    expect(second.props).toMatchObject({ resourceGroupName: UNKNOWN, privateZoneName: UNKNOWN, virtualNetwork: { id: UNKNOWN } });
    expect(second.propertyDependencies).toEqual({ privateZoneName: [b.urn], virtualNetwork: [hub.urn], resourceGroupName: [rg.urn] });
  });

  it("Analyze per resource cannot see the conflict and does not guess", async () => {
    expect(await host.analyzeEach(plan)).toEqual([]);
  });

  it("AnalyzeStack catches L3 through propertyDependencies, with Azure's message", async () => {
    const ds = await host.analyzeStack(plan);
    expect(levels(ds)).toEqual([[L3, "mandatory", "link-b"]]);
    expect(ds[0].message).toBe(
      "L3 (docs/SPEC.md): A virtual network has at most one registration zone: a second link with registrationEnabled for the same vnet is refused.\n" +
      "azure-native:privatedns:VirtualNetworkLink 'link-b': Conflict (L3): A virtual network can only be linked to 1 Private DNS zone(s) " +
      "with auto-registration enabled; conflicting Private DNS zone is \"a.internal\" " +
      "[field: registrationEnabled, value: <id of azure-native:network:VirtualNetwork 'hub'>; together with urn:pulumi:dev::proj::azure-native:privatedns:VirtualNetworkLink::link-a, declared in this program]");
  });

  it("with only `dependencies` (no propertyDependencies) the vnet is still found", async () => {
    expect(levels(await host.analyzeStack(plan.map((r) => stripDeps(r, true))))).toEqual([[L3, "mandatory", "link-b"]]);
  });

  it("with no dependency information the links cannot be judged: advisory, never mandatory", async () => {
    const ds = await host.analyzeStack(plan.map((r) => stripDeps(r, false)));
    expect(ds.filter((d) => d.enforcementLevel === "mandatory")).toEqual([]);
    const l3 = ds.filter((d) => d.policyName === L3);
    expect(levels(l3)).toEqual([[L3, "advisory", "link-a"], [L3, "advisory", "link-b"]]);
    expect(l3[1].message).toBe(
      "privatedns-l3-one-registration-zone: could not judge azure-native:privatedns:VirtualNetworkLink 'link-b': virtualNetwork.id unknown at preview");
  });

  it("what cannot matter is not reported: a resolution link is never in an L3 conflict, a Default policy never breaks L12", async () => {
    const quiet = f.link("quiet", a, hub, { registration: false, resolutionPolicy: "Default" });
    const ds = await host.analyzeStack([rg, a, hub, stripDeps(quiet, false)]);
    expect(ds.filter((d) => d.policyName === L3 || d.policyName === "privatedns-l12-resolution-policy")).toEqual([]);
    expect(ds.every((d) => d.enforcementLevel === "advisory")).toBe(true);
  });

  it("an unknown registrationEnabled is not judged (advisory), the other link alone breaks nothing", async () => {
    const maybe = { ...second, props: { ...second.props, registrationEnabled: UNKNOWN } };
    const ds = await host.analyzeStack([rg, a, b, hub, first, maybe]);
    expect(levels(ds)).toEqual([[L3, "advisory", "link-b"], ["privatedns-l4-link-limits", "advisory", "link-b"]]);
    expect(ds[0].message).toContain("could not judge azure-native:privatedns:VirtualNetworkLink 'link-b': registrationEnabled unknown at preview");
  });

  it("an auto-named zone (no privateZoneName) is judged as unknown: its name rules advisory, L3 still judged", async () => {
    const unnamed = f.zone("b", undefined, rg);
    const ds = await host.preview([rg, a, unnamed, hub, first, second]);
    expect(levels(ds)).toEqual([
      ["privatedns-z1-zone-name-labels", "advisory", "b"],
      ["privatedns-z2-zone-name-characters", "advisory", "b"],
      ["privatedns-z4-reserved-zone-names", "advisory", "b"],
      ["privatedns-z6-unique-zone-names", "advisory", "b"],
      [L3, "mandatory", "link-b"],
    ]);
    expect(ds[0].message).toContain("could not judge azure-native:privatedns:PrivateZone 'b': privateZoneName unknown at preview");
  });

  it("a zone in another, auto-named resource group stays a different zone (same name, different groups: Z6 across the vnet)", async () => {
    const rg2 = f.resourceGroup("rg2")!;
    const twin = f.zone("twin", "a.internal", rg2);
    const twinLink = f.link("link-twin", twin, hub);
    const ds = await host.analyzeStack([rg, rg2, a, twin, hub, first, twinLink]);
    expect(levels(ds)).toEqual([["privatedns-z6-unique-zone-names", "mandatory", "link-twin"]]);
  });
});

describe("other families at preview", () => {
  it("classic azure: virtualNetworkId unknown, resolved through propertyDependencies", async () => {
    const f = azureClassic;
    const rg = f.resourceGroup("rg")!;
    const [a, b, hub] = [f.zone("a", "a.internal", rg), f.zone("b", "b.internal", rg), f.vnet("hub", ["10.0.0.0/16"], rg)];
    const second = f.link("link-b", b, hub, { registration: true });
    expect(second.props.virtualNetworkId).toBe(UNKNOWN);
    const ds = await host.analyzeStack([rg, a, b, hub, f.link("link-a", a, hub, { registration: true }), second]);
    expect(levels(ds)).toEqual([[L3, "mandatory", "link-b"]]);
    expect(ds[0].message).toContain("<id of azure:network/virtualNetwork:VirtualNetwork 'hub'>");
  });

  it("emulator dynamic: `__virtualNetworkId` judges the link even without dependency information", async () => {
    const f = dynamic;
    const [a, b, hub] = [f.zone("a", "a.internal"), f.zone("b", "b.internal"), f.vnet("hub", ["10.0.0.0/16"])];
    const plan = [a, b, hub, f.link("link-a", a, hub, { registration: true }), f.link("link-b", b, hub, { registration: true })];
    const ds = await host.analyzeStack(plan.map((r) => stripDeps(r, false)));
    expect(levels(ds)).toEqual([[L3, "mandatory", "link-b"]]);
    expect(ds[0].message).toContain("[field: registrationEnabled, value: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.Network/virtualNetworks/hub;");
  });

  it("unknown record data: what is known is judged, the rest is advisory", async () => {
    const f = azureNative("network");
    const rg = f.resourceGroup("rg")!;
    const corp = f.zone("corp", "corp.internal", rg);
    const ttl = f.aRecord("ttl", corp, "www", ["10.0.0.4"]);
    ttl.props.ttl = UNKNOWN;
    const ips = f.aRecord("ips", corp, "api", ["10.0.0.5"], 0);
    ips.props.aRecords = [{ ipv4Address: UNKNOWN }];
    const ds = await host.preview([rg, corp, ttl, ips]);
    expect(levels(ds.filter((d) => d.policyName === "privatedns-r2-record-ttl"))).toEqual([
      ["privatedns-r2-record-ttl", "advisory", "ttl"], ["privatedns-r2-record-ttl", "mandatory", "ips"],
    ]);
    expect(ds.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName)).toEqual(["privatedns-r2-record-ttl"]);
  });

  it("resources of other types are not the pack's business", async () => {
    const other = { type: "aws:s3/bucket:Bucket", name: "b", urn: urnOf("aws:s3/bucket:Bucket", "b"), props: { bucket: UNKNOWN } };
    expect(await host.preview([other])).toEqual([]);
  });
});
