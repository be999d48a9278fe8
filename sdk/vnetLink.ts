import * as pulumi from "@pulumi/pulumi";
import { declare } from "./settled";
import { DynamicResource, propsOf, vnetIdHint } from "./provider";

/** Inputs as `azure-native.privatedns.VirtualNetworkLink`. */
export interface VnetLinkArgs {
  privateZoneName: pulumi.Input<string>;
  virtualNetworkLinkName?: pulumi.Input<string>;
  resourceGroupName?: pulumi.Input<string>;
  virtualNetwork: pulumi.Input<{ id: pulumi.Input<string> }>;
  registrationEnabled?: pulumi.Input<boolean>;
  resolutionPolicy?: pulumi.Input<"Default" | "NxDomainRedirect">;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

const OUTPUTS = ["name", "location", "etag", "virtualNetworkLinkState", "provisioningState"];

/** A link from a zone to a vnet, for resolution or with auto-registration (rules L1-L13). */
export class VnetLink extends DynamicResource {
  declare readonly privateZoneName: pulumi.Output<string>;
  declare readonly virtualNetworkLinkName: pulumi.Output<string>;
  declare readonly resourceGroupName: pulumi.Output<string>;
  declare readonly virtualNetwork: pulumi.Output<{ id: string }>;
  declare readonly registrationEnabled: pulumi.Output<boolean>;
  declare readonly resolutionPolicy: pulumi.Output<string | undefined>;
  declare readonly tags: pulumi.Output<Record<string, string>>;
  declare readonly name: pulumi.Output<string>;
  declare readonly location: pulumi.Output<string>;
  declare readonly etag: pulumi.Output<string>;
  declare readonly virtualNetworkLinkState: pulumi.Output<string>;
  declare readonly provisioningState: pulumi.Output<string>;

  constructor(name: string, args: VnetLinkArgs, opts?: pulumi.CustomResourceOptions) {
    const inputs: Record<string, unknown> = { ...args, virtualNetworkLinkName: args.virtualNetworkLinkName ?? name };
    const hint = vnetIdHint(args.virtualNetwork);
    if (hint) inputs.__virtualNetworkId = hint;
    super("VnetLink", name, propsOf("VnetLink", name, inputs, OUTPUTS, opts), opts);
    declare(this); // settled outputs wait for it (settled.ts)
  }
}
