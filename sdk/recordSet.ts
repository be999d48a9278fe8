import * as pulumi from "@pulumi/pulumi";
import { declare } from "./settled";
import { DynamicResource, propsOf } from "./provider";

type In<T> = pulumi.Input<T>;

/** Inputs as `azure-native.privatedns.PrivateRecordSet`. */
export interface RecordSetArgs {
  privateZoneName: In<string>;
  relativeRecordSetName: In<string>;
  recordType: In<"A" | "AAAA" | "CNAME" | "MX" | "PTR" | "SOA" | "SRV" | "TXT">;
  ttl: In<number>;
  resourceGroupName?: In<string>;
  metadata?: In<Record<string, In<string>>>;
  aRecords?: In<In<{ ipv4Address: In<string> }>[]>;
  aaaaRecords?: In<In<{ ipv6Address: In<string> }>[]>;
  cnameRecord?: In<{ cname: In<string> }>;
  mxRecords?: In<In<{ preference: In<number>; exchange: In<string> }>[]>;
  ptrRecords?: In<In<{ ptrdname: In<string> }>[]>;
  srvRecords?: In<In<{ priority: In<number>; weight: In<number>; port: In<number>; target: In<string> }>[]>;
  txtRecords?: In<In<{ value: In<In<string>[]> }>[]>;
  soaRecord?: In<Record<string, In<string | number>>>;
}

/** A user record set (rules R1-R7). A set of the same name and type as a VM's record overrides it (A7). */
export class RecordSet extends DynamicResource {
  declare readonly privateZoneName: pulumi.Output<string>;
  declare readonly relativeRecordSetName: pulumi.Output<string>;
  declare readonly recordType: pulumi.Output<string>;
  declare readonly ttl: pulumi.Output<number>;
  declare readonly name: pulumi.Output<string>;
  declare readonly fqdn: pulumi.Output<string>;
  declare readonly isAutoRegistered: pulumi.Output<boolean>;
  declare readonly etag: pulumi.Output<string>;

  constructor(name: string, args: RecordSetArgs, opts?: pulumi.CustomResourceOptions) {
    super("RecordSet", name, propsOf("RecordSet", name, { ...args }, ["name", "fqdn", "isAutoRegistered", "etag"], opts), opts);
    declare(this); // settled outputs wait for it (settled.ts)
  }
}
