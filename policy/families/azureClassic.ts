/**
 * `@pulumi/azure` (classic, azurerm-based): privatedns Zone, ZoneVirtualNetworkLink, ARecord, CnameRecord
 * and network VirtualNetwork, with their own property names mapped onto the kinds' inputs.
 */
import { isUnknown, Props, UNKNOWN } from "../values";
import { Mapping } from "./family";

const named = (v: unknown) => (v === undefined ? UNKNOWN : v);
const defined = (o: Props) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
/** `records: string[]` → `[{ [field]: ip }]`, an unknown list or element staying unknown. */
const records = (v: unknown, field: string) =>
  v === undefined ? undefined : isUnknown(v) || !Array.isArray(v) ? v : v.map((x) => (isUnknown(x) ? UNKNOWN : { [field]: x }));

const zone: Mapping = {
  kind: "Zone",
  map: (p) => ({
    kind: "Zone",
    inputs: defined({ privateZoneName: named(p.name), resourceGroupName: p.resourceGroupName, tags: p.tags }),
    fields: { privateZoneName: "name", resourceGroupName: "resourceGroupName", tags: "tags" },
  }),
};

const link: Mapping = {
  kind: "VnetLink",
  map: (p) => ({
    kind: "VnetLink",
    inputs: defined({
      virtualNetworkLinkName: named(p.name),
      privateZoneName: p.privateDnsZoneName,
      resourceGroupName: p.resourceGroupName,
      virtualNetwork: p.virtualNetworkId === undefined ? undefined : { id: p.virtualNetworkId },
      registrationEnabled: p.registrationEnabled,
      resolutionPolicy: p.resolutionPolicy,
      tags: p.tags,
    }),
    fields: {
      virtualNetworkLinkName: "name", privateZoneName: "privateDnsZoneName", resourceGroupName: "resourceGroupName",
      virtualNetwork: "virtualNetworkId", registrationEnabled: "registrationEnabled", resolutionPolicy: "resolutionPolicy", tags: "tags",
    },
  }),
};

const recordFields = { relativeRecordSetName: "name", privateZoneName: "zoneName", resourceGroupName: "resourceGroupName", ttl: "ttl", metadata: "tags" };

const aRecord: Mapping = {
  kind: "RecordSet",
  map: (p) => ({
    kind: "RecordSet",
    inputs: defined({
      relativeRecordSetName: named(p.name), privateZoneName: p.zoneName, resourceGroupName: p.resourceGroupName,
      recordType: "A", ttl: p.ttl, aRecords: records(p.records, "ipv4Address"), metadata: p.tags,
    }),
    fields: { ...recordFields, aRecords: "records", recordType: "(type)" },
  }),
};

const cnameRecord: Mapping = {
  kind: "RecordSet",
  map: (p) => ({
    kind: "RecordSet",
    inputs: defined({
      relativeRecordSetName: named(p.name), privateZoneName: p.zoneName, resourceGroupName: p.resourceGroupName,
      recordType: "CNAME", ttl: p.ttl, cnameRecord: p.record === undefined ? undefined : isUnknown(p.record) ? UNKNOWN : { cname: p.record },
      metadata: p.tags,
    }),
    fields: { ...recordFields, cnameRecord: "record", recordType: "(type)" },
  }),
};

const vnet: Mapping = {
  kind: "Vnet",
  map: (p) => ({
    kind: "Vnet",
    inputs: defined({
      virtualNetworkName: named(p.name),
      resourceGroupName: p.resourceGroupName,
      addressSpace: p.addressSpaces === undefined || isUnknown(p.addressSpaces) ? UNKNOWN : { addressPrefixes: p.addressSpaces },
      deploymentModel: "ResourceManager",
    }),
    fields: { virtualNetworkName: "name", resourceGroupName: "resourceGroupName", addressSpace: "addressSpaces", deploymentModel: "(type)" },
  }),
};

export const azureClassicTypes: Record<string, Mapping> = {
  "azure:privatedns/zone:Zone": zone,
  "azure:privatedns/zoneVirtualNetworkLink:ZoneVirtualNetworkLink": link,
  "azure:privatedns/aRecord:ARecord": aRecord,
  "azure:privatedns/cnameRecord:CnameRecord": cnameRecord,
  "azure:network/virtualNetwork:VirtualNetwork": vnet,
};
