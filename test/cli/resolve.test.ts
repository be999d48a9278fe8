/** `privatedns resolve`: dig-like output from Emulator.resolve, exit codes 0 / 3, vnet names and ambiguity. */
import { beforeAll, describe, expect, it } from "vitest";
import { privatedns } from "../support/cli";
import { fillStore, tempDb } from "../support/store";

let db: string;
beforeAll(() => {
  db = tempDb();
  fillStore(db);
});
const run = (...args: string[]) => privatedns(["--db", db, ...args]);
const HUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub";
const SOA_LINE = "contoso.internal.\t3600\tIN\tSOA\tazureprivatedns.net. azureprivatedns-host.microsoft.com. 1 3600 300 2419200 10";

describe("resolve", () => {
  it("A4: prints the status line, question and answer like dig (trailing dot, ttl, IN, type, data)", () => {
    const r = run("resolve", "--vnet", "hub", "web.contoso.internal");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(";; ->>HEADER<<- opcode: QUERY, status: NOERROR");
    expect(r.stdout).toContain(`;; vnet: ${HUB}, zone: contoso.internal`);
    expect(r.stdout).toContain(";web.contoso.internal.\t\tIN\tA");
    expect(r.stdout).toContain(";; ANSWER SECTION:\nweb.contoso.internal.\t10\tIN\tA\t10.0.0.4\n");
  });

  it("Q2: NXDOMAIN with the zone's SOA in the authority section, exit 3", () => {
    const r = run("resolve", "--vnet", "hub", "nope.contoso.internal");
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("status: NXDOMAIN");
    expect(r.stdout).toContain(`;; AUTHORITY SECTION:\n${SOA_LINE}\n`);
    expect(r.stdout).not.toContain("ANSWER SECTION");
  });

  it("NODATA: NOERROR, no answer, SOA in authority, exit 0", () => {
    const r = run("resolve", "--vnet", "hub", "web.contoso.internal", "MX");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("status: NOERROR");
    expect(r.stdout).toContain("ANSWER: 0, AUTHORITY: 1");
    expect(r.stdout).toContain(SOA_LINE);
  });

  it("Q1: REFUSED outside the vnet's linked zones, exit 3", () => {
    const r = run("resolve", "--vnet", "lonely", "web.contoso.internal");
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("status: REFUSED");
  });

  it("Q4: a CNAME is followed; TXT, MX and SRV print in presentation format", () => {
    expect(run("resolve", "--vnet", "spoke", "www.contoso.internal").stdout).toContain(
      "www.contoso.internal.\t300\tIN\tCNAME\tweb.contoso.internal.\nweb.contoso.internal.\t10\tIN\tA\t10.0.0.4");
    const txt = run("resolve", "--vnet", "hub", "contoso.internal", "txt").stdout;
    expect(txt).toContain("contoso.internal.\t300\tIN\tTXT\t\"v=spf1 mx -all\"");
    expect(txt).toContain("contoso.internal.\t300\tIN\tTXT\t\"part one\" \"part two\"");
    expect(run("resolve", "--vnet", "hub", "contoso.internal", "MX").stdout).toContain("contoso.internal.\t3600\tIN\tMX\t10 mail.contoso.internal.");
    expect(run("resolve", "--vnet", "hub", "_sip._tcp.contoso.internal", "SRV").stdout).toContain("\tIN\tSRV\t10 60 5060 web.contoso.internal.");
  });

  it("Q5: -x answers the PTR inside the VM's vnet and NXDOMAIN from another vnet", () => {
    const own = run("resolve", "--vnet", "hub", "-x", "10.0.0.4");
    expect(own.code).toBe(0);
    expect(own.stdout).toContain("4.0.0.10.in-addr.arpa.\t10\tIN\tPTR\tweb.contoso.internal.");
    const other = run("resolve", "--vnet", "spoke", "-x", "10.0.0.4");
    expect(other.code).toBe(3);
    expect(other.stdout).toContain("status: NXDOMAIN");
    // the same through the reverse name, and an IP given with type PTR
    expect(run("resolve", "--vnet", "hub", "5.0.0.10.in-addr.arpa.", "PTR").stdout).toContain("db.contoso.internal.");
    expect(run("resolve", "--vnet", "hub", "10.0.0.5", "PTR").stdout).toContain("db.contoso.internal.");
  });

  it("--json prints the emulator's resolution", () => {
    const r = run("resolve", "--vnet", "hub", "nope.contoso.internal", "--json");
    expect(r.code).toBe(3);
    const res = JSON.parse(r.stdout);
    expect(res).toMatchObject({ rcode: "NXDOMAIN", zone: "contoso.internal", answers: [] });
    expect(res.authority[0]).toMatchObject({ type: "SOA", ttl: 3600, data: { mname: "azureprivatedns.net", minimum: 10 } });
  });

  it("the vnet may be given as NAME, RG/NAME or ARM id", () => {
    for (const v of ["hub", "net/hub", HUB, HUB.toUpperCase()])
      expect(run("resolve", "--vnet", v, "web.contoso.internal", "--json").code).toBe(0);
  });

  it("a vnet name found in two resource groups is a usage error naming both", () => {
    const r = run("resolve", "--vnet", "shared", "web.contoso.internal");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("virtualNetworks/shared and /subscriptions/");
    expect(r.stderr).toContain("/resourceGroups/rg-a/");
    expect(r.stderr).toContain("/resourceGroups/rg-b/");
    expect(run("resolve", "--vnet", "rg-a/shared", "web.contoso.internal").code).toBe(3); // REFUSED: linked to nothing
  });

  it("an unknown vnet is exit 1; a missing --vnet or name is exit 2; an unsupported type is the emulator's refusal", () => {
    const unknown = run("resolve", "--vnet", "nowhere", "web.contoso.internal");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("virtual network 'nowhere' not found");
    const unknownId = run("resolve", "--vnet", "net/nowhere", "web.contoso.internal");
    expect(unknownId.code).toBe(1);
    expect(unknownId.stderr).toContain("ResourceNotFound");
    expect(run("resolve", "web.contoso.internal").code).toBe(2);
    expect(run("resolve", "--vnet", "hub").code).toBe(2);
    expect(run("resolve", "--vnet", "hub", "-x", "web").code).toBe(2);
    const ns = run("resolve", "--vnet", "hub", "contoso.internal", "NS"); // Z5: no NS set; NODATA with the SOA
    expect(ns.code).toBe(0);
    expect(ns.stdout).toContain("status: NOERROR");
    expect(ns.stdout).toContain("AUTHORITY SECTION");
    const bad = run("resolve", "--vnet", "hub", "contoso.internal", "N/S");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("BadRequest (Q1)");
  });
});
