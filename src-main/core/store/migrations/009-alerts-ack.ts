import type { Migration } from '../migrate';

/**
 * Alerts you can trust: email, ntfy and Slack channels (the kind CHECK is widened by rebuilding the
 * table, SQLite cannot alter a CHECK), and acknowledgements. An acknowledgement is kept per node
 * and code until that problem clears; log entries remember when they were acknowledged.
 */
export const migration009: Migration = {
  version: 9,
  name: 'alerts-ack',
  up(db) {
    db.exec(`
      CREATE TABLE alert_channels_new (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('desktop', 'discord', 'telegram', 'webhook', 'email', 'ntfy', 'slack')),
        name TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        config_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config_json)),
        secret_ref TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      INSERT INTO alert_channels_new SELECT id, kind, name, enabled, config_json, secret_ref, created_at, updated_at FROM alert_channels;
      DROP TABLE alert_channels;
      ALTER TABLE alert_channels_new RENAME TO alert_channels;

      ALTER TABLE alerts_log ADD COLUMN acknowledged_at INTEGER;

      CREATE TABLE alert_acks (
        node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        acked_at INTEGER NOT NULL,
        PRIMARY KEY (node_id, code)
      ) WITHOUT ROWID;
    `);
  },
};
