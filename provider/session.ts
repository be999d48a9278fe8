/**
 * State of one dynamic-provider host process, which serves every resource of one deployment (DESIGN.md):
 * the configured store and the open emulators. The plan being judged lives in plan.ts.
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

/** The connection this process writes and reads with (created on first use: only create/update write). */
export function emulatorAt(file: string): Emulator {
  let emu = emulators.get(file);
  if (!emu) {
    emu = Emulator.open(file);
    emulators.set(file, emu);
  }
  return emu;
}

/** For reads at preview (diff): the store if its file exists; never creates it. */
export const existingEmulator = (file: string): Emulator | undefined =>
  emulators.has(file) || fs.existsSync(file) ? emulatorAt(file) : undefined;
