/**
 * `azure-native.network`: virtual networks with inline subnets, subnets, network interfaces (N2, N3), private endpoints
 * and their DNS zone groups (P1-P4).
 */
import * as pulumi from "@pulumi/pulumi";
import { parseChildId, vnetId } from "../../provider/emulator/ids";
import { programZoneIds, rememberVnetId, zoneIdHint } from "../provider";
import { AzureNativeResource } from "./resource";
import { enumObject } from "./enums";
import { settle } from "../settled";

type Tags = pulumi.Input<Record<string, pulumi.Input<string>>>;

export interface SubnetInput {
  name?: pulumi.Input<string>;
  addressPrefix?: pulumi.Input<string>;
  addressPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
  [other: string]: any;
}

export interface SubnetResponse {
  id: string;
  name: string;
  addressPrefix: string;
  addressPrefixes?: string[];
  ipConfigurations: { id: string }[];
  provisioningState: string;
  type: string;
  [other: string]: any;
}

export interface VirtualNetworkArgs {
  resourceGroupName: pulumi.Input<string>;
  virtualNetworkName?: pulumi.Input<string>;
  location?: pulumi.Input<string>;
  addressSpace?: pulumi.Input<{ addressPrefixes?: pulumi.Input<pulumi.Input<string>[]> }>;
  subnets?: pulumi.Input<pulumi.Input<SubnetInput>[]>;
  tags?: Tags;
  [other: string]: any;
}

export class VirtualNetwork extends AzureNativeResource {
  declare readonly addressSpace: pulumi.Output<{ addressPrefixes?: string[] } | undefined>;
  declare readonly azureApiVersion: pulumi.Output<string>;
  declare readonly location: pulumi.Output<string | undefined>;
  declare readonly name: pulumi.Output<string>;
  declare readonly provisioningState: pulumi.Output<string>;
  declare readonly subnets: pulumi.Output<SubnetResponse[] | undefined>;
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  declare readonly type: pulumi.Output<string>;

  constructor(name: string, args: VirtualNetworkArgs, opts?: pulumi.CustomResourceOptions) {
    super({
      kind: "VirtualNetwork", className: "network.VirtualNetwork", nameInput: "virtualNetworkName",
      emulated: { resourceGroupName: true, virtualNetworkName: true, location: true, tags: true, addressSpace: { addressPrefixes: true },
        subnets: [{ name: true, addressPrefix: true, addressPrefixes: true }] },
      outputs: ["addressSpace", "azureApiVersion", "location", "name", "provisioningState", "subnets", "tags", "type"],
    }, name, { ...args }, opts);
    // Links of this program to this vnet are judged at preview with the id its names give (SPEC L3, L5).
    rememberVnetId(this.id, pulumi.all([args.resourceGroupName, args.virtualNetworkName ?? name]).apply(([rg, n]) => vnetId(rg, n)));
  }
}

export interface SubnetArgs {
  resourceGroupName: pulumi.Input<string>;
  virtualNetworkName: pulumi.Input<string>;
  subnetName?: pulumi.Input<string>;
  addressPrefix?: pulumi.Input<string>;
  addressPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
  [other: string]: any;
}

export class Subnet extends AzureNativeResource {
  declare readonly addressPrefix: pulumi.Output<string | undefined>;
  declare readonly addressPrefixes: pulumi.Output<string[] | undefined>;
  declare readonly azureApiVersion: pulumi.Output<string>;
  declare readonly ipConfigurations: pulumi.Output<{ id: string }[]>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly provisioningState: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string | undefined>;

  constructor(name: string, args: SubnetArgs, opts?: pulumi.CustomResourceOptions) {
    super({
      kind: "Subnet", className: "network.Subnet", nameInput: "subnetName",
      emulated: { resourceGroupName: true, virtualNetworkName: true, subnetName: true, addressPrefix: true, addressPrefixes: true },
      outputs: ["addressPrefix", "addressPrefixes", "azureApiVersion", "ipConfigurations", "name", "provisioningState", "type"],
    }, name, { ...args }, opts);
  }
}

export interface NetworkInterfaceIPConfigurationInput {
  name?: pulumi.Input<string>;
  subnet?: pulumi.Input<{ id?: pulumi.Input<string>; [other: string]: any }>;
  privateIPAddress?: pulumi.Input<string>;
  privateIPAllocationMethod?: pulumi.Input<string>;
  primary?: pulumi.Input<boolean>;
  [other: string]: any;
}

export interface NetworkInterfaceIPConfigurationResponse {
  id: string;
  name: string;
  subnet: { id: string };
  privateIPAddress: string;
  privateIPAllocationMethod: string;
  privateIPAddressVersion: string;
  primary: boolean;
  provisioningState: string;
  [other: string]: any;
}

export interface NetworkInterfaceArgs {
  resourceGroupName: pulumi.Input<string>;
  networkInterfaceName?: pulumi.Input<string>;
  location?: pulumi.Input<string>;
  ipConfigurations?: pulumi.Input<pulumi.Input<NetworkInterfaceIPConfigurationInput>[]>;
  tags?: Tags;
  [other: string]: any;
}

export class NetworkInterface extends AzureNativeResource {
  declare readonly azureApiVersion: pulumi.Output<string>;
  declare readonly ipConfigurations: pulumi.Output<NetworkInterfaceIPConfigurationResponse[] | undefined>;
  declare readonly location: pulumi.Output<string | undefined>;
  declare readonly name: pulumi.Output<string>;
  declare readonly primary: pulumi.Output<boolean>;
  declare readonly provisioningState: pulumi.Output<string>;
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  declare readonly type: pulumi.Output<string>;
  declare readonly virtualMachine: pulumi.Output<{ id: string }>;

  constructor(name: string, args: NetworkInterfaceArgs, opts?: pulumi.CustomResourceOptions) {
    super({
      kind: "NetworkInterface", className: "network.NetworkInterface", nameInput: "networkInterfaceName",
      emulated: { resourceGroupName: true, networkInterfaceName: true, location: true, tags: true,
        ipConfigurations: [{ name: true, subnet: { id: true }, privateIPAddress: true, privateIPAllocationMethod: true, primary: true }] },
      outputs: ["azureApiVersion", "ipConfigurations", "location", "name", "primary", "provisioningState", "tags", "type", "virtualMachine"],
    }, name, { ...args }, opts);
  }
}

export interface PrivateLinkServiceConnectionInput {
  name?: pulumi.Input<string>;
  privateLinkServiceId?: pulumi.Input<string>;
  groupIds?: pulumi.Input<pulumi.Input<string>[]>;
  requestMessage?: pulumi.Input<string>;
  [other: string]: any;
}

export interface PrivateLinkServiceConnectionResponse {
  id: string;
  name: string;
  type: string;
  privateLinkServiceId: string;
  groupIds: string[];
  requestMessage?: string;
  privateLinkServiceConnectionState: { status: string; description: string; actionsRequired: string };
  provisioningState: string;
  [other: string]: any;
}

export interface PrivateEndpointIPConfigurationInput {
  name?: pulumi.Input<string>;
  groupId?: pulumi.Input<string>;
  memberName?: pulumi.Input<string>;
  privateIPAddress?: pulumi.Input<string>;
  [other: string]: any;
}

export interface PrivateEndpointArgs {
  resourceGroupName: pulumi.Input<string>;
  privateEndpointName?: pulumi.Input<string>;
  location?: pulumi.Input<string>;
  subnet?: pulumi.Input<{ id?: pulumi.Input<string>; [other: string]: any }>;
  privateLinkServiceConnections?: pulumi.Input<pulumi.Input<PrivateLinkServiceConnectionInput>[]>;
  manualPrivateLinkServiceConnections?: pulumi.Input<pulumi.Input<PrivateLinkServiceConnectionInput>[]>;
  /** A static address: one configuration with `privateIPAddress` (else the subnet's lowest free address, N3). */
  ipConfigurations?: pulumi.Input<pulumi.Input<PrivateEndpointIPConfigurationInput>[]>;
  customNetworkInterfaceName?: pulumi.Input<string>;
  tags?: Tags;
  [other: string]: any;
}

const CONNECTION: [{ name: true; privateLinkServiceId: true; groupIds: true; requestMessage: true }] =
  [{ name: true, privateLinkServiceId: true, groupIds: true, requestMessage: true }];

/** A private endpoint (P1): one address in its subnet, held by a NIC the platform makes, and one connection to a target. */
export class PrivateEndpoint extends AzureNativeResource {
  declare readonly applicationSecurityGroups: pulumi.Output<{ id?: string }[] | undefined>;
  declare readonly azureApiVersion: pulumi.Output<string>;
  declare readonly customDnsConfigs: pulumi.Output<{ fqdn?: string; ipAddresses?: string[] }[] | undefined>;
  declare readonly customNetworkInterfaceName: pulumi.Output<string | undefined>;
  declare readonly etag: pulumi.Output<string>;
  declare readonly extendedLocation: pulumi.Output<{ name?: string; type?: string } | undefined>;
  declare readonly ipConfigurations: pulumi.Output<{ name: string; groupId: string; memberName: string; privateIPAddress: string }[] | undefined>;
  declare readonly location: pulumi.Output<string | undefined>;
  declare readonly manualPrivateLinkServiceConnections: pulumi.Output<PrivateLinkServiceConnectionResponse[] | undefined>;
  declare readonly name: pulumi.Output<string>;
  declare readonly networkInterfaces: pulumi.Output<{ id: string }[]>;
  declare readonly privateLinkServiceConnections: pulumi.Output<PrivateLinkServiceConnectionResponse[] | undefined>;
  declare readonly provisioningState: pulumi.Output<string>;
  declare readonly subnet: pulumi.Output<{ id: string } | undefined>;
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  declare readonly type: pulumi.Output<string>;
  /** The emulator's addition: the endpoint's address (Azure has it on the endpoint's network interface). */
  declare readonly privateIPAddress: pulumi.Output<string>;

  constructor(name: string, args: PrivateEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    super({
      kind: "PrivateEndpoint", className: "network.PrivateEndpoint", nameInput: "privateEndpointName",
      emulated: { resourceGroupName: true, privateEndpointName: true, location: true, tags: true, subnet: { id: true },
        privateLinkServiceConnections: CONNECTION, manualPrivateLinkServiceConnections: CONNECTION, customNetworkInterfaceName: true,
        ipConfigurations: [{ name: true, groupId: true, memberName: true, privateIPAddress: true }] },
      outputs: ["applicationSecurityGroups", "azureApiVersion", "customDnsConfigs", "customNetworkInterfaceName", "etag", "extendedLocation",
        "ipConfigurations", "location", "manualPrivateLinkServiceConnections", "name", "networkInterfaces", "privateLinkServiceConnections",
        "provisioningState", "subnet", "tags", "type", "privateIPAddress"],
    }, name, { ...args }, opts);
  }
}

export interface PrivateDnsZoneConfigInput {
  name?: pulumi.Input<string>;
  privateDnsZoneId?: pulumi.Input<string>;
  [other: string]: any;
}

/** A record set the platform wrote for a zone config (P3), as Azure lists it. */
export interface RecordSetResponse {
  recordType: string;
  recordSetName: string;
  fqdn: string;
  ttl: number;
  ipAddresses: string[];
  provisioningState: string;
}

export interface PrivateDnsZoneConfigResponse {
  name?: string;
  privateDnsZoneId?: string;
  recordSets: RecordSetResponse[];
}

export interface PrivateDnsZoneGroupArgs {
  resourceGroupName: pulumi.Input<string>;
  privateEndpointName: pulumi.Input<string>;
  privateDnsZoneGroupName?: pulumi.Input<string>;
  /** azure-native's body name: the group's name when `privateDnsZoneGroupName` is not given. */
  name?: pulumi.Input<string>;
  privateDnsZoneConfigs?: pulumi.Input<pulumi.Input<PrivateDnsZoneConfigInput>[]>;
  [other: string]: any;
}

/** The program-side ids of the zones that configs name by a zone's `id` (judged at preview before the zones exist). */
function zoneIdHints(configs: unknown): pulumi.Output<(string | null)[]> | undefined {
  if (!Array.isArray(configs)) return undefined;
  const hints = configs.map((c) => (c && typeof c === "object" && !pulumi.Output.isInstance(c) ? zoneIdHint(c.privateDnsZoneId) : undefined));
  return hints.some((h) => h) ? pulumi.all(hints.map((h) => h ?? null)) : undefined;
}

/** A zone group's names from its id (settled outputs read the store by them). */
const groupRef = (id: string) => {
  const p = parseChildId(id, "privateDnsZoneGroups");
  return p && { resourceGroupName: p.resourceGroupName, privateEndpointName: p.name, privateDnsZoneGroupName: p.child };
};

/**
 * An endpoint's private DNS zone group (P2): 1 to 5 configs naming private zones by id. The A record sets the platform
 * writes for it (P3) are `privateDnsZoneConfigs[].recordSets`, right after one `up` (settled.ts).
 */
export class PrivateDnsZoneGroup extends AzureNativeResource {
  declare readonly azureApiVersion: pulumi.Output<string>;
  declare readonly etag: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly privateDnsZoneConfigs: pulumi.Output<PrivateDnsZoneConfigResponse[] | undefined>;
  declare readonly provisioningState: pulumi.Output<string>;

  constructor(name: string, args: PrivateDnsZoneGroupArgs, opts?: pulumi.CustomResourceOptions) {
    const hints = zoneIdHints(args.privateDnsZoneConfigs);
    super({
      kind: "PrivateDnsZoneGroup", className: "network.PrivateDnsZoneGroup", nameInput: "privateDnsZoneGroupName",
      emulated: { resourceGroupName: true, privateEndpointName: true, privateDnsZoneGroupName: true, name: true,
        privateDnsZoneConfigs: [{ name: true, privateDnsZoneId: true }] },
      outputs: ["azureApiVersion", "etag", "name", "privateDnsZoneConfigs", "provisioningState"],
    }, name, { ...args, privateDnsZoneGroupName: args.privateDnsZoneGroupName ?? args.name }, opts,
    // P4 at preview: the zones this program declares, compared with those of its last deployment.
    { __programZones: programZoneIds(), ...(hints ? { __privateDnsZoneIds: hints } : {}) });
    // P3: another endpoint of the same target, elsewhere in the program, adds its address to these record sets.
    settle(this, "PrivateDnsZoneGroup", groupRef, ["privateDnsZoneConfigs"]);
  }
}


// azure-native network enums (values kept; `IPAllocationMethod` is emulated as privateIPAllocationMethod, N3)
export const IPAllocationMethod = enumObject();
export const IPVersion = enumObject();
export const VirtualNetworkPrivateEndpointNetworkPolicies = enumObject();
export const VirtualNetworkPrivateLinkServiceNetworkPolicies = enumObject();
