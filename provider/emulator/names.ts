/** Name rules: zones (Z1-Z4), link names (L6), record set names (R1). Names are compared lower case (Z3). */
import { at, AzureError, E, text } from "./errors";

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
  const where = at(resource, "privateZoneName", name);
  if (typeof name !== "string" || name.length === 0) throw E.zoneNameRequired(where);
  const lower = name.toLowerCase();
  if (lower.endsWith(".")) throw E.zoneNameTrailingDot(where);
  if (lower.length > 253) throw E.zoneNameTooLong(where, { length: lower.length });
  const labels = lower.split(".");
  if (labels.length < 2) throw E.zoneNameSingleLabel(where);
  if (labels.length > 34) throw E.zoneNameTooManyLabels(where, { labels: labels.length });
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined) throw E.zoneNameInvalidLabel(where, { label: bad });
  if (RESERVED_ZONE_NAMES.has(lower)) throw E.zoneNameReserved(where);
  return lower;
}

const LINK_NAME = /^[a-z0-9](?:[a-z0-9_.-]{0,78}[a-z0-9_])?$/;

/** L6: 1-80 characters of letters, digits, `_`, `.`, `-`; starts with a letter or digit; ends with one or `_`. */
export function checkLinkName(name: unknown, resource = `virtual network link '${text(name)}'`): string {
  if (typeof name !== "string" || !LINK_NAME.test(name.toLowerCase()))
    throw E.linkNameInvalid(at(resource, "virtualNetworkLinkName", name));
  return name.toLowerCase();
}

const RECORD_LABEL = /^[a-z0-9_-]{1,63}$/;

/**
 * R1: a relative record set name: `@` (apex), `*` or `*.x` (wildcards), or labels such as `_sip._tcp`.
 * Returns it lower case; the fqdn (`name.zone.`) must fit in 253 characters.
 */
export function checkRecordSetName(name: unknown, zone: string, resource = `record set '${text(name)}'`): string {
  const where = at(resource, "relativeRecordSetName", name);
  if (typeof name !== "string" || name.length === 0) throw E.recordSetNameRequired(where);
  const lower = name.toLowerCase();
  if (lower === "@") return lower;
  if (lower.endsWith(".")) throw E.recordSetNameTrailingDot(where);
  const labels = lower.split(".");
  labels.forEach((label, i) => {
    const ok = RECORD_LABEL.test(label) || (label === "*" && i === 0);
    if (!ok) throw E.recordSetNameInvalidLabel(where, { label });
  });
  if (lower.length + 1 + zone.length > 253) throw E.recordSetNameTooLong(where, { fqdn: `${lower}.${zone}` });
  return lower;
}

/** The fully qualified name of a record set, with the trailing dot (R1): the one place this rule is written. */
export const fqdnOf = (name: string, zone: string) => (name === "@" ? `${zone}.` : `${name}.${zone}.`);

/** A name's labels reversed (`a.b.c` → `c.b.a`): an index on it turns "names under X" into a range seek. */
export const reversedLabels = (name: string) => (name === "@" ? "" : name.split(".").reverse().join("."));

/** Plain resource names (vnets, VMs, resource groups): non-empty, no `/`; compared lower case (Z3). */
export function checkResourceName(kind: string, field: string, name: unknown): string {
  if (typeof name !== "string" || name.length === 0 || name.length > 80 || /[/\\?#%]/.test(name))
    throw E.resourceNameInvalid(at(`${kind} '${text(name)}'`, field, name), { kind });
  return name.toLowerCase();
}

/**
 * A DNS host name used in record data (CNAME, MX, SRV, PTR targets, SOA email), or `invalid` (the rule of the
 * record type: R4 for a CNAME, Z5 for an SOA, R1 otherwise) at `field`.
 */
export function checkHostName(invalid: AzureError<"{field} '{value}' is not a valid DNS name.">, resource: string, field: string, value: unknown): string {
  const host = typeof value === "string" ? value.replace(/\.$/, "").toLowerCase() : "";
  const labels = host.split(".");
  if (!host || host.length > 253 || labels.some((l) => !/^[a-z0-9_*-]{1,63}$/.test(l))) throw invalid(at(resource, field, value));
  return host;
}
