import type { Migration } from '../migrate';

/** Pinned SSH host keys (one row per host, port and key type) and encrypted secrets. */
export const migration002: Migration = {
  version: 2,
  name: 'host-keys',
  up(db) {
    db.exec(`
      CREATE TABLE host_keys (
        host TEXT NOT NULL,
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        key_type TEXT NOT NULL,
        fingerprint TEXT NOT NULL CHECK (fingerprint GLOB 'SHA256:*'),
        source TEXT NOT NULL CHECK (source IN ('tofu', 'inventory', 'known_hosts', 'user')),
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        PRIMARY KEY (host, port, key_type)
      );
      -- Ciphertext only: the cipher (Electron safeStorage, a passphrase key…) lives outside the DB.
      CREATE TABLE secrets (
        ref TEXT PRIMARY KEY,
        ciphertext BLOB NOT NULL,
        backend TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
