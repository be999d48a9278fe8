/**
 * P5: which private DNS zone a private endpoint's records belong in, and which public name points there. Data,
 * one row per service and group id, taken from Azure's "Azure Private Endpoint private DNS zone values" page
 * (https://learn.microsoft.com/azure/private-link/private-endpoint-dns, "Commercial" table): Azure's public
 * DNS answers `<name>.<public suffix>` with a CNAME to `<name>.<zone>`, and a private zone of that name linked
 * to the vnet then answers the endpoint's address.
 */
export interface PrivateLinkService {
  /** The page's row, for messages and docs. */
  service: string;
  /** The target's ARM resource type, lower case (`microsoft.storage/storageaccounts`). */
  resourceType: string;
  /** The private endpoint's group id (sub-resource), as Azure spells it. */
  groupId: string;
  /** The recommended private DNS zone. */
  zone: string;
  /** The public DNS zones whose names Azure's public DNS aliases into `zone`. */
  publicSuffixes: string[];
}

const row = (service: string, resourceType: string, groupId: string, zone: string, ...publicSuffixes: string[]): PrivateLinkService =>
  ({ service, resourceType: resourceType.toLowerCase(), groupId, zone, publicSuffixes });

export const PRIVATE_LINK_SERVICES: readonly PrivateLinkService[] = [
  row("Storage account (Blob)", "Microsoft.Storage/storageAccounts", "blob", "privatelink.blob.core.windows.net", "blob.core.windows.net"),
  row("Storage account (Blob, secondary)", "Microsoft.Storage/storageAccounts", "blob_secondary", "privatelink.blob.core.windows.net", "blob.core.windows.net"),
  row("Storage account (Table)", "Microsoft.Storage/storageAccounts", "table", "privatelink.table.core.windows.net", "table.core.windows.net"),
  row("Storage account (Queue)", "Microsoft.Storage/storageAccounts", "queue", "privatelink.queue.core.windows.net", "queue.core.windows.net"),
  row("Storage account (File)", "Microsoft.Storage/storageAccounts", "file", "privatelink.file.core.windows.net", "file.core.windows.net"),
  row("Storage account (Web)", "Microsoft.Storage/storageAccounts", "web", "privatelink.web.core.windows.net", "web.core.windows.net"),
  row("Data Lake Storage Gen2 (dfs)", "Microsoft.Storage/storageAccounts", "dfs", "privatelink.dfs.core.windows.net", "dfs.core.windows.net"),
  row("Key Vault", "Microsoft.KeyVault/vaults", "vault", "privatelink.vaultcore.azure.net", "vault.azure.net", "vaultcore.azure.net"),
  row("Key Vault Managed HSM", "Microsoft.KeyVault/managedHSMs", "managedhsm", "privatelink.managedhsm.azure.net", "managedhsm.azure.net"),
  row("Azure SQL Database", "Microsoft.Sql/servers", "sqlServer", "privatelink.database.windows.net", "database.windows.net"),
  row("Azure Cosmos DB (NoSQL)", "Microsoft.DocumentDB/databaseAccounts", "Sql", "privatelink.documents.azure.com", "documents.azure.com"),
  row("Azure Cosmos DB (MongoDB)", "Microsoft.DocumentDB/databaseAccounts", "MongoDB", "privatelink.mongo.cosmos.azure.com", "mongo.cosmos.azure.com"),
  row("Azure Cosmos DB (Table)", "Microsoft.DocumentDB/databaseAccounts", "Table", "privatelink.table.cosmos.azure.com", "table.cosmos.azure.com"),
  row("Azure Container Registry", "Microsoft.ContainerRegistry/registries", "registry", "privatelink.azurecr.io", "azurecr.io"),
  row("App Service (Web Apps, Function Apps)", "Microsoft.Web/sites", "sites", "privatelink.azurewebsites.net", "azurewebsites.net"),
  row("Event Hubs", "Microsoft.EventHub/namespaces", "namespace", "privatelink.servicebus.windows.net", "servicebus.windows.net"),
  row("Service Bus", "Microsoft.ServiceBus/namespaces", "namespace", "privatelink.servicebus.windows.net", "servicebus.windows.net"),
  row("Azure Database for PostgreSQL single server", "Microsoft.DBforPostgreSQL/servers", "postgresqlServer", "privatelink.postgres.database.azure.com", "postgres.database.azure.com"),
  row("Azure Database for MySQL single server", "Microsoft.DBforMySQL/servers", "mysqlServer", "privatelink.mysql.database.azure.com", "mysql.database.azure.com"),
  row("Azure Cache for Redis", "Microsoft.Cache/Redis", "redisCache", "privatelink.redis.cache.windows.net", "redis.cache.windows.net"),
  row("Azure AI Search", "Microsoft.Search/searchServices", "searchService", "privatelink.search.windows.net", "search.windows.net"),
  row("Azure App Configuration", "Microsoft.AppConfiguration/configurationStores", "configurationStores", "privatelink.azconfig.io", "azconfig.io"),
];

/** The services a target's resource type offers (empty for a type the table does not know). */
export const servicesOf = (resourceType: string) =>
  PRIVATE_LINK_SERVICES.filter((s) => s.resourceType === resourceType.toLowerCase());

/** P1: the row of a target type and group id (group ids compared without case, as Azure does). */
export const serviceOf = (resourceType: string, groupId: string) =>
  servicesOf(resourceType).find((s) => s.groupId.toLowerCase() === groupId.toLowerCase());

/**
 * P5: a public name `<label>.<public suffix>` as the name Azure's public DNS aliases it to, `<label>.<zone>`;
 * undefined for any other name (one label before the suffix: the resource's own name).
 */
export function privateLinkAlias(name: string): string | undefined {
  for (const s of PRIVATE_LINK_SERVICES)
    for (const suffix of s.publicSuffixes) {
      if (!name.endsWith(`.${suffix}`)) continue;
      const label = name.slice(0, -(suffix.length + 1));
      if (label.length > 0 && !label.includes(".") && label !== "privatelink") return `${label}.${s.zone}`;
    }
  return undefined;
}

/** Azure's `customDnsConfigs[].fqdn`: the target's public name for the group id, when the table knows the service. */
export function publicNameOf(targetId: string, groupId: string): string | undefined {
  const m = /\/providers\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(targetId);
  const service = m ? serviceOf(`${m[1]}/${m[2]}`, groupId) : undefined;
  return service && `${m![3].toLowerCase()}.${service.publicSuffixes[0]}`;
}
