/** Name rules: zones (Z1-Z4), link names (L6), record set names (R1). Names are compared lower case (Z3). */
import { badRequest, text } from "./errors";

export const RESERVED_ZONE_NAMES = new Set([
  "azclient.ms", "azure.com", "cloudapp.net", "core.windows.net", "microsoft.com", "msidentity.com",
  "trafficmanager.net", "windows.net", "azclient.us", "azure.us", "usgovcloudapp.net", "core.usgovcloudapi.net",
  "microsoft.us", "msidentity.us", "usgovtrafficmanager.net", "usgovcloudapi.net", "azclient.cn", "azure.cn",
  "chinacloudapp.cn", "core.chinacloudapi.cn", "microsoft.cn", "msidentity.cn", "trafficmanager.cn",
  "chinacloudapi.cn",
]);

const LABEL = /^[a-z0-9_-]{1,63}$/;

/** Z1, Z2, Z4: returns the zone name in lower case (Z3) or throws BadRequest naming the rule. */
export function checkZoneName(name: unknown, resource = `zone '${text(name)}'`): string {
  if (typeof name !== "string" || name.length === 0)
    throw badRequest("Z2", resource, name, "The zone name is required and must be a non-empty string.");
  const lower = name.toLowerCase();
  if (lower.endsWith("."))
    throw badRequest("Z2", resource, name, `The zone name '${name}' must be given without a terminating dot.`);
  if (lower.length > 253)
    throw badRequest("Z2", resource, name, `The zone name '${name}' is longer than 253 characters (${lower.length}).`);
  const labels = lower.split(".");
  if (labels.length < 2)
    throw badRequest("Z1", resource, name, `Single-label private DNS zones aren't supported: '${name}' needs two or more labels.`);
  if (labels.length > 34)
    throw badRequest("Z1", resource, name, `A private DNS zone can have at most 34 labels; '${name}' has ${labels.length}.`);
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined)
    throw badRequest("Z2", resource, name,
      `The label '${bad}' of zone name '${name}' is invalid: labels are 1-63 letters, digits, '-' or '_'.`);
  if (RESERVED_ZONE_NAMES.has(lower))
    throw badRequest("Z4", resource, name, `The zone name '${name}' is reserved by Azure and cannot be created.`);
  return lower;
}

const LINK_NAME = /^[a-z0-9](?:[a-z0-9_.-]{0,78}[a-z0-9_])?$/;

/** L6: 1-80 characters of letters, digits, `_`, `.`, `-`; starts with a letter or digit; ends with one or `_`. */
export function checkLinkName(name: unknown, resource = `virtual network link '${text(name)}'`): string {
  if (typeof name !== "string" || !LINK_NAME.test(name.toLowerCase()))
    throw badRequest("L6", resource, name,
      `The link name '${text(name)}' is invalid: 1-80 letters, digits, '_', '.', '-', starting with a letter or digit and ending with a letter, digit or '_'.`);
  return name.toLowerCase();
}

const RECORD_LABEL = /^[a-z0-9_-]{1,63}$/;

/**
 * R1: a relative record set name: `@` (apex), `*` or `*.x` (wildcards), or labels such as `_sip._tcp`.
 * Returns it lower case; the fqdn (`name.zone.`) must fit in 253 characters.
 */
export function checkRecordSetName(name: unknown, zone: string, resource = `record set '${text(name)}'`): string {
  if (typeof name !== "string" || name.length === 0)
    throw badRequest("R1", resource, name, "The relative record set name is required.");
  const lower = name.toLowerCase();
  if (lower === "@") return lower;
  if (lower.endsWith("."))
    throw badRequest("R1", resource, name, `The record set name '${name}' is relative to the zone and must not end with a dot.`);
  const labels = lower.split(".");
  labels.forEach((label, i) => {
    const ok = RECORD_LABEL.test(label) || (label === "*" && i === 0);
    if (!ok)
      throw badRequest("R1", resource, name,
        `The record set name '${name}' is invalid at label '${label}': labels are 1-63 letters, digits, '-' or '_', and '*' only as the left-most label.`);
  });
  if (lower.length + 1 + zone.length > 253)
    throw badRequest("R1", resource, name, `The name '${lower}.${zone}' is longer than 253 characters.`);
  return lower;
}

/** The fully qualified name of a record set, with the trailing dot (R1). */
export const fqdnOf = (name: string, zone: string) => (name === "@" ? `${zone}.` : `${name}.${zone}.`);

/** A name's labels reversed (`a.b.c` → `c.b.a`): an index on it turns "names under X" into a range seek. */
export const reversedLabels = (name: string) => (name === "@" ? "" : name.split(".").reverse().join("."));

/** Plain resource names (vnets, VMs, resource groups): non-empty, no `/`; compared lower case (Z3). */
export function checkResourceName(kind: string, name: unknown, rule = "E"): string {
  if (typeof name !== "string" || name.length === 0 || name.length > 80 || /[/\\?#%]/.test(name))
    throw badRequest(rule, `${kind} '${text(name)}'`, name,
      `The ${kind} name '${text(name)}' is invalid: 1-80 characters without '/', '\\\\', '?', '#' or '%'.`);
  return name.toLowerCase();
}

/** A DNS host name used in record data (CNAME, MX, SRV, PTR targets, SOA fields). */
export function checkHostName(rule: string, resource: string, field: string, value: unknown): string {
  const host = typeof value === "string" ? value.replace(/\.$/, "").toLowerCase() : "";
  const labels = host.split(".");
  if (!host || host.length > 253 || labels.some((l) => !/^[a-z0-9_*-]{1,63}$/.test(l)))
    throw badRequest(rule, resource, value, `${field} '${text(value)}' is not a valid DNS name.`);
  return host;
}
