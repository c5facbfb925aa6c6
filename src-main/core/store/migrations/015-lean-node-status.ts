import type { Migration } from '../migrate';

/**
 * `node_status` without its `json_valid` CHECKs. Only FluxDeck writes these columns, always from
 * `JSON.stringify`, and every reader already treats unparsable JSON as absent (a blank status, an
 * empty baseline); yet SQLite parsed ~1.4 KB of status JSON on every refresh of a node's latest
 * status, a third of that write's cost. SQLite cannot drop a CHECK in place, so the table is
 * rebuilt (one row per node; nothing references it).
 */
export const migration015: Migration = {
  version: 15,
  name: 'lean-node-status',
  up(db) {
    db.exec(`
      CREATE TABLE node_status_new (
        node_id INTEGER PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
        status_json TEXT NOT NULL,
        health TEXT NOT NULL CHECK (health IN ('ok', 'warning', 'critical', 'unreachable', 'unknown')),
        polled_at INTEGER NOT NULL,
        -- What transitions compare against (last known values); survives restarts so none re-fire.
        baseline_json TEXT NOT NULL DEFAULT '{}'
      );
      INSERT INTO node_status_new (node_id, status_json, health, polled_at, baseline_json)
        SELECT node_id, status_json, health, polled_at, baseline_json FROM node_status;
      DROP TABLE node_status;
      ALTER TABLE node_status_new RENAME TO node_status;
    `);
  },
};
