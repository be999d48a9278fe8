/** What the generic handler needs to know about one resource kind. */
import type { Emulator, Operation } from "../emulator";

export type Inputs = Record<string, any>;

/**
 * The resource kinds, the one list of them (SDK classes, handlers, policy pack). In the order a plan is applied:
 * zones and vnets before the links, VMs and record sets that refer to them.
 */
export const KINDS = [
  "ResourceGroup", "Zone", "Vnet", "VnetLink", "Vm", "RecordSet",
  // azure-native's classes (sdk/azure-native): the network model of SPEC N and the private DNS resources by their names
  "PrivateZone", "VirtualNetwork", "Subnet", "VirtualNetworkLink", "NetworkInterface", "VirtualMachine", "PrivateRecordSet",
  // SPEC P: endpoints take addresses in subnets (after the NICs), zone groups name zones and endpoints
  "PrivateEndpoint", "PrivateDnsZoneGroup",
] as const;
export type Kind = (typeof KINDS)[number];

export interface KindSpec {
  kind: Kind;
  /** The inputs a user sets (echoed in outputs; diff compares them). */
  inputKeys: string[];
  /** Inputs changing which replaces the resource, as azure-native does (a name, a link's zone or vnet, ...). */
  replaceKeys: string[];
  /** Outputs the platform computes; a difference between state and store is drift that `diff` reports. */
  computedKeys: string[];
  /** Defaults, lower-cased names (Z3) and derived values known at preview (names), unknowns left in place. */
  normalize(news: Inputs): Inputs;
  /** Emulator arguments for a what-if at preview, unknown fields replaced by stand-ins that can never cause a
   * refusal the real value would not; undefined if an unknown cannot be stood in for. */
  whatIfArgs(inputs: Inputs): Inputs | undefined;
  /** Rules of single known fields, for when the whole operation cannot be judged yet (throws EmulatorError). */
  fieldChecks(inputs: Inputs): void;
  create(args: Inputs): Operation;
  update(args: Inputs): Operation;
  remove(args: Inputs): Operation;
  /** Identity in the store: a change of identity is a replacement. */
  identity(args: Inputs): string;
  /** ARM id of the resource described by these inputs. */
  id(args: Inputs): string;
  /**
   * azure-native kinds: inputs outside `inputKeys` (everything azure-native accepts that the emulator does not
   * emulate) are kept: echoed in the outputs, compared by diff, given back by read. Never silently dropped.
   */
  keepsOthers?: boolean;
  /** Equality for diff of inputs whose outputs Azure fills in (a vnet's subnets gain ids): (old output, new input). */
  sameAs?: Record<string, (old: any, news: any) => boolean>;
  /**
   * Deletions this deployment will make that this resource's rules see, from its old and new inputs (a zone the
   * program no longer declares that a zone group still names, P4): each is judged at preview after the resource's
   * own operations; `field` is the input that names what is deleted, `key` tells the deletions apart.
   */
  deletions?(olds: Inputs, inputs: Inputs): { key: string; field: string; op: Operation }[];
  /** The store's truth as outputs (inputs as the store holds them plus computed outputs), or undefined if gone. */
  read(emu: Emulator, args: Inputs): Inputs | undefined;
  /**
   * The same outputs from what the create's operation returned (the resource as written), so that a create is
   * not followed by reading back what it has just written; kinds without it are read back.
   */
  fromWrite?(emu: Emulator, written: unknown, args: Inputs): Inputs;
}
