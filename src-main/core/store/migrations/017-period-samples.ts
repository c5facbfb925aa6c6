import type { Migration } from '../migrate';

const COLUMNS = `node_id, at, health, status, bench_status, height, blocks_behind, eps, ddwrite, disk_free_pct, mem_used_pct,
  problem_count, app_count, apps_cpu, apps_ram_mb, apps_hdd_gb`;
const SPLIT = '(SELECT until FROM samples_moves)';
/** Where the recent level starts for a new row (during a move: where the move will put the split). */
const RECENT_FROM = '(SELECT max(until, coalesce(moving_until, 0)) FROM samples_moves)';

/**
 * Moved samples keyed by the move that carried them (issue 15). Migration 016's moves inserted each
 * node's rows after its older ones in the node-clustered `samples_by_node`: every node's tail page
 * was read, split with its neighbours and written again, about five WAL frames per node per move.
 * A move now writes one new key range of `samples_by_period` (period, node, time), appended at the
 * B-tree's right edge: about one frame per page of rows. A node's rows in a period are still one
 * key range, so reading a node is one seek per period (`samples_periods`: one row per move).
 * `samples_by_node` keeps its rows (and takes a late row older than every period); the `samples`
 * view reads all three. `samples_by_period` has no foreign key (a cascade
 * would scan it for `node_id`): a trigger on `nodes` removes a node's rows one seek per period.
 */
export const migration017: Migration = {
  version: 17,
  name: 'period-samples',
  up(db) {
    db.exec(`
      CREATE TABLE samples_periods (
        start INTEGER PRIMARY KEY,
        -- Rows of the period have start <= at < until.
        until INTEGER NOT NULL
      );

      CREATE TABLE samples_by_period (
        period INTEGER NOT NULL,
        node_id INTEGER NOT NULL,
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
        app_count REAL,
        apps_cpu REAL,
        apps_ram_mb REAL,
        apps_hdd_gb REAL,
        PRIMARY KEY (period, node_id, at)
      ) WITHOUT ROWID;

      -- A migration-016 move cut short while copying left copies of recent rows above the split in
      -- samples_by_node; the next move copies those rows into a period, so drop the old copies (a
      -- primary-key seek each). A row written there during that move and not in the recent level stays.
      DELETE FROM samples_by_node WHERE (node_id, at) IN (
        SELECT r.node_id, r.at FROM samples_moves m CROSS JOIN samples_recent r ON r.at >= m.until AND r.at < m.moving_until);

      CREATE TRIGGER nodes_delete_period_samples AFTER DELETE ON nodes BEGIN
        DELETE FROM samples_by_period WHERE period IN (SELECT start FROM samples_periods) AND node_id = OLD.id;
      END;

      DROP VIEW samples;
      CREATE VIEW samples AS
        SELECT ${COLUMNS} FROM samples_by_node WHERE at < ${SPLIT}
        UNION ALL
        SELECT ${COLUMNS.replace(/(\w+)/g, 's.$1')} FROM samples_periods p CROSS JOIN samples_by_period s ON s.period = p.start WHERE s.at < ${SPLIT}
        UNION ALL
        SELECT ${COLUMNS} FROM samples_recent WHERE at >= ${SPLIT};

      -- Dropping the view dropped its triggers. A row older than the recent level (a late poll, or a
      -- repeat of a stored time) goes to the period its time falls in, else to samples_by_node, so
      -- the statement's own conflict clause (OR REPLACE) replaces a stored copy wherever it is.
      CREATE TRIGGER samples_insert INSTEAD OF INSERT ON samples BEGIN
        INSERT INTO samples_by_period (period, ${COLUMNS}) SELECT p.start, ${newColumns()} FROM samples_periods p
          WHERE p.start = (SELECT max(start) FROM samples_periods WHERE start <= NEW.at) AND NEW.at < p.until AND NEW.at < ${RECENT_FROM};
        INSERT INTO samples_by_node (${COLUMNS}) SELECT ${newColumns()} WHERE NEW.at < ${RECENT_FROM}
          AND NOT EXISTS (SELECT 1 FROM samples_periods WHERE start = (SELECT max(start) FROM samples_periods WHERE start <= NEW.at) AND NEW.at < until);
        INSERT INTO samples_recent (${COLUMNS}) SELECT ${newColumns()} WHERE NEW.at >= ${RECENT_FROM};
      END;

      CREATE TRIGGER samples_delete INSTEAD OF DELETE ON samples BEGIN
        DELETE FROM samples_by_node WHERE node_id = OLD.node_id AND at = OLD.at;
        DELETE FROM samples_by_period WHERE period = (SELECT max(start) FROM samples_periods WHERE start <= OLD.at) AND node_id = OLD.node_id AND at = OLD.at;
        DELETE FROM samples_recent WHERE at = OLD.at AND node_id = OLD.node_id;
      END;
    `);
  },
};

// A view has no column defaults: an insert that leaves problem_count out gets the table's 0.
function newColumns(): string {
  return COLUMNS.replace(/(\w+)/g, 'NEW.$1').replace('NEW.problem_count', 'coalesce(NEW.problem_count, 0)');
}
