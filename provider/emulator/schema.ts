/**
 * The store's schema, versioned in PRAGMA user_version with forward-only migrations. Every lookup a rule
 * needs is an index seek, so that one operation costs the same in an empty store and in a big one.
 * Counters on zones and vnets (kept by the operations, checked by the invariant tests) serve the limits
 * of R3 and L4 without counting rows.
 */
import type Database from "better-sqlite3";

const MIGRATIONS: string[] = [
  // 1: the first schema
  `
  CREATE TABLE zones (
    id INTEGER PRIMARY KEY,
    rg TEXT NOT NULL,
    name TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '{}',
    etag TEXT NOT NULL,
    internal_id TEXT NOT NULL,
    record_set_count INTEGER NOT NULL DEFAULT 0,
    link_count INTEGER NOT NULL DEFAULT 0,
    registration_link_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (rg, name)
  );
  CREATE INDEX zones_by_name ON zones (name);

  CREATE TABLE vnets (
    id INTEGER PRIMARY KEY,
    rg TEXT NOT NULL,
    name TEXT NOT NULL,
    address_prefixes TEXT NOT NULL,
    deployment_model TEXT NOT NULL,
    link_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (rg, name)
  );
  CREATE INDEX vnets_by_name ON vnets (name);

  CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    zone_id INTEGER NOT NULL REFERENCES zones (id),
    vnet_id INTEGER NOT NULL REFERENCES vnets (id),
    name TEXT NOT NULL,
    registration INTEGER NOT NULL,
    resolution_policy TEXT,
    tags TEXT NOT NULL DEFAULT '{}',
    etag TEXT NOT NULL,
    UNIQUE (zone_id, name),
    UNIQUE (zone_id, vnet_id)
  );
  CREATE INDEX links_by_vnet ON links (vnet_id);
  -- L3 backstop: even a writer that skipped the check cannot give a vnet two registration zones.
  CREATE UNIQUE INDEX links_one_registration_zone ON links (vnet_id) WHERE registration = 1;

  CREATE TABLE vms (
    id INTEGER PRIMARY KEY,
    rg TEXT NOT NULL,
    name TEXT NOT NULL,
    computer_name TEXT,
    vnet_id INTEGER NOT NULL REFERENCES vnets (id),
    power_state TEXT NOT NULL,
    UNIQUE (rg, name)
  );
  CREATE INDEX vms_by_vnet ON vms (vnet_id);

  CREATE TABLE nics (
    vm_id INTEGER NOT NULL REFERENCES vms (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    ip TEXT NOT NULL,
    is_ipv4 INTEGER NOT NULL,
    reverse_name TEXT NOT NULL,
    is_primary INTEGER NOT NULL,
    vnet_id INTEGER NOT NULL,
    PRIMARY KEY (vm_id, position)
  );
  -- A9: no two NICs in one vnet share an IP.
  CREATE UNIQUE INDEX nics_ip_per_vnet ON nics (vnet_id, ip);

  CREATE TABLE record_sets (
    id INTEGER PRIMARY KEY,
    zone_id INTEGER NOT NULL REFERENCES zones (id),
    name TEXT NOT NULL,
    rname TEXT NOT NULL,
    type TEXT NOT NULL,
    ttl INTEGER NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    auto INTEGER NOT NULL DEFAULT 0,
    etag TEXT NOT NULL,
    UNIQUE (zone_id, name, type)
  );
  CREATE INDEX record_sets_by_rname ON record_sets (zone_id, rname);

  -- What the platform registered (A4, A5): one row per VM and registration zone. The auto A record sets in
  -- record_sets are derived from these rows; the PTR answers (A5) are read from them directly.
  CREATE TABLE registrations (
    vm_id INTEGER NOT NULL REFERENCES vms (id) ON DELETE CASCADE,
    zone_id INTEGER NOT NULL REFERENCES zones (id),
    vnet_id INTEGER NOT NULL,
    host TEXT NOT NULL,
    ip TEXT NOT NULL,
    reverse_name TEXT NOT NULL,
    PRIMARY KEY (vm_id, zone_id)
  );
  CREATE INDEX registrations_by_zone_host ON registrations (zone_id, host);
  CREATE INDEX registrations_by_reverse ON registrations (vnet_id, reverse_name);
  `,
  // 2: the network model around the zones (SPEC N): resource groups (as ARM clients create and read them too,
  // serve-arm: `managed_by`), subnets, network interfaces with their ip configurations, VMs that reference NICs by id. Such a VM's `nics` rows mirror its NICs' primary ip
  // configurations, so that registration (A2-A6), resolution (A5, Q5) and the invariants read one table.
  `
  CREATE TABLE resource_groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    location TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '{}',
    managed_by TEXT
  );

  CREATE TABLE subnets (
    id INTEGER PRIMARY KEY,
    vnet_id INTEGER NOT NULL REFERENCES vnets (id),
    name TEXT NOT NULL,
    address_prefix TEXT NOT NULL,
    UNIQUE (vnet_id, name)
  );

  CREATE TABLE network_interfaces (
    id INTEGER PRIMARY KEY,
    rg TEXT NOT NULL,
    name TEXT NOT NULL,
    location TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '{}',
    -- N4: the VM this NIC belongs to (at most one, N3), its place in the VM's list and whether it is the primary.
    vm_id INTEGER REFERENCES vms (id),
    vm_position INTEGER,
    vm_primary INTEGER,
    UNIQUE (rg, name)
  );
  CREATE INDEX network_interfaces_by_vm ON network_interfaces (vm_id);

  CREATE TABLE ip_configurations (
    nic_id INTEGER NOT NULL REFERENCES network_interfaces (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    subnet_id INTEGER NOT NULL REFERENCES subnets (id),
    vnet_id INTEGER NOT NULL,
    ip TEXT NOT NULL,
    allocation TEXT NOT NULL,
    is_primary INTEGER NOT NULL,
    PRIMARY KEY (nic_id, position)
  );
  -- A9, N3: no two ip configurations in one vnet share an address.
  CREATE UNIQUE INDEX ip_configurations_ip_per_vnet ON ip_configurations (vnet_id, ip);
  CREATE INDEX ip_configurations_by_subnet ON ip_configurations (subnet_id);

  -- N4: 1 when the VM's NICs are network_interfaces resources (its nics rows are their mirror).
  ALTER TABLE vms ADD COLUMN nic_refs INTEGER NOT NULL DEFAULT 0;
  `,
  // 3: private endpoints and their DNS zone groups (SPEC P). An endpoint's address is held by a network interface
  // the platform makes for it (as Azure does: `<endpoint>.nic.<guid>`), so that A9, N3 and N5 apply unchanged.
  `
  CREATE TABLE private_endpoints (
    id INTEGER PRIMARY KEY,
    rg TEXT NOT NULL,
    name TEXT NOT NULL,
    location TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '{}',
    nic_id INTEGER NOT NULL REFERENCES network_interfaces (id),
    target_id TEXT NOT NULL,
    -- P3: the record set name, the target's name lower case
    target_name TEXT NOT NULL,
    group_id TEXT NOT NULL,
    connection_name TEXT NOT NULL,
    manual INTEGER NOT NULL,
    request_message TEXT,
    custom_nic_name TEXT,
    UNIQUE (rg, name)
  );

  CREATE TABLE zone_groups (
    id INTEGER PRIMARY KEY,
    -- P2 backstop: at most one zone group per endpoint
    endpoint_id INTEGER NOT NULL UNIQUE REFERENCES private_endpoints (id),
    name TEXT NOT NULL
  );

  CREATE TABLE zone_configs (
    zone_group_id INTEGER NOT NULL REFERENCES zone_groups (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    zone_id INTEGER NOT NULL REFERENCES zones (id),
    PRIMARY KEY (zone_group_id, position),
    UNIQUE (zone_group_id, name),
    UNIQUE (zone_group_id, zone_id)
  );
  CREATE INDEX zone_configs_by_zone ON zone_configs (zone_id);

  -- P1: the endpoint a platform-made network interface belongs to
  ALTER TABLE network_interfaces ADD COLUMN endpoint_id INTEGER REFERENCES private_endpoints (id);
  -- P3: 1 for an A record set the platform wrote for zone groups (isAutoRegistered stays false)
  ALTER TABLE record_sets ADD COLUMN managed INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX private_endpoints_by_target ON private_endpoints (target_name);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema to SCHEMA_VERSION, one migration per transaction; refuses a newer store. */
export function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > SCHEMA_VERSION)
    throw new Error(`The emulator store has schema version ${current}, newer than this package's ${SCHEMA_VERSION}; upgrade the package.`);
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      // Another process may have migrated while we waited for the write lock: read the version again.
      if ((db.pragma("user_version", { simple: true }) as number) > v) return;
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
