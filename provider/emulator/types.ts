import type { Preconditions } from "./conditions";
export type { Preconditions } from "./conditions";

/** Public shapes of the emulator. Input and output names follow @pulumi/azure-native (and the 2024-06-01 REST API). */
export type RecordType = "A" | "AAAA" | "CNAME" | "MX" | "PTR" | "SOA" | "SRV" | "TXT";
export const RECORD_TYPES: RecordType[] = ["A", "AAAA", "CNAME", "MX", "PTR", "SOA", "SRV", "TXT"];

/** What an ARM PUT (create or update) wrote, and which of the two it was: 201 or 200 on the wire. */
export interface Upserted<T> {
  resource: T;
  created: boolean;
}

export interface SoaRecord {
  host: string;
  email: string;
  serialNumber: number;
  refreshTime: number;
  retryTime: number;
  expireTime: number;
  minimumTtl: number;
}

export interface RecordData {
  aRecords?: { ipv4Address: string }[];
  aaaaRecords?: { ipv6Address: string }[];
  cnameRecord?: { cname: string };
  mxRecords?: { preference: number; exchange: string }[];
  ptrRecords?: { ptrdname: string }[];
  srvRecords?: { priority: number; weight: number; port: number; target: string }[];
  txtRecords?: { value: string[] }[];
  soaRecord?: SoaRecord;
}

export interface ZoneRef {
  resourceGroupName?: string;
  privateZoneName: string;
}
export interface ZoneArgs extends ZoneRef, Preconditions {
  tags?: Record<string, string>;
}
export interface Zone {
  id: string;
  name: string;
  resourceGroupName: string;
  type: "Microsoft.Network/privateDnsZones";
  location: "global";
  etag: string;
  /** Absent when no write gave tags; `{}` when one gave an empty map (Azure answers the two apart). */
  tags?: Record<string, string>;
  numberOfRecordSets: number;
  numberOfVirtualNetworkLinks: number;
  numberOfVirtualNetworkLinksWithRegistration: number;
  maxNumberOfRecordSets: number;
  maxNumberOfVirtualNetworkLinks: number;
  maxNumberOfVirtualNetworkLinksWithRegistration: number;
  provisioningState: "Succeeded";
  internalId: string;
}

/** A vnet is named by its ARM id or by resource group and name. */
export type VnetRef = string | { resourceGroupName?: string; virtualNetworkName: string };
export interface VnetArgs {
  resourceGroupName?: string;
  virtualNetworkName: string;
  addressSpace: { addressPrefixes: string[] };
  deploymentModel?: "ResourceManager" | "Classic";
  /** N2: the vnet's subnets, inline (azure-native `VirtualNetwork.subnets`); undefined keeps them as they are. */
  subnets?: InlineSubnetArgs[];
}
export interface Vnet {
  id: string;
  name: string;
  resourceGroupName: string;
  addressSpace: { addressPrefixes: string[] };
  deploymentModel: "ResourceManager" | "Classic";
}

export interface LinkRef extends ZoneRef {
  virtualNetworkLinkName: string;
}
export interface LinkArgs extends LinkRef, Preconditions {
  virtualNetwork: { id: string };
  registrationEnabled?: boolean;
  resolutionPolicy?: "Default" | "NxDomainRedirect";
  tags?: Record<string, string>;
}
export interface Link {
  id: string;
  name: string;
  resourceGroupName: string;
  privateZoneName: string;
  type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks";
  location: "global";
  etag: string;
  /** As for zones: absent when no write gave tags. */
  tags?: Record<string, string>;
  virtualNetwork: { id: string };
  registrationEnabled: boolean;
  resolutionPolicy?: "Default" | "NxDomainRedirect";
  virtualNetworkLinkState: "InProgress" | "Completed";
  provisioningState: "Succeeded";
}

export interface NicArgs {
  name: string;
  privateIPAddress: string;
  primary?: boolean;
}
export interface VmRef {
  resourceGroupName?: string;
  vmName: string;
}
export interface VmArgs extends VmRef {
  computerName?: string;
  virtualNetwork: { id: string };
  networkInterfaces: NicArgs[];
  powerState?: "running" | "deallocated";
}
export interface Vm {
  id: string;
  name: string;
  resourceGroupName: string;
  computerName?: string;
  hostName: string;
  virtualNetwork: { id: string };
  networkInterfaces: { name: string; privateIPAddress: string; primary: boolean }[];
  powerState: "running" | "deallocated";
}

/** A record the platform registered for a VM (A4 in the forward zone, A5 in the reverse-lookup space). */
export interface RegisteredRecord {
  zone: string;
  relativeName: string;
  fqdn: string;
  type: "A" | "PTR";
  ttl: number;
  value: string;
}

export interface RecordSetRef extends ZoneRef {
  relativeRecordSetName: string;
  recordType: RecordType;
}
export interface RecordSetArgs extends RecordSetRef, RecordData, Preconditions {
  ttl: number;
  metadata?: Record<string, string>;
}
export interface RecordSet extends RecordData {
  id: string;
  name: string;
  type: string;
  recordType: RecordType;
  resourceGroupName: string;
  privateZoneName: string;
  etag: string;
  ttl: number;
  fqdn: string;
  isAutoRegistered: boolean;
  metadata: Record<string, string>;
}

/** One resource record in a DNS answer; `data` follows dns-packet's shapes so the DNS server can encode it. */
export interface AnswerRecord {
  name: string;
  ttl: number;
  type: RecordType;
  data: unknown;
}
export type Rcode = "NOERROR" | "NXDOMAIN" | "REFUSED";
export interface Resolution {
  rcode: Rcode;
  /** The zone that answered (authoritative), if any. */
  zone?: string;
  answers: AnswerRecord[];
  /** The zone's SOA for NXDOMAIN and NODATA answers. */
  authority: AnswerRecord[];
  /**
   * P5: the answer begins with public DNS's CNAME for a private link target's public name. For the query name
   * the emulator stands in for Azure's recursive resolver, not for a zone of the vnet: not authoritative.
   */
  viaPublicDns?: true;
}

// N: the network model around the zones (resource groups, subnets, network interfaces, VMs by NIC id)

export interface ResourceGroupRef {
  resourceGroupName: string;
}
export interface ResourceGroupArgs extends ResourceGroupRef {
  location?: string;
  tags?: Record<string, string>;
  managedBy?: string;
}
export interface ResourceGroup {
  id: string;
  name: string;
  type: "Microsoft.Resources/resourceGroups";
  location: string;
  tags: Record<string, string>;
  managedBy?: string;
  provisioningState: "Succeeded";
}

export interface SubnetRef {
  resourceGroupName?: string;
  virtualNetworkName: string;
  subnetName: string;
}
export interface SubnetArgs extends SubnetRef {
  addressPrefix?: string;
  addressPrefixes?: string[];
}
export interface Subnet {
  id: string;
  name: string;
  resourceGroupName: string;
  virtualNetworkName: string;
  type: "Microsoft.Network/virtualNetworks/subnets";
  addressPrefix: string;
  ipConfigurations: { id: string }[];
  provisioningState: "Succeeded";
}
/** A subnet given inline in a vnet (azure-native `VirtualNetwork.subnets`). */
export interface InlineSubnetArgs {
  name: string;
  addressPrefix?: string;
  addressPrefixes?: string[];
}

export type AllocationMethod = "Static" | "Dynamic";
export interface IpConfigurationArgs {
  name: string;
  subnet: { id: string };
  privateIPAllocationMethod?: AllocationMethod;
  privateIPAddress?: string;
  primary?: boolean;
}
export interface IpConfiguration {
  id: string;
  name: string;
  subnet: { id: string };
  privateIPAllocationMethod: AllocationMethod;
  privateIPAddress: string;
  privateIPAddressVersion: "IPv4" | "IPv6";
  primary: boolean;
  provisioningState: "Succeeded";
}
export interface NetworkInterfaceRef {
  resourceGroupName?: string;
  networkInterfaceName: string;
}
export interface NetworkInterfaceArgs extends NetworkInterfaceRef {
  location?: string;
  tags?: Record<string, string>;
  ipConfigurations: IpConfigurationArgs[];
}
export interface NetworkInterface {
  id: string;
  name: string;
  resourceGroupName: string;
  type: "Microsoft.Network/networkInterfaces";
  location: string;
  tags: Record<string, string>;
  ipConfigurations: IpConfiguration[];
  virtualMachine?: { id: string };
  primary?: boolean;
  /** P1: the private endpoint the platform made this NIC for. */
  privateEndpoint?: { id: string };
  provisioningState: "Succeeded";
}

export type MachinePowerState = "running" | "deallocated" | "stopped";
export interface VirtualMachineArgs extends VmRef {
  computerName?: string;
  networkInterfaces: { id: string; primary?: boolean }[];
  powerState?: MachinePowerState;
}
export interface VirtualMachine {
  id: string;
  name: string;
  resourceGroupName: string;
  computerName?: string;
  hostName: string;
  networkInterfaces: { id: string; primary: boolean }[];
  powerState: MachinePowerState;
  /** The primary NIC's primary ip configuration's address (A2), and its vnet. */
  privateIPAddress: string;
  virtualNetwork: { id: string };
}

/** P1: a private endpoint's connection to its target, as azure-native gives it (`privateLinkServiceConnections[]`). */
export interface PrivateLinkServiceConnectionArgs {
  name?: string;
  privateLinkServiceId: string;
  groupIds: string[];
  requestMessage?: string;
}
export interface PrivateEndpointRef {
  resourceGroupName?: string;
  privateEndpointName: string;
}
export interface PrivateEndpointArgs extends PrivateEndpointRef {
  location?: string;
  tags?: Record<string, string>;
  subnet: { id: string };
  /** Exactly one connection, in one of the two lists (a manual one waits for approval in Azure; here both are approved). */
  privateLinkServiceConnections?: PrivateLinkServiceConnectionArgs[];
  manualPrivateLinkServiceConnections?: PrivateLinkServiceConnectionArgs[];
  /** A static address: one ip configuration with `privateIPAddress` (azure-native `PrivateEndpointIPConfiguration`). */
  ipConfigurations?: { name?: string; groupId?: string; memberName?: string; privateIPAddress?: string }[];
  /** The name of the network interface Azure makes for the endpoint (else `<endpoint>.nic.<guid>`). */
  customNetworkInterfaceName?: string;
}
export interface PrivateEndpoint {
  id: string;
  name: string;
  resourceGroupName: string;
  type: "Microsoft.Network/privateEndpoints";
  location: string;
  tags: Record<string, string>;
  subnet: { id: string };
  privateLinkServiceConnections: PrivateLinkServiceConnection[];
  manualPrivateLinkServiceConnections: PrivateLinkServiceConnection[];
  networkInterfaces: { id: string }[];
  customNetworkInterfaceName?: string;
  ipConfigurations: { name: string; groupId: string; memberName: string; privateIPAddress: string }[];
  /** What a client would put in DNS without a zone group: the target's public name and the address (Azure fills it). */
  customDnsConfigs: { fqdn: string; ipAddresses: string[] }[];
  /** The endpoint's address (the emulator's convenience; Azure has it on the network interface). */
  privateIPAddress: string;
  privateIPAllocationMethod: AllocationMethod;
  provisioningState: "Succeeded";
}
export interface PrivateLinkServiceConnection {
  id: string;
  name: string;
  type: "Microsoft.Network/privateEndpoints/privateLinkServiceConnections";
  privateLinkServiceId: string;
  groupIds: string[];
  requestMessage?: string;
  privateLinkServiceConnectionState: { status: "Approved"; description: string; actionsRequired: "None" };
  provisioningState: "Succeeded";
}

export interface PrivateDnsZoneGroupRef {
  resourceGroupName?: string;
  privateEndpointName: string;
  privateDnsZoneGroupName: string;
}
export interface PrivateDnsZoneGroupArgs extends PrivateDnsZoneGroupRef {
  privateDnsZoneConfigs: { name: string; privateDnsZoneId: string }[];
}
export interface PrivateDnsZoneGroup {
  id: string;
  name: string;
  resourceGroupName: string;
  privateEndpointName: string;
  type: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups";
  privateDnsZoneConfigs: PrivateDnsZoneConfig[];
  provisioningState: "Succeeded";
}
/** A zone config with the record sets the platform wrote for it (P3), as Azure returns them. */
export interface PrivateDnsZoneConfig {
  name: string;
  privateDnsZoneId: string;
  recordSets: { recordType: "A"; recordSetName: string; fqdn: string; ttl: number; ipAddresses: string[]; provisioningState: "Succeeded" }[];
}
