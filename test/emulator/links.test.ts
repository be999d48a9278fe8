import { afterEach, describe, expect, it } from "vitest";
import { cleanup, expectRefusal, fileEmulator, link, vm, vnet, zone } from "../support/helpers";
import { assertInvariants } from "../support/invariants";
import { ids } from "../../dist/provider/emulator";

afterEach(cleanup);

const linkRes = (zoneName: string, name: string, rg = "emulator") => ids.linkId(rg, zoneName, name);
const aNames = (em: ReturnType<typeof fileEmulator>, z: string) =>
  em.listRecordSets({ privateZoneName: z }, { type: "A" }).map((r) => `${r.name}:${(r.aRecords ?? []).map((a) => a.ipv4Address).join(",")}:${r.isAutoRegistered}`);

describe("virtual network links (L)", () => {
  it("L1: a zone is resolvable from a vnet only through a link, of either mode", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    const v1 = vnet(em, "v1");
    const v2 = vnet(em, "v2", ["10.1.0.0/16"]);
    const v3 = vnet(em, "v3", ["10.2.0.0/16"]);
    em.createRecordSet({ privateZoneName: "contoso.com", relativeRecordSetName: "www", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.9.9.9" }] });
    expect(em.resolve(v1.id, "www.contoso.com", "A").rcode).toBe("REFUSED");
    link(em, "contoso.com", "res", v1.id);
    link(em, "contoso.com", "reg", v2.id, { registrationEnabled: true });
    for (const v of [v1, v2]) expect(em.resolve(v.id, "www.contoso.com", "A")).toMatchObject({ rcode: "NOERROR", zone: "contoso.com", answers: [{ data: "10.9.9.9" }] });
    expect(em.resolve(v3.id, "www.contoso.com", "A").rcode).toBe("REFUSED");
    em.deleteLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "res" });
    expect(em.resolve(v1.id, "www.contoso.com", "A").rcode).toBe("REFUSED");
    // A link needs a vnet, an existing one, and an existing zone.
    expectRefusal(em, () => em.createLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "nov", virtualNetwork: undefined as any }),
      { code: "BadRequest", rule: "L1", resource: linkRes("contoso.com", "nov") });
    const ghost = ids.vnetId("emulator", "ghost");
    expectRefusal(em, () => link(em, "contoso.com", "ghost", ghost), { code: "ResourceNotFound", rule: "E", resource: ghost });
    expectRefusal(em, () => link(em, "fabrikam.com", "l", v3.id), { code: "ParentResourceNotFound", rule: "E", value: ids.zoneId("emulator", "fabrikam.com") });
    assertInvariants(em);
  });

  it("L2: a link is a registration link or a resolution link (default false)", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    const v1 = vnet(em, "v1");
    const v2 = vnet(em, "v2", ["10.1.0.0/16"]);
    expect(link(em, "contoso.com", "res", v1.id).registrationEnabled).toBe(false);
    expect(link(em, "contoso.com", "reg", v2.id, { registrationEnabled: true }).registrationEnabled).toBe(true);
    vm(em, "a", v1.id, "10.0.0.4");
    vm(em, "b", v2.id, "10.1.0.4");
    expect(aNames(em, "contoso.com")).toEqual(["b:10.1.0.4:true"]);
    const v3 = vnet(em, "v3", ["10.2.0.0/16"]);
    expectRefusal(em, () => em.createLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "bad", virtualNetwork: { id: v3.id }, registrationEnabled: "yes" as any }),
      { code: "BadRequest", rule: "L2", resource: linkRes("contoso.com", "bad"), value: "yes" });
    expectRefusal(em, () => em.updateLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "res", registrationEnabled: 1 as any }),
      { code: "BadRequest", rule: "L2", value: 1 });
    assertInvariants(em);
  });

  it("L3: a vnet has at most one registration zone", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    zone(em, "fabrikam.com", "other-rg");
    zone(em, "third.net");
    const v = vnet(em, "v1");
    link(em, "contoso.com", "reg", v.id, { registrationEnabled: true });
    const e = expectRefusal(em, () => link(em, "fabrikam.com", "reg", v.id, { registrationEnabled: true, resourceGroupName: "other-rg" }),
      { code: "Conflict", rule: "L3", resource: linkRes("fabrikam.com", "reg", "other-rg"), value: v.id });
    expect(e.detail).toBe('A virtual network can only be linked to 1 Private DNS zone(s) with auto-registration enabled; conflicting Private DNS zone is "contoso.com"');
    // A resolution link to another zone is fine; enabling registration on it is the same conflict.
    link(em, "third.net", "res", v.id);
    const e2 = expectRefusal(em, () => em.updateLink({ privateZoneName: "third.net", virtualNetworkLinkName: "res", registrationEnabled: true }),
      { code: "Conflict", rule: "L3", value: v.id });
    expect(e2.detail).toBe(e.detail);
    expectRefusal(em, () => em.putLink({ privateZoneName: "third.net", virtualNetworkLinkName: "res", virtualNetwork: { id: v.id }, registrationEnabled: true }),
      { code: "Conflict", rule: "L3" });
    // Updating the registration link itself (tags) is not a conflict with itself.
    expect(em.updateLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "reg", registrationEnabled: true, tags: { a: "b" } }).tags).toEqual({ a: "b" });
    // Once the first registration is disabled, another zone may take it.
    em.updateLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "reg", registrationEnabled: false });
    expect(em.updateLink({ privateZoneName: "third.net", virtualNetworkLinkName: "res", registrationEnabled: true }).registrationEnabled).toBe(true);
    expectRefusal(em, () => em.updateLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "reg", registrationEnabled: true }),
      { code: "Conflict", rule: "L3", value: v.id });
    assertInvariants(em);
  });

  it("L4: a zone has at most 1000 links, at most 100 with registration; a vnet is linked to at most 1000 zones (really created)", () => {
    const em = fileEmulator();
    zone(em, "big.com");
    const vnetIds: string[] = [];
    em.store.tx(() => {
      for (let i = 0; i < 1001; i++) vnetIds.push(vnet(em, `v${i}`, [`10.${i >> 8}.${i & 255}.0/24`]).id);
      for (let i = 0; i < 100; i++) link(em, "big.com", `reg${i}`, vnetIds[i], { registrationEnabled: true });
    });
    expect(em.getZone({ privateZoneName: "big.com" }).numberOfVirtualNetworkLinksWithRegistration).toBe(100);
    expectRefusal(em, () => link(em, "big.com", "reg100", vnetIds[100], { registrationEnabled: true }),
      { code: "QuotaExceeded", rule: "L4", resource: linkRes("big.com", "reg100"), value: 100 });
    link(em, "big.com", "res100", vnetIds[100]);
    expectRefusal(em, () => em.updateLink({ privateZoneName: "big.com", virtualNetworkLinkName: "res100", registrationEnabled: true }),
      { code: "QuotaExceeded", rule: "L4", value: 100 });
    em.store.tx(() => {
      for (let i = 101; i < 1000; i++) link(em, "big.com", `res${i}`, vnetIds[i]);
    });
    expect(em.getZone({ privateZoneName: "big.com" })).toMatchObject({ numberOfVirtualNetworkLinks: 1000, numberOfVirtualNetworkLinksWithRegistration: 100 });
    expectRefusal(em, () => link(em, "big.com", "res1000", vnetIds[1000]), { code: "QuotaExceeded", rule: "L4", value: 1000 });
    // One vnet, 1000 zones; the 1001st is refused.
    const hub = vnetIds[1000];
    em.store.tx(() => {
      for (let i = 0; i < 1001; i++) zone(em, `z${i}.hub.net`);
      for (let i = 0; i < 1000; i++) link(em, `z${i}.hub.net`, "hub", hub);
    });
    expect(em.listLinks({ vnet: hub })).toHaveLength(1000);
    expectRefusal(em, () => link(em, "z1000.hub.net", "hub", hub), { code: "QuotaExceeded", rule: "L4", resource: linkRes("z1000.hub.net", "hub"), value: 1000 });
    // Deleting one makes room again.
    em.deleteLink({ privateZoneName: "z0.hub.net", virtualNetworkLinkName: "hub" });
    link(em, "z1000.hub.net", "hub", hub);
    assertInvariants(em);
  });

  it("L5: one link per (zone, vnet), whatever its mode", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    const v = vnet(em, "v1");
    link(em, "contoso.com", "first", v.id);
    for (const registrationEnabled of [false, true]) {
      const e = expectRefusal(em, () => link(em, "contoso.com", `second-${registrationEnabled}`, v.id, { registrationEnabled }),
        { code: "Conflict", rule: "L5", resource: linkRes("contoso.com", `second-${registrationEnabled}`), value: v.id });
      expect(e.detail).toBe(`Private zone 'contoso.com' is already linked to the virtual network '${v.id}'.`);
    }
    // The same vnet named by a differently cased id is the same vnet.
    expectRefusal(em, () => link(em, "Contoso.com", "third", v.id.toUpperCase()), { code: "Conflict", rule: "L5" });
    assertInvariants(em);
  });

  it("L6: link names are unique within a zone, reusable in another; 1-80 chars, allowed characters and ends", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    zone(em, "fabrikam.com");
    const v1 = vnet(em, "v1");
    const v2 = vnet(em, "v2", ["10.1.0.0/16"]);
    link(em, "contoso.com", "shared", v1.id);
    link(em, "fabrikam.com", "shared", v1.id);
    expectRefusal(em, () => link(em, "contoso.com", "SHARED", v2.id), { code: "Conflict", rule: "L6", resource: linkRes("contoso.com", "shared"), value: "shared" });
    const ok = ["a", "9", "a_", "a.b-c_d", "x".repeat(80), "Link.Name_"];
    ok.forEach((name, i) => {
      const vn = vnet(em, `ok${i}`, [`10.${10 + i}.0.0/16`]);
      expect(link(em, "contoso.com", name, vn.id).name).toBe(name.toLowerCase());
    });
    const v3 = vnet(em, "v3", ["10.2.0.0/16"]);
    for (const bad of ["", "_a", ".a", "-a", "a.", "a-", "x".repeat(81), "a b", "a/b", "ä"])
      expectRefusal(em, () => link(em, "contoso.com", bad, v3.id), { code: "BadRequest", rule: "L6", value: bad });
    assertInvariants(em);
  });

  it("L7: links to classic vnets are refused", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    const classic = vnet(em, "old", ["10.0.0.0/16"], { deploymentModel: "Classic" });
    expectRefusal(em, () => link(em, "contoso.com", "l", classic.id), { code: "BadRequest", rule: "L7", resource: linkRes("contoso.com", "l"), value: classic.id });
    expectRefusal(em, () => link(em, "contoso.com", "l", classic.id, { registrationEnabled: true }), { code: "BadRequest", rule: "L7" });
    const arm = vnet(em, "new", ["10.1.0.0/16"]);
    link(em, "contoso.com", "l", arm.id);
    expectRefusal(em, () => em.updateVnet({ virtualNetworkName: "new", addressSpace: { addressPrefixes: ["10.1.0.0/16"] }, deploymentModel: "Classic" }),
      { code: "BadRequest", rule: "L7", value: "Classic" });
    expectRefusal(em, () => vnet(em, "odd", ["10.3.0.0/16"], { deploymentModel: "Weird" as any }), { code: "BadRequest", rule: "L7", value: "Weird" });
    assertInvariants(em);
  });

  it("L8: virtualNetworkLinkState is Completed once the link exists; provisioningState Succeeded", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    const v = vnet(em, "v1");
    const l = link(em, "contoso.com", "l", v.id, { registrationEnabled: true });
    expect(l).toMatchObject({
      id: linkRes("contoso.com", "l"), name: "l", type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks", location: "global",
      virtualNetworkLinkState: "Completed", provisioningState: "Succeeded", virtualNetwork: { id: v.id }, registrationEnabled: true, privateZoneName: "contoso.com",
    });
    expect(em.getLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "l" })).toEqual(l);
    expect(em.updateLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "l", tags: { t: "1" } }).virtualNetworkLinkState).toBe("Completed");
  });

  it("L9: enabling registration backfills the vnet's VMs (subject to L3); disabling removes them", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    zone(em, "other.com");
    const v = vnet(em, "v1");
    const w = vnet(em, "v2", ["10.1.0.0/16"]);
    vm(em, "vm1", v.id, "10.0.0.4");
    vm(em, "vm2", v.id, "10.0.0.5", { computerName: "Web" });
    vm(em, "off", v.id, "10.0.0.6", { powerState: "deallocated" });
    vm(em, "wvm", w.id, "10.1.0.4");
    link(em, "contoso.com", "l", v.id);
    link(em, "contoso.com", "w", w.id, { registrationEnabled: true });
    expect(aNames(em, "contoso.com")).toEqual(["wvm:10.1.0.4:true"]);
    em.updateLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "l", registrationEnabled: true });
    expect(aNames(em, "contoso.com")).toEqual(["vm1:10.0.0.4:true", "web:10.0.0.5:true", "wvm:10.1.0.4:true"]);
    // L3 still applies: another zone cannot take the vnet, and nothing is registered there.
    link(em, "other.com", "l", v.id);
    expectRefusal(em, () => em.updateLink({ privateZoneName: "other.com", virtualNetworkLinkName: "l", registrationEnabled: true }), { code: "Conflict", rule: "L3" });
    expect(aNames(em, "other.com")).toEqual([]);
    em.updateLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "l", registrationEnabled: false });
    expect(aNames(em, "contoso.com")).toEqual(["wvm:10.1.0.4:true"]);
    expect(em.registeredRecords({ vmName: "vm1" })).toEqual([]);
    // Now the other zone may take the vnet, and gets the backfill.
    em.updateLink({ privateZoneName: "other.com", virtualNetworkLinkName: "l", registrationEnabled: true });
    expect(aNames(em, "other.com")).toEqual(["vm1:10.0.0.4:true", "web:10.0.0.5:true"]);
    assertInvariants(em, { resolution: true });
  });

  it("L10: deleting a link removes that vnet's auto-registered records from the zone", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    const v = vnet(em, "v1");
    const w = vnet(em, "v2", ["10.1.0.0/16"]);
    link(em, "contoso.com", "lv", v.id, { registrationEnabled: true });
    link(em, "contoso.com", "lw", w.id, { registrationEnabled: true });
    vm(em, "a", v.id, "10.0.0.4", { computerName: "shared" });
    vm(em, "b", w.id, "10.1.0.4", { computerName: "shared" });
    vm(em, "c", v.id, "10.0.0.5");
    em.createRecordSet({ privateZoneName: "contoso.com", relativeRecordSetName: "user", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.0.0.99" }] });
    expect(aNames(em, "contoso.com")).toEqual(["c:10.0.0.5:true", "shared:10.0.0.4,10.1.0.4:true", "user:10.0.0.99:false"]);
    expect(em.deleteLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "lv" })).toBe(true);
    expect(aNames(em, "contoso.com")).toEqual(["shared:10.1.0.4:true", "user:10.0.0.99:false"]);
    expect(em.resolve(v.id, "c.contoso.com").rcode).toBe("REFUSED");
    expect(em.resolve(v.id, "4.0.0.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
    expect(em.deleteLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "lv" })).toBe(false);
    assertInvariants(em, { resolution: true });
  });

  it("L11: deleting a vnet deletes its links in every zone, its VMs and their records", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    zone(em, "res.net");
    zone(em, "res.net", "rg2");
    const v = vnet(em, "v1");
    const w = vnet(em, "v2", ["10.1.0.0/16"]);
    link(em, "contoso.com", "reg", v.id, { registrationEnabled: true });
    link(em, "res.net", "res", v.id);
    link(em, "contoso.com", "w", w.id, { registrationEnabled: true });
    link(em, "res.net", "w", w.id, { resourceGroupName: "rg2" });
    vm(em, "a", v.id, "10.0.0.4");
    vm(em, "b", w.id, "10.1.0.4");
    expect(em.deleteVnet(v.id)).toBe(true);
    expect(em.listLinks().map((l) => `${l.privateZoneName}/${l.name}`)).toEqual(["contoso.com/w", "res.net/w"]);
    expect(em.listVms().map((x) => x.name)).toEqual(["b"]);
    expect(aNames(em, "contoso.com")).toEqual(["b:10.1.0.4:true"]);
    expect(em.getZone({ privateZoneName: "res.net" }).numberOfVirtualNetworkLinks).toBe(0);
    expect(em.deleteVnet(v.id)).toBe(false);
    // The zone can now be deleted (no links left), and the name can be reused.
    em.deleteZone({ privateZoneName: "res.net" });
    const v1again = vnet(em, "v1");
    expect(em.listLinks({ vnet: v1again.id })).toEqual([]);
    assertInvariants(em, { resolution: true });
  });

  it("L12: resolutionPolicy is Default or NxDomainRedirect; NxDomainRedirect only on privatelink. zones", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    zone(em, "privatelink.blob.core.windows.net");
    const v = vnet(em, "v1");
    expectRefusal(em, () => link(em, "contoso.com", "l", v.id, { resolutionPolicy: "NxDomainRedirect" }),
      { code: "BadRequest", rule: "L12", resource: linkRes("contoso.com", "l"), value: "NxDomainRedirect" });
    expectRefusal(em, () => link(em, "contoso.com", "l", v.id, { resolutionPolicy: "Fallback" as any }), { code: "BadRequest", rule: "L12", value: "Fallback" });
    expect(link(em, "contoso.com", "l", v.id, { resolutionPolicy: "Default" }).resolutionPolicy).toBe("Default");
    expect(link(em, "privatelink.blob.core.windows.net", "l", v.id, { resolutionPolicy: "NxDomainRedirect" }).resolutionPolicy).toBe("NxDomainRedirect");
    expectRefusal(em, () => em.updateLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "l", resolutionPolicy: "NxDomainRedirect" }),
      { code: "BadRequest", rule: "L12", value: "NxDomainRedirect" });
    expect(em.updateLink({ privateZoneName: "privatelink.blob.core.windows.net", virtualNetworkLinkName: "l", resolutionPolicy: "Default" }).resolutionPolicy).toBe("Default");
    assertInvariants(em);
  });

  it("L13: a link's zone and vnet cannot change after creation", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    const v = vnet(em, "v1");
    const w = vnet(em, "v2", ["10.1.0.0/16"]);
    link(em, "contoso.com", "l", v.id, { registrationEnabled: true });
    expectRefusal(em, () => em.updateLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "l", virtualNetwork: { id: w.id } }),
      { code: "BadRequest", rule: "L13", resource: linkRes("contoso.com", "l"), value: w.id });
    expectRefusal(em, () => em.putLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "l", virtualNetwork: { id: w.id }, registrationEnabled: false }),
      { code: "BadRequest", rule: "L13", value: w.id });
    // Naming the same vnet (any case) is not a change.
    expect(em.putLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "l", virtualNetwork: { id: v.id.toUpperCase() }, registrationEnabled: true }).virtualNetwork.id).toBe(v.id);
    // The zone is part of the link's identity: "the same link" in another zone is another link.
    zone(em, "other.com");
    expect(link(em, "other.com", "l", w.id).privateZoneName).toBe("other.com");
    expect(em.getLink({ privateZoneName: "contoso.com", virtualNetworkLinkName: "l" }).virtualNetwork.id).toBe(v.id);
    assertInvariants(em);
  });
});
