// azure-native's own documentation programs (the registry's "Example Usage" TypeScript, saved under
// test/fixtures/azure-native-docs/<name>/ unmodified but for the import line, each with its SOURCE.md), through the
// real Pulumi CLI: preview (writes nothing), up, refresh (no drift), destroy. The programs name resources that
// exist in the subscription they were written for (a zone, a vnet, a NIC); those are created in the store first,
// through the emulator, and are all that is left after destroy. Each program is type-checked once, as `pulumi up`
// checks it by default (its tsconfig.json, against these classes), and then runs transpile-only under the CLI.
import * as fs from "fs";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";

import { Emulator, ids } from "../../dist/provider/emulator";
import { typeErrors } from "../support/typecheck";
import { CliStack, cliStack } from "./cli-stack";

const T = 300_000;
const FIXTURES = "test/fixtures/azure-native-docs";

interface DocProgram {
  name: string;
  /** Resources the program creates. */
  creates: number;
  /** What the program names and expects to exist already. */
  before?: (emu: Emulator) => void;
  /** The store after `up`. */
  after: (emu: Emulator) => void;
  /** Inputs the program sets that the emulator keeps without emulating them (the warning names them). */
  kept?: string;
}

const zone1 = (emu: Emulator) => emu.createZone({ resourceGroupName: "resourceGroup1", privateZoneName: "privatezone1.com" });
const vnetWith = (emu: Emulator, rg: string, name: string, prefix: string, subnets: { name: string; addressPrefix: string }[] = []) =>
  emu.createVnet({ resourceGroupName: rg, virtualNetworkName: name, addressSpace: { addressPrefixes: [prefix] }, subnets });

const PROGRAMS: DocProgram[] = [
  {
    name: "resource-group", creates: 1,
    after: (emu) => expect(emu.getResourceGroup({ resourceGroupName: "my-resource-group" })).toMatchObject({ location: "eastus" }),
  },
  {
    name: "private-zone", creates: 1,
    after: (emu) => expect(emu.getZone({ resourceGroupName: "resourceGroup1", privateZoneName: "privatezone1.com" }))
      .toMatchObject({ tags: { key1: "value1" }, numberOfRecordSets: 1 }),
  },
  {
    name: "private-record-set-a", creates: 1, before: zone1,
    after: (emu) => expect(emu.getRecordSet({ resourceGroupName: "resourceGroup1", privateZoneName: "privatezone1.com", relativeRecordSetName: "recordA", recordType: "A" }))
      .toMatchObject({ ttl: 3600, aRecords: [{ ipv4Address: "1.2.3.4" }], metadata: { key1: "value1" }, fqdn: "recorda.privatezone1.com." }),
  },
  {
    name: "virtual-network-link", creates: 1,
    before: (emu) => { zone1(emu); vnetWith(emu, "virtualNetworkResourceGroup", "virtualNetworkName", "10.0.0.0/16"); },
    after: (emu) => expect(emu.getLink({ resourceGroupName: "resourceGroup1", privateZoneName: "privatezone1.com", virtualNetworkLinkName: "virtualNetworkLink1" }))
      .toMatchObject({ registrationEnabled: false, virtualNetwork: { id: ids.vnetId("virtualnetworkresourcegroup", "virtualnetworkname") }, tags: { key1: "value1" } }),
  },
  {
    name: "virtual-network", creates: 1, kept: "flowTimeoutInMinutes",
    after: (emu) => expect(emu.getVnet({ resourceGroupName: "rg1", virtualNetworkName: "test-vnet" }).addressSpace).toEqual({ addressPrefixes: ["10.0.0.0/16"] }),
  },
  {
    name: "virtual-network-bgp-communities", creates: 1, kept: "bgpCommunities",
    after: (emu) => expect(emu.listSubnets({ resourceGroupName: "rg1", virtualNetworkName: "test-vnet" }).map((s) => `${s.name} ${s.addressPrefix}`))
      .toEqual(["test-1 10.0.0.0/24"]),
  },
  {
    name: "subnet", creates: 1, before: (emu) => vnetWith(emu, "subnet-test", "vnetname", "10.0.0.0/16"),
    after: (emu) => expect(emu.getSubnet({ resourceGroupName: "subnet-test", virtualNetworkName: "vnetname", subnetName: "subnet1" }).addressPrefix).toBe("10.0.0.0/16"),
  },
  {
    name: "network-interface", creates: 1, kept: "disableTcpStateTracking, enableAcceleratedNetworking, ipConfigurations[].publicIPAddress, ipConfigurations[].privateIPAddressPrefixLength",
    before: (emu) => vnetWith(emu, "rg1", "rg1-vnet", "10.0.0.0/16", [{ name: "default", addressPrefix: "10.0.0.0/24" }]),
    // N3: Dynamic addresses, lowest free after the four Azure keeps; the first configuration is primary.
    after: (emu) => expect(emu.getNetworkInterface({ resourceGroupName: "rg1", networkInterfaceName: "test-nic" }).ipConfigurations
      .map((c) => `${c.name} ${c.privateIPAddress} ${c.primary}`)).toEqual(["ipconfig1 10.0.0.4 true", "ipconfig2 10.0.0.5 false"]),
  },
  {
    name: "virtual-machine", creates: 1, kept: "hardwareProfile, osProfile.adminPassword",
    before: (emu) => {
      const v = vnetWith(emu, "myResourceGroup", "vnet", "10.1.0.0/16", [{ name: "default", addressPrefix: "10.1.0.0/24" }]);
      emu.putNetworkInterface({ resourceGroupName: "myResourceGroup", networkInterfaceName: "{existing-nic-name}",
        ipConfigurations: [{ name: "ipconfig1", subnet: { id: ids.subnetId("myresourcegroup", "vnet", "default") } }] });
      emu.createZone({ resourceGroupName: "myResourceGroup", privateZoneName: "contoso.internal" });
      emu.createLink({ resourceGroupName: "myResourceGroup", privateZoneName: "contoso.internal", virtualNetworkLinkName: "reg", virtualNetwork: { id: v.id }, registrationEnabled: true });
    },
    // A4 through N4: the VM registers through its primary NIC's primary ip configuration.
    after: (emu) => expect(emu.registeredRecords({ resourceGroupName: "myResourceGroup", vmName: "myVM" }).map((r) => `${r.type} ${r.fqdn} ${r.value}`))
      .toEqual(["A myvm.contoso.internal. 10.1.0.4", "PTR 4.0.1.10.in-addr.arpa. myvm.contoso.internal."]),
  },
];

it("every program type-checks against these classes, unmodified but for the import (tsc with its tsconfig.json)", () => {
  const errors = PROGRAMS.flatMap((p) => typeErrors(path.join(__dirname, "../..", FIXTURES, p.name, "tsconfig.json")));
  expect(errors).toEqual([]);
}, T);

// The nine programs are independent stacks, each with its own store and backend: they run side by side (vitest's
// maxConcurrency at a time), and each one's steps in order.
describe.concurrent.each(PROGRAMS)("azure-native documentation program $name under the Pulumi CLI", (p) => {
  let s: CliStack;
  let prepared: unknown;
  afterAll(() => s?.cleanup());

  it.sequential("is azure-native's program with only the import changed, and says where it comes from", () => {
    const dir = path.join(__dirname, "../..", FIXTURES, p.name);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    expect(program).toContain('import * as azure_native from "pulumi-privatedns-emulator/azure-native";');
    expect(program).not.toContain("@pulumi/azure-native");
    expect(fs.readFileSync(path.join(dir, "SOURCE.md"), "utf8")).toMatch(/https:\/\/www\.pulumi\.com\/registry\/packages\/azure-native\/api-docs\//);
  });

  it.sequential("pulumi preview plans its creates and writes nothing", async () => {
    // Transpile-only: the program was type-checked above.
    s = await cliStack(`${FIXTURES}/${p.name}`);
    s.store((emu) => p.before?.(emu));
    prepared = s.store((emu) => emu.export());
    const bytes = s.storeBytes();
    const r = await s.preview();
    expect(r.changes).toEqual({ create: p.creates + 1 }); // and the stack
    expect(s.storeBytes()?.equals(bytes!)).toBe(true);
  }, T);

  it.sequential("pulumi up creates it in the emulator; what the emulator does not emulate is kept and said once", async () => {
    const r = await s.up();
    expect(r.changes).toEqual({ create: p.creates + 1 }); // and the stack
    s.store(p.after);
    if (p.kept) {
      const warnings = r.output.split("\n").filter((l) => l.includes("kept in state but not emulated"));
      expect(warnings.length, r.output).toBeGreaterThan(0);
      expect(new Set(warnings.map((l) => l.slice(l.indexOf("warning:")))).size, `one warning, however often the engine prints it:\n${warnings.join("\n")}`).toBe(1);
      for (const input of p.kept.split(", ")) expect(warnings[0]).toContain(input);
      // Kept in state, never dropped.
      const state = Object.values(await s.exported().then((e) => e.deployment.resources.filter((x: any) => x.custom && !x.type.startsWith("pulumi:providers"))))[0] as any;
      const top = p.kept.split(", ")[0].split(/[.[]/)[0];
      expect(state.outputs[top], `${top} in the state's outputs`).toEqual(state.inputs[top]);
    } else {
      expect(r.output).not.toContain("kept in state but not emulated");
    }
  }, T);

  it.sequential("pulumi refresh finds no drift; then preview plans nothing", async () => {
    const r = await s.ok(["refresh", "--yes", "--skip-preview"]);
    expect(r.stdout).not.toMatch(/~ .*updated/);
    expect((await s.preview()).changes).toEqual({ same: p.creates + 1 });
  }, T);

  it.sequential("pulumi destroy deletes what it created and leaves what was there before", async () => {
    await s.ok(["destroy", "--yes", "--skip-preview"]);
    s.store((emu) => expect(emu.export()).toEqual(prepared));
  }, T);
});
