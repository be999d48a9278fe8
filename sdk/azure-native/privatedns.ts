/** `azure-native.privatedns`: zones (Z), virtual network links (L), record sets (R). */
import * as pulumi from "@pulumi/pulumi";
import type { RecordData, SoaRecord } from "../../provider/emulator/types";
import type { RecordSetSummary } from "../zone";
import { rememberZoneId, vnetIdHint } from "../provider";
import { zoneId } from "../../provider/emulator/ids";
import { AzureNativeResource } from "./resource";
import { enumObject } from "./enums";
import { settle } from "../settled";

type Tags = pulumi.Input<Record<string, pulumi.Input<string>>>;

export interface PrivateZoneArgs {
  resourceGroupName: pulumi.Input<string>;
  privateZoneName?: pulumi.Input<string>;
  location?: pulumi.Input<string>;
  tags?: Tags;
}

const ZONE_OUTPUTS = [
  "azureApiVersion", "etag", "internalId", "location", "maxNumberOfRecordSets", "maxNumberOfVirtualNetworkLinks",
  "maxNumberOfVirtualNetworkLinksWithRegistration", "name", "numberOfRecordSets", "numberOfVirtualNetworkLinks",
  "numberOfVirtualNetworkLinksWithRegistration", "provisioningState", "tags", "type", "recordSets",
];

/** The zone's outputs other resources change (settled.ts). */
export const ZONE_SETTLED = ["numberOfRecordSets", "numberOfVirtualNetworkLinks", "numberOfVirtualNetworkLinksWithRegistration", "recordSets"];

export class PrivateZone extends AzureNativeResource {
  declare readonly azureApiVersion: pulumi.Output<string>;
  declare readonly etag: pulumi.Output<string | undefined>;
  declare readonly internalId: pulumi.Output<string>;
  declare readonly location: pulumi.Output<string | undefined>;
  declare readonly maxNumberOfRecordSets: pulumi.Output<number>;
  declare readonly maxNumberOfVirtualNetworkLinks: pulumi.Output<number>;
  declare readonly maxNumberOfVirtualNetworkLinksWithRegistration: pulumi.Output<number>;
  declare readonly name: pulumi.Output<string>;
  declare readonly numberOfRecordSets: pulumi.Output<number>;
  declare readonly numberOfVirtualNetworkLinks: pulumi.Output<number>;
  declare readonly numberOfVirtualNetworkLinksWithRegistration: pulumi.Output<number>;
  declare readonly provisioningState: pulumi.Output<string>;
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  declare readonly type: pulumi.Output<string>;
  /** The emulator's addition: every record set of the zone with its records, as Azure's list answers. */
  declare readonly recordSets: pulumi.Output<RecordSetSummary[]>;

  constructor(name: string, args: PrivateZoneArgs, opts?: pulumi.CustomResourceOptions) {
    super({
      kind: "PrivateZone", className: "privatedns.PrivateZone", nameInput: "privateZoneName",
      emulated: { resourceGroupName: true, privateZoneName: true, location: true, tags: true }, outputs: ZONE_OUTPUTS,
    }, name, { ...args }, opts);
    // Item 4: counters and record sets as they are once this program's links, VMs and record sets exist.
    settle(this, "PrivateZone", "privateZoneName", ZONE_SETTLED);
    // Zone groups of this program name this zone at preview by the id its names give (SPEC P2, P4).
    rememberZoneId(this.id, pulumi.all([args.resourceGroupName, args.privateZoneName ?? name]).apply(([rg, n]) => zoneId(rg, n)));
  }
}

export interface VirtualNetworkLinkArgs {
  resourceGroupName: pulumi.Input<string>;
  privateZoneName: pulumi.Input<string>;
  virtualNetworkLinkName?: pulumi.Input<string>;
  location?: pulumi.Input<string>;
  registrationEnabled?: pulumi.Input<boolean>;
  resolutionPolicy?: pulumi.Input<string>;
  tags?: Tags;
  virtualNetwork?: pulumi.Input<{ id?: pulumi.Input<string> }>;
}

export class VirtualNetworkLink extends AzureNativeResource {
  declare readonly azureApiVersion: pulumi.Output<string>;
  declare readonly etag: pulumi.Output<string | undefined>;
  declare readonly location: pulumi.Output<string | undefined>;
  declare readonly name: pulumi.Output<string>;
  declare readonly provisioningState: pulumi.Output<string>;
  declare readonly registrationEnabled: pulumi.Output<boolean | undefined>;
  declare readonly resolutionPolicy: pulumi.Output<string | undefined>;
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  declare readonly type: pulumi.Output<string>;
  declare readonly virtualNetwork: pulumi.Output<{ id?: string } | undefined>;
  declare readonly virtualNetworkLinkState: pulumi.Output<string>;

  constructor(name: string, args: VirtualNetworkLinkArgs, opts?: pulumi.CustomResourceOptions) {
    const hint = vnetIdHint(args.virtualNetwork);
    super({
      kind: "VirtualNetworkLink", className: "privatedns.VirtualNetworkLink", nameInput: "virtualNetworkLinkName",
      emulated: { resourceGroupName: true, privateZoneName: true, virtualNetworkLinkName: true, location: true, registrationEnabled: true,
        resolutionPolicy: true, tags: true, virtualNetwork: { id: true } },
      outputs: ["azureApiVersion", "etag", "location", "name", "provisioningState", "registrationEnabled", "resolutionPolicy", "tags", "type",
        "virtualNetwork", "virtualNetworkLinkState"],
    }, name, { ...args }, opts, hint ? { __virtualNetworkId: hint } : {});
  }
}

type Records = { [K in keyof RecordData]?: pulumi.Input<any> };
export interface PrivateRecordSetArgs extends Records {
  resourceGroupName: pulumi.Input<string>;
  privateZoneName: pulumi.Input<string>;
  recordType: pulumi.Input<string>;
  relativeRecordSetName?: pulumi.Input<string>;
  ttl?: pulumi.Input<number>;
  metadata?: Tags;
}

export class PrivateRecordSet extends AzureNativeResource {
  declare readonly aRecords: pulumi.Output<{ ipv4Address?: string }[] | undefined>;
  declare readonly aaaaRecords: pulumi.Output<{ ipv6Address?: string }[] | undefined>;
  declare readonly azureApiVersion: pulumi.Output<string>;
  declare readonly cnameRecord: pulumi.Output<{ cname?: string } | undefined>;
  declare readonly etag: pulumi.Output<string | undefined>;
  declare readonly fqdn: pulumi.Output<string>;
  declare readonly isAutoRegistered: pulumi.Output<boolean>;
  declare readonly metadata: pulumi.Output<Record<string, string> | undefined>;
  declare readonly mxRecords: pulumi.Output<{ exchange?: string; preference?: number }[] | undefined>;
  declare readonly name: pulumi.Output<string>;
  declare readonly ptrRecords: pulumi.Output<{ ptrdname?: string }[] | undefined>;
  declare readonly soaRecord: pulumi.Output<Partial<SoaRecord> | undefined>;
  declare readonly srvRecords: pulumi.Output<{ port?: number; priority?: number; target?: string; weight?: number }[] | undefined>;
  declare readonly ttl: pulumi.Output<number | undefined>;
  declare readonly txtRecords: pulumi.Output<{ value?: string[] }[] | undefined>;
  declare readonly type: pulumi.Output<string>;

  constructor(name: string, args: PrivateRecordSetArgs, opts?: pulumi.CustomResourceOptions) {
    super({
      kind: "PrivateRecordSet", className: "privatedns.PrivateRecordSet", nameInput: "relativeRecordSetName",
      emulated: { resourceGroupName: true, privateZoneName: true, recordType: true, relativeRecordSetName: true, ttl: true, metadata: true,
        aRecords: true, aaaaRecords: true, cnameRecord: true, mxRecords: true, ptrRecords: true, soaRecord: true, srvRecords: true, txtRecords: true },
      outputs: ["aRecords", "aaaaRecords", "azureApiVersion", "cnameRecord", "etag", "fqdn", "isAutoRegistered", "metadata", "mxRecords", "name",
        "ptrRecords", "soaRecord", "srvRecords", "ttl", "txtRecords", "type"],
    }, name, { ...args }, opts);
  }
}


export const ResolutionPolicy = enumObject();
export const RecordType = enumObject();
