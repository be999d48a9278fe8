/** `azure-native.compute.VirtualMachine` (N4): NICs by id, one primary; computer name (A4); power state (A6). */
import * as pulumi from "@pulumi/pulumi";
import type { RegisteredRecord } from "../../provider/emulator/types";
import { AzureNativeResource } from "./resource";
import { enumObject } from "./enums";
import { settle } from "../settled";

export interface NetworkInterfaceReference {
  id?: pulumi.Input<string>;
  primary?: pulumi.Input<boolean>;
  [other: string]: any;
}

export interface VirtualMachineArgs {
  resourceGroupName: pulumi.Input<string>;
  vmName?: pulumi.Input<string>;
  location?: pulumi.Input<string>;
  osProfile?: pulumi.Input<{ computerName?: pulumi.Input<string>; [other: string]: any }>;
  networkProfile?: pulumi.Input<{ networkInterfaces?: pulumi.Input<pulumi.Input<NetworkInterfaceReference>[]>; [other: string]: any }>;
  /** The emulator's addition (azure-native has no such input): `running` (default), `deallocated` or `stopped` (SPEC N4). */
  powerState?: pulumi.Input<"running" | "deallocated" | "stopped">;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  [other: string]: any;
}

export class VirtualMachine extends AzureNativeResource {
  declare readonly azureApiVersion: pulumi.Output<string>;
  declare readonly instanceView: pulumi.Output<{ computerName: string; statuses: { code: string; level: string; displayStatus: string }[] }>;
  declare readonly location: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly networkProfile: pulumi.Output<{ networkInterfaces: { id: string; primary: boolean }[]; [other: string]: any }>;
  declare readonly osProfile: pulumi.Output<{ computerName?: string; [other: string]: any }>;
  declare readonly provisioningState: pulumi.Output<string>;
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  declare readonly type: pulumi.Output<string>;
  declare readonly vmId: pulumi.Output<string>;
  declare readonly powerState: pulumi.Output<string>;
  /** The emulator's additions: the registered host name, the primary address (A2), the records registered for it (A4, A5). */
  declare readonly hostName: pulumi.Output<string>;
  declare readonly privateIPAddress: pulumi.Output<string>;
  declare readonly autoRegisteredRecords: pulumi.Output<RegisteredRecord[]>;

  constructor(name: string, args: VirtualMachineArgs, opts?: pulumi.CustomResourceOptions) {
    super({
      kind: "VirtualMachine", className: "compute.VirtualMachine", nameInput: "vmName",
      emulated: { resourceGroupName: true, vmName: true, location: true, tags: true, powerState: true, osProfile: { computerName: true },
        networkProfile: { networkInterfaces: [{ id: true, primary: true }] } },
      outputs: ["azureApiVersion", "instanceView", "location", "name", "networkProfile", "osProfile", "provisioningState", "tags", "type", "vmId",
        "powerState", "hostName", "privateIPAddress", "autoRegisteredRecords"],
    }, name, { ...args }, opts);
    // Item 4: the records registered once this program's registration links exist, whatever their order.
    settle(this, "VirtualMachine", "vmName", ["autoRegisteredRecords"]);
  }
}


// azure-native compute enums used by its documentation programs (values kept, not emulated)
export const VirtualMachineSizeTypes = enumObject();
export const CachingTypes = enumObject();
export const DiskCreateOptionTypes = enumObject();
export const DiskDeleteOptionTypes = enumObject();
export const DeleteOptions = enumObject();
export const StorageAccountTypes = enumObject();
export const OperatingSystemTypes = enumObject();
export const LinuxPatchAssessmentMode = enumObject();
export const LinuxVMGuestPatchMode = enumObject();
export const LinuxVMGuestPatchAutomaticByPlatformRebootSetting = enumObject();
export const WindowsPatchAssessmentMode = enumObject();
export const WindowsVMGuestPatchMode = enumObject();
export const ProtocolTypes = enumObject();
export const SecurityTypes = enumObject();
