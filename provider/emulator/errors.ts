/**
 * The emulator's error catalogue (SPEC E), in the manner of moto's `exceptions.py`: one named constructor per
 * Azure error, each with Azure's code, the HTTP status Azure answers it with, the message template as Azure words
 * it and the SPEC rule it enforces. Where Azure's own answer is recorded (reference/azure-cli-recordings: zone,
 * link and record set not found, parent not found, "exists already") the template is Azure's text verbatim; the
 * others follow Azure's style. A refusal also carries the request's offending field path
 * (`aRecords[1].ipv4Address`), so that the handlers, the policy pack and the CLI name the field without guessing.
 *
 * Every refusal is thrown before anything is written (operations run in one transaction, so a throw rolls
 * everything back). Throw sites never word an error themselves: `throw E.zoneNameSingleLabel(at(...))`.
 */
export type ErrorCode =
  | "BadRequest"
  | "Conflict"
  | "NotFound"
  | "ResourceNotFound"
  | "ParentResourceNotFound"
  | "CannotDeleteResource"
  | "PreconditionFailed"
  | "QuotaExceeded"
  // ARM's own answers (the serve-arm adapter): resource groups, routes and api-versions, request bodies.
  | "ResourceGroupNotFound"
  | "InvalidResourceType"
  | "NoRegisteredProviderFound"
  | "MissingApiVersionParameter"
  | "InvalidRequestContent"
  | "AuthenticationFailed"
  // N: Microsoft.Network's own codes for subnets and ip configurations (400 unless noted)
  | "NetcfgInvalidSubnet"
  | "NetcfgSubnetRangeOutsideVnet"
  | "NetcfgSubnetRangesOverlap"
  | "InUseSubnetCannotBeDeleted"
  | "PrivateIPAddressNotInSubnet"
  | "PrivateIPAddressInReservedRange"
  | "PrivateIPAddressInUse"
  | "SubnetIsFull"
  | "NicInUse"
  | "VirtualMachineMustHaveOneNetworkInterfaceAsPrimary"
  // P: private endpoints and zone groups (400)
  | "InvalidPrivateLinkServiceConnection"
  | "PrivateLinkServiceGroupIdNotSupported"
  | "CannotCreateMoreThanOnePrivateDnsZoneGroup"
  | "PrivateDnsZoneConfigsLimitExceeded"
  | "InvalidRequestFormat"
  | "PrivateEndpointPropertyCannotBeChanged";

/** The HTTP status of each code, as ARM answers it (QuotaExceeded: 409, as the Network provider answers limits). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BadRequest: 400,
  Conflict: 409,
  NotFound: 404,
  ResourceNotFound: 404,
  ParentResourceNotFound: 404,
  CannotDeleteResource: 409,
  PreconditionFailed: 412,
  QuotaExceeded: 409,
  ResourceGroupNotFound: 404,
  InvalidResourceType: 404,
  NoRegisteredProviderFound: 400,
  MissingApiVersionParameter: 400,
  InvalidRequestContent: 400,
  AuthenticationFailed: 401,
  NetcfgInvalidSubnet: 400,
  NetcfgSubnetRangeOutsideVnet: 400,
  NetcfgSubnetRangesOverlap: 400,
  InUseSubnetCannotBeDeleted: 400,
  PrivateIPAddressNotInSubnet: 400,
  PrivateIPAddressInReservedRange: 400,
  PrivateIPAddressInUse: 400,
  SubnetIsFull: 400,
  NicInUse: 400,
  VirtualMachineMustHaveOneNetworkInterfaceAsPrimary: 400,
  InvalidPrivateLinkServiceConnection: 400,
  PrivateLinkServiceGroupIdNotSupported: 400,
  CannotCreateMoreThanOnePrivateDnsZoneGroup: 400,
  PrivateDnsZoneConfigsLimitExceeded: 400,
  InvalidRequestFormat: 400,
  PrivateEndpointPropertyCannotBeChanged: 400,
};

export class EmulatorError extends Error {
  readonly code: ErrorCode;
  readonly rule: string;
  readonly resource: string;
  /** The request's field path the refusal is about (`aRecords[1].ipv4Address`); "" for the request as a whole. */
  readonly field: string;
  readonly value: unknown;
  /** The Azure-style message alone, without the code/rule/resource prefix. */
  readonly detail: string;

  constructor(code: ErrorCode, rule: string, resource: string, value: unknown, message: string, field = "") {
    // E: every refusal names the field and the offending value; when the Azure-style text does not, the message
    // adds them (`detail` keeps the Azure text alone).
    const shown = valueText(value);
    const missing = [
      field && !message.includes(field) ? `field: ${field}` : "",
      shown !== undefined && !message.includes(shown) ? `value: ${shown}` : "",
    ].filter(Boolean);
    super(`${code} (${rule}) ${resource}: ${message}${missing.length ? ` (${missing.join(", ")})` : ""}`);
    this.name = "EmulatorError";
    this.code = code;
    this.rule = rule;
    this.resource = resource;
    this.field = field;
    this.value = value;
    this.detail = message;
  }

  /** The HTTP status Azure answers this error with. */
  get status(): number {
    return HTTP_STATUS[this.code];
  }

  toJSON() {
    return { code: this.code, rule: this.rule, resource: this.resource, field: this.field, value: this.value, message: this.detail };
  }
}

function valueText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function isEmulatorError(e: unknown): e is EmulatorError {
  return e instanceof EmulatorError || (typeof e === "object" && e !== null && (e as any).name === "EmulatorError");
}

/** A refusal because something named does not exist (yet): at preview, not a verdict while other inputs are unknown. */
export const isNotFound = (e: EmulatorError) => e.code === "NotFound" || e.code === "ResourceNotFound" || e.code === "ParentResourceNotFound";

/**
 * A value as text for a message. String() throws for objects whose toString is not a function (valid JSON such as
 * `{"toString": 1}`): a refusal must never turn into a TypeError while it is being worded (found by the fuzz tests).
 */
export function text(v: unknown): string {
  try {
    return String(v);
  } catch {
    try {
      return JSON.stringify(v) ?? Object.prototype.toString.call(v);
    } catch {
      return Object.prototype.toString.call(v);
    }
  }
}

/** Where a refusal points: the resource (its ARM id or a description), the request's field path, the value there. */
export interface At {
  resource: string;
  field: string;
  value: unknown;
}
export const at = (resource: string, field: string, value: unknown): At => ({ resource, field, value });

/** `{name}` placeholders of a template; `{value}` and `{field}` come from `At`. */
type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type Params<T extends string> = { [K in Exclude<Placeholders<T>, "value" | "field">]: unknown };

/** A named constructor of the catalogue, with what it is made of (for the catalogue's own test and for docs). */
export interface AzureError<T extends string = string> {
  (where: At, ...params: keyof Params<T> extends never ? [] : [Params<T>]): EmulatorError;
  readonly code: ErrorCode;
  readonly status: number;
  readonly rule: string;
  readonly template: T;
}

const render = (template: string, params: Record<string, unknown>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => text(params[k]));

/** `template` must be one string literal (a concatenation is typed `string` and would lose its placeholders). */
function define<const T extends string>(code: ErrorCode, rule: string, template: string extends T ? never : T): AzureError<T> {
  const make = (where: At, params: Record<string, unknown> = {}) =>
    new EmulatorError(code, rule, where.resource, where.value, render(template, { ...params, value: where.value, field: where.field }), where.field);
  return Object.assign(make, { code, status: HTTP_STATUS[code], rule, template }) as unknown as AzureError<T>;
}

/** Azure's words for creating what exists (PutZone_/PutLink_/PutRecordSet_..._IfNoneMatchFailure_ExpectError). */
const ZONE_EXISTS = "The Zone {value} exists already and hence cannot be created again.";
const LINK_EXISTS = "The Virtual Network link {value} for the Private DNS zone {zone} exists already and hence cannot be created again.";

/** The catalogue. Grouped by SPEC section; each entry's rule is the one its refusal cites. */
export const E = {
  // Z: zones
  zoneNameRequired: define("BadRequest", "Z2", "The zone name is required and must be a non-empty string."),
  zoneNameTrailingDot: define("BadRequest", "Z2", "The zone name '{value}' must be given without a terminating dot."),
  zoneNameTooLong: define("BadRequest", "Z2", "The zone name '{value}' is longer than 253 characters ({length})."),
  zoneNameInvalidLabel: define("BadRequest", "Z2",
    "The label '{label}' of zone name '{value}' is invalid: labels are 1-63 letters, digits, '-' or '_'."),
  zoneNameSingleLabel: define("BadRequest", "Z1", "Single-label private DNS zones aren't supported: '{value}' needs two or more labels."),
  zoneNameTooManyLabels: define("BadRequest", "Z1", "A private DNS zone can have at most 34 labels; '{value}' has {labels}."),
  zoneNameReserved: define("BadRequest", "Z4", "The zone name '{value}' is reserved by Azure and cannot be created."),
  zoneExists: define("Conflict", "Z6", ZONE_EXISTS),
  zoneNamespaceOverlap: define("BadRequest", "Z6",
    "A virtual network cannot be linked to multiple zones with overlapping namespaces. You tried to link virtual network with '{value}' and '{value}' zones."),
  zoneHasNestedResources: define("CannotDeleteResource", "Z7",
    "Cannot delete resource while nested resources exist. Some existing nested resource IDs include: 'Microsoft.Network/privateDnsZones/{zone}/virtualNetworkLinks/{value}'. Please delete all nested resources before deleting this resource."),

  // R: record sets
  recordSetNameRequired: define("BadRequest", "R1", "The relative record set name is required."),
  recordSetNameTrailingDot: define("BadRequest", "R1", "The record set name '{value}' is relative to the zone and must not end with a dot."),
  recordSetNameInvalidLabel: define("BadRequest", "R1",
    "The record set name '{value}' is invalid at label '{label}': labels are 1-63 letters, digits, '-' or '_', and '*' only as the left-most label."),
  recordSetNameTooLong: define("BadRequest", "R1", "The name '{fqdn}' is longer than 253 characters."),
  recordTypeUnsupported: define("BadRequest", "R1", "The record type '{value}' is not supported; use one of {types}."),
  recordDataOfOtherType: define("BadRequest", "R1", "A record set of type {type} cannot carry {value}."),
  recordsNotList: define("BadRequest", "R1", "{field} must be an array."),
  ipv4AddressInvalid: define("BadRequest", "R1", "{field} '{value}' is not an IPv4 address."),
  ipv6AddressInvalid: define("BadRequest", "R1", "{field} '{value}' is not an IPv6 address."),
  recordIntegerInvalid: define("BadRequest", "R1", "{field} '{value}' must be an integer from 0 to 65535."),
  targetNameInvalid: define("BadRequest", "R1", "{field} '{value}' is not a valid DNS name."),
  recordSetExists: define("PreconditionFailed", "R1", "The Record set {value} exists already and hence cannot be created again."),
  ttlInvalid: define("BadRequest", "R2", "The TTL '{value}' is invalid: it is required and must be an integer from 1 to 2147483647."),
  recordsPerSetQuota: define("QuotaExceeded", "R3", "A record set holds at most {max} records; {field} has {value}."),
  recordSetsPerZoneQuota: define("QuotaExceeded", "R3", "The zone '{zone}' already holds {max} record sets (the SOA included)."),
  cnameNotSingle: define("BadRequest", "R4", "A CNAME record set holds exactly one record (cnameRecord is an object, not a list)."),
  cnameTargetInvalid: define("BadRequest", "R4", "{field} '{value}' is not a valid DNS name."),
  cnameAtApex: define("BadRequest", "R4", "A CNAME record set cannot be created at the zone apex."),
  cnameCoexistence: define("Conflict", "R4",
    "A CNAME record set cannot coexist with other record sets: '{value}' already has a {type} record set in zone '{zone}'."),
  txtValuesNotList: define("BadRequest", "R5", "{field} must be an array of strings."),
  txtValueNotString: define("BadRequest", "R5", "TXT values are strings."),
  txtStringTooLong: define("BadRequest", "R5", "A TXT string is at most 255 characters; one has {value}."),
  txtSetTooLong: define("BadRequest", "R5", "A TXT record set holds at most 4096 characters in all; this one has {value}."),
  nsRecordSet: define("BadRequest", "Z5", "NS record sets cannot be created in a private DNS zone (no delegations)."),
  soaNotCreatable: define("BadRequest", "Z5", "The SOA record set is created with the zone and cannot be created by users."),
  soaNotDeletable: define("BadRequest", "Z5", "The SOA record set cannot be deleted; it goes with the zone."),
  soaHostImmutable: define("BadRequest", "Z5", "The SOA host cannot be changed: it is '{current}', not '{value}'."),
  soaIntegerInvalid: define("BadRequest", "Z5", "{field} '{value}' must be an integer from 0 to 4294967295."),
  soaEmailInvalid: define("BadRequest", "Z5", "{field} '{value}' is not a valid DNS name."),

  // L: virtual network links
  linkVnetRequired: define("BadRequest", "L1", "virtualNetwork.id is required: a link joins a zone to a virtual network."),
  registrationFlagInvalid: define("BadRequest", "L2", "registrationEnabled must be true or false."),
  registrationZoneConflict: define("Conflict", "L3",
    'A virtual network can only be linked to 1 Private DNS zone(s) with auto-registration enabled; conflicting Private DNS zone is "{zone}"'),
  registrationLinksQuota: define("QuotaExceeded", "L4", "The zone '{zone}' already has {max} links with auto-registration enabled."),
  zoneLinksQuota: define("QuotaExceeded", "L4", "The zone '{zone}' already has {max} virtual network links."),
  vnetLinksQuota: define("QuotaExceeded", "L4", "The virtual network '{vnet}' is already linked to {max} zones."),
  vnetAlreadyLinked: define("Conflict", "L5", "Private zone '{zone}' is already linked to the virtual network '{value}'."),
  linkNameInvalid: define("BadRequest", "L6",
    "The link name '{value}' is invalid: 1-80 letters, digits, '_', '.', '-', starting with a letter or digit and ending with a letter, digit or '_'."),
  linkExists: define("Conflict", "L6", LINK_EXISTS),
  classicVnetLink: define("BadRequest", "L7", "Virtual networks deployed with the classic deployment model cannot be linked: '{value}'."),
  deploymentModelInvalid: define("BadRequest", "L7", "deploymentModel '{value}' must be 'ResourceManager' or 'Classic'."),
  linkedVnetToClassic: define("BadRequest", "L7", "A virtual network with private DNS zone links cannot use the classic deployment model."),
  resolutionPolicyInvalid: define("BadRequest", "L12", "resolutionPolicy '{value}' must be 'Default' or 'NxDomainRedirect'."),
  resolutionPolicyNotSupported: define("BadRequest", "L12",
    "ResolutionPolicy not supported: NxDomainRedirect is accepted only on privatelink zones, not on '{zone}'."),
  linkVnetImmutable: define("BadRequest", "L13", "A link's virtual network cannot change after creation; replace the link instead."),

  // A: VMs, NICs and the address space they live in
  nicsRequired: define("BadRequest", "A2", "networkInterfaces must list at least one NIC."),
  primaryNicCount: define("BadRequest", "A2", "Exactly one NIC must be primary; {value} of {count} are."),
  nicNameRequired: define("BadRequest", "A2", "NIC {position} needs a name."),
  nicNameDuplicate: define("BadRequest", "A2", "Two NICs are named '{value}'."),
  hostNameInvalid: define("BadRequest", "A4", "The host name '{value}' is not a valid DNS label (1-63 letters, digits and inner '-')."),
  powerStateInvalid: define("BadRequest", "A6", "powerState '{value}' must be 'running' or 'deallocated'."),
  vmVnetRequired: define("BadRequest", "A9", "virtualNetwork.id is required: a VM's NICs live in a virtual network."),
  nicAddressInvalid: define("BadRequest", "A9", "NIC '{nic}': '{value}' is not an IP address."),
  nicAddressOutside: define("BadRequest", "A9", "NIC '{nic}': {value} is outside the address space {prefixes} of virtual network '{vnet}'."),
  nicAddressDuplicate: define("Conflict", "A9", "Two NICs of the VM use the address {value}."),
  nicAddressInUse: define("Conflict", "A9", "The address {value} is already used in this virtual network by VM '{vm}'."),
  addressPrefixesRequired: define("BadRequest", "A9", "addressSpace.addressPrefixes must list at least one CIDR prefix."),
  addressPrefixInvalid: define("BadRequest", "A9", "The address prefix '{value}' is not a CIDR prefix."),
  addressSpaceExcludesNic: define("BadRequest", "A9", "The address space {prefixes} would leave NIC '{nic}' ({value}) outside the virtual network."),

  // N: resource groups, subnets, network interfaces and the VMs that reference them
  locationInvalid: define("BadRequest", "N1", "{field} '{value}' must be a non-empty location name."),
  subnetPrefixInvalid: define("NetcfgInvalidSubnet", "N2",
    "Subnet '{subnet}' is not valid in virtual network '{vnet}': '{value}' is not one CIDR address prefix."),
  subnetOutsideVnet: define("NetcfgSubnetRangeOutsideVnet", "N2",
    "Subnet '{subnet}' is not valid because its IP address range is outside the IP address range of virtual network '{vnet}'."),
  subnetsOverlap: define("NetcfgSubnetRangesOverlap", "N2",
    "Subnet '{subnet}' is not valid because its IP address range overlaps with that of an existing subnet '{other}' in virtual network '{vnet}'."),
  subnetNameDuplicate: define("BadRequest", "N1", "Two subnets of virtual network '{vnet}' are named '{value}'."),
  subnetsNotList: define("BadRequest", "N2", "{field} must be an array of subnets, each with a name and an addressPrefix."),
  subnetInUse: define("InUseSubnetCannotBeDeleted", "N5",
    "Subnet {subnet} is in use by {value} and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet."),
  ipConfigurationsRequired: define("BadRequest", "N3", "ipConfigurations must list at least one ip configuration, each with a name and a subnet id."),
  ipConfigurationNameRequired: define("BadRequest", "N3", "ip configuration {position} needs a name."),
  ipConfigurationNameDuplicate: define("BadRequest", "N3", "Two ip configurations of the network interface are named '{value}'."),
  primaryIpConfigurationCount: define("BadRequest", "N3",
    "Network interface '{nic}' must have exactly one primary ip configuration; {value} of {count} are primary."),
  ipConfigurationSubnetRequired: define("BadRequest", "N3", "{field} is required: an ip configuration lives in a subnet, named by its id."),
  subnetIdInvalid: define("BadRequest", "N3", "'{value}' is not a subnet resource id."),
  ipConfigurationsInDifferentVnets: define("BadRequest", "N3",
    "The ip configurations of network interface '{nic}' reference subnets in different virtual networks ({value} and {other})."),
  allocationMethodInvalid: define("BadRequest", "N3", "privateIPAllocationMethod '{value}' must be 'Static' or 'Dynamic'."),
  staticAddressRequired: define("BadRequest", "N3", "{field} is required when privateIPAllocationMethod is 'Static'."),
  staticAddressInvalid: define("BadRequest", "N3", "{field} '{value}' is not an IP address."),
  addressNotInSubnet: define("PrivateIPAddressNotInSubnet", "N3",
    "Private static IP address {value} does not belong to the range of subnet prefix {prefix}."),
  addressReserved: define("PrivateIPAddressInReservedRange", "N2",
    "Private IP address {value} is in the reserved range of subnet '{subnet}' ({prefix}): Azure keeps its first four addresses and the last one."),
  addressInUse: define("PrivateIPAddressInUse", "A9",
    "IP configuration {ipConfiguration} is using the private IP address {value} which is already allocated to resource {owner}."),
  subnetFull: define("SubnetIsFull", "N3", "Subnet {subnet} with address prefix {value} does not have enough capacity for 1 IP addresses."),
  nicInUse: define("NicInUse", "N3",
    "Network Interface {value} is used by existing resource {vm}. In order to use this network interface with another resource, please delete or update the existing resource."),
  vmNicsRequired: define("BadRequest", "N4", "networkProfile.networkInterfaces must list at least one network interface id."),
  vmNicIdInvalid: define("BadRequest", "N4", "'{value}' is not a network interface resource id."),
  vmNicDuplicate: define("BadRequest", "N4", "The network interface {value} is listed twice."),
  vmPrimaryNicCount: define("VirtualMachineMustHaveOneNetworkInterfaceAsPrimary", "A2",
    "Virtual machine {vm} must have one network interface set as the primary; {value} of {count} are."),
  vmNicsInDifferentVnets: define("BadRequest", "N4",
    "The network interfaces of virtual machine {vm} are in different virtual networks ({value} and {other}); all must be in one."),
  vmPowerStateInvalid: define("BadRequest", "A6", "powerState '{value}' must be 'running', 'deallocated' or 'stopped'."),
  vmOtherModel: define("BadRequest", "N4",
    "The virtual machine {value} was created {model}; update it through the resource kind that created it."),

  // P: private endpoints and their DNS zone groups
  endpointSubnetRequired: define("BadRequest", "P1", "subnet.id is required: a private endpoint gets its address in a subnet, named by its id."),
  endpointConnectionCount: define("InvalidPrivateLinkServiceConnection", "P1",
    "Private endpoint {endpoint} must have exactly one private link service connection (privateLinkServiceConnections or manualPrivateLinkServiceConnections); it has {value}."),
  endpointTargetInvalid: define("InvalidPrivateLinkServiceConnection", "P1", "{field} '{value}' is not a resource id."),
  endpointGroupIdCount: define("InvalidPrivateLinkServiceConnection", "P1",
    "{field} must name exactly one group id (sub-resource) of the target; it names {value}."),
  endpointGroupIdUnsupported: define("PrivateLinkServiceGroupIdNotSupported", "P1",
    "The group id '{value}' is not supported by resources of type {type}; supported group ids are {supported}."),
  endpointStaticAddressCount: define("BadRequest", "P1", "A private endpoint of one group id has at most one ip configuration; {value} given."),
  endpointPropertyImmutable: define("PrivateEndpointPropertyCannotBeChanged", "P1",
    "Property {field} of private endpoint {endpoint} cannot be changed from '{current}' to '{value}'; replace the endpoint instead."),
  endpointNic: define("NicInUse", "P1",
    "Network Interface {value} is managed by private endpoint {endpoint}; it changes and goes with that endpoint."),
  zoneGroupSecond: define("CannotCreateMoreThanOnePrivateDnsZoneGroup", "P2",
    "Cannot create more than one private dns zone groups in the private endpoint {endpoint}: it already has '{value}'."),
  zoneConfigsCount: define("PrivateDnsZoneConfigsLimitExceeded", "P2",
    "A private DNS zone group has 1 to 5 private DNS zone configs; {field} has {value}."),
  zoneConfigNameRequired: define("BadRequest", "P2",
    "{field} is required: a private DNS zone config without a name gets no record set in its zone."),
  zoneConfigNameDuplicate: define("InvalidRequestFormat", "P2",
    "Resource {group} has two child resources with the same name ({value})."),
  zoneConfigZoneIdInvalid: define("BadRequest", "P2", "{field} '{value}' is not a private DNS zone resource id."),
  zoneConfigZoneDuplicate: define("BadRequest", "P2", "The private DNS zone {value} is named by two configs of zone group {group}."),
  zoneReferencedByZoneGroup: define("CannotDeleteResource", "P4",
    "Cannot delete private DNS zone {zone} while private DNS zone group {value} refers to it. Delete the zone group, or remove the zone from its configs, first."),

  // Q: resolution queries
  queryNameTooLong: define("BadRequest", "Z2", "The query name is {length} characters long; a DNS name has at most 253."),
  queryTypeInvalid: define("BadRequest", "Q1", "'{value}' is not a DNS query type."),
  queryNameNotString: define("BadRequest", "E", "The query name must be a string."),

  // E1: etag preconditions (If-Match, If-None-Match: *), Azure's words as recorded
  preconditionInvalid: define("BadRequest", "E1", "{field} must be an etag (a string), or '*'."),
  zonePreconditionExists: define("PreconditionFailed", "E1", ZONE_EXISTS),
  linkPreconditionExists: define("PreconditionFailed", "E1", LINK_EXISTS),
  zoneEtagMismatch: define("PreconditionFailed", "E1", "The Zone {value} has been modified (etag mismatch)."),
  linkEtagMismatch: define("PreconditionFailed", "E1",
    "The Virtual Network link '{value}' for the Private DNS zone '{zone}' has been modified (etag mismatch)."),
  recordSetEtagMismatch: define("PreconditionFailed", "E1", "The Record set {value} has been modified (etag mismatch)."),

  // E2: ARM's answers outside the resources (the serve-arm adapter)
  resourceGroupNotFound: define("ResourceGroupNotFound", "E2", "Resource group '{value}' could not be found."),
  routeNotFound: define("InvalidResourceType", "E2",
    "The resource type '{type}' could not be found in the namespace '{namespace}' for api version '{apiVersion}'."),
  pathNotFound: define("NotFound", "E2", "No HTTP resource was found that matches the request URI '{value}'."),
  apiVersionMissing: define("MissingApiVersionParameter", "E2",
    "The api-version query parameter (?api-version=) is required for all requests."),
  apiVersionUnsupported: define("NoRegisteredProviderFound", "E2",
    "No registered resource provider found for location 'global' and API version '{value}' for type '{type}'. The supported api-versions are '{supported}'."),
  authorizationMissing: define("AuthenticationFailed", "E2", "Authentication failed. The 'Authorization' header is missing."),
  requestContentInvalid: define("InvalidRequestContent", "E2", "The request content was invalid and could not be deserialized: {reason}"),

  // E: everything else Azure refuses, and the not-found answers
  resourceNameInvalid: define("BadRequest", "E",
    "The {kind} name '{value}' is invalid: 1-80 characters without '/', '\\\\', '?', '#' or '%'."),
  tagsInvalid: define("BadRequest", "E", "{field} must be an object of string values."),
  resourceExists: define("Conflict", "E", "The {kind} '{value}' exists already in resource group '{resourceGroup}'."),
  vnetIdInvalid: define("BadRequest", "E", "'{value}' is not a virtual network resource id."),
  vnetReferenceInvalid: define("BadRequest", "E", "A virtual network is named by its ARM id or by its resourceGroupName and virtualNetworkName."),
  argumentsNotObject: define("BadRequest", "E", "The operation's arguments must be an object, not {what}."),
  operationUnknown: define("BadRequest", "E", "Unknown emulator operation '{value}': one of {operations}."),
  pendingNotList: define("BadRequest", "E", "The pending operations must be a list."),
  resourceNotFound: define("ResourceNotFound", "E",
    "The Resource '{path}' under resource group '{resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"),
  parentResourceNotFound: define("ParentResourceNotFound", "E",
    "Failed to perform 'write' on resource(s) of type '{type}', because the parent resource '{value}' could not be found."),
  recordSetNotFound: define("NotFound", "E",
    "The resource record '{value}' does not exist in resource group '{resourceGroup}' of subscription '{subscription}'."),
};
