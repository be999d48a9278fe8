import { createHash } from "crypto";
import { Emulator, ids } from "../emulator";
import { hasUnknown, isUnknown } from "../unknown";
import { KindSpec } from "./spec";
import { nameOr, rgOr, tagsOr } from "./common";
import { canonicalId } from "./networkInterface";

/** A VM's NIC references as the emulator holds them (N4: a single NIC is primary), for diff. */
const nicView = (profile: any) => {
  const list = profile?.networkInterfaces;
  return Array.isArray(list) ? list.map((n: any) => ({ id: canonicalId(n?.id), primary: list.length === 1 || n?.primary === true })) : list;
};

/** Azure's instance view statuses for a power state (N4). */
const POWER_DISPLAY: Record<string, string> = { running: "VM running", deallocated: "VM deallocated", stopped: "VM stopped" };

/** azure-native `compute.VirtualMachine` (N4): `osProfile.computerName`, `networkProfile.networkInterfaces`, power state. */
export const virtualMachine: KindSpec = {
  kind: "VirtualMachine",
  inputKeys: ["resourceGroupName", "vmName", "osProfile", "networkProfile", "powerState", "tags"],
  replaceKeys: ["resourceGroupName", "vmName"],
  computedKeys: ["autoRegisteredRecords", "hostName", "privateIPAddress"],
  keepsOthers: true,
  sameAs: { networkProfile: (old, news) => JSON.stringify(nicView(old)) === JSON.stringify(nicView(news)) },
  normalize: (n) => ({
    ...n, resourceGroupName: rgOr(n.resourceGroupName), vmName: nameOr(n.vmName), powerState: n.powerState ?? "running",
    tags: n.tags ?? {}, name: nameOr(n.vmName),
  }),
  whatIfArgs(i) {
    const nics = i.networkProfile?.networkInterfaces;
    // NIC ids have no safe stand-in (a VM refers to real NICs): judge once they are known.
    if (hasUnknown([i.resourceGroupName, i.vmName, i.networkProfile ?? null])) return undefined;
    const computerName = i.osProfile?.computerName;
    const args: Record<string, unknown> = {
      resourceGroupName: i.resourceGroupName, vmName: i.vmName, tags: tagsOr(i.tags),
      networkInterfaces: Array.isArray(nics) ? nics.map((n: any) => ({ id: n?.id, primary: n?.primary })) : nics,
      powerState: isUnknown(i.powerState) ? "deallocated" : i.powerState,
      osProfile: hasUnknown(i.osProfile) ? {} : i.osProfile, networkProfile: i.networkProfile,
    };
    if (computerName !== undefined) args.computerName = isUnknown(computerName) ? "unknown-at-preview" : computerName;
    return args;
  },
  fieldChecks: () => {},
  create: (a) => ({ op: "createVirtualMachine", args: a as any }),
  update: (a) => ({ op: "updateVirtualMachine", args: a as any }),
  remove: (a) => ({ op: "deleteVirtualMachine", args: { resourceGroupName: a.resourceGroupName, vmName: a.vmName } }),
  identity: (a) => `${a.resourceGroupName}/${a.vmName}`.toLowerCase(),
  id: (a) => ids.vmId(a.resourceGroupName, a.vmName),
  read(emu: Emulator, a) {
    const ref = { resourceGroupName: a.resourceGroupName, vmName: a.vmName };
    const v = emu.findVirtualMachine(ref);
    if (!v) return undefined;
    const given = Array.isArray(a.networkProfile?.networkInterfaces) ? a.networkProfile.networkInterfaces : [];
    const networkInterfaces = v.networkInterfaces.map((n, i) => ({ ...(given[i] ?? {}), id: n.id, primary: n.primary }));
    return {
      resourceGroupName: v.resourceGroupName, vmName: v.name, name: v.name, type: "Microsoft.Compute/virtualMachines",
      osProfile: a.osProfile ?? {}, networkProfile: { ...(a.networkProfile ?? {}), networkInterfaces },
      powerState: v.powerState, tags: a.tags ?? {}, provisioningState: "Succeeded",
      vmId: createHash("sha1").update(v.id).digest("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, "$1-$2-$3-$4-$5"),
      instanceView: {
        computerName: v.computerName ?? v.name,
        statuses: [
          { code: "ProvisioningState/succeeded", level: "Info", displayStatus: "Provisioning succeeded" },
          { code: `PowerState/${v.powerState}`, level: "Info", displayStatus: POWER_DISPLAY[v.powerState] },
        ],
      },
      hostName: v.hostName, privateIPAddress: v.privateIPAddress, autoRegisteredRecords: emu.registeredRecords(ref), azureApiVersion: "2024-07-01",
    };
  },
};
