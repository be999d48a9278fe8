import { afterEach, describe, expect, it } from "vitest";
import { cleanup, expectRefusal, fileEmulator, link, vm, vnet, zone } from "../support/helpers";
import { assertInvariants } from "../support/invariants";
import { Emulator, RecordSetArgs } from "../../dist/provider/emulator";

afterEach(cleanup);

const put = (em: Emulator, z: string, name: string, type: RecordSetArgs["recordType"], data: Partial<RecordSetArgs> = {}, ttl = 60) =>
  em.createRecordSet({ privateZoneName: z, relativeRecordSetName: name, recordType: type, ttl, ...data });
const A = (ip: string) => ({ aRecords: [{ ipv4Address: ip }] });
const CNAME = (cname: string) => ({ cnameRecord: { cname } });
const datas = (r: { answers: { data: unknown }[] }) => r.answers.map((a) => a.data);
const SOA = {
  name: "contoso.com", ttl: 3600, type: "SOA",
  data: { mname: "azureprivatedns.net", rname: "azureprivatedns-host.microsoft.com", serial: 1, refresh: 3600, retry: 300, expire: 2419200, minimum: 10 },
};

describe("resolution (Q)", () => {
  it("Q1: only zones linked to the vnet are visible; a name under no linked zone is REFUSED", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    zone(em, "fabrikam.com");
    const v = vnet(em, "v1");
    put(em, "contoso.com", "www", "A", A("10.0.0.1"));
    put(em, "fabrikam.com", "www", "A", A("10.0.0.2"));
    link(em, "contoso.com", "l", v.id);
    expect(em.resolve(v.id, "www.contoso.com", "A")).toEqual({ rcode: "NOERROR", zone: "contoso.com", answers: [{ name: "www.contoso.com", ttl: 60, type: "A", data: "10.0.0.1" }], authority: [] });
    expect(em.resolve(v.id, "www.fabrikam.com", "A")).toEqual({ rcode: "REFUSED", answers: [], authority: [] });
    expect(em.resolve(v.id, "www.bing.com", "A").rcode).toBe("REFUSED");
    expect(em.resolve(v.id, "com", "A").rcode).toBe("REFUSED");
    expect(em.resolve({ virtualNetworkName: "V1" }, "WWW.Contoso.Com.", "a").answers[0].data).toBe("10.0.0.1");
    // Any query type may be asked; one a private zone never holds (NS, Z5) is NODATA; a non-type is refused.
    expect(em.resolve(v.id, "contoso.com", "NS")).toMatchObject({ rcode: "NOERROR", answers: [], authority: [{ type: "SOA" }] });
    expectRefusal(em, () => em.resolve(v.id, "www.contoso.com", "BO GUS"), { code: "BadRequest", rule: "Q1", value: "BO GUS" });
    expectRefusal(em, () => em.resolve({ virtualNetworkName: "nope" }, "www.contoso.com", "A"), { code: "ResourceNotFound", rule: "E" });
  });

  it("Q2: a missing name under a linked zone is NXDOMAIN with the zone's SOA, unless the link's policy is NxDomainRedirect (REFUSED)", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    zone(em, "privatelink.blob.core.windows.net");
    const v = vnet(em, "v1");
    const w = vnet(em, "v2", ["10.1.0.0/16"]);
    link(em, "contoso.com", "l", v.id);
    link(em, "privatelink.blob.core.windows.net", "redirect", v.id, { resolutionPolicy: "NxDomainRedirect" });
    link(em, "privatelink.blob.core.windows.net", "default", w.id);
    put(em, "contoso.com", "www", "TXT", { txtRecords: [{ value: ["x"] }] });
    put(em, "privatelink.blob.core.windows.net", "acct", "A", A("10.0.0.5"));
    expect(em.resolve(v.id, "nope.contoso.com", "A")).toEqual({ rcode: "NXDOMAIN", zone: "contoso.com", answers: [], authority: [SOA] });
    // NODATA: the name exists, not the type.
    expect(em.resolve(v.id, "www.contoso.com", "A")).toEqual({ rcode: "NOERROR", zone: "contoso.com", answers: [], authority: [SOA] });
    expect(em.resolve(v.id, "contoso.com", "SOA").answers).toEqual([SOA]);
    // NxDomainRedirect: existing names answer; missing ones fall to (emulated) public recursion: REFUSED.
    expect(datas(em.resolve(v.id, "acct.privatelink.blob.core.windows.net", "A"))).toEqual(["10.0.0.5"]);
    expect(em.resolve(v.id, "other.privatelink.blob.core.windows.net", "A").rcode).toBe("REFUSED");
    // The policy is per link: the other vnet gets NXDOMAIN.
    expect(em.resolve(w.id, "other.privatelink.blob.core.windows.net", "A")).toMatchObject({ rcode: "NXDOMAIN", zone: "privatelink.blob.core.windows.net" });
    expect(em.resolve(w.id, "other.privatelink.blob.core.windows.net", "A").authority[0].type).toBe("SOA");
  });

  it("Q3: parent and child zones linked to one vnet: the longest matching zone answers, no fall-through", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    zone(em, "dev.contoso.com");
    const v = vnet(em, "v1");
    const w = vnet(em, "v2", ["10.1.0.0/16"]);
    link(em, "contoso.com", "l", v.id);
    link(em, "dev.contoso.com", "l", v.id);
    link(em, "contoso.com", "l2", w.id);
    put(em, "contoso.com", "api.dev", "A", A("10.0.0.1"));
    put(em, "contoso.com", "www", "A", A("10.0.0.2"));
    put(em, "dev.contoso.com", "web", "A", A("10.0.0.3"));
    expect(em.resolve(v.id, "web.dev.contoso.com", "A")).toMatchObject({ rcode: "NOERROR", zone: "dev.contoso.com", answers: [{ data: "10.0.0.3" }] });
    expect(em.resolve(v.id, "www.contoso.com", "A")).toMatchObject({ rcode: "NOERROR", zone: "contoso.com", answers: [{ data: "10.0.0.2" }] });
    // api.dev exists only in the parent: the child answers NXDOMAIN (no fall-through).
    expect(em.resolve(v.id, "api.dev.contoso.com", "A")).toMatchObject({ rcode: "NXDOMAIN", zone: "dev.contoso.com", answers: [] });
    expect((em.resolve(v.id, "api.dev.contoso.com", "A").authority[0].data as any).mname).toBe("azureprivatedns.net");
    expect(em.resolve(v.id, "api.dev.contoso.com", "A").authority[0].name).toBe("dev.contoso.com");
    // A vnet linked only to the parent sees the parent's record.
    expect(em.resolve(w.id, "api.dev.contoso.com", "A")).toMatchObject({ rcode: "NOERROR", zone: "contoso.com", answers: [{ data: "10.0.0.1" }] });
    expect(em.resolve(w.id, "web.dev.contoso.com", "A")).toMatchObject({ rcode: "NXDOMAIN", zone: "contoso.com" });
    // The child's apex answers from the child.
    expect(em.resolve(v.id, "dev.contoso.com", "SOA")).toMatchObject({ zone: "dev.contoso.com", answers: [{ name: "dev.contoso.com", type: "SOA" }] });
  });

  it("Q4: wildcards answer what they cover unless a closer name exists; CNAMEs are followed within the visible zones", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    zone(em, "fabrikam.com");
    zone(em, "hidden.net");
    const v = vnet(em, "v1");
    link(em, "contoso.com", "l", v.id);
    link(em, "fabrikam.com", "l", v.id);
    put(em, "contoso.com", "*", "A", A("10.0.0.100"));
    put(em, "contoso.com", "*.apps", "A", A("10.0.0.200"));
    put(em, "contoso.com", "www", "TXT", { txtRecords: [{ value: ["hi"] }] });
    put(em, "contoso.com", "db", "A", A("10.0.0.5"));
    put(em, "contoso.com", "x.deep", "A", A("10.0.0.6"));
    // Covered by the apex wildcard, at any depth, with the query name as owner.
    expect(em.resolve(v.id, "anything.contoso.com", "A")).toMatchObject({ rcode: "NOERROR", answers: [{ name: "anything.contoso.com", data: "10.0.0.100" }] });
    expect(datas(em.resolve(v.id, "a.b.c.contoso.com", "A"))).toEqual(["10.0.0.100"]);
    // *.apps covers names under apps; apps itself is an empty non-terminal (NODATA, no wildcard).
    expect(datas(em.resolve(v.id, "one.apps.contoso.com", "A"))).toEqual(["10.0.0.200"]);
    expect(datas(em.resolve(v.id, "two.one.apps.contoso.com", "A"))).toEqual(["10.0.0.200"]);
    expect(em.resolve(v.id, "apps.contoso.com", "A")).toMatchObject({ rcode: "NOERROR", answers: [] });
    // A closer non-wildcard name wins: www exists (TXT only), so A at www is NODATA, not the wildcard.
    expect(em.resolve(v.id, "www.contoso.com", "A")).toMatchObject({ rcode: "NOERROR", answers: [] });
    expect(datas(em.resolve(v.id, "db.contoso.com", "A"))).toEqual(["10.0.0.5"]);
    // Under an existing name without its own wildcard: the closest encloser is db, so NXDOMAIN.
    expect(em.resolve(v.id, "sub.db.contoso.com", "A").rcode).toBe("NXDOMAIN");
    // deep is an empty non-terminal: it exists (NODATA) and blocks the apex wildcard below it.
    expect(em.resolve(v.id, "deep.contoso.com", "A")).toMatchObject({ rcode: "NOERROR", answers: [] });
    expect(em.resolve(v.id, "y.deep.contoso.com", "A").rcode).toBe("NXDOMAIN");
    // The wildcard does not answer the apex, nor a type it lacks.
    expect(em.resolve(v.id, "contoso.com", "A")).toMatchObject({ rcode: "NOERROR", answers: [] });
    expect(em.resolve(v.id, "anything.contoso.com", "TXT")).toMatchObject({ rcode: "NOERROR", answers: [] });

    // CNAME chains across visible zones.
    put(em, "contoso.com", "alias", "CNAME", CNAME("step.fabrikam.com"));
    put(em, "fabrikam.com", "step", "CNAME", CNAME("db.contoso.com"));
    const chain = em.resolve(v.id, "alias.contoso.com", "A");
    expect(chain.rcode).toBe("NOERROR");
    expect(chain.answers.map((a) => `${a.name} ${a.type} ${a.data}`)).toEqual([
      "alias.contoso.com CNAME step.fabrikam.com", "step.fabrikam.com CNAME db.contoso.com", "db.contoso.com A 10.0.0.5",
    ]);
    // Asking for the CNAME itself does not follow it.
    expect(datas(em.resolve(v.id, "alias.contoso.com", "CNAME"))).toEqual(["step.fabrikam.com"]);
    // A wildcard CNAME is followed too.
    put(em, "fabrikam.com", "*.w", "CNAME", CNAME("db.contoso.com"));
    expect(em.resolve(v.id, "q.w.fabrikam.com", "A").answers.map((a) => `${a.name} ${a.type} ${a.data}`))
      .toEqual(["q.w.fabrikam.com CNAME db.contoso.com", "db.contoso.com A 10.0.0.5"]);
    // Into a zone V does not see: the chain stops with the CNAME alone.
    put(em, "hidden.net", "target", "A", A("10.9.9.9"));
    put(em, "contoso.com", "out", "CNAME", CNAME("target.hidden.net"));
    expect(em.resolve(v.id, "out.contoso.com", "A")).toMatchObject({ rcode: "NOERROR", answers: [{ type: "CNAME", data: "target.hidden.net" }] });
    expect(em.resolve(v.id, "out.contoso.com", "A").answers).toHaveLength(1);
    // To a missing name in a visible zone: NXDOMAIN carrying the CNAME and the target zone's SOA.
    put(em, "contoso.com", "dangling", "CNAME", CNAME("gone.fabrikam.com"));
    const dangling = em.resolve(v.id, "dangling.contoso.com", "A");
    expect(dangling.rcode).toBe("NXDOMAIN");
    expect(dangling.answers.map((a) => a.type)).toEqual(["CNAME"]);
    expect(dangling.authority[0]).toMatchObject({ name: "fabrikam.com", type: "SOA" });
    // A CNAME loop terminates.
    put(em, "contoso.com", "loop1", "CNAME", CNAME("loop2.contoso.com"));
    put(em, "contoso.com", "loop2", "CNAME", CNAME("loop1.contoso.com"));
    const loop = em.resolve(v.id, "loop1.contoso.com", "A");
    expect(loop.answers.length).toBeGreaterThan(1);
    expect(loop.answers.length).toBeLessThanOrEqual(10);
    expect(loop.answers.every((a) => a.type === "CNAME")).toBe(true);
    // A VM's record reached through a CNAME.
    link(em, "contoso.com", "reg", vnet(em, "v2", ["10.1.0.0/16"]).id, { registrationEnabled: true });
    vm(em, "app", em.getVnet({ virtualNetworkName: "v2" }).id, "10.1.0.4");
    put(em, "fabrikam.com", "app", "CNAME", CNAME("app.contoso.com"));
    expect(datas(em.resolve(v.id, "app.fabrikam.com", "A"))).toEqual(["app.contoso.com", "10.1.0.4"]);
    assertInvariants(em, { resolution: true });
  });

  it("Q5: PTR for a VM of V answers from A5; other vnets' VMs are NXDOMAIN; a user reverse zone linked to V answers instead", () => {
    const em = fileEmulator();
    zone(em, "contoso.com");
    const v = vnet(em, "v1", ["10.0.0.0/16", "10.5.0.0/16"]);
    const w = vnet(em, "v2", ["10.0.0.0/16"]);
    const x = vnet(em, "v3", ["10.0.0.0/16"]);
    link(em, "contoso.com", "v", v.id, { registrationEnabled: true });
    link(em, "contoso.com", "w", w.id, { registrationEnabled: true });
    vm(em, "inv", v.id, "10.0.0.4");
    vm(em, "inw", w.id, "10.0.0.5");
    vm(em, "twin", w.id, "10.0.0.4", { computerName: "twin" }); // same IP as inv, other vnet
    expect(em.resolve(v.id, "4.0.0.10.in-addr.arpa", "PTR")).toEqual({ rcode: "NOERROR", answers: [{ name: "4.0.0.10.in-addr.arpa", ttl: 10, type: "PTR", data: "inv.contoso.com" }], authority: [] });
    expect(datas(em.resolve(w.id, "4.0.0.10.in-addr.arpa", "PTR"))).toEqual(["twin.contoso.com"]);
    expect(em.resolve(v.id, "5.0.0.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
    expect(em.resolve(x.id, "4.0.0.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
    expect(em.resolve(v.id, "9.0.0.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
    // A user reverse zone linked to V answers instead, and the auto PTRs are not consulted there.
    zone(em, "0.10.in-addr.arpa");
    put(em, "0.10.in-addr.arpa", "5.0", "PTR", { ptrRecords: [{ ptrdname: "custom.contoso.com" }] });
    link(em, "0.10.in-addr.arpa", "v", v.id);
    expect(em.resolve(v.id, "5.0.0.10.in-addr.arpa", "PTR")).toMatchObject({ rcode: "NOERROR", zone: "0.10.in-addr.arpa", answers: [{ data: "custom.contoso.com" }] });
    const own = em.resolve(v.id, "4.0.0.10.in-addr.arpa", "PTR");
    expect(own).toMatchObject({ rcode: "NXDOMAIN", zone: "0.10.in-addr.arpa", answers: [] });
    expect(own.authority[0]).toMatchObject({ name: "0.10.in-addr.arpa", type: "SOA" });
    // Outside the user zone, V's auto PTRs still answer; other vnets are unaffected by V's link.
    vm(em, "far", v.id, "10.5.0.7");
    expect(datas(em.resolve(v.id, "7.0.5.10.in-addr.arpa", "PTR"))).toEqual(["far.contoso.com"]);
    // Inside it, even a new VM's auto PTR is not consulted.
    vm(em, "near", v.id, "10.0.1.7");
    expect(em.resolve(v.id, "7.1.0.10.in-addr.arpa", "PTR")).toMatchObject({ rcode: "NXDOMAIN", zone: "0.10.in-addr.arpa" });
    expect(datas(em.resolve(w.id, "4.0.0.10.in-addr.arpa", "PTR"))).toEqual(["twin.contoso.com"]);
    expect(datas(em.resolve(w.id, "5.0.0.10.in-addr.arpa", "PTR"))).toEqual(["inw.contoso.com"]);
    // Unlinking the user zone brings the auto PTR back.
    em.deleteLink({ privateZoneName: "0.10.in-addr.arpa", virtualNetworkLinkName: "v" });
    expect(datas(em.resolve(v.id, "4.0.0.10.in-addr.arpa", "PTR"))).toEqual(["inv.contoso.com"]);
    // A PTR name asked for type A: the name exists for V, no A data.
    expect(em.resolve(v.id, "4.0.0.10.in-addr.arpa", "A")).toMatchObject({ rcode: "NOERROR", answers: [] });
    assertInvariants(em, { resolution: true });
  });
});
