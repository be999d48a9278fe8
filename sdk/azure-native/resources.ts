/** `azure-native.resources` (N1). */
import * as pulumi from "@pulumi/pulumi";
import { AzureNativeResource } from "./resource";

export interface ResourceGroupArgs {
  resourceGroupName?: pulumi.Input<string>;
  location?: pulumi.Input<string>;
  managedBy?: pulumi.Input<string>;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export class ResourceGroup extends AzureNativeResource {
  declare readonly azureApiVersion: pulumi.Output<string>;
  declare readonly location: pulumi.Output<string>;
  declare readonly managedBy: pulumi.Output<string | undefined>;
  declare readonly name: pulumi.Output<string>;
  declare readonly properties: pulumi.Output<{ provisioningState: string }>;
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  declare readonly type: pulumi.Output<string>;

  constructor(name: string, args?: ResourceGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super({
      kind: "ResourceGroup", className: "resources.ResourceGroup", nameInput: "resourceGroupName",
      emulated: { resourceGroupName: true, location: true, tags: true },
      outputs: ["azureApiVersion", "location", "managedBy", "name", "properties", "tags", "type"],
    }, name, { ...(args ?? {}) }, opts);
  }
}
