// examples/private-endpoint through the package's `testing` engine: preview writes nothing; up writes the endpoint,
// its zone group's A record (P3) and exports what each vnet resolves for the account's public name (P5); the
// DNS server of each vnet answers dig the same way; destroy leaves the store empty.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ExampleStack, exampleStack, values } from "./helpers";
import { serve, Served } from "../support/cli";
import { dig, hasDig } from "../support/dig";
import { assertInvariants } from "../support/invariants";

const T = 300_000;
const PUBLIC = "stdemodata.blob.core.windows.net";
const PRIVATE = "stdemodata.privatelink.blob.core.windows.net";
/** The answer of a vnet linked to the privatelink zone: public DNS's CNAME, then the zone group's A record. */
const linked = { rcode: "NOERROR", answers: [`${PRIVATE}.`, "10.1.2.4"] };

describe.sequential("examples/private-endpoint", () => {
  let ex: ExampleStack;
  beforeAll(async () => {
    ex = await exampleStack("private-endpoint");
  });
  afterAll(() => ex?.cleanup());

  it("preview plans 11 creates and writes nothing", async () => {
    const res = await ex.stack.preview();
    expect(res.changeSummary).toEqual({ create: 11 });
    expect(ex.storeBytes()).toBeUndefined();
  }, T);

  it("P3 P5: up writes the endpoint's A record; hub and spoke resolve the public name through the CNAME, the isolated vnet gets REFUSED", async () => {
    const res = await ex.stack.up();
    expect(res.summary.resourceChanges).toEqual({ create: 11 });
    const out = values(res.outputs);
    expect(out.endpointAddress).toBe("10.1.2.4");
    expect(out.zoneGroupRecords).toEqual([
      { recordType: "A", recordSetName: "stdemodata", fqdn: `${PRIVATE}`, ttl: 10, ipAddresses: ["10.1.2.4"], provisioningState: "Succeeded" },
    ]);
    expect(out.resolvedFrom).toEqual({
      hub: { [PUBLIC]: linked, [PRIVATE]: { rcode: "NOERROR", answers: ["10.1.2.4"] } },
      spoke: { [PUBLIC]: linked, [PRIVATE]: { rcode: "NOERROR", answers: ["10.1.2.4"] } },
      isolated: { [PUBLIC]: { rcode: "REFUSED", answers: [] }, [PRIVATE]: { rcode: "REFUSED", answers: [] } },
    });
    ex.store((emu) => {
      const [pe] = emu.listPrivateEndpoints();
      expect([pe.name, pe.privateIPAddress, pe.subnet.id.split("/").slice(-3).join("/")]).toEqual(["pe-stdemodata-blob", "10.1.2.4", "spoke/subnets/endpoints"]);
      expect(emu.getZone({ resourceGroupName: "pe-demo", privateZoneName: "privatelink.blob.core.windows.net" }).numberOfRecordSets).toBe(2);
      assertInvariants(emu);
    });
  }, T);

  describe.runIf(hasDig())("dig against each vnet's DNS server", () => {
    let served: Served;
    beforeAll(async () => {
      served = await serve(ex.db, ["pe-demo/hub", "pe-demo/spoke", "pe-demo/isolated"]);
    });
    afterAll(async () => served?.stop());

    it("P5 Q4: a linked vnet answers the CNAME and the endpoint's address; the isolated vnet REFUSED (Q1)", () => {
      for (const vnet of ["pe-demo/hub", "pe-demo/spoke"]) {
        const a = dig(served.ports[vnet.split("/")[1]], [PUBLIC, "A"]);
        expect(a.status).toBe("NOERROR");
        expect(a.answer.map((r) => [r[0], r[3], r[4]])).toEqual([[`${PUBLIC}.`, "CNAME", `${PRIVATE}.`], [`${PRIVATE}.`, "A", "10.1.2.4"]]);
      }
      expect(dig(served.ports.isolated, [PUBLIC, "A"]).status).toBe("REFUSED");
    });
  });

  it("destroy removes the zone group's record, the endpoint and its NIC", async () => {
    await ex.stack.destroy();
    ex.store((emu) => {
      expect([emu.listPrivateEndpoints(), emu.listNetworkInterfaces(), emu.listZones()]).toEqual([[], [], []]);
      assertInvariants(emu);
    });
  }, T);
});
