import * as pulumi from "@pulumi/pulumi";
import { vnetId } from "../provider/emulator/ids";
import { declare } from "./settled";
import { DynamicResource, propsOf, rememberVnetId } from "./provider";

/** Inputs as `azure-native.network.VirtualNetwork` (the parts that matter to private DNS). */
export interface VnetArgs {
  virtualNetworkName?: pulumi.Input<string>;
  resourceGroupName?: pulumi.Input<string>;
  addressSpace: pulumi.Input<{ addressPrefixes: pulumi.Input<pulumi.Input<string>[]> }>;
  deploymentModel?: pulumi.Input<"ResourceManager" | "Classic">;
}

/** A virtual network. Its name defaults to the logical name. */
export class Vnet extends DynamicResource {
  declare readonly virtualNetworkName: pulumi.Output<string>;
  declare readonly resourceGroupName: pulumi.Output<string>;
  declare readonly addressSpace: pulumi.Output<{ addressPrefixes: string[] }>;
  declare readonly deploymentModel: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: VnetArgs, opts?: pulumi.CustomResourceOptions) {
    const inputs = { ...args, virtualNetworkName: args.virtualNetworkName ?? name };
    super("Vnet", name, propsOf("Vnet", name, inputs, ["name"], opts), opts);
    declare(this); // settled outputs wait for it (settled.ts)
    rememberVnetId(this.id, pulumi.all([args.resourceGroupName, inputs.virtualNetworkName]).apply(([rg, n]) => vnetId(rg, n)));
  }
}
