import type { Migration } from '../migrate';

/**
 * Poll history. `node_status` holds the latest status per node (what the fleet table shows on
 * start); `samples` one row per poll for charts; `samples_hourly` / `samples_daily` are roll-ups so
 * long ranges never scan raw rows (Uptime Kuma's scale lesson); `events` the transition log.
 * Times are ms since epoch. Metric tables are WITHOUT ROWID with (node_id, time) keys: one node's
 * time range is one contiguous b-tree walk, and retention deletes by the same key.
 */
export const migration003: Migration = {
  version: 3,
  name: 'history',
  up(db) {
    const metricColumns = ['health', 'blocks_behind', 'eps', 'ddwrite', 'disk_free_pct', 'mem_used_pct']
      .map((m) => `${m}_min REAL, ${m}_avg REAL, ${m}_max REAL`)
      .join(',\n        ');
    // Hourly and daily roll-ups share one shape: a bucket per node with min/avg/max per metric.
    const rollupTable = (name: string) => `
      CREATE TABLE ${name} (
        node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
        bucket_start INTEGER NOT NULL,
        count INTEGER NOT NULL CHECK (count > 0),
        worst_health INTEGER NOT NULL CHECK (worst_health BETWEEN 0 AND 4),
        ${metricColumns},
        PRIMARY KEY (node_id, bucket_start)
      ) WITHOUT ROWID;`;
    db.exec(`
      CREATE TABLE node_status (
        node_id INTEGER PRIMARY KEY REFERENCES nodes(id) ON DELETE CASCADE,
        status_json TEXT NOT NULL CHECK (json_valid(status_json)),
        health TEXT NOT NULL CHECK (health IN ('ok', 'warning', 'critical', 'unreachable', 'unknown')),
        polled_at INTEGER NOT NULL,
        -- What transitions compare against (last known values); survives restarts so none re-fire.
        baseline_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(baseline_json))
      );

      CREATE TABLE samples (
        node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        health INTEGER NOT NULL CHECK (health BETWEEN 0 AND 4),
        status TEXT,
        bench_status TEXT,
        height INTEGER,
        blocks_behind INTEGER,
        eps REAL,
        ddwrite REAL,
        disk_free_pct REAL,
        mem_used_pct REAL,
        problem_count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (node_id, at)
      ) WITHOUT ROWID;

${rollupTable('samples_hourly')}
${rollupTable('samples_daily')}

      -- Where each roll-up level has got to: buckets before done_until are complete and written.
      CREATE TABLE history_rollups (
        level TEXT PRIMARY KEY CHECK (level IN ('hour', 'day')),
        done_until INTEGER NOT NULL
      );

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        message TEXT NOT NULL,
        data_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data_json))
      );
      CREATE INDEX events_node_at ON events (node_id, at);
      CREATE INDEX events_at ON events (at);
    `);
  },
};
