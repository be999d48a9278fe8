/**
 * Shared test helpers: a store on a real SQLite file in a temp dir, small builders for zones, vnets, links
 * and VMs, and `expectRefusal`, which checks a refusal the way SPEC E asks (code, rule, the message naming
 * the resource and the value, and nothing changed).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "vitest";
import { Emulator, EmulatorError, isEmulatorError, Link, Vm, Vnet, Zone } from "../../dist/provider/emulator";

export { Emulator, EmulatorError, isEmulatorError };

export const DIST = path.resolve(__dirname, "../../dist/provider/emulator");

/** A fresh temp dir (removed by `cleanup`). */
const dirs: string[] = [];
export function tempDir(prefix = "pdns-test-"): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

const opened: Emulator[] = [];
/** An emulator on a new SQLite file in a temp dir. */
export function fileEmulator(): Emulator {
  const em = Emulator.open(path.join(tempDir(), "emulator.db"));
  opened.push(em);
  return em;
}

export function cleanup(): void {
  for (const em of opened.splice(0)) em.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function vnet(em: Emulator, name: string, prefixes: string[] = ["10.0.0.0/16"], extra: { resourceGroupName?: string; deploymentModel?: "Classic" | "ResourceManager" } = {}): Vnet {
  return em.createVnet({ virtualNetworkName: name, addressSpace: { addressPrefixes: prefixes }, ...extra });
}

export function zone(em: Emulator, name: string, resourceGroupName?: string): Zone {
  return em.createZone({ privateZoneName: name, resourceGroupName });
}

export function link(em: Emulator, zoneName: string, linkName: string, vnetId: string,
  opts: { registrationEnabled?: boolean; resolutionPolicy?: "Default" | "NxDomainRedirect"; resourceGroupName?: string } = {}): Link {
  return em.createLink({ privateZoneName: zoneName, virtualNetworkLinkName: linkName, virtualNetwork: { id: vnetId }, ...opts });
}

export function vm(em: Emulator, name: string, vnetId: string, ip: string,
  opts: { computerName?: string; powerState?: "running" | "deallocated"; resourceGroupName?: string } = {}): Vm {
  return em.createVm({ vmName: name, virtualNetwork: { id: vnetId }, networkInterfaces: [{ name: `${name}-nic`, privateIPAddress: ip }], ...opts });
}

/** The text a message must contain to "name" a value (SPEC E). */
export function valueText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export interface Refusal {
  code: string;
  rule: string;
  /** Exact resource (string) or a pattern it must match. */
  resource?: string | RegExp;
  value?: unknown;
}

/** Calls `fn`, expects an EmulatorError as described, and that the store (export()) is unchanged. */
export function expectRefusal(em: Emulator, fn: () => unknown, want: Refusal): EmulatorError {
  const before = em.export();
  let err: unknown;
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    err = e;
  }
  if (err === undefined) throw new Error(`expected a ${want.code} (${want.rule}) refusal, got ${JSON.stringify(result)}`);
  expect(isEmulatorError(err), `not an EmulatorError: ${String(err)}`).toBe(true);
  const e = err as EmulatorError;
  expect({ code: e.code, rule: e.rule }, e.message).toEqual({ code: want.code, rule: want.rule });
  if (typeof want.resource === "string") expect(e.resource).toBe(want.resource);
  else if (want.resource) expect(e.resource).toMatch(want.resource);
  if ("value" in want) expect(e.value).toEqual(want.value);
  expect(typeof e.resource === "string" && e.resource.length > 0).toBe(true);
  expect(e.message, "the message names the resource").toContain(e.resource);
  const text = valueText(e.value);
  if (text !== undefined) expect(e.message, "the message names the value").toContain(text);
  expect(em.export(), "a refused operation changes nothing").toEqual(before);
  return e;
}

/** Runs `fn` and returns the EmulatorError it throws (fails if it does not throw one). */
export function errorOf(fn: () => unknown): EmulatorError {
  try {
    fn();
  } catch (e) {
    if (isEmulatorError(e)) return e;
    throw e;
  }
  throw new Error("expected an EmulatorError");
}
