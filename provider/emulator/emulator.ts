/**
 * The emulator: one object over one store file. Every mutation is one BEGIN IMMEDIATE transaction, so a
 * refused operation changes nothing and two processes cannot both pass a rule. `wouldRefuse` answers, by
 * running the very same operations inside a transaction that is always rolled back, whether an operation
 * would be refused given operations not yet applied: the same code gives the same answer, and nothing is written.
 */
import { at, E, isEmulatorError, EmulatorError } from "./errors";
import { defaultStorePath, MEMORY, OpenOptions, Store } from "./store";
import * as zones from "./zones";
import * as vnets from "./vnets";
import * as links from "./links";
import * as vms from "./vms";
import * as recordSets from "./recordsets";
import * as groups from "./groups";
import * as subnets from "./subnets";
import * as nics from "./nics";
import * as machines from "./machines";
import * as endpoints from "./endpoints";
import * as zoneGroups from "./zoneGroups";
import { resolve } from "./resolve";
import { VnetSnapshots } from "./snapshot";
import {
  NetworkInterface, NetworkInterfaceArgs, NetworkInterfaceRef, ResourceGroup, ResourceGroupArgs, ResourceGroupRef, Subnet,
  SubnetArgs, SubnetRef, VirtualMachine, VirtualMachineArgs,
  Link, LinkArgs, LinkRef, RecordSet, RecordSetArgs, RecordSetRef, RegisteredRecord, Resolution, Vm, VmArgs, VmRef,
  Upserted, Vnet, VnetArgs, VnetRef, Zone, ZoneArgs, ZoneRef, Preconditions,
  PrivateEndpoint, PrivateEndpointArgs, PrivateEndpointRef, PrivateDnsZoneGroup, PrivateDnsZoneGroupArgs, PrivateDnsZoneGroupRef,
} from "./types";

/** A mutation as data, so that pending (checked but not applied) operations can be replayed. */
export type Operation =
  | { op: "createZone" | "updateZone" | "putZone"; args: ZoneArgs }
  | { op: "deleteZone"; args: ZoneRef }
  | { op: "createVnet" | "updateVnet" | "putVnet"; args: VnetArgs }
  | { op: "deleteVnet"; args: VnetRef }
  | { op: "createLink" | "putLink"; args: LinkArgs }
  | { op: "updateLink"; args: Partial<LinkArgs> & LinkRef }
  | { op: "deleteLink"; args: LinkRef }
  | { op: "createVm" | "updateVm" | "putVm"; args: VmArgs }
  | { op: "deleteVm"; args: VmRef }
  | { op: "createRecordSet" | "updateRecordSet" | "putRecordSet"; args: RecordSetArgs }
  | { op: "deleteRecordSet"; args: RecordSetRef }
  | { op: "createResourceGroup" | "putResourceGroup"; args: ResourceGroupArgs }
  | { op: "deleteResourceGroup"; args: ResourceGroupRef }
  | { op: "createSubnet" | "putSubnet"; args: SubnetArgs }
  | { op: "deleteSubnet"; args: SubnetRef }
  | { op: "createNetworkInterface" | "putNetworkInterface"; args: NetworkInterfaceArgs }
  | { op: "deleteNetworkInterface"; args: NetworkInterfaceRef }
  | { op: "createVirtualMachine" | "updateVirtualMachine" | "putVirtualMachine"; args: VirtualMachineArgs }
  | { op: "deleteVirtualMachine"; args: VmRef }
  | { op: "createPrivateEndpoint" | "putPrivateEndpoint"; args: PrivateEndpointArgs }
  | { op: "deletePrivateEndpoint"; args: PrivateEndpointRef }
  | { op: "createPrivateDnsZoneGroup" | "putPrivateDnsZoneGroup"; args: PrivateDnsZoneGroupArgs }
  | { op: "deletePrivateDnsZoneGroup"; args: PrivateDnsZoneGroupRef };

const OPERATIONS = new Set([
  ...["Zone", "Vnet", "Link", "Vm", "RecordSet", "VirtualMachine"].flatMap((k) => ["create", "update", "put", "delete"].map((v) => `${v}${k}`)),
  // N: resources Azure only ever PUTs (create or update in place)
  ...["ResourceGroup", "Subnet", "NetworkInterface", "PrivateEndpoint", "PrivateDnsZoneGroup"].flatMap((k) => [`create${k}`, `put${k}`, `delete${k}`]),
]);

const ROLLBACK = Symbol("rollback");

/**
 * SPEC E: arguments that are not an object (null, a string, an array...) are refused as BadRequest like any other
 * bad input, not left to fail as a TypeError inside a rule (found by the fuzz tests).
 */
function obj<T>(v: T): T {
  if (v === null || typeof v !== "object" || Array.isArray(v))
    throw E.argumentsNotObject(at("arguments", "", v), { what: v === null ? "null" : Array.isArray(v) ? "an array" : typeof v });
  return v;
}
/** N1: a create finds nothing of that name in its parent (else Conflict, as the older kinds' creates answer). */
function absent<T>(found: { id: string } | undefined, kind: string, field: string, name: unknown, resourceGroup: unknown, args?: T): T {
  if (found) throw E.resourceExists(at(found.id, field, String(name).toLowerCase()), { kind, resourceGroup: String(resourceGroup ?? "").toLowerCase() });
  return args as T;
}

/** A vnet reference: an ARM id string or an object. */
const vnetArg = <T>(v: T): T => (typeof v === "string" ? v : obj(v));

export class Emulator {
  readonly store: Store;

  /** Opens (creating if needed) the store at `file`; default `$PRIVATEDNS_EMULATOR_DB` or `.privatedns/emulator.db`. */
  static open(file: string = defaultStorePath(), options?: OpenOptions): Emulator {
    return new Emulator(new Store(file, options));
  }

  static inMemory(): Emulator {
    return new Emulator(new Store(MEMORY));
  }

  private readonly readTx: { deferred(fn: () => unknown): unknown };

  private constructor(store: Store) {
    this.store = store;
    this.readTx = store.db.transaction((fn: () => unknown) => fn());
  }

  get path(): string {
    return this.store.path;
  }

  close(): void {
    this.store.close();
  }

  private tx<T>(fn: (s: Store) => T): T {
    return this.store.tx(() => fn(this.store));
  }

  /**
   * Reads run in one read transaction: a get, list or export made of several statements sees one committed
   * state, never a VM whose vnet another process deleted between two statements (found by the concurrency
   * tests: listVms threw a TypeError). Inside a transaction already, no new one.
   */
  private read<T>(fn: (s: Store) => T): T {
    return this.store.db.inTransaction ? fn(this.store) : (this.readTx.deferred(() => fn(this.store)) as T);
  }

  /**
   * Runs `fn`, several calls of this emulator, in one write transaction (BEGIN IMMEDIATE; the calls' own become
   * savepoints): what it reads and writes is one step for other processes, and it costs one transaction, not one
   * per call. A throw rolls all of it back. An adapter answering one request with a read and a write uses it.
   */
  atomically<T>(fn: () => T): T {
    return this.store.tx(fn);
  }

  /** Whether a transaction is open on this emulator's connection (an adapter's batch checks its own survived). */
  get inTransaction(): boolean {
    return this.store.db.inTransaction;
  }

  /** Runs `fn`, several reads of this emulator, in one read transaction: one committed state, one transaction. */
  reading<T>(fn: () => T): T {
    return this.read(fn);
  }

  // Zones (Z)
  createZone = (args: ZoneArgs): Zone => this.tx((s) => zones.createZone(s, obj(args)));
  updateZone = (args: ZoneArgs): Zone => this.tx((s) => zones.updateZone(s, obj(args)));
  putZone = (args: ZoneArgs): Zone => this.tx((s) => zones.putZone(s, obj(args)));
  upsertZone = (args: ZoneArgs): Upserted<Zone> => this.tx((s) => zones.upsertZone(s, obj(args)));
  deleteZone = (ref: ZoneRef & Preconditions): boolean => this.tx((s) => zones.deleteZone(s, obj(ref)));
  getZone = (ref: ZoneRef): Zone => this.read((s) => zones.getZone(s, obj(ref)));
  findZone = (ref: ZoneRef): Zone | undefined => this.read((s) => zones.findZone(s, obj(ref)));
  listZones = (): Zone[] => this.read((s) => zones.listZones(s));

  // Virtual networks
  createVnet = (args: VnetArgs): Vnet => this.tx((s) => vnets.createVnet(s, obj(args)));
  updateVnet = (args: VnetArgs): Vnet => this.tx((s) => vnets.updateVnet(s, obj(args)));
  putVnet = (args: VnetArgs): Vnet =>
    this.tx((s) => (vnets.findVnet(s, { resourceGroupName: obj(args).resourceGroupName, virtualNetworkName: args.virtualNetworkName })
      ? vnets.updateVnet(s, obj(args)) : vnets.createVnet(s, args)));
  deleteVnet = (ref: VnetRef): boolean => this.tx((s) => vnets.deleteVnet(s, vnetArg(ref)));
  getVnet = (ref: VnetRef): Vnet => this.read((s) => vnets.getVnet(s, vnetArg(ref)));
  findVnet = (ref: VnetRef): Vnet | undefined => this.read((s) => vnets.findVnet(s, vnetArg(ref)));
  listVnets = (): Vnet[] => this.read((s) => vnets.listVnets(s));

  // Virtual network links (L)
  createLink = (args: LinkArgs): Link => this.tx((s) => links.createLink(s, obj(args)));
  updateLink = (args: Partial<LinkArgs> & LinkRef): Link => this.tx((s) => links.updateLink(s, obj(args)));
  putLink = (args: LinkArgs): Link => this.tx((s) => links.putLink(s, obj(args)));
  upsertLink = (args: LinkArgs): Upserted<Link> => this.tx((s) => links.upsertLink(s, obj(args)));
  deleteLink = (ref: LinkRef & Preconditions): boolean => this.tx((s) => links.deleteLink(s, obj(ref)));
  getLink = (ref: LinkRef): Link => this.read((s) => links.getLink(s, obj(ref)));
  findLink = (ref: LinkRef): Link | undefined => this.read((s) => links.findLink(s, obj(ref)));
  listLinks = (filter?: { zone?: ZoneRef; vnet?: VnetRef }): Link[] => this.read((s) => links.listLinks(s, filter === undefined ? {} : obj(filter)));

  // Virtual machines (A)
  createVm = (args: VmArgs): Vm => this.tx((s) => vms.createVm(s, obj(args)));
  updateVm = (args: VmArgs): Vm => this.tx((s) => vms.updateVm(s, obj(args)));
  putVm = (args: VmArgs): Vm => this.tx((s) => (vms.findVm(s, obj(args)) ? vms.updateVm(s, args) : vms.createVm(s, args)));
  deleteVm = (ref: VmRef): boolean => this.tx((s) => vms.deleteVm(s, obj(ref)));
  getVm = (ref: VmRef): Vm => this.read((s) => vms.getVm(s, obj(ref)));
  findVm = (ref: VmRef): Vm | undefined => this.read((s) => vms.findVm(s, obj(ref)));
  listVms = (): Vm[] => this.read((s) => vms.listVms(s));
  registeredRecords = (ref: VmRef): RegisteredRecord[] => this.read((s) => vms.registeredRecords(s, obj(ref)));

  // Resource groups (N1)
  /** Create (a resource of this name must not exist yet: two resources of a program never share one, N1), or put. */
  createResourceGroup = (args: ResourceGroupArgs): ResourceGroup =>
    this.tx((s) => groups.putResourceGroup(s, absent(groups.findResourceGroup(s, obj(args)), "resource group", "resourceGroupName", args.resourceGroupName, args.resourceGroupName, args)));
  putResourceGroup = (args: ResourceGroupArgs): ResourceGroup => this.tx((s) => groups.putResourceGroup(s, obj(args)));
  deleteResourceGroup = (ref: ResourceGroupRef): boolean => this.tx((s) => groups.deleteResourceGroup(s, obj(ref)));
  getResourceGroup = (ref: ResourceGroupRef): ResourceGroup => this.read((s) => groups.getResourceGroup(s, obj(ref)));
  findResourceGroup = (ref: ResourceGroupRef): ResourceGroup | undefined => this.read((s) => groups.findResourceGroup(s, obj(ref)));
  listResourceGroups = (): ResourceGroup[] => this.read((s) => groups.listResourceGroups(s));

  // Subnets (N2, N5)
  createSubnet = (args: SubnetArgs): Subnet =>
    this.tx((s) => subnets.putSubnet(s, absent(subnets.findSubnet(s, obj(args)), "subnet", "subnetName", args.subnetName, args.resourceGroupName, args)));
  putSubnet = (args: SubnetArgs): Subnet => this.tx((s) => subnets.putSubnet(s, obj(args)));
  deleteSubnet = (ref: SubnetRef): boolean => this.tx((s) => subnets.deleteSubnet(s, obj(ref)));
  getSubnet = (ref: SubnetRef): Subnet => this.read((s) => subnets.getSubnet(s, obj(ref)));
  findSubnet = (ref: SubnetRef): Subnet | undefined => this.read((s) => subnets.findSubnet(s, obj(ref)));
  listSubnets = (vnet: { resourceGroupName?: string; virtualNetworkName: string }): Subnet[] => this.read((s) => subnets.listSubnets(s, obj(vnet)));

  // Network interfaces (N3)
  createNetworkInterface = (args: NetworkInterfaceArgs): NetworkInterface =>
    this.tx((s) => nics.putNetworkInterface(s, absent(nics.findNetworkInterface(s, obj(args)), "network interface", "networkInterfaceName", args.networkInterfaceName, args.resourceGroupName, args)));
  putNetworkInterface = (args: NetworkInterfaceArgs): NetworkInterface => this.tx((s) => nics.putNetworkInterface(s, obj(args)));
  deleteNetworkInterface = (ref: NetworkInterfaceRef): boolean => this.tx((s) => nics.deleteNetworkInterface(s, obj(ref)));
  getNetworkInterface = (ref: NetworkInterfaceRef): NetworkInterface => this.read((s) => nics.getNetworkInterface(s, obj(ref)));
  findNetworkInterface = (ref: NetworkInterfaceRef): NetworkInterface | undefined => this.read((s) => nics.findNetworkInterface(s, obj(ref)));
  listNetworkInterfaces = (): NetworkInterface[] => this.read((s) => nics.listNetworkInterfaces(s));

  // Virtual machines by NIC id (N4)
  createVirtualMachine = (args: VirtualMachineArgs): VirtualMachine => this.tx((s) => machines.createVirtualMachine(s, obj(args)));
  updateVirtualMachine = (args: VirtualMachineArgs): VirtualMachine => this.tx((s) => machines.updateVirtualMachine(s, obj(args)));
  putVirtualMachine = (args: VirtualMachineArgs): VirtualMachine => this.tx((s) => machines.putVirtualMachine(s, obj(args)));
  deleteVirtualMachine = (ref: VmRef): boolean => this.tx((s) => machines.deleteVirtualMachine(s, obj(ref)));
  getVirtualMachine = (ref: VmRef): VirtualMachine => this.read((s) => machines.getVirtualMachine(s, obj(ref)));
  findVirtualMachine = (ref: VmRef): VirtualMachine | undefined => this.read((s) => machines.findVirtualMachine(s, obj(ref)));
  listVirtualMachines = (): VirtualMachine[] => this.read((s) => machines.listVirtualMachines(s));

  // Private endpoints (P1, P4)
  createPrivateEndpoint = (args: PrivateEndpointArgs): PrivateEndpoint =>
    this.tx((s) => endpoints.putPrivateEndpoint(s, absent(endpoints.findPrivateEndpoint(s, obj(args)), "private endpoint", "privateEndpointName", args.privateEndpointName, args.resourceGroupName, args)));
  putPrivateEndpoint = (args: PrivateEndpointArgs): PrivateEndpoint => this.tx((s) => endpoints.putPrivateEndpoint(s, obj(args)));
  deletePrivateEndpoint = (ref: PrivateEndpointRef): boolean => this.tx((s) => endpoints.deletePrivateEndpoint(s, obj(ref)));
  getPrivateEndpoint = (ref: PrivateEndpointRef): PrivateEndpoint => this.read((s) => endpoints.getPrivateEndpoint(s, obj(ref)));
  findPrivateEndpoint = (ref: PrivateEndpointRef): PrivateEndpoint | undefined => this.read((s) => endpoints.findPrivateEndpoint(s, obj(ref)));
  listPrivateEndpoints = (): PrivateEndpoint[] => this.read((s) => endpoints.listPrivateEndpoints(s));

  // Private DNS zone groups (P2-P4)
  createPrivateDnsZoneGroup = (args: PrivateDnsZoneGroupArgs): PrivateDnsZoneGroup =>
    this.tx((s) => zoneGroups.putZoneGroup(s, absent(zoneGroups.findZoneGroup(s, obj(args)), "private DNS zone group", "privateDnsZoneGroupName", args.privateDnsZoneGroupName, args.resourceGroupName, args)));
  putPrivateDnsZoneGroup = (args: PrivateDnsZoneGroupArgs): PrivateDnsZoneGroup => this.tx((s) => zoneGroups.putZoneGroup(s, obj(args)));
  deletePrivateDnsZoneGroup = (ref: PrivateDnsZoneGroupRef): boolean => this.tx((s) => zoneGroups.deleteZoneGroup(s, obj(ref)));
  getPrivateDnsZoneGroup = (ref: PrivateDnsZoneGroupRef): PrivateDnsZoneGroup => this.read((s) => zoneGroups.getZoneGroup(s, obj(ref)));
  findPrivateDnsZoneGroup = (ref: PrivateDnsZoneGroupRef): PrivateDnsZoneGroup | undefined => this.read((s) => zoneGroups.findZoneGroup(s, obj(ref)));
  listPrivateDnsZoneGroups = (endpoint: PrivateEndpointRef): PrivateDnsZoneGroup[] => this.read((s) => zoneGroups.listZoneGroups(s, obj(endpoint)));

  // Record sets (R)
  createRecordSet = (args: RecordSetArgs): RecordSet => this.tx((s) => recordSets.createRecordSet(s, obj(args)));
  updateRecordSet = (args: RecordSetArgs): RecordSet => this.tx((s) => recordSets.updateRecordSet(s, obj(args)));
  putRecordSet = (args: RecordSetArgs): RecordSet => this.tx((s) => recordSets.putRecordSet(s, obj(args)));
  upsertRecordSet = (args: RecordSetArgs): Upserted<RecordSet> => this.tx((s) => recordSets.upsertRecordSet(s, obj(args)));
  deleteRecordSet = (ref: RecordSetRef & Preconditions): boolean => this.tx((s) => recordSets.deleteRecordSet(s, obj(ref)));
  getRecordSet = (ref: RecordSetRef): RecordSet => this.read((s) => recordSets.getRecordSet(s, obj(ref)));
  findRecordSet = (ref: RecordSetRef): RecordSet | undefined => this.read((s) => recordSets.findRecordSet(s, obj(ref)));
  listRecordSets = (zone: ZoneRef, filter?: { type?: string }): RecordSet[] => this.read((s) => recordSets.listRecordSets(s, obj(zone), filter === undefined ? {} : obj(filter)));

  // Resolution (Q)
  resolve = (vnet: VnetRef, name: string, type = "A"): Resolution => this.read((s) => resolve(s, vnet, name, type));

  /**
   * Resolution for a reader of one vnet that answers many queries (the DNS server): read snapshots it opens and
   * ends per batch, and whether the store changed since it last asked (snapshot.ts).
   */
  snapshots = (vnet: VnetRef): VnetSnapshots => new VnetSnapshots(this.store, vnetArg(vnet));

  /** Applies one operation given as data. */
  apply(operation: Operation): unknown {
    // SPEC E: only the mutations of Operation, as a typed refusal otherwise: `{ op: "reset" }` or `{ op: "close" }`
    // replayed as a pending operation must not reach the emulator's other methods (found by the fuzz tests).
    const op = obj(operation).op;
    if (typeof op !== "string" || !OPERATIONS.has(op))
      throw E.operationUnknown(at("operation", "op", op), { operations: [...OPERATIONS].join(", ") });
    return (this as any)[op](operation.args);
  }

  /**
   * Would `operation` be refused if `pending` were applied first? Returns the refusal (the very error the
   * operation would throw) or undefined. Pending operations that would themselves be refused are skipped,
   * as they would never have been applied. Nothing is written: the transaction is always rolled back.
   */
  wouldRefuse(operation: Operation, pending: Operation[] = []): EmulatorError | undefined {
    let refusal: EmulatorError | undefined;
    if (!Array.isArray(pending)) throw E.pendingNotList(at("pending operations", "", pending));
    try {
      this.store.tx(() => {
        for (const p of pending) {
          try {
            this.apply(p);
          } catch (e) {
            if (!isEmulatorError(e)) throw e;
          }
        }
        try {
          this.apply(operation);
        } catch (e) {
          if (!isEmulatorError(e)) throw e;
          refusal = e;
        }
        throw ROLLBACK;
      });
    } catch (e) {
      if (e !== ROLLBACK) throw e;
    }
    return refusal;
  }

  /** Everything in the store, as plain JSON. */
  export() {
    return this.read(() => this.exportNow());
  }

  private exportNow() {
    const zoneList = this.listZones();
    return {
      zones: zoneList,
      vnets: this.listVnets(),
      links: this.listLinks(),
      vms: this.listVms().map((vm) => ({ ...vm, registeredRecords: this.registeredRecords({ resourceGroupName: vm.resourceGroupName, vmName: vm.name }) })),
      recordSets: zoneList.flatMap((z) => this.listRecordSets({ resourceGroupName: z.resourceGroupName, privateZoneName: z.name })),
      // N: the network model (empty for a store of the older kinds only)
      resourceGroups: this.listResourceGroups(),
      subnets: this.listVnets().flatMap((v) => this.listSubnets({ resourceGroupName: v.resourceGroupName, virtualNetworkName: v.name })),
      networkInterfaces: this.listNetworkInterfaces(),
      // P: private endpoints and their zone groups
      privateEndpoints: this.listPrivateEndpoints(),
      privateDnsZoneGroups: this.listPrivateEndpoints().flatMap((e) => this.listPrivateDnsZoneGroups({ resourceGroupName: e.resourceGroupName, privateEndpointName: e.name })),
    };
  }

  /** Deletes everything (the schema stays). */
  reset(): void {
    this.tx((s) => {
      // An endpoint and its NIC refer to each other (P1): the NICs let go first.
      s.db.exec("UPDATE network_interfaces SET endpoint_id = NULL");
      for (const t of ["zone_configs", "zone_groups", "registrations", "record_sets", "ip_configurations", "nics", "private_endpoints", "network_interfaces", "vms", "links", "subnets", "vnets", "zones", "resource_groups"]) s.db.exec(`DELETE FROM ${t}`);
    });
  }
}
