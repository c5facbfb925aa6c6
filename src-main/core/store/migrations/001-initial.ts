import type { Migration } from '../migrate';

export const migration001: Migration = {
  version: 1,
  name: 'nodes-and-settings',
  up(db) {
    db.exec(`
      CREATE TABLE nodes (
        -- AUTOINCREMENT: an id is never reused, so nothing keyed by a removed node can reach a new one.
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        host TEXT NOT NULL,
        ssh_port INTEGER NOT NULL DEFAULT 22 CHECK (ssh_port BETWEEN 1 AND 65535),
        api_port INTEGER NOT NULL DEFAULT 16127 CHECK (api_port BETWEEN 1 AND 65535),
        username TEXT,
        auth_kind TEXT NOT NULL DEFAULT 'none'
          CHECK (auth_kind IN ('none', 'key-file', 'key', 'agent', 'password')),
        key_path TEXT,
        secret_ref TEXT,
        passphrase_ref TEXT,
        tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX nodes_endpoint ON nodes (host, api_port);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
