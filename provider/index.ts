/**
 * `pulumi-privatedns-emulator/provider`: what the serialized dynamic providers `require` inside the
 * dynamic-provider host. Nothing here is captured by Pulumi's closure serializer.
 */
import { handlerFor } from "./handler";
import { zone } from "./kinds/zone";
import { vnet } from "./kinds/vnet";
import { link } from "./kinds/link";
import { vm } from "./kinds/vm";
import { recordSet } from "./kinds/recordSet";
import { resourceGroup } from "./kinds/resourceGroup";
import { subnet } from "./kinds/subnet";
import { networkInterface } from "./kinds/networkInterface";
import { virtualMachine } from "./kinds/virtualMachine";
import { privateRecordSet, privateZone, virtualNetwork, virtualNetworkLink } from "./kinds/azureNative";
import { privateEndpoint } from "./kinds/privateEndpoint";
import { privateDnsZoneGroup } from "./kinds/zoneGroup";
import { Kind, KindSpec } from "./kinds/spec";
import { configure as configureSession } from "./session";

/**
 * The kind specs (inputs → emulator operations, with preview stand-ins for unknowns), for other judges of a
 * plan: the CrossGuard policy pack maps each provider's resources onto these inputs and reuses them.
 */
export const kinds: Record<Kind, KindSpec> = {
  Zone: zone, Vnet: vnet, VnetLink: link, Vm: vm, RecordSet: recordSet,
  ResourceGroup: resourceGroup, Subnet: subnet, NetworkInterface: networkInterface, VirtualMachine: virtualMachine,
  PrivateZone: privateZone, VirtualNetwork: virtualNetwork, VirtualNetworkLink: virtualNetworkLink, PrivateRecordSet: privateRecordSet,
  PrivateEndpoint: privateEndpoint, PrivateDnsZoneGroup: privateDnsZoneGroup,
};

export const handlers = Object.fromEntries(Object.entries(kinds).map(([k, spec]) => [k, handlerFor(spec)])) as Record<Kind, ReturnType<typeof handlerFor>>;

export { Kind, KINDS } from "./kinds/spec";

export async function configure(req: { config: { get(key: string): string | undefined } }): Promise<void> {
  configureSession(req.config);
}

/**
 * The provider a resource's `__provider` text hands the dynamic-provider host for `kind` (sdk/provider.ts):
 * configure, then check / diff / create / read / update / delete of that kind.
 */
const dynamicProviders = Object.fromEntries(Object.entries(handlers).map(([k, h]) => [k, { configure, ...h }])) as
  Record<Kind, ReturnType<typeof handlerFor> & { configure: typeof configure }>;
export const dynamic = (kind: Kind) => dynamicProviders[kind];

/** Ends the checks' uncommitted plan transaction now (see plan.ts), for callers that write right after checking. */
export { closeOverlay as releasePlan } from "./plan";

export type { Inputs, KindSpec } from "./kinds/spec";
export { UNKNOWN, isUnknown, hasUnknown } from "./unknown";
