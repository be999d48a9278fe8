/**
 * The SPEC rules (docs/SPEC.md) this pack judges, one policy each. `scope` says where a verdict can be reached:
 * "resource" rules need only the resource's own inputs (validateResource); "stack" rules need other resources
 * of the plan, such as the zone a link names or the other links of its vnet (validateStack). `fields` lists,
 * per kind, the inputs a verdict depends on: when one is still unknown at preview, the policy says so (advisory).
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { Kind } from "./families";

export interface Rule {
  id: string;
  policy: string;
  scope: "resource" | "stack";
  level: EnforcementLevel;
  /** What the rule says, from the SPEC. */
  text: string;
  fields: Partial<Record<Kind, string[]>>;
  /** When an unknown can matter at all (else nothing is said about it): a resolution link is never in an L3 conflict. */
  matters?: Partial<Record<Kind, (inputs: Record<string, any>) => boolean>>;
}

const set = (v: unknown, ...irrelevant: unknown[]) => v !== undefined && !irrelevant.includes(v);

const RECORD_DATA = ["aRecords", "aaaaRecords", "cnameRecord", "mxRecords", "ptrRecords", "srvRecords", "txtRecords", "soaRecord"];

const rule = (id: string, slug: string, scope: Rule["scope"], text: string, fields: Rule["fields"], level: EnforcementLevel = "mandatory",
  matters?: Rule["matters"]): Rule => ({ id, policy: `privatedns-${id.toLowerCase()}-${slug}`, scope, level, text, fields, matters });

export const RULES: Rule[] = [
  rule("Z1", "zone-name-labels", "resource", "A zone name has 2 to 34 labels; a single-label name is rejected.", { Zone: ["privateZoneName"] }),
  rule("Z2", "zone-name-characters", "resource",
    "Zone name labels are letters, digits, '-', '_', 1-63 characters each; the whole name at most 253, no trailing dot.",
    { Zone: ["privateZoneName"] }),
  rule("Z4", "reserved-zone-names", "resource", "Reserved Azure zone names (azure.com, core.windows.net, ...) are refused; subdomains are fine.",
    { Zone: ["privateZoneName"] }),
  rule("Z5", "no-user-soa-or-ns", "resource", "Users cannot create SOA or NS record sets in a private zone.",
    { RecordSet: ["recordType"] }),
  rule("Z6", "unique-zone-names", "stack",
    "Zone names are unique per resource group, and one vnet can never be linked to two zones with the same name.",
    { Zone: ["privateZoneName", "resourceGroupName"], VnetLink: ["privateZoneName", "virtualNetwork"] }),
  rule("R1", "record-types-and-names", "resource",
    "Record types are A, AAAA, CNAME, MX, PTR, SOA, SRV, TXT, with data of that type; names are relative to the zone.",
    { RecordSet: ["recordType", "relativeRecordSetName", ...RECORD_DATA] }),
  rule("R2", "record-ttl", "resource", "A record set's TTL is required, 1 to 2147483647.", { RecordSet: ["ttl"] }),
  rule("R3", "record-limits", "stack", "At most 20 records per record set; at most 25000 record sets per zone (SOA included).",
    { RecordSet: [...RECORD_DATA, "privateZoneName"] }),
  rule("R4", "cname-stands-alone", "stack", "A CNAME record set holds one record, not at the apex, and no other type may share its name.",
    { RecordSet: ["recordType", "relativeRecordSetName", "cnameRecord", "privateZoneName"] }),
  rule("R5", "txt-sizes", "resource", "TXT strings are at most 255 characters; at most 4096 characters per record set.",
    { RecordSet: ["txtRecords"] }),
  rule("L1", "link-names-a-vnet", "resource", "A link joins a zone to a virtual network: virtualNetwork.id is required.",
    { VnetLink: [] }), // an unknown id is still an id
  rule("L2", "registration-flag", "resource", "A link is a registration link (registrationEnabled: true) or a resolution link (false).",
    { VnetLink: ["registrationEnabled"] }),
  rule("L3", "one-registration-zone", "stack",
    "A virtual network has at most one registration zone: a second link with registrationEnabled for the same vnet is refused.",
    { VnetLink: ["virtualNetwork", "registrationEnabled"] }, "mandatory", { VnetLink: (i) => set(i.registrationEnabled, false) }),
  rule("L4", "link-limits", "stack",
    "A zone has at most 100 registration links and 1000 links; a vnet is linked to at most 1000 zones.",
    { VnetLink: ["virtualNetwork", "privateZoneName", "registrationEnabled"] }),
  rule("L5", "one-link-per-zone-and-vnet", "stack", "One link per (zone, vnet), whatever its mode.",
    { VnetLink: ["virtualNetwork", "privateZoneName", "resourceGroupName"] }),
  rule("L6", "link-names", "stack",
    "Link names are unique within a zone; 1-80 letters, digits, '_', '.', '-', starting with a letter or digit, ending with one or '_'.",
    { VnetLink: ["virtualNetworkLinkName", "privateZoneName", "resourceGroupName"] }),
  rule("L7", "no-classic-vnets", "stack", "Links to classic virtual networks are refused.",
    { VnetLink: ["virtualNetwork"], Vnet: ["deploymentModel"] }),
  rule("L12", "resolution-policy", "stack",
    "resolutionPolicy is Default or NxDomainRedirect; NxDomainRedirect only on zones whose name starts with 'privatelink.'.",
    { VnetLink: ["resolutionPolicy", "privateZoneName"] }, "mandatory", { VnetLink: (i) => set(i.resolutionPolicy, "Default") }),
  rule("A2", "one-primary-nic", "resource", "A VM has exactly one primary NIC (a single NIC is primary), each NIC named once.",
    { Vm: ["networkInterfaces"], VirtualMachine: [] }), // the primary flags, never another resource's output
  rule("A3", "ipv4-only-registration", "stack",
    "Only IPv4 is auto-registered: a VM whose primary NIC address is IPv6 gets no record in its vnet's registration zone.",
    { Vm: ["networkInterfaces", "virtualNetwork"], VirtualMachine: ["networkProfile"], NetworkInterface: ["ipConfigurations"] }, "advisory"),
  rule("A4", "host-names", "resource", "A registered VM's host name (computer name, else VM name) is a valid DNS label.",
    { Vm: ["computerName", "vmName"], VirtualMachine: ["osProfile", "vmName"] }),
  rule("A6", "power-state", "resource", "A VM's powerState is 'running' or 'deallocated' ('stopped' too for a VM made of NIC resources, N4).",
    { Vm: ["powerState"], VirtualMachine: ["powerState"] }),
  rule("A9", "nic-addresses", "stack",
    "A NIC's IP lies inside its vnet's address space, and no two NICs in one vnet share an IP.",
    { Vm: ["networkInterfaces", "virtualNetwork"], Vnet: ["addressSpace"], NetworkInterface: ["ipConfigurations"], VirtualNetwork: ["addressSpace"],
      PrivateEndpoint: ["ipConfigurations", "subnet"] }),
  rule("N2", "subnet-prefixes", "stack", "A subnet's prefix lies inside its vnet's address space and overlaps no other subnet of that vnet.",
    { Subnet: ["addressPrefix", "addressPrefixes", "virtualNetworkName"], VirtualNetwork: ["subnets", "addressSpace"], NetworkInterface: ["ipConfigurations"] }),
  rule("N3", "nic-ip-configurations", "stack",
    "A NIC has ip configurations in subnets of one vnet, one primary; Static addresses in their subnet; a NIC belongs to at most one VM.",
    { NetworkInterface: ["ipConfigurations"], VirtualMachine: ["networkProfile"], PrivateEndpoint: ["ipConfigurations", "subnet"] }),
  rule("N4", "vm-nics-by-id", "stack", "A VM references its NICs by id, all in one vnet, exactly one primary.",
    { VirtualMachine: ["networkProfile"] }),
  rule("P1", "private-endpoints", "stack",
    "A private endpoint sits in a subnet with one private address, and connects to one target resource with one group id the target's type offers.",
    { PrivateEndpoint: ["subnet", "privateLinkServiceConnections", "manualPrivateLinkServiceConnections", "ipConfigurations"] }),
  rule("P2", "one-zone-group", "stack",
    "A private endpoint has at most one private DNS zone group; a group has 1 to 5 named zone configs, each naming an existing private zone once.",
    { PrivateDnsZoneGroup: ["privateEndpointName", "privateDnsZoneConfigs"] }),
  rule("E", "other-refusals", "stack",
    "Any other refusal Azure would return for the plan (duplicate resource names, malformed ids or tags).",
    { Zone: [], Vnet: [], VnetLink: [], Vm: [], RecordSet: [], ResourceGroup: [], VirtualNetwork: [], Subnet: [], NetworkInterface: [], VirtualMachine: [],
      PrivateEndpoint: [], PrivateDnsZoneGroup: [] }),
];
