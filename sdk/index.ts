/**
 * pulumi-privatedns-emulator: Azure Private DNS resources for Pulumi programs, backed by a local emulator.
 * Input and output names follow @pulumi/azure-native so that a stack moves between the two with few edits.
 */
export { Zone, ZoneArgs, RecordSetSummary } from "./zone";
export { Vnet, VnetArgs } from "./vnet";
export { VnetLink, VnetLinkArgs } from "./vnetLink";
export { Vm, VmArgs, NetworkInterfaceArgs, AutoRegisteredRecord } from "./vm";
export { RecordSet, RecordSetArgs } from "./recordSet";
export { resolveNames, NameAnswer } from "./resolve";
// SPEC P: azure-native's classes, also at the root (the emulator's own names are azure-native's here)
export { PrivateEndpoint, PrivateEndpointArgs, PrivateDnsZoneGroup, PrivateDnsZoneGroupArgs } from "./azure-native/network";
