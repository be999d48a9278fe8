/**
 * `pulumi-privatedns-emulator/azure-native`: azure-native 3.x's module paths, class names, inputs and outputs for
 * the resources around Azure Private DNS, on the emulator. Swap `@pulumi/azure-native` for this import.
 */
export * as resources from "./resources";
export * as network from "./network";
export * as compute from "./compute";
export * as privatedns from "./privatedns";
