/**
 * The modules the server routes to, in match order: the first whose path template matches wins, so links
 * (`…/virtualNetworkLinks/…`) precede record sets (`…/{recordType}/…`). Issue 12's subnets, NICs and VMs are
 * one module each.
 */
import { ArmModule } from "../router";
import { identity } from "./identity";
import { subscriptions } from "./subscriptions";
import { resourceGroups } from "./resourceGroups";
import { zones } from "./zones";
import { links } from "./links";
import { recordSets } from "./recordSets";
import { virtualNetworks } from "./virtualNetworks";
import { subnets } from "./subnets";
import { networkInterfaces } from "./networkInterfaces";
import { virtualMachines } from "./virtualMachines";

export const MODULES: ArmModule[] = [identity, subscriptions, resourceGroups, zones, links, recordSets, virtualNetworks, subnets,
  networkInterfaces, virtualMachines];
