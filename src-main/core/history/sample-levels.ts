import type { Db } from '../store/database';
import { SAMPLE_COLUMNS } from './metrics';
import { SampleInserts } from './sample-inserts';

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
/**
 * Rows per move transaction. better-sqlite3 is synchronous on the main process: at 5,000 nodes over a
 * day of history on a loaded 2-core box, 2,000 rows took about 20 ms (p90 31 ms), 5,000 about 47.
 */
const MOVE_ROWS_PER_STEP = 2000;

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
 * `rowsPerStep` rows (a range of whole nodes) per `next()`. The split moves first, so polls that
 * arrive meanwhile with older times go straight to `samples_by_node` (through the `samples` view's
 * trigger). Each step deletes a node range from the recent level and writes the same rows, in node
 * order, to `samples_by_node` in one transaction, so a crash between steps loses and duplicates
 * nothing and the next move finishes the job. Returns the rows moved.
 */
export function* moveRecentSteps(db: Db, now: number, options: MoveOptions = {}): Generator<void, number> {
  advanceSamplesSplit(db, now - (options.marginMs ?? MOVE_MARGIN_MS));
  const until = samplesSplitAt(db);
  if (!db.prepare('SELECT 1 FROM samples_recent WHERE at < ? LIMIT 1').get(until)) return 0;
  const ids = db.prepare<[], { id: number }>('SELECT id FROM nodes ORDER BY id').pluck().all() as unknown as number[];
  const take = db
    .prepare<{ until: number; lo: number; hi: number }>(`DELETE FROM samples_recent WHERE at < @until AND node_id BETWEEN @lo AND @hi RETURNING ${SAMPLE_COLUMNS.join(', ')}`)
    .raw(true);
  const inserts = new SampleInserts(db);
  const rowsPerStep = Math.max(1, options.rowsPerStep ?? MOVE_ROWS_PER_STEP);
  let moved = 0;
  // Rows per node are not known ahead (counting them would be one more pass): each step sizes the
  // next node range from the rows per node it just moved.
  let nodesPerStep = Math.max(1, Math.floor(rowsPerStep / 10));
  for (let i = 0; i < ids.length; ) {
    const next = Math.min(ids.length, i + nodesPerStep);
    const range = { until, lo: ids[i]!, hi: ids[next - 1]! };
    const rows = db
      .transaction(() => {
        const taken = take.all(range) as (number | string | null)[][];
        // Node order, so each node's rows are appended to its own last page together.
        taken.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
        inserts.write('samples_by_node', taken.flat());
        return taken.length;
      })
      .immediate();
    moved += rows;
    nodesPerStep = rows === 0 ? nodesPerStep * 2 : Math.max(1, Math.round((rowsPerStep * (next - i)) / rows));
    i = next;
    yield;
  }
  return moved;
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
