/**
 * `@pulumi/azure-native`: privatedns PrivateZone, VirtualNetworkLink, PrivateRecordSet (also under their older
 * `network` module tokens) and network VirtualNetwork. Their input names are the REST API's, which the
 * emulator's kinds share. A missing name is auto-named by the provider: unknown here.
 */
import { Props, UNKNOWN } from "../values";
import { Mapping, same } from "./family";

const RECORD_DATA = ["aRecords", "aaaaRecords", "cnameRecord", "mxRecords", "ptrRecords", "srvRecords", "txtRecords", "soaRecord"];
const named = (v: unknown) => (v === undefined ? UNKNOWN : v);
const pick = (p: Props, keys: string[]) => Object.fromEntries(keys.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));

const zone: Mapping = {
  kind: "Zone",
  map: (p) => ({
    kind: "Zone",
    inputs: { ...pick(p, ["resourceGroupName", "tags"]), privateZoneName: named(p.privateZoneName) },
    fields: same("privateZoneName", "resourceGroupName", "tags"),
  }),
};

const link: Mapping = {
  kind: "VnetLink",
  map: (p) => ({
    kind: "VnetLink",
    inputs: {
      ...pick(p, ["privateZoneName", "resourceGroupName", "virtualNetwork", "registrationEnabled", "resolutionPolicy", "tags"]),
      virtualNetworkLinkName: named(p.virtualNetworkLinkName),
    },
    fields: same("privateZoneName", "resourceGroupName", "virtualNetworkLinkName", "virtualNetwork", "registrationEnabled", "resolutionPolicy", "tags"),
  }),
};

const recordSet: Mapping = {
  kind: "RecordSet",
  map: (p) => ({
    kind: "RecordSet",
    inputs: {
      ...pick(p, ["privateZoneName", "resourceGroupName", "recordType", "ttl", "metadata", ...RECORD_DATA]),
      relativeRecordSetName: named(p.relativeRecordSetName),
    },
    fields: same("privateZoneName", "resourceGroupName", "relativeRecordSetName", "recordType", "ttl", "metadata", ...RECORD_DATA),
  }),
};

const vnet: Mapping = {
  kind: "Vnet",
  map: (p) => ({
    kind: "Vnet",
    inputs: {
      ...pick(p, ["resourceGroupName"]),
      virtualNetworkName: named(p.virtualNetworkName),
      // No address space (IPAM pools): unknown, which stands in as "contains every address".
      addressSpace: p.addressSpace === undefined ? UNKNOWN : p.addressSpace,
      deploymentModel: "ResourceManager",
    },
    fields: { ...same("resourceGroupName", "virtualNetworkName", "addressSpace"), deploymentModel: "(type)" },
  }),
};

export const azureNativeTypes: Record<string, Mapping> = {
  "azure-native:privatedns:PrivateZone": zone,
  "azure-native:privatedns:VirtualNetworkLink": link,
  "azure-native:privatedns:PrivateRecordSet": recordSet,
  "azure-native:network:PrivateZone": zone,
  "azure-native:network:VirtualNetworkLink": link,
  "azure-native:network:PrivateRecordSet": recordSet,
  "azure-native:network:VirtualNetwork": vnet,
};
