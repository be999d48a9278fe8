/** Every resource type the pack judges, by Pulumi type token. Other types are not its business. */
import { Props } from "../values";
import { azureClassicTypes } from "./azureClassic";
import { azureNativeTypes } from "./azureNative";
import { dynamicTypes } from "./dynamic";
import { Mapped, Mapping } from "./family";

export * from "./family";

const MAPPINGS: Record<string, Mapping> = { ...dynamicTypes, ...azureNativeTypes, ...azureClassicTypes };

/** The emulator kind's inputs for a resource of a known type, or undefined for any other type. */
export function mapResource(type: string, props: Props, name: string): Mapped | undefined {
  return MAPPINGS[type]?.map(props, name);
}

/** Resource group types whose name other resources refer to (azure-native and classic). */
export function resourceGroupNameOf(type: string, props: Props): unknown {
  if (type === "azure-native:resources:ResourceGroup") return props.resourceGroupName;
  if (type === "azure:core/resourceGroup:ResourceGroup") return props.name;
  return undefined;
}
export const isResourceGroupType = (type: string) =>
  type === "azure-native:resources:ResourceGroup" || type === "azure:core/resourceGroup:ResourceGroup";
