/** Opening the emulator store and turning the names people type into emulator references. */
import * as fs from "fs";
import { Emulator, defaultStorePath, ids, VnetRef, ZoneRef } from "../provider/emulator";
import { CliError, usageError } from "./exit";

/** The store file: `--db`, else the emulator's default (`$PRIVATEDNS_EMULATOR_DB`, else `.privatedns/emulator.db`). */
export const storePath = (db: string | undefined): string => db ?? defaultStorePath();

/** Opens an existing store; a missing file is an error (listing commands never create a store as a side effect). */
export function openStore(db: string | undefined): Emulator {
  const file = storePath(db);
  if (!fs.existsSync(file))
    throw new CliError(`no emulator store at '${file}' (give --db PATH or set PRIVATEDNS_EMULATOR_DB)`);
  return Emulator.open(file);
}

/**
 * A vnet as typed: an ARM id (`/subscriptions/...`), `RG/NAME`, or a bare NAME. A bare name must be unique
 * across resource groups; when it is not, the error names every match.
 */
export function vnetRef(emu: Emulator, text: string): string {
  if (text.startsWith("/")) return emu.getVnet(text).id;
  const slash = text.indexOf("/");
  if (slash > 0) return emu.getVnet({ resourceGroupName: text.slice(0, slash), virtualNetworkName: text.slice(slash + 1) }).id;
  const name = text.toLowerCase();
  const matches = emu.listVnets().filter((v) => v.name === name);
  if (matches.length === 0) {
    const known = emu.listVnets().map((v) => `${v.resourceGroupName}/${v.name}`);
    throw new CliError(`virtual network '${text}' not found${known.length ? ` (known: ${known.join(", ")})` : " (the store has no virtual networks)"}`);
  }
  if (matches.length > 1)
    throw usageError(`virtual network name '${text}' is ambiguous: ${matches.map((v) => v.id).join(" and ")}; ` +
      `give RG/NAME or the ARM id`);
  return matches[0].id;
}

/** A zone as typed: an ARM id, `RG/NAME`, or a bare NAME unique across resource groups. */
export function zoneRef(emu: Emulator, text: string): ZoneRef & { resourceGroupName: string } {
  let ref: ZoneRef;
  if (text.startsWith("/")) {
    const parsed = ids.parseResourceId(text);
    if (!parsed || parsed.type.toLowerCase() !== "privatednszones") throw usageError(`'${text}' is not a private DNS zone id`);
    ref = { resourceGroupName: parsed.resourceGroupName, privateZoneName: parsed.name };
  } else if (text.includes("/")) {
    const slash = text.indexOf("/");
    ref = { resourceGroupName: text.slice(0, slash), privateZoneName: text.slice(slash + 1) };
  } else {
    const name = text.toLowerCase().replace(/\.$/, "");
    const matches = emu.listZones().filter((z) => z.name === name);
    if (matches.length === 0) {
      const known = emu.listZones().map((z) => `${z.resourceGroupName}/${z.name}`);
      throw new CliError(`private DNS zone '${text}' not found${known.length ? ` (known: ${known.join(", ")})` : " (the store has no zones)"}`);
    }
    if (matches.length > 1)
      throw usageError(`zone name '${text}' is ambiguous: ${matches.map((z) => z.id).join(" and ")}; give RG/NAME or the ARM id`);
    ref = { resourceGroupName: matches[0].resourceGroupName, privateZoneName: matches[0].name };
  }
  const zone = emu.getZone(ref); // throws ResourceNotFound (exit 1) for RG/NAME or ids that do not exist
  return { resourceGroupName: zone.resourceGroupName, privateZoneName: zone.name };
}

/** `rg/name` of a vnet ARM id, for tables. */
export function shortVnet(id: string): string {
  const p = ids.parseResourceId(id);
  return p ? `${p.resourceGroupName}/${p.name}` : id;
}

export type { VnetRef };
