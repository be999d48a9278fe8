/**
 * `Microsoft.Compute/virtualMachines`: the emulator's VMs of NIC resources (N4) in Compute's wire shape: the
 * network profile (NIC ids, primary), `osProfile.computerName`, the power state as the instance view's
 * `PowerState/<state>` status, and the `start`, `deallocate` and `powerOff` actions, which register and
 * unregister the VM at once (A6). What the emulator does not model (size, image, disks) is not kept.
 * Long-running as Compute is: PUT answers 201/200 with the VM and an `Azure-AsyncOperation` already Succeeded;
 * DELETE and the actions answer 202 with `Azure-AsyncOperation` and `Location` (Compute's operation URLs).
 */
import { MachinePowerState, VirtualMachine } from "../../provider/emulator";
import { EMULATED_SUBSCRIPTION } from "../../provider/emulator/ids";
import { resourceBody } from "../body";
import { Context, json } from "../http";
import { OperationKind, pollHandler } from "../lro";
import { page } from "../paging";
import { ArmModule } from "../router";
import { guid } from "./network";
import { RG, SUB } from "./paths";

const TYPE = "Microsoft.Compute/virtualMachines";
const VM = `${RG}/providers/Microsoft.Compute/virtualMachines/{vmName}`;

const pollUrls = (token: string) => {
  const base = `/subscriptions/${EMULATED_SUBSCRIPTION}/providers/Microsoft.Compute/locations/westus`;
  return { status: `${base}/operations/${token}`, result: `${base}/operationResults/${token}` };
};

const DISPLAY: Record<MachinePowerState, string> = { running: "VM running", deallocated: "VM deallocated", stopped: "VM stopped" };

/** The instance view's statuses as Azure shapes them: provisioning state, then power state. */
export function instanceView(vm: VirtualMachine) {
  return {
    computerName: vm.computerName ?? vm.name,
    statuses: [
      { code: "ProvisioningState/succeeded", level: "Info", displayStatus: "Provisioning succeeded" },
      { code: `PowerState/${vm.powerState}`, level: "Info", displayStatus: DISPLAY[vm.powerState] },
    ],
  };
}

function wireVm(ctx: Context, vm: VirtualMachine, expand = false) {
  return {
    name: vm.name, id: vm.id, type: TYPE,
    location: ctx.emu.findResourceGroup({ resourceGroupName: vm.resourceGroupName })?.location ?? "westus",
    properties: {
      vmId: guid(vm.id),
      ...(vm.computerName !== undefined ? { osProfile: { computerName: vm.computerName } } : {}),
      networkProfile: { networkInterfaces: vm.networkInterfaces.map((n) => ({ id: n.id, properties: { primary: n.primary } })) },
      provisioningState: "Succeeded",
      ...(expand ? { instanceView: instanceView(vm) } : {}),
    },
  };
}

const vmRef = (ctx: Context) => ({ resourceGroupName: ctx.params.resourceGroupName, vmName: ctx.params.vmName });

function get(ctx: Context) {
  const expand = (ctx.req.query.get("$expand") ?? "").toLowerCase() === "instanceview";
  return json(200, wireVm(ctx, ctx.emu.getVirtualMachine(vmRef(ctx)), expand));
}

/** PUT creates (running) or updates (the power state kept); NICs as `networkProfile.networkInterfaces[]`. */
function put(ctx: Context) {
  const p = resourceBody(ctx.req).properties;
  const current = ctx.emu.findVirtualMachine(vmRef(ctx));
  const given = p.networkProfile?.networkInterfaces;
  const networkInterfaces = Array.isArray(given) ? given.map((n: any) => ({ id: n?.id, primary: n?.properties?.primary ?? n?.primary })) : given;
  const vm = ctx.emu.putVirtualMachine({
    ...vmRef(ctx), computerName: p.osProfile?.computerName ?? current?.computerName, networkInterfaces, powerState: current?.powerState,
  });
  return ctx.ops.answered(ctx.req, "UpsertVirtualMachine", json(current ? 200 : 201, wireVm(ctx, vm)), pollUrls);
}

function remove(ctx: Context) {
  if (!ctx.emu.findVirtualMachine(vmRef(ctx))) return json(204);
  return ctx.ops.start(ctx.req, "DeleteVirtualMachine", () => (ctx.emu.deleteVirtualMachine(vmRef(ctx)), json(200)), pollUrls, { body: false });
}

/** start / deallocate / powerOff: the power state changes at once (A6), the outcome is polled. */
function action(kind: OperationKind, powerState: MachinePowerState) {
  return (ctx: Context) => {
    const vm = ctx.emu.getVirtualMachine(vmRef(ctx));
    return ctx.ops.start(ctx.req, kind, () => {
      ctx.emu.putVirtualMachine({ ...vmRef(ctx), computerName: vm.computerName, networkInterfaces: vm.networkInterfaces, powerState });
      return json(200);
    }, pollUrls, { body: false });
  };
}

const inGroup = (ctx: Context) => ctx.emu.listVirtualMachines().filter((v) => v.resourceGroupName === ctx.params.resourceGroupName.toLowerCase());
const poll = (kind: "status" | "result") => pollHandler(kind, () => pollUrls);

export const virtualMachines: ArmModule = {
  name: "virtualMachines",
  routes: [
    { path: `${SUB}/providers/Microsoft.Compute/virtualMachines`, type: TYPE,
      methods: { GET: (ctx) => page(ctx.req, ctx.emu.listVirtualMachines(), (v) => wireVm(ctx, v)) } },
    { path: `${RG}/providers/Microsoft.Compute/virtualMachines`, type: TYPE, methods: { GET: (ctx) => page(ctx.req, inGroup(ctx), (v) => wireVm(ctx, v)) } },
    { path: VM, type: TYPE, methods: { GET: get, PUT: put, DELETE: remove } },
    { path: `${VM}/instanceView`, type: TYPE, methods: { GET: (ctx) => json(200, instanceView(ctx.emu.getVirtualMachine(vmRef(ctx)))) } },
    { path: `${VM}/start`, type: TYPE, methods: { POST: action("StartVirtualMachine", "running") } },
    { path: `${VM}/deallocate`, type: TYPE, methods: { POST: action("DeallocateVirtualMachine", "deallocated") } },
    { path: `${VM}/powerOff`, type: TYPE, methods: { POST: action("PowerOffVirtualMachine", "stopped") } },
    { path: `${SUB}/providers/Microsoft.Compute/locations/{location}/operations/{operationId}`, type: "Microsoft.Compute/locations/operations",
      methods: { GET: poll("status") } },
    { path: `${SUB}/providers/Microsoft.Compute/locations/{location}/operationResults/{operationId}`, type: "Microsoft.Compute/locations/operationResults",
      methods: { GET: poll("result") } },
  ],
};
