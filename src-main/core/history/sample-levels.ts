import type { Db } from '../store/database';
import { SAMPLE_COLUMNS } from './metrics';

/**
 * The two levels of raw samples (migration 016): polls append to `samples_recent` (keyed by time, so
 * a round's rows share pages), and a periodic move carries rows older than a cutoff into
 * `samples_by_node` in node order, so each node's page is dirtied once per move instead of once per
 * poll. `samples_moves.until` splits them: rows before it belong in `samples_by_node`; the recent
 * level may still hold some of those until the move that advanced the split has carried them over.
 * The `samples` view reads both as one table.
 */

/**
 * How far behind "now" a move stops: a poll's row carries the time its poll started and reaches the
 * database up to a batch later, so rows of polls in flight still land in the recent level.
 */
export const MOVE_MARGIN_MS = 120_000;
/**
 * How often the recent level is moved (history maintenance checks every 10 minutes). Measured at
 * 5,000 nodes over a day of seeded history (bench/HISTORY.md): moving every 30 minutes costs about
 * half of moving every 10 per row (each node's page is read, dirtied and checkpointed once per move
 * whatever it receives), and hourly little less again; the recent level, which readers scan by time,
 * then holds at most about 32 minutes (160,000 rows at 5,000 nodes polled every minute).
 */
export const MOVE_EVERY_MS = 1_800_000;
/** Rows per move transaction: better-sqlite3 is synchronous on the main process, so each step is short. */
const MOVE_ROWS_PER_STEP = 5000;

export interface MoveOptions {
  rowsPerStep?: number;
  marginMs?: number;
}

/** Where the levels split: a sample whose time is before it belongs in `samples_by_node`. */
export function samplesSplitAt(db: Db): number {
  return db.prepare<[], { until: number }>('SELECT until FROM samples_moves').pluck().get() as unknown as number;
}

/** Moves the split forward (never back): rows before `at` now belong in `samples_by_node`. */
export function advanceSamplesSplit(db: Db, at: number): void {
  db.prepare('UPDATE samples_moves SET until = max(until, ?)').run(at);
}

/** Whether the last move is `MOVE_EVERY_MS` old (the split trails the time of the last move by the margin). */
export function moveIsDue(db: Db, now: number): boolean {
  return now - samplesSplitAt(db) >= MOVE_EVERY_MS;
}

/**
 * Moves samples older than `now - marginMs` out of the recent level, one transaction of about
 * `rowsPerStep` rows per `next()`. The split moves first, so polls that arrive meanwhile with older
 * times go straight to `samples_by_node` (through the `samples` view's trigger). The keys to move are
 * then listed in node order (`temp.samples_to_move`, filled in time order, a step at a time), so each
 * step copies a range of whole nodes with seeks instead of scanning the recent level; it deletes what
 * it copied in the same transaction, so a crash between steps loses and duplicates nothing and the
 * next move finishes the job. Returns the rows moved.
 */
export function* moveRecentSteps(db: Db, now: number, options: MoveOptions = {}): Generator<void, number> {
  advanceSamplesSplit(db, now - (options.marginMs ?? MOVE_MARGIN_MS));
  const until = samplesSplitAt(db);
  if (!db.prepare('SELECT 1 FROM samples_recent WHERE at < ? LIMIT 1').get(until)) return 0;
  const rowsPerStep = Math.max(1, options.rowsPerStep ?? MOVE_ROWS_PER_STEP);
  // Kept for the connection's life: creating a table changes the schema, which re-prepares statements.
  db.exec('CREATE TEMP TABLE IF NOT EXISTS samples_to_move (node_id INTEGER NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (node_id, at)) WITHOUT ROWID');
  db.exec('DELETE FROM temp.samples_to_move');
  const list = db.prepare<{ until: number; at: number; node: number; limit: number }, { at: number; node: number }>(
    `INSERT INTO temp.samples_to_move (node_id, at) SELECT node_id, at FROM samples_recent
     WHERE at < @until AND (at, node_id) > (@at, @node) ORDER BY at, node_id LIMIT @limit RETURNING at, node_id AS node`,
  );
  let after = { at: Number.MIN_SAFE_INTEGER, node: 0 };
  for (;;) {
    const listed = list.all({ until, ...after, limit: rowsPerStep * 4 });
    yield;
    if (listed.length === 0) break;
    after = listed.reduce((a, b) => (b.at > a.at || (b.at === a.at && b.node > a.node) ? b : a));
  }
  const columns = SAMPLE_COLUMNS.join(', ');
  // Node order, so each node's rows are appended to its own last page together.
  const copy = db.prepare(`INSERT OR REPLACE INTO samples_by_node (${columns})
    SELECT ${columns.replace(/(\w+)/g, 'r.$1')} FROM temp.samples_to_move k CROSS JOIN samples_recent r ON r.at = k.at AND r.node_id = k.node_id
    WHERE k.node_id BETWEEN @lo AND @hi ORDER BY k.node_id, k.at`);
  const drop = db.prepare('DELETE FROM samples_recent WHERE (at, node_id) IN (SELECT at, node_id FROM temp.samples_to_move WHERE node_id BETWEEN @lo AND @hi)');
  const ranges = nodeRanges(
    db.prepare<[], { nodeId: number; rows: number }>('SELECT node_id AS nodeId, count(*) AS rows FROM temp.samples_to_move GROUP BY node_id').all(),
    rowsPerStep,
  );
  let moved = 0;
  for (const [lo, hi] of ranges) {
    moved += db
      .transaction(() => {
        copy.run({ lo, hi });
        return drop.run({ lo, hi }).changes;
      })
      .immediate();
    yield;
  }
  db.exec('DELETE FROM temp.samples_to_move');
  return moved;
}

/** Consecutive node ranges of at most `rows` rows each (a node with more is a range of its own). */
function nodeRanges(perNode: readonly { nodeId: number; rows: number }[], rows: number): [number, number][] {
  const ranges: [number, number][] = [];
  let first = 0;
  let sum = 0;
  perNode.forEach((node, i) => {
    if (sum > 0 && sum + node.rows > rows) {
      ranges.push([perNode[first]!.nodeId, perNode[i - 1]!.nodeId]);
      first = i;
      sum = 0;
    }
    sum += node.rows;
  });
  if (perNode.length > 0) ranges.push([perNode[first]!.nodeId, perNode.at(-1)!.nodeId]);
  return ranges;
}

/**
 * Raw samples (`columns`, each as `s.<column>`) over [`@from`, `@to`) from both levels, optionally of
 * nodes `@lo`..`@hi` only, as one UNION ALL to select from. Each level is walked by its own key:
 * `nodes` drives one primary-key range seek per node in `samples_by_node` (CROSS JOIN fixes the loop
 * order; a bare time range would scan every node's history), the time range drives `samples_recent`.
 * Readers that join `nodes` use this instead of the `samples` view, which a join would materialize.
 */
export function rawSamplesOfNodes(columns: readonly string[], options: { nodeRange?: boolean } = {}): string {
  const select = columns.map((c) => `s.${c}`).join(', ');
  return `SELECT ${select} FROM nodes n CROSS JOIN samples_by_node s ON s.node_id = n.id AND s.at >= @from AND s.at < @to
      ${options.nodeRange ? 'WHERE n.id BETWEEN @lo AND @hi' : ''}
    UNION ALL
    SELECT ${select} FROM samples_recent s WHERE s.at >= @from AND s.at < @to ${options.nodeRange ? 'AND s.node_id BETWEEN @lo AND @hi' : ''}`;
}
