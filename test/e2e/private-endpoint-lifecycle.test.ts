// SPEC P through the real Pulumi CLI: test/fixtures/private-endpoint (a hub and a spoke, the blob privatelink zone
// linked to both, a private endpoint in the spoke for a storage account's blob service, its DNS zone group). One up
// gives the records the group causes as outputs (P3) and the public name's answer from the hub (P5); a new static
// address moves the record (P4); a preview that drops the zone while the group names it is refused and writes nothing
// (P4); removing the group, then the endpoint, removes what they wrote (P4). Few CLI runs: each costs seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ids } from "../../dist/provider/emulator";
import { CliStack, cliStack } from "./cli-stack";

const T = 300_000;
const RG = "net";
const BLOB = "privatelink.blob.core.windows.net";
const ZONE_ID = ids.zoneId(RG, BLOB);
const GROUP_ID = ids.zoneGroupId(RG, "pe-blob", "pe-blob-dns");

/** The program's text between `// --- <name>` and `// --- end <name>`, markers included. */
function block(program: string, name: string): string {
  const start = program.indexOf(`// --- ${name}\n`);
  const end = program.indexOf(`// --- end ${name}\n`);
  if (start < 0 || end < 0) throw new Error(`no block ${name}`);
  return program.slice(start, end + `// --- end ${name}\n`.length);
}

const record = (ip: string) => ({ recordType: "A", recordSetName: "stdata", fqdn: `stdata.${BLOB}`, ttl: 10, ipAddresses: [ip], provisioningState: "Succeeded" });

describe.sequential("private endpoints under the Pulumi CLI (SPEC P)", () => {
  let s: CliStack;
  beforeAll(async () => {
    s = await cliStack("test/fixtures/private-endpoint");
  }, T);
  afterAll(() => s?.cleanup());

  it("P1 P3 P5: one up: the endpoint's address, the zone group's record set as its output, the public name from the hub", async () => {
    expect((await s.up()).changes).toEqual({ create: 9 });
    const out = await s.outputs();
    expect(out.address).toBe("10.1.2.10");
    expect(out.customDns).toEqual([{ fqdn: "stdata.blob.core.windows.net", ipAddresses: ["10.1.2.10"] }]);
    expect(out.groupRecords).toEqual([{ name: "blob", privateDnsZoneId: ZONE_ID, recordSets: [record("10.1.2.10")] }]);
    expect(out.zoneRecords).toEqual(["SOA @ ", "A stdata 10.1.2.10"]);
    expect(out.fromHub).toEqual({ "stdata.blob.core.windows.net": { rcode: "NOERROR", answers: [`stdata.${BLOB}.`, "10.1.2.10"] } });
  }, T);

  it("P4: a new static address: the record follows in the same up", async () => {
    s.edit(['privateIPAddress: "10.1.2.10"', 'privateIPAddress: "10.1.2.20"']);
    const up = await s.up();
    expect(up.stdout).toMatch(/~ {2}pulumi-nodejs:dynamic\/privatedns:PrivateEndpoint pe-blob updated/);
    const out = await s.outputs();
    expect(out.address).toBe("10.1.2.20");
    expect(out.groupRecords[0].recordSets).toEqual([record("10.1.2.20")]);
    expect(out.zoneRecords).toEqual(["SOA @ ", "A stdata 10.1.2.20"]);
    expect(out.fromHub["stdata.blob.core.windows.net"].answers).toEqual([`stdata.${BLOB}.`, "10.1.2.20"]);
  }, T);

  it("P4: a preview that removes the zone (and its links) while the group names it is refused, and writes nothing", async () => {
    const zone = block(s.program(), "zone");
    s.edit([zone, `const blobZoneId = "${ZONE_ID}";\nconst links: pulumi.CustomResource[] = [];\n`]);
    const before = s.storeBytes();
    const r = await s.run(["preview"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("pulumi-nodejs:dynamic/privatedns:PrivateDnsZoneGroup resource 'pe-blob-dns': property privateDnsZoneConfigs value");
    expect(r.stdout).toContain(`has a problem: CannotDeleteResource (P4): Cannot delete private DNS zone ${BLOB} while private DNS zone group ${GROUP_ID} ` +
      "refers to it. Delete the zone group, or remove the zone from its configs, first. (this deployment deletes it: the program no longer declares it)");
    expect(s.storeBytes()!.equals(before!)).toBe(true);
    s.edit([`const blobZoneId = "${ZONE_ID}";\nconst links: pulumi.CustomResource[] = [];\n`, zone]);
  }, T);

  it("P4: removing the group removes its record set; removing the endpoint frees its address and its NIC", async () => {
    s.edit([block(s.program(), "group"), ""]);
    expect((await s.up()).changes).toMatchObject({ delete: 1 });
    s.store((emu) => {
      expect(emu.listRecordSets({ resourceGroupName: RG, privateZoneName: BLOB }).map((r) => r.name)).toEqual(["@"]);
      expect(emu.listPrivateEndpoints().map((e) => e.privateIPAddress)).toEqual(["10.1.2.20"]);
    });
    s.edit([block(s.program(), "endpoint"), ""]);
    expect((await s.up()).changes).toMatchObject({ delete: 1 });
    // The zone's record sets are settled in the program, before the engine's deletes: the group's record went at the last up.
    expect((await s.outputs()).zoneRecords).toEqual(["SOA @ "]);
    s.store((emu) => {
      expect(emu.listPrivateEndpoints()).toEqual([]);
      expect(emu.listNetworkInterfaces()).toEqual([]);
      expect(emu.getSubnet({ resourceGroupName: RG, virtualNetworkName: "spoke", subnetName: "default" }).ipConfigurations).toEqual([]);
    });
  }, T);
});
