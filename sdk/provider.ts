/**
 * The base of every resource class: a dynamic resource, served by Pulumi's dynamic-provider host as
 * `pulumi.dynamic.Resource` makes one (type `pulumi-nodejs:dynamic/privatedns:<Kind>`, the provider's code in the
 * `__provider` input), with that code written out here instead of produced by Pulumi's closure serializer.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Kind } from "../provider/kinds/spec"; // a type only: the program never loads the provider's code

/** The token module: types are `pulumi-nodejs:dynamic/privatedns:<Kind>`. */
export const MODULE = "privatedns";
export const typeToken = (kind: Kind) => `pulumi-nodejs:dynamic/${MODULE}:${kind}`;

/**
 * The `__provider` input of every resource of `kind`: the module the host evaluates (`.handler()` gives the
 * provider). It is stored in each resource's inputs and outputs and crosses gRPC four times per create; the
 * serializer's text for the same provider (eight closures, each in its `with` wrapper, about 2.3 KB) cost about a
 * fifth of a create's time through the host by its size alone (docs/performance.md). This line captures nothing:
 * the methods are the package's own, required by package name inside the host.
 */
export const providerText = (kind: Kind) =>
  `exports.handler = () => require("pulumi-privatedns-emulator/provider").dynamic(${JSON.stringify(kind)});\n`;

/**
 * The stack depth while the SDK registers one of our resources. For each property it makes four promises and
 * records, on each, the stack where it was made (`new Error().stack`, every frame source-mapped), read only by
 * the promise-leak report of PULUMI_DEBUG_PROMISE_LEAKS: about 0.2 ms a promise, for a Vm's ten properties the
 * larger part of a preview's cost in the program (issue 15). So none is recorded unless that report is asked
 * for. The resource's own source position is unaffected: Resource.callsites sets its own limit.
 */
const registrationStackFrames = (current: number) => (process.env.PULUMI_DEBUG_PROMISE_LEAKS ? current : 0);

export abstract class DynamicResource extends pulumi.CustomResource {
  protected constructor(kind: Kind, name: string, props: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = registrationStackFrames(limit);
    try {
      super(typeToken(kind), name, { ...props, __provider: providerText(kind) }, opts);
    } catch (e) {
      Error.stackTraceLimit = limit;
      // An error the SDK threw meanwhile has no frames: give it this constructor's, which reach the user's line.
      if (e instanceof Error && !e.stack?.includes("\n")) Error.captureStackTrace(e, DynamicResource);
      throw e;
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/**
 * Props for a `DynamicResource`: the inputs, this resource's URN (claims at preview are keyed by it, and the
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
