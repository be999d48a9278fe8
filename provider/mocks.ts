/**
 * `pulumi-privatedns-emulator/mocks`: Pulumi unit-test mocks (`pulumi.runtime.setMocks`) that apply azure-native's
 * resources to an emulator instead of echoing their inputs. A program that imports the real `@pulumi/azure-native`
 * gets Azure's behaviour in its unit tests: ids, counters, registered records, addresses (SPEC N), the records a private
 * endpoint's zone group causes (SPEC P), and a broken rule fails the resource with the very text preview gives. Every
 * other token goes to the mocks the test passes.
 */
import { Emulator, isEmulatorError } from "./emulator";
import { reasonOf, appliedOutputs } from "./handler";
import { kinds } from "./index";
import { Inputs, Kind } from "./kinds/spec";

/** azure-native's tokens and the kinds that emulate them, with the input azure-native auto-names. */
export const AZURE_NATIVE_TOKENS: Record<string, { kind: Kind; nameInput: string }> = {
  "azure-native:resources:ResourceGroup": { kind: "ResourceGroup", nameInput: "resourceGroupName" },
  "azure-native:network:VirtualNetwork": { kind: "VirtualNetwork", nameInput: "virtualNetworkName" },
  "azure-native:network:Subnet": { kind: "Subnet", nameInput: "subnetName" },
  "azure-native:network:NetworkInterface": { kind: "NetworkInterface", nameInput: "networkInterfaceName" },
  "azure-native:compute:VirtualMachine": { kind: "VirtualMachine", nameInput: "vmName" },
  "azure-native:privatedns:PrivateZone": { kind: "PrivateZone", nameInput: "privateZoneName" },
  "azure-native:privatedns:VirtualNetworkLink": { kind: "VirtualNetworkLink", nameInput: "virtualNetworkLinkName" },
  "azure-native:privatedns:PrivateRecordSet": { kind: "PrivateRecordSet", nameInput: "relativeRecordSetName" },
  "azure-native:network:PrivateEndpoint": { kind: "PrivateEndpoint", nameInput: "privateEndpointName" },
  "azure-native:network:PrivateDnsZoneGroup": { kind: "PrivateDnsZoneGroup", nameInput: "privateDnsZoneGroupName" },
};

/** The shapes of `@pulumi/pulumi`'s `runtime.Mocks`, without depending on its types here. */
export interface MockResourceArgs { type: string; name: string; inputs: any; provider?: string; id?: string; custom?: boolean }
export interface MockCallArgs { token: string; inputs: any; provider?: string }
export interface Mocks {
  newResource(args: MockResourceArgs): { id: string | undefined; state: Record<string, any> } | Promise<{ id: string | undefined; state: Record<string, any> }>;
  call(args: MockCallArgs): Record<string, any> | Promise<Record<string, any>>;
}

export interface EmulatorMocksOptions {
  /** The store: a file path, an open Emulator, or (default) a new in-memory one. */
  store?: string | Emulator;
  /** Where every other token goes (default: inputs echoed as outputs, id `<name>_id`, as Pulumi's guide does). */
  mocks?: Partial<Mocks>;
}

export interface EmulatorMocks extends Mocks {
  /** The emulator the resources were applied to, for assertions on the store. */
  readonly emulator: Emulator;
}

/**
 * Mocks for `pulumi.runtime.setMocks(emulatorMocks())`. Names azure-native would auto-name take the logical name
 * (choice: azure-native adds a random suffix). Each resource is applied like the dynamic provider's create
 * (create, or an update in place when it exists), so a unit test sees what `pulumi up` would do.
 */
export function emulatorMocks(options: EmulatorMocksOptions = {}): EmulatorMocks {
  const emulator = options.store instanceof Emulator ? options.store
    : typeof options.store === "string" ? Emulator.open(options.store) : Emulator.inMemory();
  const other = options.mocks ?? {};
  return {
    emulator,
    newResource(args) {
      const token = AZURE_NATIVE_TOKENS[args.type];
      if (!token) return other.newResource ? other.newResource(args) : { id: `${args.name}_id`, state: args.inputs };
      return applyResource(emulator, token, args);
    },
    call(args) {
      return other.call ? other.call(args) : args.inputs;
    },
  };
}

function applyResource(emulator: Emulator, token: { kind: Kind; nameInput: string }, args: MockResourceArgs) {
  const spec = kinds[token.kind];
  const given: Inputs = { ...args.inputs, [token.nameInput]: args.inputs?.[token.nameInput] ?? args.name };
  const inputs = spec.normalize(given);
  const whatIf = spec.whatIfArgs(inputs);
  // Outside preview every input is known; an unknown one (a preview-mode unit test) leaves the resource unapplied.
  if (!whatIf) return { id: undefined, state: args.inputs };
  try {
    spec.fieldChecks(inputs);
    const exists = spec.read(emulator, whatIf) !== undefined;
    emulator.apply(exists ? spec.update(whatIf) : spec.create(whatIf));
  } catch (e) {
    // The text preview shows for the same refusal (`Conflict (L3): A virtual network can only be linked ...`).
    if (isEmulatorError(e)) throw new Error(`${args.type} resource '${args.name}': ${reasonOf(e)}`);
    throw e;
  }
  return { id: spec.id(whatIf), state: appliedOutputs(spec, spec.read(emulator, whatIf)!, inputs) };
}
