/**
 * Issue 6: the pack as the engine sees it (GetAnalyzerInfo: one policy per rule, its level and type) and
 * enforcement levels changed through standard policy config (`--policy-pack-config`, sent as Configure).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AnalyzerHost, Diagnostic, PlannedResource } from "../support/analyzer-host";
import { azureNative, dynamic, dynamicVm } from "../support/plans";

let host: AnalyzerHost;
beforeAll(async () => {
  host = await AnalyzerHost.start();
}, 120_000);
afterEach(() => host.configure({}));
afterAll(() => host?.close());

const L3 = "privatedns-l3-one-registration-zone";
const A3 = "privatedns-a3-ipv4-only-registration";
const levels = (ds: Diagnostic[]) => ds.map((d) => [d.policyName, d.enforcementLevel, d.urn.split("::").pop()]);

/** azure-native: two registration links of one new vnet (L3), and an auto-named zone (advisories for its name rules). */
function l3Plan(): PlannedResource[] {
  const f = azureNative("privatedns");
  const rg = f.resourceGroup("rg")!;
  const [a, b, hub] = [f.zone("a", "a.internal", rg), f.zone("b", "b.internal", rg), f.vnet("hub", ["10.0.0.0/16"], rg)];
  return [rg, a, b, hub, f.link("link-a", a, hub, { registration: true }), f.link("link-b", b, hub, { registration: true })];
}

function a3Plan(): PlannedResource[] {
  const corp = dynamic.zone("corp", "corp.internal");
  const v6 = dynamic.vnet("v6", ["fd00::/64"]);
  return [corp, v6, dynamic.link("v6-link", corp, v6, { registration: true }), dynamicVm("six", v6, [{ name: "nic0", privateIPAddress: "fd00::4" }])];
}

describe("the pack through GetAnalyzerInfo", () => {
  it("one policy per rule id, described by the rule, mandatory except A3; resource and stack policies", async () => {
    const info = await host.info();
    expect(info.name).toBe("privatedns-rules");
    expect(info.version).toBe("0.1.0");
    const ids = info.policies.map((p) => p.name.split("-")[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ["z1", "z2", "z4", "z6", "r2", "r3", "r4", "r5", "l3", "l5", "l6", "l7", "l12", "a2", "a3", "a9"]) expect(ids).toContain(id);
    for (const p of info.policies) {
      expect(p.name).toMatch(/^privatedns-[a-z]\d*-[a-z0-9-]+$/);
      expect(p.description).toMatch(new RegExp(`^${p.name.split("-")[1].toUpperCase()} \\(docs/SPEC.md\\): `));
      expect(p.enforcementLevel).toBe(p.name === A3 ? "advisory" : "mandatory");
      expect(p.configSchema).toMatchObject({ reportUnjudged: { type: "boolean", default: true } });
    }
    const type = Object.fromEntries(info.policies.map((p) => [p.name.split("-")[1], p.type]));
    for (const id of ["z1", "z2", "z4", "r2", "r5", "a2"]) expect(type[id]).toBe("resource");
    for (const id of ["l3", "l5", "l6", "z6", "a9", "r3", "r4", "l7", "l12"]) expect(type[id]).toBe("stack");
  });
});

describe("enforcement levels through policy config", () => {
  it("default: L3 mandatory, A3 advisory", async () => {
    expect(levels(await host.analyzeStack(l3Plan()))).toEqual([[L3, "mandatory", "link-b"]]);
    expect(levels(await host.analyzeStack(a3Plan()))).toEqual([[A3, "advisory", "six"]]);
  });

  it("a policy made advisory reports its violation as advisory", async () => {
    await host.configure({ [L3]: "advisory" });
    expect(levels(await host.analyzeStack(l3Plan()))).toEqual([[L3, "advisory", "link-b"]]);
  });

  it("a policy made mandatory (object form) and one disabled", async () => {
    await host.configure({ [A3]: { enforcementLevel: "mandatory" }, [L3]: "disabled" });
    expect(levels(await host.analyzeStack(a3Plan()))).toEqual([[A3, "mandatory", "six"]]);
    expect(await host.analyzeStack(l3Plan())).toEqual([]);
  });

  it("`all` sets every policy, a policy's own entry wins", async () => {
    await host.configure({ all: "disabled", [L3]: "mandatory" });
    const f = azureNative("privatedns");
    const bad = f.zone("bad", "contoso", undefined);
    expect(levels(await host.preview([...l3Plan(), bad]))).toEqual([[L3, "mandatory", "link-b"]]);
  });

  it("reportUnjudged: false silences what could not be judged, never a violation", async () => {
    const plan = l3Plan().map((r) => ({ ...r, propertyDependencies: {}, dependencies: [] }));
    expect((await host.analyzeStack(plan)).some((d) => d.enforcementLevel === "advisory" && d.policyName === L3)).toBe(true);
    await host.configure({ [L3]: { reportUnjudged: false } });
    expect((await host.analyzeStack(plan)).filter((d) => d.policyName === L3)).toEqual([]);
    expect(levels(await host.analyzeStack(l3Plan()))).toEqual([[L3, "mandatory", "link-b"]]);
  });
});
