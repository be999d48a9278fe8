import { afterEach, describe, expect, it } from "vitest";
import { cleanup, expectRefusal, fileEmulator, link, vm, vnet, zone } from "../support/helpers";
import { assertInvariants } from "../support/invariants";
import { Emulator, ids } from "../../dist/provider/emulator";

afterEach(cleanup);

const Z = { privateZoneName: "contoso.com" };
const vmRes = (name: string) => ids.vmId("emulator", name);
const aSets = (em: Emulator, z = "contoso.com") =>
  em.listRecordSets({ privateZoneName: z }, { type: "A" }).map((r) => `${r.name}:${(r.aRecords ?? []).map((a) => a.ipv4Address).join(",")}:${r.isAutoRegistered}`);

/** contoso.com with registration vnet v1 (10.0/16); v2 (10.1/16) unlinked. */
function setup() {
  const em = fileEmulator();
  zone(em, "contoso.com");
  const v1 = vnet(em, "v1", ["10.0.0.0/16", "fd00::/64"]);
  const v2 = vnet(em, "v2", ["10.1.0.0/16"]);
  link(em, "contoso.com", "reg", v1.id, { registrationEnabled: true });
  return { em, v1, v2 };
}

describe("auto-registration (A)", () => {
  it("A1: only virtual machines are registered; everything else is created by hand", () => {
    const { em, v1, v2 } = setup();
    em.createRecordSet({ ...Z, relativeRecordSetName: "db", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.0.0.50" }] });
    link(em, "contoso.com", "res", v2.id);
    zone(em, "other.com");
    expect(em.listRecordSets(Z).filter((r) => r.isAutoRegistered)).toEqual([]);
    expect(aSets(em)).toEqual(["db:10.0.0.50:false"]);
    vm(em, "app", v1.id, "10.0.0.4");
    expect(em.listRecordSets(Z).filter((r) => r.isAutoRegistered).map((r) => r.name)).toEqual(["app"]);
    expect(em.store.db.prepare("SELECT count(*) AS n FROM record_sets WHERE auto = 1").get()).toEqual({ n: 1 });
    assertInvariants(em);
  });

  it("A2: only the primary NIC is registered; exactly one NIC is primary; a single NIC is primary", () => {
    const { em, v1 } = setup();
    em.createVm({ vmName: "multi", virtualNetwork: { id: v1.id }, networkInterfaces: [
      { name: "a", privateIPAddress: "10.0.0.4" }, { name: "b", privateIPAddress: "10.0.0.5", primary: true }, { name: "c", privateIPAddress: "10.0.0.6" }] });
    em.createVm({ vmName: "single", virtualNetwork: { id: v1.id }, networkInterfaces: [{ name: "only", privateIPAddress: "10.0.0.7", primary: false }] });
    expect(aSets(em)).toEqual(["multi:10.0.0.5:true", "single:10.0.0.7:true"]);
    expect(em.getVm({ vmName: "single" }).networkInterfaces).toEqual([{ name: "only", privateIPAddress: "10.0.0.7", primary: true }]);
    for (const [nics, value] of [
      [[{ name: "a", privateIPAddress: "10.0.0.8" }, { name: "b", privateIPAddress: "10.0.0.9" }], 0],
      [[{ name: "a", privateIPAddress: "10.0.0.8", primary: true }, { name: "b", privateIPAddress: "10.0.0.9", primary: true }], 2],
    ] as const)
      expectRefusal(em, () => em.createVm({ vmName: "bad", virtualNetwork: { id: v1.id }, networkInterfaces: nics as any }),
        { code: "BadRequest", rule: "A2", resource: vmRes("bad"), value });
    expectRefusal(em, () => em.createVm({ vmName: "bad", virtualNetwork: { id: v1.id }, networkInterfaces: [] }), { code: "BadRequest", rule: "A2", value: [] });
    expectRefusal(em, () => em.createVm({ vmName: "bad", virtualNetwork: { id: v1.id }, networkInterfaces: [
      { name: "Same", privateIPAddress: "10.0.0.8", primary: true }, { name: "same", privateIPAddress: "10.0.0.9" }] }), { code: "BadRequest", rule: "A2", value: "same" });
    // Switching the primary NIC moves the record to the new primary's address.
    em.updateVm({ vmName: "multi", virtualNetwork: { id: v1.id }, networkInterfaces: [
      { name: "a", privateIPAddress: "10.0.0.4", primary: true }, { name: "b", privateIPAddress: "10.0.0.5" }, { name: "c", privateIPAddress: "10.0.0.6" }] });
    expect(aSets(em)).toEqual(["multi:10.0.0.4:true", "single:10.0.0.7:true"]);
    expect(em.resolve(v1.id, "5.0.0.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
    expect(em.resolve(v1.id, "4.0.0.10.in-addr.arpa", "PTR").answers.map((a) => a.data)).toEqual(["multi.contoso.com"]);
    assertInvariants(em, { resolution: true });
  });

  it("A3: only IPv4: a primary NIC with an IPv6 address gets no record (no AAAA)", () => {
    const { em, v1 } = setup();
    em.createVm({ vmName: "six", virtualNetwork: { id: v1.id }, networkInterfaces: [{ name: "n", privateIPAddress: "FD00::4" }] });
    em.createVm({ vmName: "mixed", virtualNetwork: { id: v1.id }, networkInterfaces: [
      { name: "v6", privateIPAddress: "fd00::5", primary: true }, { name: "v4", privateIPAddress: "10.0.0.5" }] });
    em.createVm({ vmName: "four", virtualNetwork: { id: v1.id }, networkInterfaces: [
      { name: "v4", privateIPAddress: "10.0.0.6", primary: true }, { name: "v6", privateIPAddress: "fd00::6" }] });
    expect(em.getVm({ vmName: "six" }).networkInterfaces[0].privateIPAddress).toBe("fd00::4");
    expect(em.listRecordSets(Z).filter((r) => r.isAutoRegistered).map((r) => `${r.recordType} ${r.name}`)).toEqual(["A four"]);
    expect(em.registeredRecords({ vmName: "six" })).toEqual([]);
    expect(em.registeredRecords({ vmName: "mixed" })).toEqual([]);
    expect(em.resolve(v1.id, "six.contoso.com", "AAAA").rcode).toBe("NXDOMAIN");
    expect(em.resolve(v1.id, "four.contoso.com", "AAAA")).toMatchObject({ rcode: "NOERROR", answers: [] });
    // Switching to an IPv4 primary registers it; back to IPv6 removes it.
    em.updateVm({ vmName: "six", virtualNetwork: { id: v1.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.4" }] });
    expect(aSets(em)).toEqual(["four:10.0.0.6:true", "six:10.0.0.4:true"]);
    em.updateVm({ vmName: "six", virtualNetwork: { id: v1.id }, networkInterfaces: [{ name: "n", privateIPAddress: "fd00::4" }] });
    expect(aSets(em)).toEqual(["four:10.0.0.6:true"]);
    assertInvariants(em, { resolution: true });
  });

  it("A4: an A record <host>.<zone>, ttl 10, auto-registered; host = computer name, else VM name, lower case", () => {
    const { em, v1 } = setup();
    vm(em, "VmOne", v1.id, "10.0.0.4");
    vm(em, "vm-two", v1.id, "10.0.0.5", { computerName: "Web-01" });
    const one = em.getRecordSet({ ...Z, relativeRecordSetName: "vmone", recordType: "A" });
    expect(one).toMatchObject({ fqdn: "vmone.contoso.com.", ttl: 10, isAutoRegistered: true, aRecords: [{ ipv4Address: "10.0.0.4" }] });
    expect(em.getRecordSet({ ...Z, relativeRecordSetName: "web-01", recordType: "A" })).toMatchObject({ ttl: 10, isAutoRegistered: true });
    expect(em.findRecordSet({ ...Z, relativeRecordSetName: "vm-two", recordType: "A" })).toBeUndefined();
    expect(em.getVm({ vmName: "vm-two" }).hostName).toBe("web-01");
    expect(em.registeredRecords({ vmName: "vm-two" })).toContainEqual({ zone: "contoso.com", relativeName: "web-01", fqdn: "web-01.contoso.com.", type: "A", ttl: 10, value: "10.0.0.5" });
    expect(em.resolve(v1.id, "WEB-01.contoso.com.", "A")).toMatchObject({ rcode: "NOERROR", answers: [{ name: "web-01.contoso.com", ttl: 10, type: "A", data: "10.0.0.5" }] });
    for (const bad of ["-web", "web_01", "a.b", "x".repeat(64), "web-"])
      expectRefusal(em, () => vm(em, "bad", v1.id, "10.0.0.9", { computerName: bad }), { code: "BadRequest", rule: "A4", resource: vmRes("bad"), value: bad });
    assertInvariants(em, { resolution: true });
  });

  it("A5: a PTR for the primary IPv4 -> <host>.<zone>., ttl 10, in the reverse-lookup space, answering only in the VM's vnet", () => {
    const { em, v1, v2 } = setup();
    link(em, "contoso.com", "res", v2.id);
    vm(em, "app", v1.id, "10.0.1.20", { computerName: "App" });
    expect(em.registeredRecords({ vmName: "app" })).toEqual([
      { zone: "contoso.com", relativeName: "app", fqdn: "app.contoso.com.", type: "A", ttl: 10, value: "10.0.1.20" },
      { zone: "in-addr.arpa", relativeName: "20.1.0.10", fqdn: "20.1.0.10.in-addr.arpa.", type: "PTR", ttl: 10, value: "app.contoso.com." },
    ]);
    expect(em.resolve(v1.id, "20.1.0.10.in-addr.arpa", "PTR")).toEqual({
      rcode: "NOERROR", answers: [{ name: "20.1.0.10.in-addr.arpa", ttl: 10, type: "PTR", data: "app.contoso.com" }], authority: [],
    });
    // Not in the forward zone, and not a record set of any zone.
    expect(em.listRecordSets(Z).map((r) => r.recordType).sort()).toEqual(["A", "SOA"]);
    expect(em.listZones().map((z) => z.name)).toEqual(["contoso.com"]);
    expect(em.store.db.prepare("SELECT count(*) AS n FROM record_sets WHERE type = 'PTR'").get()).toEqual({ n: 0 });
    // v2 sees the forward zone, but not the PTR (Q5).
    expect(em.resolve(v2.id, "app.contoso.com", "A").answers.map((a) => a.data)).toEqual(["10.0.1.20"]);
    expect(em.resolve(v2.id, "20.1.0.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
    assertInvariants(em, { resolution: true });
  });

  it("A6: create, IP change, rename, move, deallocate and delete update the records at once, in every zone concerned", () => {
    const { em, v1, v2 } = setup();
    zone(em, "fabrikam.com");
    link(em, "fabrikam.com", "reg", v2.id, { registrationEnabled: true });
    const vmArgs = (over: Record<string, unknown>) => ({ vmName: "app", virtualNetwork: { id: v1.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.4" }], ...over }) as any;
    em.createVm(vmArgs({}));
    expect(aSets(em)).toEqual(["app:10.0.0.4:true"]);
    em.updateVm(vmArgs({ networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.40" }] }));
    expect(aSets(em)).toEqual(["app:10.0.0.40:true"]);
    expect(em.resolve(v1.id, "4.0.0.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
    expect(em.resolve(v1.id, "40.0.0.10.in-addr.arpa", "PTR").answers[0].data).toBe("app.contoso.com");
    em.updateVm(vmArgs({ computerName: "renamed", networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.40" }] }));
    expect(aSets(em)).toEqual(["renamed:10.0.0.40:true"]);
    // Move to v2: leaves contoso.com, joins fabrikam.com.
    em.updateVm(vmArgs({ computerName: "renamed", virtualNetwork: { id: v2.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.1.0.40" }] }));
    expect(aSets(em)).toEqual([]);
    expect(aSets(em, "fabrikam.com")).toEqual(["renamed:10.1.0.40:true"]);
    expect(em.resolve(v1.id, "40.0.0.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
    expect(em.resolve(v2.id, "40.0.1.10.in-addr.arpa", "PTR").answers[0].data).toBe("renamed.fabrikam.com");
    em.updateVm(vmArgs({ computerName: "renamed", virtualNetwork: { id: v2.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.1.0.40" }], powerState: "deallocated" }));
    expect(aSets(em, "fabrikam.com")).toEqual([]);
    expect(em.registeredRecords({ vmName: "app" })).toEqual([]);
    em.updateVm(vmArgs({ computerName: "renamed", virtualNetwork: { id: v2.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.1.0.40" }], powerState: "running" }));
    expect(aSets(em, "fabrikam.com")).toEqual(["renamed:10.1.0.40:true"]);
    assertInvariants(em, { resolution: true });
    expect(em.deleteVm({ vmName: "APP" })).toBe(true);
    expect(aSets(em, "fabrikam.com")).toEqual([]);
    expect(em.resolve(v2.id, "40.0.1.10.in-addr.arpa", "PTR").rcode).toBe("NXDOMAIN");
    expect(em.deleteVm({ vmName: "app" })).toBe(false);
    expectRefusal(em, () => em.createVm(vmArgs({ powerState: "stopped" })), { code: "BadRequest", rule: "A6", value: "stopped" });
    expectRefusal(em, () => em.updateVm(vmArgs({})), { code: "ResourceNotFound", rule: "E", resource: vmRes("app") });
    assertInvariants(em, { resolution: true });
  });

  it("A7: a user set of the same name and type overwrites the auto one; deleting it brings the VM's record back; a user record that exists first is never overwritten", () => {
    const { em, v1 } = setup();
    vm(em, "app", v1.id, "10.0.0.4");
    const user = em.createRecordSet({ ...Z, relativeRecordSetName: "app", recordType: "A", ttl: 300, aRecords: [{ ipv4Address: "192.168.0.1" }] });
    expect(user).toMatchObject({ isAutoRegistered: false, ttl: 300, aRecords: [{ ipv4Address: "192.168.0.1" }] });
    expect(aSets(em)).toEqual(["app:192.168.0.1:false"]);
    expect(em.registeredRecords({ vmName: "app" }).map((r) => r.type)).toEqual(["PTR"]);
    // VM changes do not touch the user's set.
    em.updateVm({ vmName: "app", virtualNetwork: { id: v1.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.5" }] });
    expect(aSets(em)).toEqual(["app:192.168.0.1:false"]);
    expect(em.deleteRecordSet({ ...Z, relativeRecordSetName: "app", recordType: "A" })).toBe(true);
    expect(em.getRecordSet({ ...Z, relativeRecordSetName: "app", recordType: "A" })).toMatchObject({ isAutoRegistered: true, ttl: 10, aRecords: [{ ipv4Address: "10.0.0.5" }] });
    // A user record that exists first is kept when a VM of that host appears, changes or goes.
    em.createRecordSet({ ...Z, relativeRecordSetName: "db", recordType: "A", ttl: 60, aRecords: [{ ipv4Address: "10.0.0.99" }] });
    vm(em, "db", v1.id, "10.0.0.6");
    expect(aSets(em)).toEqual(["app:10.0.0.5:true", "db:10.0.0.99:false"]);
    em.deleteVm({ vmName: "db" });
    expect(aSets(em)).toEqual(["app:10.0.0.5:true", "db:10.0.0.99:false"]);
    // Deleting the user set when the VM is gone leaves nothing.
    em.deleteRecordSet({ ...Z, relativeRecordSetName: "db", recordType: "A" });
    expect(aSets(em)).toEqual(["app:10.0.0.5:true"]);
    // A user CNAME at a VM's host name blocks its A record; deleting it brings the record back.
    em.createRecordSet({ ...Z, relativeRecordSetName: "web", recordType: "CNAME", ttl: 60, cnameRecord: { cname: "app.contoso.com" } });
    vm(em, "web", v1.id, "10.0.0.7");
    expect(em.findRecordSet({ ...Z, relativeRecordSetName: "web", recordType: "A" })).toBeUndefined();
    expect(em.resolve(v1.id, "web.contoso.com", "A").answers.map((a) => a.data)).toEqual(["app.contoso.com", "10.0.0.5"]);
    em.deleteRecordSet({ ...Z, relativeRecordSetName: "web", recordType: "CNAME" });
    expect(em.getRecordSet({ ...Z, relativeRecordSetName: "web", recordType: "A" })).toMatchObject({ isAutoRegistered: true, aRecords: [{ ipv4Address: "10.0.0.7" }] });
    // Other types at the host name do not block it.
    em.createRecordSet({ ...Z, relativeRecordSetName: "app", recordType: "TXT", ttl: 60, txtRecords: [{ value: ["hello"] }] });
    expect(aSets(em)).toContain("app:10.0.0.5:true");
    assertInvariants(em, { resolution: true });
  });

  it("A8: two VMs with one host name in one zone share one A set; each address leaves with its VM", () => {
    const { em, v1, v2 } = setup();
    link(em, "contoso.com", "reg2", v2.id, { registrationEnabled: true });
    vm(em, "a", v1.id, "10.0.0.4", { computerName: "web" });
    vm(em, "b", v2.id, "10.1.0.4", { computerName: "WEB" });
    expect(aSets(em)).toEqual(["web:10.0.0.4,10.1.0.4:true"]);
    expect(em.getZone(Z).numberOfRecordSets).toBe(2);
    for (const v of [v1, v2]) expect(em.resolve(v.id, "web.contoso.com", "A").answers.map((x) => x.data).sort()).toEqual(["10.0.0.4", "10.1.0.4"]);
    em.updateVm({ vmName: "a", computerName: "web", virtualNetwork: { id: v1.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.4" }], powerState: "deallocated" });
    expect(aSets(em)).toEqual(["web:10.1.0.4:true"]);
    em.updateVm({ vmName: "a", computerName: "web", virtualNetwork: { id: v1.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.4" }] });
    expect(aSets(em)).toEqual(["web:10.0.0.4,10.1.0.4:true"]);
    em.deleteVm({ vmName: "b" });
    expect(aSets(em)).toEqual(["web:10.0.0.4:true"]);
    em.deleteVm({ vmName: "a" });
    expect(aSets(em)).toEqual([]);
    expect(em.getZone(Z).numberOfRecordSets).toBe(1);
    assertInvariants(em, { resolution: true });
  });

  it("A9: a NIC's IP lies inside its vnet's address space; no two NICs in one vnet share an IP", () => {
    const { em, v1, v2 } = setup();
    vm(em, "a", v1.id, "10.0.0.4");
    expectRefusal(em, () => vm(em, "out", v1.id, "10.1.0.4"), { code: "BadRequest", rule: "A9", resource: vmRes("out"), value: "10.1.0.4" });
    expectRefusal(em, () => vm(em, "six", v2.id, "fd00::1"), { code: "BadRequest", rule: "A9", value: "fd00::1" });
    expectRefusal(em, () => vm(em, "junk", v1.id, "10.0.0.256"), { code: "BadRequest", rule: "A9", value: "10.0.0.256" });
    expectRefusal(em, () => vm(em, "short", v1.id, "10.4"), { code: "BadRequest", rule: "A9", value: "10.4" });
    expectRefusal(em, () => vm(em, "dup", v1.id, "10.0.0.4"), { code: "Conflict", rule: "A9", resource: vmRes("dup"), value: "10.0.0.4" });
    expectRefusal(em, () => em.createVm({ vmName: "twice", virtualNetwork: { id: v1.id }, networkInterfaces: [
      { name: "x", privateIPAddress: "10.0.0.8", primary: true }, { name: "y", privateIPAddress: "10.0.0.8" }] }), { code: "Conflict", rule: "A9", value: "10.0.0.8" });
    // The same address in another vnet is fine.
    const v3 = vnet(em, "v3", ["10.0.0.0/24"]);
    vm(em, "same-ip", v3.id, "10.0.0.4");
    // Moving into a vnet where the address is taken is refused; so is shrinking a vnet under its NICs.
    expectRefusal(em, () => em.updateVm({ vmName: "same-ip", virtualNetwork: { id: v1.id }, networkInterfaces: [{ name: "n", privateIPAddress: "10.0.0.4" }] }),
      { code: "Conflict", rule: "A9", value: "10.0.0.4" });
    expectRefusal(em, () => em.updateVnet({ virtualNetworkName: "v1", addressSpace: { addressPrefixes: ["10.0.1.0/24"] } }),
      { code: "BadRequest", rule: "A9", resource: v1.id, value: "10.0.0.4" });
    expectRefusal(em, () => em.updateVnet({ virtualNetworkName: "v1", addressSpace: { addressPrefixes: ["10.0.0.0/33"] } }), { code: "BadRequest", rule: "A9", value: "10.0.0.0/33" });
    expectRefusal(em, () => vnet(em, "empty", []), { code: "BadRequest", rule: "A9", value: [] });
    // Growing is fine; the address is freed when the VM goes.
    em.updateVnet({ virtualNetworkName: "v1", addressSpace: { addressPrefixes: ["10.0.0.0/8"] } });
    em.deleteVm({ vmName: "a" });
    vm(em, "b", v1.id, "10.0.0.4");
    // Changing one VM's own address list around is not a clash with itself.
    em.updateVm({ vmName: "b", virtualNetwork: { id: v1.id }, networkInterfaces: [{ name: "x", privateIPAddress: "10.0.0.5", primary: true }, { name: "y", privateIPAddress: "10.0.0.4" }] });
    assertInvariants(em, { resolution: true });
  });
});
