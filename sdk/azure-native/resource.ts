/** The base of the azure-native classes: a dynamic resource of one emulator kind, its name defaulted, inputs kept. */
import * as pulumi from "@pulumi/pulumi";
import type { Kind } from "../../provider/kinds/spec";
import { DynamicResource, propsOf } from "../provider";
import { Emulated, warnKept } from "./kept";
import { declare } from "../settled";

export interface KindOf {
  kind: Kind;
  /** azure-native's class name, for messages (`network.VirtualNetwork`). */
  className: string;
  /** The input holding the resource's own name, defaulted to the logical name (choice: azure-native adds a random suffix). */
  nameInput: string;
  emulated: Emulated;
  outputs: string[];
}

export abstract class AzureNativeResource extends DynamicResource {
  constructor(of: KindOf, name: string, args: Record<string, unknown>, opts?: pulumi.CustomResourceOptions, extra: Record<string, unknown> = {}) {
    const inputs = { ...args, [of.nameInput]: args[of.nameInput] ?? name, ...extra };
    super(of.kind, name, propsOf(of.kind, name, inputs, of.outputs, opts), opts);
    warnKept(of.className, args, of.emulated, this);
    declare(this);
  }
}
