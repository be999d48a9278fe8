/**
 * The emulator's own resources (`pulumi-nodejs:dynamic/privatedns:<Kind>`): their inputs are the kinds'
 * inputs already. The SDK fills a missing name with the logical name, and sends `__virtualNetworkId` (the
 * vnet's id computed from its names) next to an unknown `virtualNetwork.id`; both are kept.
 */
import { KINDS } from "../../provider";
import { Mapping, OWN_NAME } from "./family";

export const dynamicTypes: Record<string, Mapping> = Object.fromEntries(KINDS.map((kind) => [
  `pulumi-nodejs:dynamic/privatedns:${kind}`,
  {
    kind,
    map: (props, name) => {
      const { __provider: _code, ...inputs } = props;
      if (inputs[OWN_NAME[kind]] === undefined) inputs[OWN_NAME[kind]] = name;
      return { kind, inputs, fields: Object.fromEntries(Object.keys(inputs).map((k) => [k, k])) };
    },
  } satisfies Mapping,
]));
