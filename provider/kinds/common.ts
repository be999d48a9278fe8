/** Small helpers shared by the kinds: defaults that azure-native would apply, and preview stand-ins. */
import { ids } from "../emulator";
import { hasUnknown, isUnknown } from "../unknown";

/** Lower case (Z3), leaving an unknown as it is. */
export const nameOr = (v: unknown) => (typeof v === "string" && !isUnknown(v) ? v.toLowerCase() : v);
export const rgOr = (v: unknown) => nameOr(v ?? ids.DEFAULT_RESOURCE_GROUP);
/** Tags and metadata never decide a rule: an unknown stands in as empty. */
export const tagsOr = (v: unknown) => (v === undefined || hasUnknown(v) ? {} : v);

/** A vnet reference: the given id when known, else the program-side hint the SDK computed from the Vnet's names. */
export function vnetIdOf(inputs: Record<string, any>): string | undefined {
  const id = inputs.virtualNetwork?.id;
  if (typeof id === "string" && !isUnknown(id)) return id;
  const hint = inputs.__virtualNetworkId;
  return typeof hint === "string" && !isUnknown(hint) ? hint : undefined;
}

/** `{ id }` with the id in the emulator's canonical form (lower-case names), when it is a known vnet id. */
export function canonicalVnet(v: any): any {
  const parsed = typeof v?.id === "string" && !isUnknown(v.id) ? ids.parseResourceId(v.id) : undefined;
  return parsed ? { ...v, id: ids.vnetId(parsed.resourceGroupName, parsed.name) } : v;
}
