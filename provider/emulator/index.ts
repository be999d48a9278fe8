/** `pulumi-privatedns-emulator/emulator`: the Azure Private DNS emulator over SQLite. */
export { Emulator, Operation } from "./emulator";
export type { VnetSnapshots } from "./snapshot";
export { dotted, isAuthoritative, rdata } from "./resolve";
export { E as errors, at, AzureError, EmulatorError, ErrorCode, HTTP_STATUS, isEmulatorError, isNotFound } from "./errors";
export { chooseStorePath, defaultStorePath } from "./store";
export { SCHEMA_VERSION } from "./schema";
export * as ids from "./ids";
export * from "./types";
export { checkZoneName, checkLinkName, checkRecordSetName, fqdnOf, RESERVED_ZONE_NAMES } from "./names";
export { checkRecordType, checkTtl, checkRecordData, DEFAULT_SOA, AUTO_TTL, FIELD_OF } from "./records";
export { reverseName, canonicalIp, canonicalCidr } from "./ip";
export { canonicalNics } from "./vms";
export { checkZoneConfigList } from "./zoneGroups";
