/**
 * `privatedns endpoints` (P1-P3) and `privatedns resolve` on a private link target's public name (P5), on a store
 * with a blob endpoint in spoke whose zone group names privatelink.blob.core.windows.net, linked to hub only.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { privatedns } from "../support/cli";
import { BLOB_ZONE, fillEndpointStore, fillStore, RG, STORAGE_ACCOUNT, tempDb, withStore } from "../support/store";

let db: string;
beforeAll(() => {
  db = tempDb();
  fillEndpointStore(db);
});
const run = (...args: string[]) => privatedns(["--db", db, ...args]);
const lines = (text: string) => text.trimEnd().split("\n");
const HEADER = /^ENDPOINT\s+RESOURCE GROUP\s+SUBNET\s+ADDRESS\s+TARGET\s+GROUP ID\s+ZONE GROUP\s+RECORD\s+TTL\s+TYPE\s+DATA$/;
const PE_LINE = /^pe-stcontoso\s+net\s+net\/spoke\/endpoints\s+10\.1\.2\.4\s+storageAccounts\/stcontoso\s+blob\s+default\s+stcontoso\.privatelink\.blob\.core\.windows\.net\.\s+10\s+A\s+10\.1\.2\.4$/;

describe("endpoints", () => {
  it("P1 P3: one line per record of the zone group: subnet, address, target, group id, group, record", () => {
    const r = run("endpoints");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const [header, ...rows] = lines(r.stdout);
    expect(header).toMatch(HEADER);
    expect(rows).toEqual([expect.stringMatching(PE_LINE)]);
  });

  it("--json gives the emulator's endpoint objects, each with privateDnsZoneGroups (P2) and their record sets (P3)", () => {
    const list = JSON.parse(run("endpoints", "--json").stdout);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      name: "pe-stcontoso", resourceGroupName: RG, privateIPAddress: "10.1.2.4", privateIPAllocationMethod: "Dynamic",
      customDnsConfigs: [{ fqdn: "stcontoso.blob.core.windows.net", ipAddresses: ["10.1.2.4"] }],
      privateLinkServiceConnections: [{ privateLinkServiceId: STORAGE_ACCOUNT, groupIds: ["blob"] }],
    });
    expect(list[0].privateDnsZoneGroups).toEqual([expect.objectContaining({
      name: "default", privateDnsZoneConfigs: [expect.objectContaining({ name: "blob",
        recordSets: [expect.objectContaining({ recordSetName: "stcontoso", fqdn: `stcontoso.${BLOB_ZONE}`, ttl: 10, ipAddresses: ["10.1.2.4"] })] })],
    })]);
  });

  it("--vnet keeps endpoints in that vnet's subnets, --zone those whose group names the zone", () => {
    expect(lines(run("endpoints", "--vnet", "spoke").stdout).slice(1)).toEqual([expect.stringMatching(PE_LINE)]);
    expect(run("endpoints", "--vnet", "hub").stdout).toBe("no private endpoints\n");
    expect(JSON.parse(run("endpoints", "--vnet", "net/hub", "--json").stdout)).toEqual([]);
    expect(lines(run("endpoints", "--zone", BLOB_ZONE).stdout).slice(1)).toEqual([expect.stringMatching(PE_LINE)]);
    expect(run("endpoints", "--zone", "contoso.internal").stdout).toBe("no private endpoints\n");
  });

  it("an endpoint without a zone group shows '-'; a config whose record a user took over shows its zone and no record (P3)", () => {
    const file = tempDb();
    fillEndpointStore(file);
    withStore(file, (emu) => {
      emu.createPrivateEndpoint({ resourceGroupName: RG, privateEndpointName: "pe-bare", subnet: emu.getPrivateEndpoint({ resourceGroupName: RG, privateEndpointName: "pe-stcontoso" }).subnet,
        privateLinkServiceConnections: [{ privateLinkServiceId: STORAGE_ACCOUNT.replace("stcontoso", "stother"), groupIds: ["file"] }] });
      emu.putRecordSet({ resourceGroupName: RG, privateZoneName: BLOB_ZONE, relativeRecordSetName: "stcontoso", recordType: "A", ttl: 300, aRecords: [{ ipv4Address: "10.9.9.9" }] });
    });
    const rows = lines(privatedns(["--db", file, "endpoints"]).stdout).slice(1);
    expect(rows).toEqual([
      expect.stringMatching(/^pe-bare\s+net\s+net\/spoke\/endpoints\s+10\.1\.2\.5\s+storageAccounts\/stother\s+file\s+-\s+-$/),
      expect.stringMatching(/^pe-stcontoso\s+.*\s+blob\s+default\s+- \(privatelink\.blob\.core\.windows\.net\)$/),
    ]);
  });

  it("a store without endpoints says so; unknown vnet or zone: exit 1, named on stderr; an extra argument: exit 2", () => {
    const plain = tempDb();
    fillStore(plain);
    expect(privatedns(["--db", plain, "endpoints"])).toMatchObject({ code: 0, stdout: "no private endpoints\n" });
    expect(JSON.parse(privatedns(["--db", plain, "endpoints", "--json"]).stdout)).toEqual([]);
    const v = run("endpoints", "--vnet", "nowhere");
    expect([v.code, v.stdout]).toEqual([1, ""]);
    expect(v.stderr).toMatch(/^privatedns: virtual network 'nowhere' not found/);
    const z = run("endpoints", "--zone", "nope.internal");
    expect(z.code).toBe(1);
    expect(z.stderr).toContain("private DNS zone 'nope.internal' not found");
    expect(run("endpoints", "--vnet", "shared").code).toBe(2); // ambiguous: two resource groups
    expect(run("endpoints", "extra").code).toBe(2);
  });

  it("export includes the endpoints and their zone groups", () => {
    const all = JSON.parse(run("export").stdout);
    expect(all.privateEndpoints.map((e: any) => e.name)).toEqual(["pe-stcontoso"]);
    expect(all.privateDnsZoneGroups.map((g: any) => [g.privateEndpointName, g.name])).toEqual([["pe-stcontoso", "default"]]);
  });
});

describe("resolve on a private link target's public name (P5)", () => {
  it("from a vnet linked to the privatelink zone: public DNS's CNAME, then the endpoint's A record; not authoritative, exit 0", () => {
    const r = run("resolve", "--vnet", "hub", "stcontoso.blob.core.windows.net");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain(";; ->>HEADER<<- opcode: QUERY, status: NOERROR\n;; flags: qr; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 0\n");
    expect(r.stdout).toContain(`, zone: ${BLOB_ZONE}\n`);
    expect(r.stdout).toContain(";; ANSWER SECTION:\nstcontoso.blob.core.windows.net.\t60\tIN\tCNAME\tstcontoso.privatelink.blob.core.windows.net.\n" +
      "stcontoso.privatelink.blob.core.windows.net.\t10\tIN\tA\t10.1.2.4\n");
    // The privatelink name itself is the zone's: authoritative.
    expect(run("resolve", "--vnet", "hub", `stcontoso.${BLOB_ZONE}`).stdout).toContain(";; flags: qr aa; QUERY: 1, ANSWER: 1");
  });

  it("from a vnet not linked to it: REFUSED, exit 3; --json is the emulator's resolution", () => {
    const r = run("resolve", "--vnet", "spoke", "stcontoso.blob.core.windows.net");
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("status: REFUSED");
    expect(r.stdout).not.toContain("ANSWER SECTION");
    const j = JSON.parse(run("resolve", "--vnet", "hub", "stcontoso.blob.core.windows.net", "--json").stdout);
    expect(j).toEqual({ rcode: "NOERROR", zone: BLOB_ZONE, viaPublicDns: true, authority: [], answers: [
      { name: "stcontoso.blob.core.windows.net", ttl: 60, type: "CNAME", data: `stcontoso.${BLOB_ZONE}` },
      { name: `stcontoso.${BLOB_ZONE}`, ttl: 10, type: "A", data: "10.1.2.4" },
    ] });
  });

  it("an account with no endpoint: the CNAME, then NXDOMAIN with the privatelink zone's SOA, exit 3", () => {
    const r = run("resolve", "--vnet", "hub", "other.blob.core.windows.net");
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("status: NXDOMAIN\n;; flags: qr; QUERY: 1, ANSWER: 1, AUTHORITY: 1");
    expect(r.stdout).toContain(`;; AUTHORITY SECTION:\n${BLOB_ZONE}.\t3600\tIN\tSOA\t`);
  });
});
