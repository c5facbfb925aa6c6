import type { Migration } from '../migrate';

/**
 * Alerts: delivery channels (secrets live in the SecretStore, only their ref is here), silences
 * (maintenance periods per node, tag or everything) and the log of what fired and where it went.
 * A "This computer" desktop channel is seeded so a fresh install notifies without any setup.
 */
export const migration005: Migration = {
  version: 5,
  name: 'alerts',
  up(db) {
    db.exec(`
      CREATE TABLE alert_channels (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('desktop', 'discord', 'telegram', 'webhook')),
        name TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        config_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config_json)),
        secret_ref TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE alert_silences (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL CHECK (scope IN ('node', 'tag', 'all')),
        target TEXT,
        until_ms INTEGER NOT NULL,
        reason TEXT,
        created_at INTEGER NOT NULL,
        CHECK ((scope = 'all') = (target IS NULL))
      );
      CREATE INDEX alert_silences_until ON alert_silences (until_ms);

      CREATE TABLE alerts_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        node_id INTEGER REFERENCES nodes(id) ON DELETE SET NULL,
        code TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        channel_results_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(channel_results_json)),
        silenced INTEGER NOT NULL DEFAULT 0 CHECK (silenced IN (0, 1))
      );
      CREATE INDEX alerts_log_at ON alerts_log (at);
      CREATE INDEX alerts_log_node_at ON alerts_log (node_id, at);
    `);
    const now = Date.now();
    db.prepare(`INSERT INTO alert_channels (kind, name, enabled, config_json, secret_ref, created_at, updated_at)
      VALUES ('desktop', 'This computer', 1, '{}', NULL, ?, ?)`).run(now, now);
  },
};
