/**
 * State of one dynamic-provider host process, which serves every resource of one deployment (DESIGN.md):
 * the configured store and the open emulators. The plan being judged lives in plan.ts, in an uncommitted
 * transaction on the connection this process writes with; reads that must see the store without the plan
 * (diff, read) use a second connection.
 */
import * as fs from "fs";
import { chooseStorePath, Emulator } from "./emulator";

let configuredDb: string | undefined;
const emulators = new Map<string, Emulator>();

/** Stack config `privatedns:emulatorDb` (relative to the program), else `$PRIVATEDNS_EMULATOR_DB`, else the default. */
export function configure(config: { get(key: string): string | undefined }): void {
  const fromConfig = config.get("privatedns:emulatorDb");
  configuredDb = fromConfig || undefined;
}

/** The store new resources go to. A resource is always updated and deleted in the store that holds it. */
export const currentStorePath = () => chooseStorePath(configuredDb);

/** The connection this process writes with and judges the plan on (created on first use: only create/update write). */
export function emulatorAt(file: string): Emulator {
  let emu = emulators.get(file);
  if (!emu) {
    emu = Emulator.open(file);
    emulators.set(file, emu);
  }
  return emu;
}

const readers = new Map<string, Emulator>();

/**
 * For reads (diff, read, also at preview): the store if its file exists, never creating it, on a connection
 * that does not see the checks' uncommitted plan.
 */
export function existingReader(file: string): Emulator | undefined {
  let emu = readers.get(file);
  if (!emu && (emulators.has(file) || fs.existsSync(file))) {
    emu = Emulator.open(file);
    readers.set(file, emu);
  }
  return emu;
}

/** For deletes: the writing connection if the store's file exists; never creates it. */
export const existingWriter = (file: string): Emulator | undefined =>
  emulators.has(file) || fs.existsSync(file) ? emulatorAt(file) : undefined;
