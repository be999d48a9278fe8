/**
 * `@pulumi/azure-native`: privatedns PrivateZone, VirtualNetworkLink, PrivateRecordSet (also under their older
 * `network` module tokens), network VirtualNetwork (inline subnets), Subnet and NetworkInterface, compute
 * VirtualMachine (SPEC N), and network PrivateEndpoint and PrivateDnsZoneGroup (SPEC P). Their input names are the REST API's, which the
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
  kind: "VirtualNetwork",
  map: (p) => ({
    kind: "VirtualNetwork",
    inputs: {
      ...pick(p, ["resourceGroupName", "subnets"]),
      virtualNetworkName: named(p.virtualNetworkName),
      // No address space (IPAM pools): unknown, which stands in as "contains every address".
      addressSpace: p.addressSpace === undefined ? UNKNOWN : p.addressSpace,
      deploymentModel: "ResourceManager",
    },
    fields: { ...same("resourceGroupName", "virtualNetworkName", "addressSpace", "subnets"), deploymentModel: "(type)" },
  }),
};

const subnet: Mapping = {
  kind: "Subnet",
  map: (p) => ({
    kind: "Subnet",
    inputs: { ...pick(p, ["resourceGroupName", "virtualNetworkName", "addressPrefix", "addressPrefixes"]), subnetName: named(p.subnetName) },
    fields: same("resourceGroupName", "virtualNetworkName", "subnetName", "addressPrefix", "addressPrefixes"),
  }),
};

/** N3, A9: a NIC's ip configurations (subnet ids, Static or Dynamic addresses). */
const nic: Mapping = {
  kind: "NetworkInterface",
  map: (p) => ({
    kind: "NetworkInterface",
    inputs: { ...pick(p, ["resourceGroupName", "location", "ipConfigurations", "tags"]), networkInterfaceName: named(p.networkInterfaceName) },
    fields: same("resourceGroupName", "networkInterfaceName", "location", "ipConfigurations", "tags"),
  }),
};

/** N4, A2, A4, A6: a VM's NICs by id, its computer name, its power state (the emulator's addition). */
const vm: Mapping = {
  kind: "VirtualMachine",
  map: (p) => ({
    kind: "VirtualMachine",
    inputs: { ...pick(p, ["resourceGroupName", "osProfile", "networkProfile", "powerState", "tags"]), vmName: named(p.vmName) },
    fields: same("resourceGroupName", "vmName", "osProfile", "networkProfile", "powerState", "tags"),
  }),
};

/** P1: an endpoint's subnet, its one connection to a target, its static address. */
const endpoint: Mapping = {
  kind: "PrivateEndpoint",
  map: (p) => {
    const keys = ["resourceGroupName", "location", "subnet", "privateLinkServiceConnections", "manualPrivateLinkServiceConnections",
      "ipConfigurations", "customNetworkInterfaceName", "tags"];
    return { kind: "PrivateEndpoint", inputs: { ...pick(p, keys), privateEndpointName: named(p.privateEndpointName) }, fields: same("privateEndpointName", ...keys) };
  },
};

/** P2: an endpoint's one zone group, its 1-5 zone configs naming zones by id. */
const zoneGroup: Mapping = {
  kind: "PrivateDnsZoneGroup",
  map: (p) => ({
    kind: "PrivateDnsZoneGroup",
    inputs: { ...pick(p, ["resourceGroupName", "privateEndpointName", "privateDnsZoneConfigs"]), privateDnsZoneGroupName: named(p.privateDnsZoneGroupName) },
    fields: same("resourceGroupName", "privateEndpointName", "privateDnsZoneGroupName", "privateDnsZoneConfigs"),
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
  "azure-native:network:Subnet": subnet,
  "azure-native:network:NetworkInterface": nic,
  "azure-native:compute:VirtualMachine": vm,
  "azure-native:network:PrivateEndpoint": endpoint,
  "azure-native:network:PrivateDnsZoneGroup": zoneGroup,
};
