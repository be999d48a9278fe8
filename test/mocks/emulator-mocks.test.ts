// pulumi-privatedns-emulator/mocks with the real @pulumi/azure-native 3.28.0, tested the way Pulumi's
// unit-testing guide writes tests: setMocks first, then import the program, then read its outputs. The
// resources are applied to an emulator, so outputs come back as Azure fills them and broken rules fail.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { emulatorMocks } from "../../dist/provider/mocks";
import { errors as E, ids } from "../../dist/provider/emulator";
import { handlers, releasePlan } from "../../dist/provider";

/** An output's value, as the guide reads them. */
const valueOf = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply(resolve));
/** An output's value or the error its resource failed with. */
const settled = <T>(o: pulumi.Output<T>): Promise<T> => (o as any).promise();

describe("emulatorMocks: an azure-native program under pulumi.runtime.setMocks", () => {
  it("N3, N4, A4: ids, Dynamic addresses, link state and registered records as Azure fills them", async () => {
    const other: string[] = [];
    const mocks = emulatorMocks({ mocks: { newResource: (a) => (other.push(a.type), { id: `${a.name}_id`, state: a.inputs }) } });
    await pulumi.runtime.setMocks(mocks, "project", "stack", false);
    const infra = await import("../fixtures/mocks/hub");
    const rg = ids.resourceGroupId("rg");
    expect(await valueOf(infra.resourceGroup.id)).toBe(rg);
    expect(await valueOf(infra.vnet.subnets)).toMatchObject([{ id: ids.subnetId("rg", "hub", "app"), name: "app", addressPrefix: "10.0.1.0/24" }]);
    const configs = await valueOf(infra.nic.ipConfigurations);
    expect(configs).toMatchObject([{ name: "ipconfig1", privateIPAddress: "10.0.1.4", privateIPAllocationMethod: "Dynamic", primary: true }]);
    expect(await valueOf(infra.link.virtualNetworkLinkState)).toBe("Completed");
    expect(await valueOf(infra.zone.numberOfRecordSets)).toBe(1); // read when the zone was created: SOA only
    expect(await valueOf(infra.vm.id)).toBe(ids.vmId("rg", "web"));
    // The store holds the VM's A record (A4) once both the VM and the registration link exist.
    await valueOf(pulumi.all([infra.vm.id, infra.link.id]));
    expect(mocks.emulator.listRecordSets({ resourceGroupName: "rg", privateZoneName: "corp.internal" }, { type: "A" })
      .map((r) => `${r.name} ${r.aRecords?.[0].ipv4Address} ${r.isAutoRegistered}`)).toEqual(["web01 10.0.1.4 true"]);
    expect(mocks.emulator.getZone({ resourceGroupName: "rg", privateZoneName: "corp.internal" }).numberOfVirtualNetworkLinksWithRegistration).toBe(1);
    expect(other).toEqual([]); // every token of this program is emulated
  });

  it("L3: the second registration zone of one vnet fails with the text preview gives", async () => {
    // A failed resource rejects each of its outputs' promises; collect those (and only those, checked below)
    // instead of the runner's handler, which would report them as errors of the test.
    const runners = process.listeners("unhandledRejection");
    const unhandled: unknown[] = [];
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", (e) => unhandled.push(e));
    const mocks = emulatorMocks();
    await pulumi.runtime.setMocks(mocks, "project", "stack", false);
    const { links } = await import("../fixtures/mocks/two-registration-zones");
    const results = await Promise.allSettled(links.map((l) => settled(l.id)));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const winner = mocks.emulator.listLinks()[0].privateZoneName;
    // What preview says for the same plan: the provider's check, in process, on a store holding the winner's link.
    const vnetId = ids.vnetId("net", "spoke");
    const text = `Conflict (L3): ${E.registrationZoneConflict({ resource: "", field: "", value: vnetId }, { zone: winner }).detail}`;
    expect(String(refused[0].reason)).toContain(text);
    const loser = winner === "corp.internal" ? "lab.internal" : "corp.internal";
    const check = await previewCheck(mocks.emulator, winner, loser, vnetId);
    expect(check).toEqual([{ property: "registrationEnabled", reason: text }]);
    await new Promise((r) => setTimeout(r, 50));
    process.removeAllListeners("unhandledRejection");
    for (const l of runners) process.on("unhandledRejection", l as any);
    expect(unhandled.length).toBeGreaterThan(0);
    for (const e of unhandled) expect(String(e)).toContain(`failed to register new resource ${loser}-link [azure-native:privatedns:VirtualNetworkLink]: `);
  });

  it("P1 P3: a private endpoint's address, and its zone group's record set as Azure lists it", async () => {
    const mocks = emulatorMocks();
    await pulumi.runtime.setMocks(mocks, "project", "stack", false);
    const infra = await import("../fixtures/mocks/endpoint");
    expect(await valueOf(infra.endpoint.id)).toBe(ids.privateEndpointId("pe", "pe-blob"));
    expect(await valueOf(infra.endpoint.customDnsConfigs)).toEqual([{ fqdn: "stdata.blob.core.windows.net", ipAddresses: ["10.1.2.4"] }]);
    expect(await valueOf(infra.endpoint.privateLinkServiceConnections)).toMatchObject([{ groupIds: ["blob"], privateLinkServiceConnectionState: { status: "Approved" } }]);
    expect(await valueOf(infra.group.id)).toBe(ids.zoneGroupId("pe", "pe-blob", "default"));
    expect(await valueOf(infra.group.privateDnsZoneConfigs)).toEqual([{
      name: "blob", privateDnsZoneId: ids.zoneId("pe", "privatelink.blob.core.windows.net"),
      recordSets: [{ recordType: "A", recordSetName: "stdata", fqdn: "stdata.privatelink.blob.core.windows.net", ttl: 10, ipAddresses: ["10.1.2.4"], provisioningState: "Succeeded" }],
    }]);
    // P5: the public name from the linked spoke, through the CNAME into the zone.
    await valueOf(infra.link.id);
    const answer = mocks.emulator.resolve(ids.vnetId("pe", "spoke"), "stdata.blob.core.windows.net");
    expect(answer.answers.map((a) => a.type)).toEqual(["CNAME", "A"]);
  });

  it("P2: a zone group of six zone configs fails with the text preview gives", async () => {
    const runners = process.listeners("unhandledRejection");
    const unhandled: unknown[] = [];
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", (e) => unhandled.push(e));
    await pulumi.runtime.setMocks(emulatorMocks(), "project", "stack", false);
    const { group } = await import("../fixtures/mocks/six-zone-configs");
    const result = await Promise.allSettled([settled(group.id)]);
    expect(result[0].status).toBe("rejected");
    expect(String((result[0] as PromiseRejectedResult).reason)).toContain(
      "PrivateDnsZoneConfigsLimitExceeded (P2): A private DNS zone group has 1 to 5 private DNS zone configs; privateDnsZoneConfigs has 6.");
    await new Promise((r) => setTimeout(r, 50));
    process.removeAllListeners("unhandledRejection");
    for (const l of runners) process.on("unhandledRejection", l as any);
    expect(unhandled.length).toBeGreaterThan(0);
    for (const e of unhandled) expect(String(e)).toContain("failed to register new resource pe-blob-dns [azure-native:network:PrivateDnsZoneGroup]: ");
  });
});

/** The dynamic provider's check (what `pulumi preview` runs) for the losing link, against a copy of the mocks' store. */
async function previewCheck(emu: any, winner: string, loser: string, vnetId: string) {
  const fs = await import("fs");
  const os = await import("os");
  const path = await import("path");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mocks-")), "store.db");
  emu.store.db.exec(`VACUUM INTO '${file}'`);
  process.env.PRIVATEDNS_EMULATOR_DB = file;
  try {
    const { failures } = await handlers.VirtualNetworkLink.check({}, {
      resourceGroupName: "net", privateZoneName: loser, virtualNetworkLinkName: `${loser}-link`, location: "Global",
      registrationEnabled: true, virtualNetwork: { id: vnetId }, __urn: "urn:pulumi:stack::project::x::y",
    });
    return failures;
  } finally {
    releasePlan();
    delete process.env.PRIVATEDNS_EMULATOR_DB;
  }
}
