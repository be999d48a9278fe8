/**
 * SPEC E: the error catalogue (provider/emulator/errors.ts). Every constructor is walked: its Azure code and
 * HTTP status, its rule (which must exist in docs/SPEC.md), its message template rendered, the field and value
 * it is given carried. Then the throw sites: none words an error outside the catalogue, and a refusal points at
 * the offending field of the request, down to the record (`aRecords[1].ipv4Address`), for the handlers too.
 */
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AzureError, E, EmulatorError, HTTP_STATUS, isNotFound } from "../../dist/provider/emulator/errors";
import { handlers, releasePlan } from "../../dist/provider";
import type { RecordSetArgs } from "../../dist/provider/emulator";
import { cleanup, errorOf, fileEmulator, tempDir } from "../support/helpers";

const REPO = path.resolve(__dirname, "../..");
const SPEC = fs.readFileSync(path.join(REPO, "docs/SPEC.md"), "utf8");
/** A rule id the SPEC defines: `**Z1**` for a rule, a section heading (`## E: errors`) for E. */
const inSpec = (rule: string) => SPEC.includes(`**${rule}**`) || new RegExp(`^## ${rule}: `, "m").test(SPEC);

const catalogue = Object.entries(E) as [string, AzureError][];
const placeholders = (template: string) => [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);

describe("the error catalogue (E)", () => {
  it("E: has a constructor for every Azure error the emulator answers with", () => {
    expect(catalogue.length).toBeGreaterThan(60);
    const codes = new Set(catalogue.map(([, c]) => c.code));
    expect([...codes].sort()).toEqual(Object.keys(HTTP_STATUS).sort());
  });

  it.each(catalogue)("E: %s has an Azure code, its HTTP status, a SPEC rule and a template that renders", (name, make) => {
    expect(HTTP_STATUS[make.code], name).toBe(make.status);
    expect([400, 401, 404, 409, 412]).toContain(make.status);
    expect(inSpec(make.rule), `${name}: rule ${make.rule} is in docs/SPEC.md`).toBe(true);
    const names = placeholders(make.template);
    for (const p of names) expect(p, `${name}: placeholder {${p}}`).toMatch(/^\w+$/);
    const params = Object.fromEntries(names.filter((p) => p !== "value" && p !== "field").map((p) => [p, `<${p}>`]));
    const e: EmulatorError = (make as any)({ resource: "/subscriptions/s/resource", field: "aRecords[1].ipv4Address", value: "the-value" }, params);
    expect(e.name).toBe("EmulatorError");
    expect({ code: e.code, status: e.status, rule: e.rule, field: e.field, value: e.value })
      .toEqual({ code: make.code, status: make.status, rule: make.rule, field: "aRecords[1].ipv4Address", value: "the-value" });
    expect(e.detail, name).not.toMatch(/\{\w+\}|undefined/);
    for (const v of Object.values(params)) expect(e.detail, `${name} renders ${v}`).toContain(v);
    expect(e.message.startsWith(`${e.code} (${e.rule}) /subscriptions/s/resource: ${e.detail}`)).toBe(true);
    expect(e.message, "the message names the field and the value").toContain("aRecords[1].ipv4Address");
    expect(e.message).toContain("the-value");
    expect(e.toJSON()).toEqual({ code: e.code, rule: e.rule, resource: e.resource, field: e.field, value: e.value, message: e.detail });
  });

  it("E: one wording per error: no two constructors share code, rule and template", () => {
    const keys = catalogue.map(([, c]) => `${c.code}|${c.rule}|${c.template}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("E: Azure's recorded wordings (reference/azure-cli-recordings) are used verbatim", () => {
    const at = { resource: "r", field: "f", value: "clitestprivatednsrecordset000003" };
    expect(E.recordSetNotFound(at, { resourceGroup: "cli_test_private_dns_000001", subscription: "00000000-0000-0000-0000-000000000000" }).detail)
      .toBe("The resource record 'clitestprivatednsrecordset000003' does not exist in resource group 'cli_test_private_dns_000001' of subscription '00000000-0000-0000-0000-000000000000'.");
    expect(E.recordSetNotFound.code).toBe("NotFound");
    expect(E.resourceNotFound({ ...at, value: "x" }, { path: "Microsoft.Network/privateDnsZones/clitest.privatedns.com000002", resourceGroup: "clitest_privatedns000001" }).detail)
      .toBe("The Resource 'Microsoft.Network/privateDnsZones/clitest.privatedns.com000002' under resource group 'clitest_privatedns000001' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    expect(E.recordSetExists(at).detail).toBe("The Record set clitestprivatednsrecordset000003 exists already and hence cannot be created again.");
    expect(E.zoneExists({ ...at, value: "clitest.privatedns.com000002" }).detail).toBe("The Zone clitest.privatedns.com000002 exists already and hence cannot be created again.");
    expect(E.linkExists({ ...at, value: "clitestprivatednslink000004" }, { zone: "clitest.privatedns.com000002" }).detail)
      .toBe("The Virtual Network link clitestprivatednslink000004 for the Private DNS zone clitest.privatedns.com000002 exists already and hence cannot be created again.");
    for (const c of [E.recordSetNotFound, E.resourceNotFound, E.parentResourceNotFound]) expect(isNotFound(c(at, {} as any))).toBe(true);
  });

  it("E: no code outside the catalogue words a refusal (every throw site uses a named constructor)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== "node_modules") walk(p);
        else if (entry.name.endsWith(".ts") && p !== path.join(REPO, "provider/emulator/errors.ts")) {
          fs.readFileSync(p, "utf8").split("\n").forEach((line, i) => {
            if (/new EmulatorError\(|\bbadRequest\(|\bconflict\(/.test(line)) offenders.push(`${path.relative(REPO, p)}:${i + 1}`);
          });
        }
      }
    };
    for (const dir of ["provider", "cli", "dns", "policy", "sdk"]) walk(path.join(REPO, dir));
    expect(offenders).toEqual([]);
  });
});

describe("refusals point at the offending field (E)", () => {
  afterAll(cleanup);
  const Z = { privateZoneName: "corp.internal" };
  const rs = (over: Record<string, unknown>) => ({ ...Z, relativeRecordSetName: "www", recordType: "A", ttl: 60, ...over }) as RecordSetArgs;

  it("E, R1: a bad address in aRecords is blamed on aRecords[1].ipv4Address, not on the record set's name", () => {
    const em = fileEmulator();
    em.createZone(Z);
    const bad = errorOf(() => em.createRecordSet(rs({ aRecords: [{ ipv4Address: "10.0.0.1" }, { ipv4Address: "10.0.0.999" }] })));
    expect({ code: bad.code, rule: bad.rule, field: bad.field, value: bad.value })
      .toEqual({ code: "BadRequest", rule: "R1", field: "aRecords[1].ipv4Address", value: "10.0.0.999" });
    expect(bad.detail).toBe("aRecords[1].ipv4Address '10.0.0.999' is not an IPv4 address.");
    const cases: [Record<string, unknown>, string][] = [
      [{ relativeRecordSetName: "a..b" }, "relativeRecordSetName"],
      [{ ttl: 0 }, "ttl"],
      [{ aRecords: Array.from({ length: 21 }, (_, i) => ({ ipv4Address: `10.0.0.${i}` })) }, "aRecords"],
      [{ recordType: "MX", mxRecords: [{ preference: 70000, exchange: "mail.corp.internal" }] }, "mxRecords[0].preference"],
      [{ recordType: "SRV", srvRecords: [{ priority: 1, weight: 1, port: 1, target: "bad name" }] }, "srvRecords[0].target"],
      [{ recordType: "TXT", txtRecords: [{ value: ["ok"] }, { value: ["x".repeat(256)] }] }, "txtRecords[1].value[0]"],
      [{ recordType: "CNAME", relativeRecordSetName: "@", cnameRecord: { cname: "a.b" } }, "relativeRecordSetName"],
      [{ metadata: { a: 1 } }, "metadata"],
    ];
    for (const [over, field] of cases) expect(errorOf(() => em.createRecordSet(rs(over))).field, JSON.stringify(over)).toBe(field);
  });

  it("E, A2, A9: a VM's refusals name the NIC and its field", () => {
    const em = fileEmulator();
    const v = em.createVnet({ virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } });
    const vm = (nics: unknown[], over: Record<string, unknown> = {}) =>
      errorOf(() => em.createVm({ vmName: "vm1", virtualNetwork: { id: v.id }, networkInterfaces: nics as any, ...over }));
    expect(vm([{ name: "a", privateIPAddress: "10.0.0.4", primary: true }, { name: "b", privateIPAddress: "10.9.0.4" }]).field)
      .toBe("networkInterfaces[1].privateIPAddress");
    expect(vm([{ name: "a", privateIPAddress: "10.0.0.4", primary: true }, { name: "A", privateIPAddress: "10.0.0.5" }]).field)
      .toBe("networkInterfaces[1].name");
    expect(vm([{ name: "a", privateIPAddress: "10.0.0.4" }], { computerName: "bad_name" }).field).toBe("computerName");
    expect(vm([{ name: "a", privateIPAddress: "10.0.0.4" }], { vmName: "bad_name" }).field).toBe("vmName");
    expect(vm([{ name: "a", privateIPAddress: "10.0.0.4" }], { virtualNetwork: { id: `${v.id}x` } }))
      .toMatchObject({ code: "ResourceNotFound", field: "virtualNetwork.id" });
  });
});

describe("the handlers read the field from the error (no guessing from the rule)", () => {
  beforeAll(() => {
    process.env.PRIVATEDNS_EMULATOR_DB = path.join(tempDir(), "handlers.db");
  });
  afterAll(() => {
    releasePlan();
    delete process.env.PRIVATEDNS_EMULATOR_DB;
    cleanup();
  });

  it("E, R1: check blames a bad aRecords address on the aRecords input, and the message names the record", async () => {
    await handlers.Zone.check({}, { privateZoneName: "corp.internal", __urn: "urn:zone" });
    const { failures } = await handlers.RecordSet.check({}, {
      privateZoneName: "corp.internal", relativeRecordSetName: "www", recordType: "A", ttl: 60,
      aRecords: [{ ipv4Address: "10.0.0.1" }, { ipv4Address: "10.0.0.999" }], __urn: "urn:rs",
    });
    expect(failures).toEqual([{ property: "aRecords", reason: "BadRequest (R1): aRecords[1].ipv4Address '10.0.0.999' is not an IPv4 address." }]);
  });

  it("E: other kinds' properties come from the error's field too", async () => {
    const vnet = await handlers.Vnet.check({}, { virtualNetworkName: "hub", addressSpace: { addressPrefixes: ["10.0.0.0/33"] }, __urn: "urn:vnet" });
    expect(vnet.failures[0]).toMatchObject({ property: "addressSpace" });
    const vm = await handlers.Vm.check({}, {
      vmName: "vm1", powerState: "stopped", __urn: "urn:vm",
      virtualNetwork: { id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.Network/virtualNetworks/hub" },
      networkInterfaces: [{ name: "a", privateIPAddress: "10.0.0.4" }],
    });
    expect(vm.failures[0]).toMatchObject({ property: "powerState" });
    const zone = await handlers.Zone.check({}, { privateZoneName: "other.internal", tags: ["x"], __urn: "urn:zone2" });
    expect(zone.failures[0]).toMatchObject({ property: "tags" });
  });
});
