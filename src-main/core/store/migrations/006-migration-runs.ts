import type { Migration } from '../migrate';

/**
 * ArcaneOS migration: one run per node at a time (started, cancelled or completed runs stay as
 * history), each step's latest state with its detail, time and the user's note, and the last
 * hardware facts read over SSH (so the board survives restarts without re-reading every node).
 */
export const migration006: Migration = {
  version: 6,
  name: 'migration-runs',
  up(db) {
    db.exec(`
      CREATE TABLE migration_runs (
        id INTEGER PRIMARY KEY,
        node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('active', 'completed', 'cancelled')),
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        start_height INTEGER,
        baseline_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(baseline_json))
      );
      CREATE UNIQUE INDEX migration_runs_one_active ON migration_runs (node_id) WHERE status = 'active';
      CREATE INDEX migration_runs_node ON migration_runs (node_id, started_at);

      CREATE TABLE migration_steps (
        run_id INTEGER NOT NULL REFERENCES migration_runs(id) ON DELETE CASCADE,
        step_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('passed', 'failed', 'pending', 'manual', 'confirmed', 'unknown')),
        detail TEXT NOT NULL,
        at INTEGER NOT NULL,
        note TEXT,
        PRIMARY KEY (run_id, step_id)
      ) WITHOUT ROWID;

      CREATE TABLE migration_hardware (
        node_id INTEGER PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
        facts_json TEXT NOT NULL CHECK (json_valid(facts_json)),
        read_at INTEGER NOT NULL
      );
    `);
  },
};
