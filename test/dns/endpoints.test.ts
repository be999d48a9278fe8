/**
 * `privatedns serve` and private endpoints, queried with dig over loopback: the public name of a storage account
 * with a blob endpoint answers, from a vnet linked to privatelink.blob.core.windows.net, public DNS's CNAME and
 * the endpoint's A record (P5, P3), not authoritative for the public name; from an unlinked vnet REFUSED (Q1).
 * The server's view follows endpoint and zone group changes another process commits (P4).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { promises as dnsPromises } from "dns";
import { serve, Served } from "../support/cli";
import { dig, hasDig } from "../support/dig";
import { cleanup } from "../support/helpers";
import { BLOB_ZONE, fillEndpointStore, RG, STORAGE_ACCOUNT, tempDb, withStore, zone } from "../support/store";

let db: string;
let served: Served;
let hub: number, spoke: number;

beforeAll(async () => {
  db = tempDb();
  fillEndpointStore(db);
  served = await serve(db, ["hub", "spoke"]);
  ({ hub, spoke } = served.ports);
});
afterAll(async () => {
  await served?.stop();
  cleanup();
});

const PUBLIC = "stcontoso.blob.core.windows.net";
const CNAME = [`${PUBLIC}.`, "60", "IN", "CNAME", `stcontoso.${BLOB_ZONE}.`];
const A = (ip: string) => [`stcontoso.${BLOB_ZONE}.`, "10", "IN", "A", ip];
const SOA = [`${BLOB_ZONE}.`, "3600", "IN", "SOA", "azureprivatedns.net.", "azureprivatedns-host.microsoft.com.", "1", "3600", "300", "2419200", "10"];

describe.runIf(hasDig())("serve and private endpoints, queried with dig", () => {
  it("P5 P3: from a linked vnet the public name is public DNS's CNAME into the privatelink zone, then the endpoint's A record", () => {
    const a = dig(hub, [PUBLIC]);
    expect(a.status).toBe("NOERROR");
    expect(a.answer).toEqual([CNAME, A("10.1.2.4")]);
    expect(a.authority).toEqual([]);
    // AA speaks for the query name, which is public DNS's: Azure's resolver relays it (SPEC P5).
    expect(a.flags).toEqual(["qr", "rd", "ra"]);
    expect(dig(hub, ["+tcp", PUBLIC]).answer).toEqual([CNAME, A("10.1.2.4")]);
    expect(dig(hub, ["+short", PUBLIC.toUpperCase()]).raw.trim().split("\n")).toEqual([`stcontoso.${BLOB_ZONE}.`, "10.1.2.4"]);
  });

  it("P3: the privatelink name itself is the zone's own record: authoritative", () => {
    const a = dig(hub, [`stcontoso.${BLOB_ZONE}`]);
    expect(a.status).toBe("NOERROR");
    expect(a.flags).toContain("aa");
    expect(a.answer).toEqual([A("10.1.2.4")]);
  });

  it("P5: asked for its CNAME, the public name answers the CNAME alone; NODATA types end with the privatelink zone's SOA", () => {
    expect(dig(hub, [PUBLIC, "CNAME"]).answer).toEqual([CNAME]);
    const txt = dig(hub, [PUBLIC, "TXT"]);
    expect([txt.status, txt.answer, txt.authority]).toEqual(["NOERROR", [CNAME], [SOA]]);
    expect(txt.flags).not.toContain("aa");
  });

  it("P5 Q2: an account with no endpoint behind it: the CNAME, then NXDOMAIN with the privatelink zone's SOA", () => {
    const nx = dig(hub, ["other.blob.core.windows.net"]);
    expect(nx.status).toBe("NXDOMAIN");
    expect(nx.answer).toEqual([["other.blob.core.windows.net.", "60", "IN", "CNAME", `other.${BLOB_ZONE}.`]]);
    expect(nx.authority).toEqual([SOA]);
    expect(nx.flags).not.toContain("aa");
  });

  it("Q1: from a vnet not linked to the privatelink zone the public name is REFUSED (the emulator has no public DNS)", () => {
    for (const name of [PUBLIC, `stcontoso.${BLOB_ZONE}`]) {
      const r = dig(spoke, [name]);
      expect([r.status, r.answer, r.flags.includes("aa")]).toEqual(["REFUSED", [], false]);
    }
    // The endpoint sits in spoke's subnet: where it lives does not matter, which zones the asking vnet sees does.
    expect(dig(hub, ["a.b.blob.core.windows.net"]).status).toBe("REFUSED"); // only <name>.<suffix> is aliased
  });

  it("P5: node's resolver follows the CNAME: an application in hub gets the endpoint's address", async () => {
    const r = new dnsPromises.Resolver({ timeout: 3000, tries: 1 });
    r.setServers([`127.0.0.1:${hub}`]);
    expect(await r.resolve4(PUBLIC)).toEqual(["10.1.2.4"]);
  });

  it("P4: the server follows endpoint and zone group changes another process commits, without restart", () => {
    const ref = { resourceGroupName: RG, privateEndpointName: "pe-stcontoso" };
    // A new (static) address re-writes the group's record.
    withStore(db, (emu) => {
      const pe = emu.getPrivateEndpoint(ref);
      emu.putPrivateEndpoint({ ...ref, subnet: pe.subnet, privateLinkServiceConnections: [{ name: "blob", privateLinkServiceId: STORAGE_ACCOUNT, groupIds: ["blob"] }],
        ipConfigurations: [{ name: "static", groupId: "blob", memberName: "blob", privateIPAddress: "10.1.2.40" }] });
    });
    expect(dig(hub, [PUBLIC]).answer).toEqual([CNAME, A("10.1.2.40")]);
    // The group gone: its record goes, the CNAME stays (public DNS's), the privatelink zone answers NXDOMAIN.
    withStore(db, (emu) => emu.deletePrivateDnsZoneGroup({ ...ref, privateDnsZoneGroupName: "default" }));
    const gone = dig(hub, [PUBLIC]);
    expect([gone.status, gone.answer, gone.authority]).toEqual(["NXDOMAIN", [CNAME], [SOA]]);
    // Linking spoke to the zone and putting the group back: both vnets resolve it.
    withStore(db, (emu) => {
      emu.createLink({ ...zone(BLOB_ZONE), virtualNetworkLinkName: "spoke-blob", virtualNetwork: { id: emu.getVnet({ resourceGroupName: RG, virtualNetworkName: "spoke" }).id } });
      emu.putPrivateDnsZoneGroup({ ...ref, privateDnsZoneGroupName: "default",
        privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: emu.getZone(zone(BLOB_ZONE)).id }] });
    });
    expect(dig(hub, [PUBLIC]).answer).toEqual([CNAME, A("10.1.2.40")]);
    expect(dig(spoke, [PUBLIC]).answer).toEqual([CNAME, A("10.1.2.40")]);
    // The endpoint deleted (P4): its group and record with it.
    withStore(db, (emu) => emu.deletePrivateEndpoint(ref));
    expect(dig(spoke, [PUBLIC]).status).toBe("NXDOMAIN");
  });
});
