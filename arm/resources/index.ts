/**
 * The modules the server routes to, in match order: the first whose path template matches wins, so links
 * (`…/virtualNetworkLinks/…`) precede record sets (`…/{recordType}/…`). Issue 12's subnets, NICs and VMs are
 * one module each, as are private endpoints and their DNS zone groups (SPEC P).
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
import { privateEndpoints } from "./privateEndpoints";
import { privateDnsZoneGroups } from "./privateDnsZoneGroups";

export const MODULES: ArmModule[] = [identity, subscriptions, resourceGroups, zones, links, recordSets, virtualNetworks, subnets,
  networkInterfaces, virtualMachines, privateEndpoints, privateDnsZoneGroups];
