/** `privatedns zones | links | records | vms | export`: tables for people, --json for scripts. */
import { beforeAll, describe, expect, it } from "vitest";
import { privatedns } from "../support/cli";
import { fillStore, tempDb } from "../support/store";

let db: string;
beforeAll(() => {
  db = tempDb();
  fillStore(db);
});
const run = (...args: string[]) => privatedns(["--db", db, ...args]);
const lines = (text: string) => text.trimEnd().split("\n");

describe("zones", () => {
  it("prints a table with a header and one line per zone", () => {
    const r = run("zones");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const [header, ...rows] = lines(r.stdout);
    expect(header).toMatch(/^ZONE\s+RESOURCE GROUP\s+RECORD SETS\s+LINKS\s+REGISTRATION LINKS$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^contoso\.internal\s+net\s+\d+\s+2\s+1$/);
    expect(rows[1]).toMatch(/^spoke\.internal\s+net\s+2\s+1\s+1$/);
  });

  it("--json gives the emulator's zone objects", () => {
    const r = run("zones", "--json");
    expect(r.code).toBe(0);
    const zones = JSON.parse(r.stdout);
    expect(zones.map((z: any) => z.name)).toEqual(["contoso.internal", "spoke.internal"]);
    expect(zones[1]).toMatchObject({ resourceGroupName: "net", numberOfVirtualNetworkLinks: 1, numberOfVirtualNetworkLinksWithRegistration: 1 });
  });

  it("--db may follow the subcommand", () => {
    expect(privatedns(["zones", "--db", db, "--json"]).code).toBe(0);
  });

  it("reads the store named by PRIVATEDNS_EMULATOR_DB when --db is absent", () => {
    const r = privatedns(["zones", "--json"], { env: { PRIVATEDNS_EMULATOR_DB: db } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
  });
});

describe("links", () => {
  it("lists every link with vnet and registration", () => {
    const r = run("links");
    expect(r.code).toBe(0);
    const [header, ...rows] = lines(r.stdout);
    expect(header).toMatch(/^ZONE\s+LINK\s+VNET\s+REGISTRATION\s+POLICY$/);
    expect(rows).toEqual([
      expect.stringMatching(/^contoso\.internal\s+hub-reg\s+net\/hub\s+yes\s+Default$/),
      expect.stringMatching(/^contoso\.internal\s+spoke-res\s+net\/spoke\s+no\s+Default$/),
      expect.stringMatching(/^spoke\.internal\s+spoke-reg\s+net\/spoke\s+yes\s+Default$/),
    ]);
  });

  it("--zone and --vnet filter; --json gives link objects", () => {
    const byZone = JSON.parse(run("links", "--zone", "spoke.internal", "--json").stdout);
    expect(byZone.map((l: any) => l.name)).toEqual(["spoke-reg"]);
    const byVnet = JSON.parse(run("links", "--vnet", "spoke", "--json").stdout);
    expect(byVnet.map((l: any) => l.name)).toEqual(["spoke-res", "spoke-reg"]);
    expect(JSON.parse(run("links", "--vnet", "lonely", "--json").stdout)).toEqual([]);
  });
});

describe("records", () => {
  it("lists a zone's sets, one line per record, auto-registered records (A4) marked AUTO", () => {
    const r = run("records", "--zone", "contoso.internal");
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^NAME\s+TTL\s+TYPE\s+AUTO\s+DATA$/);
    expect(out).toContainEqual(expect.stringMatching(/^web\s+10\s+A\s+AUTO\s+10\.0\.0\.4$/));
    expect(out).toContainEqual(expect.stringMatching(/^db\s+10\s+A\s+AUTO\s+10\.0\.0\.5$/));
    expect(out).toContainEqual(expect.stringMatching(/^mail\s+3600\s+A\s+10\.0\.1\.25$/));
    expect(out).toContainEqual(expect.stringMatching(/^www\s+300\s+CNAME\s+web\.contoso\.internal\.$/));
    expect(out).toContainEqual(expect.stringMatching(/^@\s+3600\s+SOA\s+azureprivatedns\.net\. azureprivatedns-host\.microsoft\.com\. 1 3600 300 2419200 10$/));
    expect(out).toContainEqual(expect.stringMatching(/^@\s+300\s+TXT\s+"part one" "part two"$/));
    expect(out).toContainEqual(expect.stringMatching(/^_sip\._tcp\s+600\s+SRV\s+10 60 5060 web\.contoso\.internal\.$/));
    expect(out).toContainEqual(expect.stringMatching(/^empty\s+60\s+TXT\s+\(empty\)$/));
    expect(out.filter((l) => /^big\s/.test(l))).toHaveLength(20);
    // A5's PTRs live outside the zone: the listing points at them
    expect(r.stdout).toContain("2 auto-registered PTR records for this zone's VMs (A5, reverse-lookup space): privatedns records --ptr --zone contoso.internal");
  });

  it("--type filters and --json keeps isAutoRegistered", () => {
    const sets = JSON.parse(run("records", "--zone", "contoso.internal", "--type", "a", "--json").stdout);
    expect(sets.every((s: any) => s.recordType === "A")).toBe(true);
    expect(sets.find((s: any) => s.name === "web")).toMatchObject({ isAutoRegistered: true, ttl: 10, aRecords: [{ ipv4Address: "10.0.0.4" }] });
    expect(sets.find((s: any) => s.name === "mail").isAutoRegistered).toBe(false);
    const cname = run("records", "--zone", "contoso.internal", "--type", "CNAME");
    expect(lines(cname.stdout)).toHaveLength(2);
    expect(cname.stdout).not.toContain("PTR records");
  });

  it("--ptr lists the auto-registered PTR records of A5, filtered by --zone or --vnet", () => {
    const r = run("records", "--ptr");
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^NAME\s+TTL\s+TYPE\s+AUTO\s+DATA\s+VNET$/);
    expect(out.slice(1)).toEqual([
      expect.stringMatching(/^4\.0\.0\.10\.in-addr\.arpa\.\s+10\s+PTR\s+AUTO\s+web\.contoso\.internal\.\s+net\/hub$/),
      expect.stringMatching(/^4\.0\.1\.10\.in-addr\.arpa\.\s+10\s+PTR\s+AUTO\s+app\.spoke\.internal\.\s+net\/spoke$/),
      expect.stringMatching(/^5\.0\.0\.10\.in-addr\.arpa\.\s+10\s+PTR\s+AUTO\s+db\.contoso\.internal\.\s+net\/hub$/),
    ]);
    const spoke = JSON.parse(run("records", "--ptr", "--zone", "spoke.internal", "--json").stdout);
    expect(spoke).toEqual([expect.objectContaining({ fqdn: "4.0.1.10.in-addr.arpa.", ptrdname: "app.spoke.internal.", isAutoRegistered: true })]);
    const hub = JSON.parse(run("records", "--ptr", "--vnet", "net/hub", "--json").stdout);
    expect(hub.map((p: any) => p.ptrdname)).toEqual(["web.contoso.internal.", "db.contoso.internal."]);
  });

  it("needs --zone unless --ptr (usage error, exit 2)", () => {
    const r = run("records");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("--zone ZONE is required");
  });

  it("an unknown zone is exit 1 with the known zones on stderr; an unknown type names rule R1", () => {
    const r = run("records", "--zone", "nope.internal");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("'nope.internal' not found (known: net/contoso.internal, net/spoke.internal)");
    const t = run("records", "--zone", "contoso.internal", "--type", "CAA");
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/BadRequest \(R1\)/);
  });
});

describe("vms", () => {
  it("shows each VM with the records registered for it (A4 and A5)", () => {
    const r = run("vms");
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^VM\s+RESOURCE GROUP\s+VNET\s+HOST\s+PRIMARY IP\s+POWER\s+RECORD\s+TTL\s+TYPE\s+DATA$/);
    expect(out).toContainEqual(expect.stringMatching(/^db-vm\s+net\s+net\/hub\s+db\s+10\.0\.0\.5\s+running\s+db\.contoso\.internal\.\s+10\s+A\s+10\.0\.0\.5$/));
    expect(out).toContainEqual(expect.stringMatching(/^db-vm\s+net\s+net\/hub\s+db\s+10\.0\.0\.5\s+running\s+5\.0\.0\.10\.in-addr\.arpa\.\s+10\s+PTR\s+db\.contoso\.internal\.$/));
  });

  it("--vnet filters and --json includes registeredRecords", () => {
    const list = JSON.parse(run("vms", "--vnet", "spoke", "--json").stdout);
    expect(list).toHaveLength(1);
    expect(list[0].name).toBe("app");
    expect(list[0].registeredRecords.map((r: any) => r.type)).toEqual(["A", "PTR"]);
  });
});

describe("export", () => {
  it("prints the whole store as JSON", () => {
    const r = run("export");
    expect(r.code).toBe(0);
    const all = JSON.parse(r.stdout);
    expect(Object.keys(all)).toEqual(["zones", "vnets", "links", "vms", "recordSets", "resourceGroups", "subnets", "networkInterfaces",
      "privateEndpoints", "privateDnsZoneGroups", "reversePtrs"]);
    expect(all.vnets).toHaveLength(5);
    expect(all.vms).toHaveLength(3);
    expect(all.reversePtrs).toHaveLength(3);
  });
});
