/**
 * The subscription, its tenant, and resource provider registration reads: what `az login`, Terraform's provider
 * registration and azure-native read before they touch a resource. One subscription (the emulator's), every
 * provider Registered; registering one answers Registered at once. Any subscription id in a path is served as it.
 */
import { EMULATED_SUBSCRIPTION } from "../../provider/emulator/ids";
import { PRIVATE_DNS } from "../apiVersions";
import { Context, json } from "../http";
import { ArmModule } from "../router";
import { SUB } from "./paths";

export const TENANT = "00000000-0000-0000-0000-000000000001";

const subscription = {
  id: `/subscriptions/${EMULATED_SUBSCRIPTION}`, subscriptionId: EMULATED_SUBSCRIPTION, tenantId: TENANT,
  displayName: "privatedns emulator", state: "Enabled", authorizationSource: "RoleBased",
  subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: "PayAsYouGo_2014-09-01", spendingLimit: "Off" },
};

const NETWORK_VERSIONS = ["2024-05-01", "2024-03-01", "2023-09-01", "2021-08-01", "2021-05-01", "2021-02-01"];

/** The resource types each namespace is known to serve here, with their api-versions. */
const TYPES: Record<string, Record<string, string[]>> = {
  "Microsoft.Network": {
    privateDnsZones: PRIVATE_DNS, "privateDnsZones/virtualNetworkLinks": PRIVATE_DNS, "privateDnsZones/A": PRIVATE_DNS,
    "privateDnsZones/AAAA": PRIVATE_DNS, "privateDnsZones/CNAME": PRIVATE_DNS, "privateDnsZones/MX": PRIVATE_DNS,
    "privateDnsZones/PTR": PRIVATE_DNS, "privateDnsZones/SOA": PRIVATE_DNS, "privateDnsZones/SRV": PRIVATE_DNS,
    "privateDnsZones/TXT": PRIVATE_DNS, "privateDnsZones/ALL": PRIVATE_DNS, privateDnsOperationStatuses: PRIVATE_DNS,
    virtualNetworks: NETWORK_VERSIONS, "virtualNetworks/subnets": NETWORK_VERSIONS, networkInterfaces: NETWORK_VERSIONS,
    privateEndpoints: NETWORK_VERSIONS, "privateEndpoints/privateDnsZoneGroups": NETWORK_VERSIONS,
  },
  "Microsoft.Resources": { resourceGroups: ["2025-04-01", "2024-11-01", "2022-09-01", "2021-04-01", "2020-10-01"] },
  "Microsoft.Compute": { virtualMachines: ["2025-04-01", "2024-11-01", "2024-07-01", "2024-03-01", "2023-09-01", "2023-03-01", "2022-11-01"] },
};

function provider(namespace: string) {
  const known = Object.keys(TYPES).find((n) => n.toLowerCase() === namespace.toLowerCase()) ?? namespace;
  return {
    id: `/subscriptions/${EMULATED_SUBSCRIPTION}/providers/${known}`, namespace: known,
    registrationState: "Registered", registrationPolicy: "RegistrationRequired",
    resourceTypes: Object.entries(TYPES[known] ?? {}).map(([resourceType, apiVersions]) => ({
      resourceType, locations: resourceType.startsWith("privateDns") ? ["global"] : ["West US"], apiVersions,
    })),
  };
}

const one = (ctx: Context) => json(200, provider(ctx.params.namespace));

export const subscriptions: ArmModule = {
  name: "subscriptions",
  routes: [
    { path: "/subscriptions", type: "Microsoft.Resources/subscriptions", methods: { GET: () => json(200, { value: [subscription] }) } },
    { path: SUB, type: "Microsoft.Resources/subscriptions", methods: { GET: () => json(200, subscription) } },
    { path: "/tenants", type: "Microsoft.Resources/tenants",
      methods: { GET: () => json(200, { value: [{ id: `/tenants/${TENANT}`, tenantId: TENANT, displayName: "privatedns emulator" }] }) } },
    { path: `${SUB}/locations`, type: "Microsoft.Resources/locations",
      methods: { GET: () => json(200, { value: [{ id: `/subscriptions/${EMULATED_SUBSCRIPTION}/locations/westus`, name: "westus", displayName: "West US" }] }) } },
    { path: `${SUB}/providers`, type: "Microsoft.Resources/providers",
      methods: { GET: () => json(200, { value: Object.keys(TYPES).map(provider) }) } },
    { path: `${SUB}/providers/{namespace}`, type: "Microsoft.Resources/providers", methods: { GET: one } },
    { path: `${SUB}/providers/{namespace}/register`, type: "Microsoft.Resources/providers", methods: { POST: one } },
    { path: "/providers/{namespace}", type: "Microsoft.Resources/providers", methods: { GET: one } },
  ],
};
