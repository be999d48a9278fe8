import * as pulumi from "@pulumi/pulumi";
import type { RegisteredRecord } from "../provider/emulator/types";
import { declare, settle } from "./settled";
import { DynamicResource, propsOf, vnetIdHint } from "./provider";

export interface NetworkInterfaceArgs {
  name: pulumi.Input<string>;
  privateIPAddress: pulumi.Input<string>;
  primary?: pulumi.Input<boolean>;
}

export interface VmArgs {
  vmName?: pulumi.Input<string>;
  computerName?: pulumi.Input<string>;
  resourceGroupName?: pulumi.Input<string>;
  virtualNetwork: pulumi.Input<{ id: pulumi.Input<string> }>;
  networkInterfaces: pulumi.Input<pulumi.Input<NetworkInterfaceArgs>[]>;
  powerState?: pulumi.Input<"running" | "deallocated">;
}

/** A record the platform registered for the VM: an A record in the registration zone (A4) or its PTR (A5). */
export type AutoRegisteredRecord = RegisteredRecord;

/** A virtual machine whose primary NIC registers itself in the registration zone of its vnet (rules A1-A9). */
export class Vm extends DynamicResource {
  declare readonly vmName: pulumi.Output<string>;
  declare readonly computerName: pulumi.Output<string | undefined>;
  declare readonly resourceGroupName: pulumi.Output<string>;
  declare readonly virtualNetwork: pulumi.Output<{ id: string }>;
  declare readonly networkInterfaces: pulumi.Output<{ name: string; privateIPAddress: string; primary: boolean }[]>;
  declare readonly powerState: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly hostName: pulumi.Output<string>;
  declare readonly autoRegisteredRecords: pulumi.Output<AutoRegisteredRecord[]>;

  constructor(name: string, args: VmArgs, opts?: pulumi.CustomResourceOptions) {
    const inputs: Record<string, unknown> = { ...args, vmName: args.vmName ?? name };
    const hint = vnetIdHint(args.virtualNetwork);
    if (hint) inputs.__virtualNetworkId = hint;
    super("Vm", name, propsOf("Vm", name, inputs, ["name", "hostName", "autoRegisteredRecords"], opts), opts);
    declare(this);
    settle(this, "Vm", "vmName", ["autoRegisteredRecords"]); // item 4: right after one up (settled.ts)
  }
}
