import * as pulumi from "@pulumi/pulumi";
import type { RecordData } from "../provider/emulator/types";
import { declare, settle } from "./settled";
import { ZONE_SETTLED } from "./azure-native/privatedns";
import { DynamicResource, propsOf, rememberZoneId } from "./provider";
import { zoneId } from "../provider/emulator/ids";

/** Inputs as `azure-native.privatedns.PrivateZone`. */
export interface ZoneArgs {
  privateZoneName: pulumi.Input<string>;
  resourceGroupName?: pulumi.Input<string>;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** One record set of the zone with its records, as Azure's list of record sets answers. */
export interface RecordSetSummary extends RecordData {
  name: string;
  recordType: string;
  fqdn: string;
  ttl: number;
  isAutoRegistered: boolean;
}

const OUTPUTS = [
  "name", "location", "etag", "internalId", "provisioningState", "numberOfRecordSets", "numberOfVirtualNetworkLinks",
  "numberOfVirtualNetworkLinksWithRegistration", "maxNumberOfRecordSets", "maxNumberOfVirtualNetworkLinks",
  "maxNumberOfVirtualNetworkLinksWithRegistration", "recordSets",
];

/** A private DNS zone (rules Z1-Z8). Its record sets, auto-registered ones included, are the `recordSets` output. */
export class Zone extends DynamicResource {
  declare readonly privateZoneName: pulumi.Output<string>;
  declare readonly resourceGroupName: pulumi.Output<string>;
  declare readonly tags: pulumi.Output<Record<string, string>>;
  declare readonly name: pulumi.Output<string>;
  declare readonly location: pulumi.Output<string>;
  declare readonly etag: pulumi.Output<string>;
  declare readonly internalId: pulumi.Output<string>;
  declare readonly provisioningState: pulumi.Output<string>;
  declare readonly numberOfRecordSets: pulumi.Output<number>;
  declare readonly numberOfVirtualNetworkLinks: pulumi.Output<number>;
  declare readonly numberOfVirtualNetworkLinksWithRegistration: pulumi.Output<number>;
  declare readonly maxNumberOfRecordSets: pulumi.Output<number>;
  declare readonly maxNumberOfVirtualNetworkLinks: pulumi.Output<number>;
  declare readonly maxNumberOfVirtualNetworkLinksWithRegistration: pulumi.Output<number>;
  declare readonly recordSets: pulumi.Output<RecordSetSummary[]>;

  constructor(name: string, args: ZoneArgs, opts?: pulumi.CustomResourceOptions) {
    super("Zone", name, propsOf("Zone", name, { ...args }, OUTPUTS, opts), opts);
    declare(this);
    settle(this, "Zone", "privateZoneName", ZONE_SETTLED); // item 4: right after one up (settled.ts)
    // Zone groups of this program name this zone at preview by the id its names give (SPEC P2, P4).
    rememberZoneId(this.id, pulumi.all([args.resourceGroupName, args.privateZoneName]).apply(([rg, n]) => zoneId(rg, n)));
  }
}
