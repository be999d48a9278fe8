/**
 * `Microsoft.Network/networkInterfaces`: the emulator's NICs (N3) in Network's wire shape: ip configurations with
 * their subnet id, Static or Dynamic allocation and the address given or allocated; the VM that holds the NIC.
 * PUT answers 201/200 with the NIC and an `Azure-AsyncOperation` already Succeeded; DELETE answers 202 to poll
 * (204 for a NIC that is not there; 400 NicInUse at once for a NIC of a VM).
 */
import { NetworkInterface } from "../../provider/emulator";
import { resourceBody, tagsOf } from "../body";
import { Context, json } from "../http";
import { page } from "../paging";
import { ArmModule } from "../router";
import { etagOf, guid, networkPollUrls } from "./network";
import { NETWORK, SUB } from "./paths";

const TYPE = "Microsoft.Network/networkInterfaces";

export function wireNic(n: NetworkInterface) {
  const etag = etagOf(n);
  return {
    name: n.name, id: n.id, etag, type: TYPE, location: n.location, ...(Object.keys(n.tags).length ? { tags: n.tags } : {}),
    properties: {
      provisioningState: n.provisioningState, resourceGuid: guid(n.id),
      ipConfigurations: n.ipConfigurations.map((c) => ({
        name: c.name, id: c.id, etag, type: `${TYPE}/ipConfigurations`,
        properties: {
          provisioningState: c.provisioningState, privateIPAddress: c.privateIPAddress, privateIPAllocationMethod: c.privateIPAllocationMethod,
          subnet: c.subnet, primary: c.primary, privateIPAddressVersion: c.privateIPAddressVersion,
        },
      })),
      dnsSettings: { dnsServers: [], appliedDnsServers: [] },
      enableAcceleratedNetworking: false, enableIPForwarding: false, disableTcpStateTracking: false,
      hostedWorkloads: [], tapConfigurations: [], nicType: "Standard", auxiliaryMode: "None", vnetEncryptionSupported: false,
      ...(n.virtualMachine ? { virtualMachine: n.virtualMachine, primary: n.primary } : {}),
      ...(n.privateEndpoint ? { privateEndpoint: n.privateEndpoint } : {}), // P1: the NIC the platform made for it
    },
  };
}

const nicRef = (ctx: Context) => ({ resourceGroupName: ctx.params.resourceGroupName, networkInterfaceName: ctx.params.networkInterfaceName });

/** `properties.ipConfigurations[]` as `{name, properties: {subnet, privateIPAllocationMethod, privateIPAddress, primary}}`. */
const ipConfigurationsOf = (given: unknown) =>
  Array.isArray(given)
    ? given.map((c: any) => ({
      name: c?.name, subnet: c?.properties?.subnet, privateIPAllocationMethod: c?.properties?.privateIPAllocationMethod,
      privateIPAddress: c?.properties?.privateIPAddress, primary: c?.properties?.primary,
    }))
    : given;

function put(ctx: Context) {
  const body = resourceBody(ctx.req);
  const existed = ctx.emu.findNetworkInterface(nicRef(ctx)) !== undefined;
  const nic = ctx.emu.putNetworkInterface({
    ...nicRef(ctx), location: typeof body.location === "string" ? body.location : undefined, tags: tagsOf(body),
    ipConfigurations: ipConfigurationsOf(body.properties.ipConfigurations) as any,
  });
  return ctx.ops.answered(ctx.req, "UpsertNetworkInterface", json(existed ? 200 : 201, wireNic(nic)), networkPollUrls);
}

function remove(ctx: Context) {
  if (!ctx.emu.findNetworkInterface(nicRef(ctx))) return json(204);
  // A NIC of a VM is refused on the DELETE itself (400 NicInUse), as Network answers it.
  ctx.emu.deleteNetworkInterface(nicRef(ctx));
  return ctx.ops.start(ctx.req, "DeleteNetworkInterface", () => json(200), networkPollUrls, { body: false });
}

const inGroup = (ctx: Context) => ctx.emu.listNetworkInterfaces().filter((n) => n.resourceGroupName === ctx.params.resourceGroupName.toLowerCase());

export const networkInterfaces: ArmModule = {
  name: "networkInterfaces",
  routes: [
    { path: `${SUB}/providers/Microsoft.Network/networkInterfaces`, type: TYPE,
      methods: { GET: (ctx) => page(ctx.req, ctx.emu.listNetworkInterfaces(), wireNic) } },
    { path: `${NETWORK}/networkInterfaces`, type: TYPE, methods: { GET: (ctx) => page(ctx.req, inGroup(ctx), wireNic) } },
    { path: `${NETWORK}/networkInterfaces/{networkInterfaceName}`, type: TYPE,
      methods: { GET: (ctx) => json(200, wireNic(ctx.emu.getNetworkInterface(nicRef(ctx)))), PUT: put, DELETE: remove } },
  ],
};
