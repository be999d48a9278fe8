// Scaffolding for the example tests: each test copies examples/<name> to test/.tmp (test/support/example-copy.ts),
// points the stack at its own emulator store, and opens a stack over it with one of two engines: the package's
// `testing` LocalWorkspace, or the real Automation API (`@pulumi/pulumi/automation` with the Pulumi CLI)
// set up by hand, as a user without the package's helper would.
import * as fs from "fs";
import * as path from "path";

import * as auto from "@pulumi/pulumi/automation";
import { expect } from "vitest";

import type { Emulator, RegisteredRecord } from "../../dist/provider/emulator";
import { copyExample, ProgramCopy, programCopy, repoRoot } from "../support/example-copy";
import * as testing from "../../testing";
import { cliEnv, pulumiCommand } from "../../testing/cli";

export { repoRoot };
export const policyPack = path.join(repoRoot, "policy");

/** The two ways a test opens a stack: the package's `testing` helper, or the real Automation API by hand. */
export type EngineName = "testing" | "automation";

export interface OpenedStack {
  stack: auto.Stack;
  close(): void;
}


/** The real Automation API with a private PULUMI_HOME, file backend and passphrase (what `testing` does for you). */
export async function openAutomation(args: auto.LocalProgramArgs, envVars: Record<string, string>): Promise<OpenedStack> {
  const cli = cliEnv();
  try {
    const stack = await auto.LocalWorkspace.createOrSelectStack(args, { pulumiCommand: await pulumiCommand(), envVars: { ...cli.env, ...envVars } });
    return { stack, close: cli.cleanup };
  } catch (e) {
    cli.cleanup();
    throw e;
  }
}

export async function openStack(engine: EngineName, args: auto.LocalProgramArgs, envVars: Record<string, string>): Promise<OpenedStack> {
  if (engine === "automation") return openAutomation(args, envVars);
  const stack = await testing.LocalWorkspace.createOrSelectStack(args, { envVars });
  return { stack: stack as unknown as auto.Stack, close: () => undefined };
}

export interface ExampleStack extends ProgramCopy {
  workDir: string;
  /** The emulator store this stack writes (stack config `privatedns:emulatorDb`, or the env var). */
  db: string;
  stack: auto.Stack;
  /** The deployment's resources (`stack.exportStack()`). */
  resources(): Promise<any[]>;
  cleanup(): void;
}

export interface ExampleOptions {
  /** Which engine runs the stack; default the package's `testing` helper. */
  engine?: EngineName;
  /** Type-check the program with ts-node as the CLI does (slower); default transpile only. */
  typeCheck?: boolean;
  /** How the store is chosen: stack config `privatedns:emulatorDb` (default) or `$PRIVATEDNS_EMULATOR_DB`. */
  dbVia?: "config" | "env";
  config?: Record<string, string>;
}

export async function exampleStack(example: string, opts: ExampleOptions = {}): Promise<ExampleStack> {
  const workDir = copyExample(example, opts.engine ?? "testing");
  const db = path.join(workDir, "dns.db");
  const envVars: Record<string, string> = {};
  if (!opts.typeCheck) envVars.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
  if (opts.dbVia === "env") envVars.PRIVATEDNS_EMULATOR_DB = db;
  const opened = await openStack(opts.engine ?? "testing", { stackName: "dev", workDir }, envVars);
  const stack = opened.stack;
  if (opts.dbVia !== "env") await stack.setConfig("privatedns:emulatorDb", { value: db });
  for (const [k, v] of Object.entries(opts.config ?? {})) await stack.setConfig(k, { value: v });
  return {
    workDir,
    db,
    stack,
    resources: async () => (await stack.exportStack()).deployment.resources ?? [],
    ...programCopy(workDir, db),
    cleanup: () => {
      opened.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** The two records Azure registers for a running VM (A4, A5), as `autoRegisteredRecords` and `registeredRecords` show them. */
export function registered(host: string, zone: string, ip: string): RegisteredRecord[] {
  const reversed = ip.split(".").reverse().join(".");
  return [
    { zone, relativeName: host, fqdn: `${host}.${zone}.`, type: "A", ttl: 10, value: ip },
    { zone: "in-addr.arpa", relativeName: reversed, fqdn: `${reversed}.in-addr.arpa.`, type: "PTR", ttl: 10, value: `${host}.${zone}.` },
  ];
}

/** Plain stack output values. */
export function values(outputs: Record<string, { value: unknown }>): Record<string, any> {
  return Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, o.value]));
}

/** The deployment's resources of one dynamic kind, by logical name. */
export async function byKind(ex: ExampleStack, kind: string): Promise<Record<string, any>> {
  const type = `pulumi-nodejs:dynamic/privatedns:${kind}`;
  return Object.fromEntries((await ex.resources()).filter((r) => r.type === type).map((r) => [r.urn.split("::").pop()!, r]));
}

/** Every VM of the store with its registered records, by name. */
export function storeRecords(emu: Emulator): Record<string, RegisteredRecord[]> {
  return Object.fromEntries(emu.listVms().map((vm) => [vm.name, emu.registeredRecords({ resourceGroupName: vm.resourceGroupName, vmName: vm.name })]));
}

/** A zone's record sets as `name TYPE [auto]` lines, sorted. */
export function recordSetLines(emu: Emulator, zone: string): string[] {
  return emu
    .listRecordSets({ privateZoneName: zone })
    .map((r) => `${r.name} ${r.recordType}${r.isAutoRegistered ? " auto" : ""}`)
    .sort();
}

/** Links as `zone/link -> vnet name [registration]`, sorted. */
export function linkLines(emu: Emulator): string[] {
  return emu
    .listLinks()
    .map((l) => `${l.privateZoneName}/${l.name} -> ${l.virtualNetwork.id.split("/").pop()}${l.registrationEnabled ? " registration" : ""}`)
    .sort();
}

/**
 * The stack's state agrees with the store: each VM's `autoRegisteredRecords`, each link's
 * `registrationEnabled`, each zone's counters; and every emulator resource of the state exists.
 */
export async function expectStateMatchesStore(ex: ExampleStack): Promise<void> {
  const [vms, links, zones] = [await byKind(ex, "Vm"), await byKind(ex, "VnetLink"), await byKind(ex, "Zone")];
  ex.store((emu) => {
    expect(Object.keys(vms).sort()).toEqual(emu.listVms().map((v) => v.name).sort());
    for (const [name, vm] of Object.entries(vms)) expect({ [name]: vm.outputs.autoRegisteredRecords }).toEqual({ [name]: emu.registeredRecords({ vmName: name }) });
    expect(Object.keys(links).sort()).toEqual(emu.listLinks().map((l) => l.name).sort());
    for (const link of Object.values(links)) {
      const stored = emu.getLink({ privateZoneName: link.outputs.privateZoneName, virtualNetworkLinkName: link.outputs.name });
      expect(link.outputs.registrationEnabled).toBe(stored.registrationEnabled);
    }
    for (const zone of Object.values(zones)) {
      const stored = emu.getZone({ privateZoneName: zone.outputs.name });
      expect([zone.outputs.name, zone.outputs.numberOfRecordSets, zone.outputs.numberOfVirtualNetworkLinks, zone.outputs.numberOfVirtualNetworkLinksWithRegistration])
        .toEqual([stored.name, stored.numberOfRecordSets, stored.numberOfVirtualNetworkLinks, stored.numberOfVirtualNetworkLinksWithRegistration]);
    }
  });
}
