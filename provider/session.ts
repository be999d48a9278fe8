/**
 * State of one dynamic-provider host process, which serves every resource of one deployment (DESIGN.md):
 * the configured store, the open emulators, and the claims of the resources checked so far in this
 * deployment, keyed by URN, so that two resources of one program that together break a rule are refused
 * at preview, before anything exists in the store.
 */
import * as fs from "fs";
import { chooseStorePath, Emulator, Operation } from "./emulator";

let configuredDb: string | undefined;
const emulators = new Map<string, Emulator>();

export interface Claim { urn: string; kind: string; ops: Operation[] }
const claims = new Map<string, Claim>();

/** Stack config `privatedns:emulatorDb` (relative to the program), else `$PRIVATEDNS_EMULATOR_DB`, else the default. */
export function configure(config: { get(key: string): string | undefined }): void {
  const fromConfig = config.get("privatedns:emulatorDb");
  configuredDb = fromConfig || undefined;
}

/** The store new resources go to. A resource is always updated and deleted in the store that holds it. */
export const currentStorePath = () => chooseStorePath(configuredDb);

export function emulatorAt(file: string): Emulator {
  let emu = emulators.get(file);
  if (!emu) {
    emu = Emulator.open(file);
    emulators.set(file, emu);
  }
  return emu;
}

/**
 * The emulator a check judges against. Preview must not write, not even create the store file: when the file
 * does not exist yet, an empty in-memory store stands for it (the same rules, the same answers).
 */
const previewStores = new Map<string, Emulator>();
export function emulatorForCheck(file: string): Emulator {
  if (emulators.has(file) || fs.existsSync(file)) return emulatorAt(file);
  let emu = previewStores.get(file);
  if (!emu) {
    emu = Emulator.inMemory();
    previewStores.set(file, emu);
  }
  return emu;
}

export function setClaim(claim: Claim): void {
  claims.delete(claim.urn); // re-checked: its claim moves to the end, in check order
  claims.set(claim.urn, claim);
}

/** Once the store holds a resource, its claim is the store's business: replaying it would only cost time. */
export const dropClaim = (urn: unknown) => typeof urn === "string" && claims.delete(urn);
export const claimOf = (urn: string): Claim | undefined => claims.get(urn);
export const otherClaims = (urn: string): Claim[] => [...claims.values()].filter((c) => c.urn !== urn);
