import { checkRecordData, checkRecordSetName, checkRecordType, checkTtl, checkZoneName, Emulator, fqdnOf, ids, RecordType } from "../emulator";
import { text } from "../emulator/errors";
import { hasUnknown, isUnknown } from "../unknown";
import { KindSpec } from "./spec";
import { nameOr, rgOr, tagsOr } from "./common";

export const RECORD_FIELDS = ["aRecords", "aaaaRecords", "cnameRecord", "mxRecords", "ptrRecords", "srvRecords", "txtRecords", "soaRecord"];

/** Record arrays with unknown elements dropped: fewer records can never cause a refusal more records would not. */
function knownRecords(i: Record<string, any>) {
  const out: Record<string, unknown> = {};
  for (const f of RECORD_FIELDS) {
    const v = i[f];
    if (v === undefined || isUnknown(v)) continue;
    out[f] = Array.isArray(v) ? v.filter((r) => !hasUnknown(r)) : hasUnknown(v) ? undefined : v;
  }
  return out;
}

export const recordSet: KindSpec = {
  kind: "RecordSet",
  inputKeys: ["privateZoneName", "resourceGroupName", "relativeRecordSetName", "recordType", "ttl", "metadata", ...RECORD_FIELDS],
  replaceKeys: ["privateZoneName", "resourceGroupName", "relativeRecordSetName", "recordType"],
  computedKeys: ["isAutoRegistered"],
  normalize(n) {
    const zone = nameOr(n.privateZoneName);
    const name = nameOr(n.relativeRecordSetName);
    const out: Record<string, unknown> = {
      ...n, privateZoneName: zone, relativeRecordSetName: name, resourceGroupName: rgOr(n.resourceGroupName),
      recordType: typeof n.recordType === "string" && !isUnknown(n.recordType) ? n.recordType.toUpperCase() : n.recordType,
      metadata: n.metadata ?? {}, name,
    };
    // Record data as the store keeps it (canonical addresses, lower-case names), so diff compares like with like.
    if (!hasUnknown(out.recordType) && !RECORD_FIELDS.some((f) => hasUnknown(n[f]))) {
      try {
        Object.assign(out, checkRecordData(checkRecordType(out.recordType, "record set"), n, "record set"));
      } catch {
        // invalid data is reported by check with its rule
      }
    }
    if (typeof zone === "string" && typeof name === "string" && !isUnknown(zone) && !isUnknown(name))
      out.fqdn = fqdnOf(name, zone);
    return out;
  },
  whatIfArgs(i) {
    if (hasUnknown(i.privateZoneName) || hasUnknown(i.resourceGroupName) || hasUnknown(i.relativeRecordSetName) || hasUnknown(i.recordType)) return undefined;
    return {
      privateZoneName: i.privateZoneName, resourceGroupName: i.resourceGroupName, relativeRecordSetName: i.relativeRecordSetName,
      recordType: i.recordType, ttl: isUnknown(i.ttl) ? 3600 : i.ttl, metadata: tagsOr(i.metadata), ...knownRecords(i),
    };
  },
  fieldChecks(i) {
    const resource = `record set '${text(i.relativeRecordSetName)}'`;
    if (!isUnknown(i.recordType)) {
      const type: RecordType = checkRecordType(i.recordType, resource);
      checkRecordData(type, knownRecords(i), resource);
    }
    if (!isUnknown(i.ttl)) checkTtl(i.ttl, resource);
    if (!isUnknown(i.privateZoneName)) {
      const zone = checkZoneName(i.privateZoneName);
      if (!isUnknown(i.relativeRecordSetName)) checkRecordSetName(i.relativeRecordSetName, zone);
    }
  },
  create: (a) => ({ op: "createRecordSet", args: a as any }),
  update: (a) => ({ op: "updateRecordSet", args: a as any }),
  remove: (a) => ({ op: "deleteRecordSet", args: a as any }),
  identity: (a) => `${a.resourceGroupName}/${a.privateZoneName}/${a.recordType}/${a.relativeRecordSetName}`.toLowerCase(),
  id: (a) => ids.recordSetId(a.resourceGroupName, a.privateZoneName, a.recordType, a.relativeRecordSetName),
  read(emu: Emulator, a) {
    const zoneRef = { resourceGroupName: a.resourceGroupName, privateZoneName: a.privateZoneName };
    const r = emu.findZone(zoneRef) && emu.findRecordSet({ ...zoneRef, relativeRecordSetName: a.relativeRecordSetName, recordType: a.recordType });
    if (!r) return undefined;
    const { id: _id, recordType, privateZoneName, resourceGroupName, name, ...rest } = r;
    return { privateZoneName, resourceGroupName, relativeRecordSetName: name, recordType, ...rest, name };
  },
};
