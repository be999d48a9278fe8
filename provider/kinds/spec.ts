/** What the generic handler needs to know about one resource kind. */
import type { Emulator, EmulatorError, Operation } from "../emulator";

export type Inputs = Record<string, any>;

export interface KindSpec {
  kind: "Zone" | "Vnet" | "VnetLink" | "Vm" | "RecordSet";
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
  /** The store's truth as outputs (inputs as the store holds them plus computed outputs), or undefined if gone. */
  read(emu: Emulator, args: Inputs): Inputs | undefined;
  /** The input property a refusal concerns, for the engine's "property X value Y has a problem" message. */
  property(err: EmulatorError): string;
}
