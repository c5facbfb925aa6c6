import type { Migration } from '../migrate';

const COLUMNS = `node_id, at, health, status, bench_status, height, blocks_behind, eps, ddwrite, disk_free_pct, mem_used_pct,
  problem_count, app_count, apps_cpu, apps_ram_mb, apps_hdd_gb`;
// A view has no column defaults: an insert that leaves problem_count out gets the table's 0.
const NEW_COLUMNS = COLUMNS.replace(/(\w+)/g, 'NEW.$1').replace('NEW.problem_count', 'coalesce(NEW.problem_count, 0)');

/**
 * Raw samples in two levels (issue 15). A poll round writes one row per node; in the node-clustered
 * table each row lands on a page of its own node, so every row dirtied a 4 KB page of its own and the
 * fleet's hot pages outgrew the page cache. Polls now append to `samples_recent`, keyed by time, where
 * consecutive rows share pages; history maintenance moves its older rows into `samples_by_node` (the
 * old table, renamed) in node order, so each node's page is dirtied once per move instead of once per
 * poll. `samples_moves.until` splits the two: readers take a row with `at` before it from
 * `samples_by_node`, a later one from `samples_recent`, so a move can copy rows first and delete them
 * from the recent level later, in time order, without a reader ever seeing a row twice.
 * The `samples` view keeps both levels readable (and writable, for anything that is not the poll
 * path) as one table; the readers that join `nodes` query each level by its own key instead, since a
 * join over a UNION ALL view would materialize it. Existing rows stay where they are: the split starts
 * after the newest of them.
 */
export const migration016: Migration = {
  version: 16,
  name: 'recent-samples',
  up(db) {
    db.exec(`
      ALTER TABLE samples RENAME TO samples_by_node;

      CREATE TABLE samples_recent (
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
        app_count REAL,
        apps_cpu REAL,
        apps_ram_mb REAL,
        apps_hdd_gb REAL,
        PRIMARY KEY (at, node_id)
      ) WITHOUT ROWID;

      CREATE TABLE samples_moves (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        until INTEGER NOT NULL,
        -- While a move copies rows into samples_by_node: the split it advances to when done. A row
        -- written meanwhile with a time before it goes to samples_by_node (shown from the advance on).
        moving_until INTEGER
      );
      -- Per-node max() is a primary-key seek; a plain max(at) would scan every sample.
      INSERT INTO samples_moves (id, until)
        SELECT 1, coalesce(max((SELECT max(at) FROM samples_by_node WHERE node_id = n.id)) + 1, 0) FROM nodes n;

      CREATE VIEW samples AS
        SELECT ${COLUMNS} FROM samples_by_node WHERE at < (SELECT until FROM samples_moves)
        UNION ALL
        SELECT ${COLUMNS} FROM samples_recent WHERE at >= (SELECT until FROM samples_moves);

      -- A row goes to the level its time belongs to (during a move, the level it will belong to); the
      -- statement's own conflict clause (OR REPLACE) applies.
      CREATE TRIGGER samples_insert INSTEAD OF INSERT ON samples BEGIN
        INSERT INTO samples_by_node (${COLUMNS}) SELECT ${NEW_COLUMNS} WHERE NEW.at < (SELECT max(until, coalesce(moving_until, 0)) FROM samples_moves);
        INSERT INTO samples_recent (${COLUMNS}) SELECT ${NEW_COLUMNS} WHERE NEW.at >= (SELECT max(until, coalesce(moving_until, 0)) FROM samples_moves);
      END;

      CREATE TRIGGER samples_delete INSTEAD OF DELETE ON samples BEGIN
        DELETE FROM samples_by_node WHERE node_id = OLD.node_id AND at = OLD.at;
        DELETE FROM samples_recent WHERE at = OLD.at AND node_id = OLD.node_id;
      END;
    `);
  },
};
