/**
 * Plans as the engine hands them to a policy pack at preview, per resource family, with the property names
 * each provider's schema defines. A value that is another resource's output is what the engine knows of it at
 * preview: known when the provider echoes an input of that name (dynamic and classic `name`s), otherwise
 * unknown, and recorded in `propertyDependencies`.
 */
import { PlannedResource, Props, UNKNOWN, planned } from "./analyzer-host";

export const DYNAMIC_CODE = 'exports.handler = () => require("pulumi-privatedns-emulator/provider").handlers.Zone;';
export const EMULATOR_SUB = "00000000-0000-0000-0000-000000000000";

export interface LinkOpts { registration?: boolean; name?: string; resolutionPolicy?: string }

export interface Family {
  label: string;
  /** A resource group the other resources of a plan live in (none for the emulator's own resources). */
  resourceGroup(logical: string): PlannedResource | undefined;
  zone(logical: string, name: string | undefined, rg?: PlannedResource): PlannedResource;
  vnet(logical: string, prefixes: string[], rg?: PlannedResource): PlannedResource;
  /** A link to a zone of the plan and a vnet of the plan, or a vnet given by its id (a string). */
  link(logical: string, zone: PlannedResource, vnet: PlannedResource | string, opts?: LinkOpts): PlannedResource;
  aRecord(logical: string, zone: PlannedResource, name: string, ips: string[], ttl?: number): PlannedResource;
  cname?(logical: string, zone: PlannedResource, name: string, target: string): PlannedResource;
  txt?(logical: string, zone: PlannedResource, name: string, values: string[]): PlannedResource;
  /** The id of a vnet that exists outside the plan. */
  existingVnetId(name: string, classic?: boolean): string;
}

const res = planned;
const dep = (r: PlannedResource | undefined) => (r ? [r.urn!] : []);
const deps = (entries: Record<string, PlannedResource | undefined>) =>
  Object.fromEntries(Object.entries(entries).filter(([, r]) => r).map(([k, r]) => [k, [r!.urn!]]));
const armVnetId = (sub: string, rg: string, name: string, classic = false) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.${classic ? "ClassicNetwork" : "Network"}/virtualNetworks/${name}`;

/** The emulator's own resources, as the SDK sends them (names default to the logical name; `__virtualNetworkId` beside an unknown id). */
export const dynamic: Family = {
  label: "emulator dynamic",
  resourceGroup: () => undefined,
  zone: (logical, name) => res("pulumi-nodejs:dynamic/privatedns:Zone", logical, { __provider: DYNAMIC_CODE, privateZoneName: name ?? logical }),
  vnet: (logical, prefixes) => res("pulumi-nodejs:dynamic/privatedns:Vnet", logical,
    { __provider: DYNAMIC_CODE, virtualNetworkName: logical, addressSpace: { addressPrefixes: prefixes } }),
  link: (logical, zone, vnet, opts = {}) => res("pulumi-nodejs:dynamic/privatedns:VnetLink", logical, {
    __provider: DYNAMIC_CODE,
    privateZoneName: zone.props.privateZoneName, // zone.name: known at preview (the dynamic host echoes inputs)
    virtualNetworkLinkName: opts.name ?? logical,
    virtualNetwork: { id: typeof vnet === "string" ? vnet : UNKNOWN },
    ...(typeof vnet === "string" ? {} : { __virtualNetworkId: armVnetId(EMULATOR_SUB, "emulator", vnet.props.virtualNetworkName) }),
    registrationEnabled: opts.registration ?? false,
    ...(opts.resolutionPolicy ? { resolutionPolicy: opts.resolutionPolicy } : {}),
  }, deps({ privateZoneName: zone, virtualNetwork: typeof vnet === "string" ? undefined : vnet })),
  aRecord: (logical, zone, name, ips, ttl = 300) => res("pulumi-nodejs:dynamic/privatedns:RecordSet", logical, {
    __provider: DYNAMIC_CODE, privateZoneName: zone.props.privateZoneName, relativeRecordSetName: name, recordType: "A", ttl,
    aRecords: ips.map((ipv4Address) => ({ ipv4Address })),
  }, deps({ privateZoneName: zone })),
  cname: (logical, zone, name, target) => res("pulumi-nodejs:dynamic/privatedns:RecordSet", logical, {
    __provider: DYNAMIC_CODE, privateZoneName: zone.props.privateZoneName, relativeRecordSetName: name, recordType: "CNAME", ttl: 300,
    cnameRecord: { cname: target },
  }, deps({ privateZoneName: zone })),
  txt: (logical, zone, name, values) => res("pulumi-nodejs:dynamic/privatedns:RecordSet", logical, {
    __provider: DYNAMIC_CODE, privateZoneName: zone.props.privateZoneName, relativeRecordSetName: name, recordType: "TXT", ttl: 300,
    txtRecords: [{ value: values }],
  }, deps({ privateZoneName: zone })),
  existingVnetId: (name, classic) => armVnetId(EMULATOR_SUB, "emulator", name, classic),
};

export function dynamicVm(logical: string, vnet: PlannedResource, nics: { name: string; privateIPAddress: string; primary?: boolean }[], extra: Props = {}) {
  return res("pulumi-nodejs:dynamic/privatedns:Vm", logical, {
    __provider: DYNAMIC_CODE, vmName: logical, virtualNetwork: { id: UNKNOWN },
    __virtualNetworkId: armVnetId(EMULATOR_SUB, "emulator", vnet.props.virtualNetworkName), networkInterfaces: nics, ...extra,
  }, deps({ virtualNetwork: vnet }));
}

const SUB = "11111111-2222-3333-4444-555555555555";

/**
 * azure-native at preview: an auto-named resource group (name unknown), zones with their names given, vnets
 * auto-named, and every reference (`rg.name`, `zone.name`, `vnet.id`) unknown, known only by its propertyDependencies.
 */
export function azureNative(module: "privatedns" | "network"): Family {
  const t = (kind: string) => `azure-native:${module}:${kind}`;
  return {
    label: `azure-native (${module} tokens)`,
    resourceGroup: (logical) => res("azure-native:resources:ResourceGroup", logical, { location: "westeurope" }),
    zone: (logical, name, rg) => res(t("PrivateZone"), logical, {
      resourceGroupName: UNKNOWN, location: "Global", ...(name === undefined ? {} : { privateZoneName: name }),
    }, deps({ resourceGroupName: rg })),
    vnet: (logical, prefixes, rg) => res("azure-native:network:VirtualNetwork", logical, {
      resourceGroupName: UNKNOWN, location: "westeurope", addressSpace: { addressPrefixes: prefixes },
    }, deps({ resourceGroupName: rg })),
    link: (logical, zone, vnet, opts = {}) => res(t("VirtualNetworkLink"), logical, {
      resourceGroupName: UNKNOWN, privateZoneName: UNKNOWN, location: "Global",
      virtualNetworkLinkName: opts.name ?? logical,
      virtualNetwork: { id: typeof vnet === "string" ? vnet : UNKNOWN },
      registrationEnabled: opts.registration ?? false,
      ...(opts.resolutionPolicy ? { resolutionPolicy: opts.resolutionPolicy } : {}),
    }, { ...deps({ privateZoneName: zone, virtualNetwork: typeof vnet === "string" ? undefined : vnet }),
      resourceGroupName: zone.propertyDependencies?.resourceGroupName ?? [] }),
    aRecord: (logical, zone, name, ips, ttl = 300) => res(t("PrivateRecordSet"), logical, {
      resourceGroupName: UNKNOWN, privateZoneName: UNKNOWN, relativeRecordSetName: name, recordType: "A", ttl,
      aRecords: ips.map((ipv4Address) => ({ ipv4Address })),
    }, { ...deps({ privateZoneName: zone }), resourceGroupName: zone.propertyDependencies?.resourceGroupName ?? [] }),
    cname: (logical, zone, name, target) => res(t("PrivateRecordSet"), logical, {
      resourceGroupName: UNKNOWN, privateZoneName: UNKNOWN, relativeRecordSetName: name, recordType: "CNAME", ttl: 300,
      cnameRecord: { cname: target },
    }, { ...deps({ privateZoneName: zone }), resourceGroupName: zone.propertyDependencies?.resourceGroupName ?? [] }),
    txt: (logical, zone, name, values) => res(t("PrivateRecordSet"), logical, {
      resourceGroupName: UNKNOWN, privateZoneName: UNKNOWN, relativeRecordSetName: name, recordType: "TXT", ttl: 300,
      txtRecords: [{ value: values }],
    }, { ...deps({ privateZoneName: zone }), resourceGroupName: zone.propertyDependencies?.resourceGroupName ?? [] }),
    existingVnetId: (name, classic) => armVnetId(SUB, "network-rg", name, classic),
  };
}

/**
 * Classic azure (`@pulumi/azure`) at preview: a resource group with its name given (known), zone names known
 * (`zone.name` echoes the input), vnet ids unknown and known by their propertyDependencies.
 */
export const azureClassic: Family = {
  label: "classic azure",
  resourceGroup: (logical) => res("azure:core/resourceGroup:ResourceGroup", logical, { name: `${logical}-group`, location: "westeurope" }),
  zone: (logical, name, rg) => res("azure:privatedns/zone:Zone", logical, {
    ...(name === undefined ? {} : { name }), resourceGroupName: rg?.props.name ?? "rg",
  }, deps({ resourceGroupName: rg })),
  vnet: (logical, prefixes, rg) => res("azure:network/virtualNetwork:VirtualNetwork", logical, {
    name: `${logical}-vnet`, resourceGroupName: rg?.props.name ?? "rg", location: "westeurope", addressSpaces: prefixes,
  }, deps({ resourceGroupName: rg })),
  link: (logical, zone, vnet, opts = {}) => res("azure:privatedns/zoneVirtualNetworkLink:ZoneVirtualNetworkLink", logical, {
    name: opts.name ?? logical, resourceGroupName: zone.props.resourceGroupName, privateDnsZoneName: zone.props.name,
    virtualNetworkId: typeof vnet === "string" ? vnet : UNKNOWN, registrationEnabled: opts.registration ?? false,
    ...(opts.resolutionPolicy ? { resolutionPolicy: opts.resolutionPolicy } : {}),
  }, { ...deps({ privateDnsZoneName: zone, virtualNetworkId: typeof vnet === "string" ? undefined : vnet }),
    resourceGroupName: zone.propertyDependencies?.resourceGroupName ?? [] }),
  aRecord: (logical, zone, name, ips, ttl = 300) => res("azure:privatedns/aRecord:ARecord", logical, {
    name, zoneName: zone.props.name, resourceGroupName: zone.props.resourceGroupName, ttl, records: ips,
  }, { ...deps({ zoneName: zone }), resourceGroupName: zone.propertyDependencies?.resourceGroupName ?? [] }),
  cname: (logical, zone, name, target) => res("azure:privatedns/cnameRecord:CnameRecord", logical, {
    name, zoneName: zone.props.name, resourceGroupName: zone.props.resourceGroupName, ttl: 300, record: target,
  }, { ...deps({ zoneName: zone }), resourceGroupName: zone.propertyDependencies?.resourceGroupName ?? [] }),
  existingVnetId: (name, classic) => armVnetId(SUB, "network-rg", name, classic),
};

export const FAMILIES: Family[] = [dynamic, azureNative("privatedns"), azureNative("network"), azureClassic];

/** A plan's resources in registration order, without the undefined resource groups of families that have none. */
export const planOf = (...resources: (PlannedResource | undefined)[]) => resources.filter((r): r is PlannedResource => r !== undefined);
export { dep };
