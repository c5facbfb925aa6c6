import type { Migration } from '../migrate';

/**
 * The maintenance audit log: one row per action run (what, the exact commands, when, how it
 * ended) and one per node in it. Node ids carry no foreign key and the name is copied, so the
 * record of what was done survives the node's removal.
 */
export const migration008: Migration = {
  version: 8,
  name: 'actions',
  up(db) {
    db.exec(`
      CREATE TABLE action_runs (
        id INTEGER PRIMARY KEY,
        action_id TEXT NOT NULL,
        label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('restart', 'update', 'logs')),
        commands_json TEXT NOT NULL CHECK (json_valid(commands_json)),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        state TEXT NOT NULL CHECK (state IN ('running', 'ok', 'failed', 'partial'))
      );
      CREATE INDEX action_runs_started ON action_runs (started_at);

      CREATE TABLE action_results (
        run_id INTEGER NOT NULL REFERENCES action_runs(id) ON DELETE CASCADE,
        node_id INTEGER NOT NULL,
        node_name TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'running', 'ok', 'failed', 'skipped')),
        exit_code INTEGER,
        output TEXT NOT NULL DEFAULT '',
        finished_at INTEGER,
        PRIMARY KEY (run_id, node_id)
      );
      CREATE INDEX action_results_node ON action_results (node_id, run_id);
    `);
  },
};
