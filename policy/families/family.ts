/** What a resource family maps onto: the emulator's kinds and their input names (provider/kinds). */
import type { Kind } from "../../provider";
import { Props } from "../values";

export type { Kind };

/** A resource of some provider, as the emulator kind's inputs (unknowns as `UNKNOWN`). */
export interface Mapped {
  kind: Kind;
  inputs: Props;
  /** Kind input name → the provider's own property name (for messages and propertyDependencies). */
  fields: Record<string, string>;
}

export interface Mapping {
  kind: Kind;
  map(props: Props, name: string): Mapped;
}

/** The kind input that holds a resource's own name, per kind. */
export const OWN_NAME: Record<Kind, string> = {
  Zone: "privateZoneName",
  Vnet: "virtualNetworkName",
  VnetLink: "virtualNetworkLinkName",
  Vm: "vmName",
  RecordSet: "relativeRecordSetName",
  ResourceGroup: "resourceGroupName",
  PrivateZone: "privateZoneName",
  VirtualNetwork: "virtualNetworkName",
  Subnet: "subnetName",
  VirtualNetworkLink: "virtualNetworkLinkName",
  NetworkInterface: "networkInterfaceName",
  VirtualMachine: "vmName",
  PrivateRecordSet: "relativeRecordSetName",
  PrivateEndpoint: "privateEndpointName",
  PrivateDnsZoneGroup: "privateDnsZoneGroupName",
};

/** Inputs that refer to another resource: the resource group, the zone, the vnet (its `.id`). */
export const REFERENCES: Record<Kind, string[]> = {
  Zone: ["resourceGroupName"],
  Vnet: ["resourceGroupName"],
  VnetLink: ["resourceGroupName", "privateZoneName", "virtualNetwork"],
  Vm: ["resourceGroupName", "virtualNetwork"],
  RecordSet: ["resourceGroupName", "privateZoneName"],
  ResourceGroup: [],
  PrivateZone: ["resourceGroupName"],
  VirtualNetwork: ["resourceGroupName"],
  Subnet: ["resourceGroupName", "virtualNetworkName"],
  VirtualNetworkLink: ["resourceGroupName", "privateZoneName", "virtualNetwork"],
  // N3, N4: a NIC's subnets and a VM's NICs, by id (often another resource's output at preview)
  NetworkInterface: ["resourceGroupName", "ipConfigurations"],
  VirtualMachine: ["resourceGroupName", "networkProfile"],
  PrivateRecordSet: ["resourceGroupName", "privateZoneName"],
  // P1, P2: an endpoint's subnet by id; a zone group's endpoint by name and its zones by id
  PrivateEndpoint: ["resourceGroupName", "subnet"],
  PrivateDnsZoneGroup: ["resourceGroupName", "privateEndpointName", "privateDnsZoneConfigs"],
};

/** Identity fields for every kind: the name as given (the kind's input name is the provider's). */
export const same = (...names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, n]));
