import { canonicalNics, Emulator, ids, Vm } from "../emulator";
import { hasUnknown, isUnknown } from "../unknown";
import { KindSpec } from "./spec";
import { canonicalVnet, nameOr, rgOr, vnetIdOf } from "./common";

export const vm: KindSpec = {
  kind: "Vm",
  inputKeys: ["vmName", "computerName", "resourceGroupName", "virtualNetwork", "networkInterfaces", "powerState"],
  replaceKeys: ["vmName", "resourceGroupName"],
  computedKeys: ["autoRegisteredRecords", "hostName"],
  normalize: (n) => ({
    ...n,
    vmName: nameOr(n.vmName),
    resourceGroupName: rgOr(n.resourceGroupName),
    powerState: n.powerState ?? "running",
    virtualNetwork: canonicalVnet(n.virtualNetwork),
    networkInterfaces: Array.isArray(n.networkInterfaces) && !hasUnknown(n.networkInterfaces)
      ? canonicalNics(n.networkInterfaces) : n.networkInterfaces,
    name: nameOr(n.vmName),
  }),
  whatIfArgs(i) {
    const vnetId = vnetIdOf(i);
    // NIC addresses have no safe stand-in (A9 compares them with other NICs): judge them once known.
    if (!vnetId || hasUnknown(i.vmName) || hasUnknown(i.resourceGroupName) || hasUnknown(i.networkInterfaces)) return undefined;
    const args: Record<string, unknown> = {
      vmName: i.vmName, resourceGroupName: i.resourceGroupName, virtualNetwork: { id: vnetId },
      networkInterfaces: i.networkInterfaces,
      // Deallocated registers nothing, so an unknown power state cannot add a refusal.
      powerState: isUnknown(i.powerState) ? "deallocated" : i.powerState,
    };
    if (i.computerName !== undefined) args.computerName = isUnknown(i.computerName) ? "unknown-at-preview" : i.computerName;
    return args;
  },
  fieldChecks: () => {},
  create: (a) => ({ op: "createVm", args: a as any }),
  update: (a) => ({ op: "updateVm", args: a as any }),
  remove: (a) => ({ op: "deleteVm", args: { resourceGroupName: a.resourceGroupName, vmName: a.vmName } }),
  identity: (a) => `${a.resourceGroupName}/${a.vmName}`.toLowerCase(),
  id: (a) => ids.vmId(a.resourceGroupName, a.vmName),
  read(emu: Emulator, a) {
    const v = emu.findVm({ resourceGroupName: a.resourceGroupName, vmName: a.vmName });
    return v && outputsOf(emu, v);
  },
  fromWrite: (emu, written) => outputsOf(emu, written as Vm),
};

function outputsOf(emu: Emulator, v: Vm): Record<string, unknown> {
  const out: Record<string, unknown> = {
    vmName: v.name, resourceGroupName: v.resourceGroupName, virtualNetwork: v.virtualNetwork,
    networkInterfaces: v.networkInterfaces, powerState: v.powerState, name: v.name, hostName: v.hostName,
    autoRegisteredRecords: emu.registeredRecords({ resourceGroupName: v.resourceGroupName, vmName: v.name }),
  };
  if (v.computerName !== undefined) out.computerName = v.computerName;
  return out;
}
