/**
 * The object each resource class hands to `pulumi.dynamic.Resource`. Pulumi serializes it into the resource's
 * `__provider` input, copying by value everything it reaches (DESIGN.md): so it captures nothing but the
 * kind's name, and each method `require`s the handlers by package name inside the dynamic-provider host.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Kind } from "../provider/kinds/spec"; // a type only: the program never loads the provider's code

export function providerFor(kind: Kind): pulumi.dynamic.ResourceProvider {
  // Short on purpose: this text is stored twice in every resource's state (inputs and outputs).
  const h = () => require("pulumi-privatedns-emulator/provider");
  return {
    configure: (req) => h().configure(req),
    check: (olds, news) => h().handlers[kind].check(olds, news),
    diff: (id, olds, news) => h().handlers[kind].diff(id, olds, news),
    create: (inputs) => h().handlers[kind].create(inputs),
    read: (id, props) => h().handlers[kind].read(id, props),
    update: (id, olds, news) => h().handlers[kind].update(id, olds, news),
    delete: (id, props) => h().handlers[kind].delete(id, props),
  };
}

/** Cached per kind so that Pulumi serializes each provider once per program. */
const providers = new Map<Kind, pulumi.dynamic.ResourceProvider>();
export function providerOf(kind: Kind): pulumi.dynamic.ResourceProvider {
  let p = providers.get(kind);
  if (!p) {
    p = providerFor(kind);
    providers.set(kind, p);
  }
  return p;
}

/** The token module: types are `pulumi-nodejs:dynamic/privatedns:<Kind>`. */
export const MODULE = "privatedns";
export const typeToken = (kind: Kind) => `pulumi-nodejs:dynamic/${MODULE}:${kind}`;

/**
 * Props for `dynamic.Resource`: the inputs, this resource's URN (claims at preview are keyed by it, and the
 * provider's check is not told it), and every declared output as `undefined` so that the SDK resolves it.
 */
export function propsOf(
  kind: Kind, name: string, inputs: Record<string, unknown>, outputs: string[], opts?: pulumi.CustomResourceOptions,
): Record<string, unknown> {
  const props: Record<string, unknown> = { ...inputs, __urn: pulumi.createUrn(name, typeToken(kind), opts?.parent) };
  // `__emulatorDb` (the store that holds the resource) lets settled outputs read the store (settled.ts).
  for (const key of [...outputs, "__emulatorDb"]) if (!(key in props)) props[key] = undefined;
  return props;
}

/**
 * Program-side ARM ids of Vnets, keyed by their `id` Output. A VnetLink or Vm given `{ id: vnet.id }` passes the
 * id computed from the vnet's names as `__virtualNetworkId`, known at preview when `vnet.id` is not yet, so that
 * two links of one program to one new vnet can be judged before anything exists.
 */
const vnetIds = new WeakMap<object, pulumi.Output<string>>();
export const rememberVnetId = (idOutput: object, armId: pulumi.Output<string>) => vnetIds.set(idOutput, armId);
export function vnetIdHint(virtualNetwork: unknown): pulumi.Output<string> | undefined {
  const id = (virtualNetwork as { id?: unknown } | undefined)?.id;
  return id && typeof id === "object" ? vnetIds.get(id) : undefined;
}

/**
 * Program-side ARM ids of zones (SPEC P), as for vnets: keyed by their `id` Output, so that a zone group naming a new
 * zone (`privateDnsZoneId: zone.id`) is judged at preview; and all of them, the zones this program declares, so that
 * removing a zone from the program while a zone group still names it is refused at preview (P4).
 */
const zoneIds = new WeakMap<object, pulumi.Output<string>>();
const programZones: pulumi.Output<string>[] = [];
export function rememberZoneId(idOutput: object, armId: pulumi.Output<string>): void {
  zoneIds.set(idOutput, armId);
  programZones.push(armId);
}
export const zoneIdHint = (id: unknown): pulumi.Output<string> | undefined => (id && typeof id === "object" ? zoneIds.get(id) : undefined);

/** The ids of every zone the program declares, read once its top-level code has run (a turn of the event loop later). */
export function programZoneIds(): pulumi.Output<string[]> {
  const later = new Promise<boolean>((resolve) => setImmediate(() => resolve(true)));
  return pulumi.output(later).apply(() => pulumi.all(programZones));
}
