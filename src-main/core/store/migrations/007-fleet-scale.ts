import type { Migration } from '../migrate';

/**
 * Fleets at provider scale: owners (the people or clients an MSP runs nodes for), each node's owner,
 * provider and monthly cost, and host keys that a known_hosts file marked `@revoked`.
 */
export const migration007: Migration = {
  version: 7,
  name: 'fleet-scale',
  up(db) {
    db.exec(`
      CREATE TABLE owners (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        addresses TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(addresses)),
        note TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      ALTER TABLE nodes ADD COLUMN owner_id INTEGER REFERENCES owners(id) ON DELETE SET NULL;
      ALTER TABLE nodes ADD COLUMN provider TEXT;
      -- US cents: money the user types, kept exact.
      ALTER TABLE nodes ADD COLUMN monthly_cost_cents INTEGER CHECK (monthly_cost_cents IS NULL OR monthly_cost_cents >= 0);
      CREATE INDEX nodes_owner ON nodes (owner_id);
      CREATE TABLE host_keys_revoked (
        fingerprint TEXT PRIMARY KEY,
        key_type TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `);
  },
};
