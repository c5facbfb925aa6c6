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
 * Rows per move transaction. better-sqlite3 is synchronous on the main process: about 5,000 rows
 * (a second's share of 5,000 nodes' ten minutes) keep one step within a few frames.
 */
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

/**
 * Moves samples older than `now - marginMs` out of the recent level, one transaction of at most about
 * `rowsPerStep` rows (whole nodes) per `next()`. The split moves first, so polls that arrive meanwhile
 * with older times go straight to `samples_by_node` (through the `samples` view's trigger); each step
 * copies a node range and deletes it from the recent level together, so a crash between steps loses
 * and duplicates nothing, and the next move finishes the job. Returns the rows moved.
 */
export function* moveRecentSteps(db: Db, now: number, options: MoveOptions = {}): Generator<void, number> {
  advanceSamplesSplit(db, now - (options.marginMs ?? MOVE_MARGIN_MS));
  const until = samplesSplitAt(db);
  const perNode = db
    .prepare<[number], { nodeId: number; rows: number }>('SELECT node_id AS nodeId, count(*) AS rows FROM samples_recent WHERE at < ? GROUP BY node_id ORDER BY node_id')
    .all(until);
  if (perNode.length === 0) return 0;
  yield;
  const columns = SAMPLE_COLUMNS.join(', ');
  // Node order, so each node's rows are appended to its own last page together.
  const copy = db.prepare(`INSERT OR REPLACE INTO samples_by_node (${columns})
    SELECT ${columns} FROM samples_recent WHERE at < @until AND node_id BETWEEN @lo AND @hi ORDER BY node_id, at`);
  const drop = db.prepare('DELETE FROM samples_recent WHERE at < @until AND node_id BETWEEN @lo AND @hi');
  let moved = 0;
  for (const [lo, hi] of nodeRanges(perNode, Math.max(1, options.rowsPerStep ?? MOVE_ROWS_PER_STEP))) {
    moved += db
      .transaction(() => {
        copy.run({ until, lo, hi });
        return drop.run({ until, lo, hi }).changes;
      })
      .immediate();
    yield;
  }
  return moved;
}

/** Consecutive node ranges of at most `rows` rows each (a node with more is a range of its own). */
function nodeRanges(perNode: readonly { nodeId: number; rows: number }[], rows: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  let sum = 0;
  perNode.forEach((node, i) => {
    if (sum > 0 && sum + node.rows > rows) {
      ranges.push([perNode[start]!.nodeId, perNode[i - 1]!.nodeId]);
      start = i;
      sum = 0;
    }
    sum += node.rows;
  });
  ranges.push([perNode[start]!.nodeId, perNode.at(-1)!.nodeId]);
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
