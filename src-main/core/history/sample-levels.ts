import type { Db } from '../store/database';
import { SAMPLE_COLUMNS } from './metrics';

/**
 * The two levels of raw samples (migration 016): polls append to `samples_recent` (keyed by time, so
 * a round's rows share pages), and a periodic move carries rows older than a cutoff into
 * `samples_by_node` in node order, so each node's page is dirtied once per move instead of once per
 * poll. `samples_moves.until` splits them for readers: a row before it is read from
 * `samples_by_node`, a later one from `samples_recent`. A move copies first (the copies sit above
 * the split, unread), then advances the split, then deletes what it copied from the recent level in
 * time order, where those rows are contiguous: each phase is short steps, and a crash in any of them
 * leaves every row readable exactly once. The `samples` view reads both as one table.
 */

/**
 * How far behind "now" a move stops: a poll's row carries the time its poll finished and reaches the
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
/** The move lists its keys, and deletes what it copied, a poll interval's worth of time at a time (a row per node). */
const LIST_SLICE_MS = 60_000;

export interface MoveOptions {
  rowsPerStep?: number;
  marginMs?: number;
}

/** Where the levels split for readers: a sample whose time is before it is read from `samples_by_node`. */
export function samplesSplitAt(db: Db): number {
  return db.prepare<[], { until: number }>('SELECT until FROM samples_moves').pluck().get() as unknown as number;
}

/**
 * The time from which a new sample is written to the recent level; an older one (a batch held through
 * a disk failure, or one that lands during a move with a time before its target) goes to
 * `samples_by_node`. One row, one value: prepare it once and ask it per batch.
 */
export const RECENT_LEVEL_FROM_SQL = 'SELECT max(until, coalesce(moving_until, 0)) FROM samples_moves';

/**
 * Moves the split forward (never back) for rows written straight to `samples_by_node` (generated
 * history): readers then take rows before `at` from there.
 */
export function advanceSamplesSplit(db: Db, at: number): void {
  db.prepare('UPDATE samples_moves SET until = max(until, ?)').run(at);
}

/** Whether the last move is `MOVE_EVERY_MS` old (the split trails the time of the last move by the margin). */
export function moveIsDue(db: Db, now: number): boolean {
  return now - samplesSplitAt(db) >= MOVE_EVERY_MS;
}

/**
 * Moves samples older than `now - marginMs` out of the recent level, one short transaction per
 * `next()`: list their keys in node order, copy them to `samples_by_node` (above the split, so no
 * reader sees them twice), advance the split, then delete the copied rows (now below the split,
 * unread) from the recent level in time order. A move cut short is finished by the next one: its
 * target is kept, copying again changes nothing, and the deletes pick up where they stopped.
 * Returns the rows copied.
 */
export function* moveRecentSteps(db: Db, now: number, options: MoveOptions = {}): Generator<void, number> {
  const rowsPerStep = Math.max(1, options.rowsPerStep ?? MOVE_ROWS_PER_STEP);
  const levels = db.prepare<[], { until: number; moving: number | null }>('SELECT until, moving_until AS moving FROM samples_moves').get()!;
  const target = Math.max(now - (options.marginMs ?? MOVE_MARGIN_MS), levels.moving ?? 0);
  let copied = 0;
  if (target > levels.until) {
    db.prepare('UPDATE samples_moves SET moving_until = ?').run(target);
    copied = yield* copyInNodeOrder(db, levels.until, target, rowsPerStep);
    db.prepare('UPDATE samples_moves SET until = max(until, moving_until), moving_until = NULL').run();
  }
  yield* dropMoved(db);
  return copied;
}

function* copyInNodeOrder(db: Db, from: number, to: number, rowsPerStep: number): Generator<void, number> {
  // A key list of the rows to copy, in node order; SQLite's temp store holds it, not the JS heap.
  db.exec('DROP TABLE IF EXISTS temp.move_keys; CREATE TEMP TABLE move_keys (node_id INTEGER NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (node_id, at)) WITHOUT ROWID');
  const list = db.prepare<[number, number]>('INSERT OR IGNORE INTO temp.move_keys SELECT node_id, at FROM samples_recent WHERE at >= ? AND at < ?');
  // From the oldest row there is (the split can be far behind: nothing was polled for a while).
  const oldest = db.prepare<[number], number | null>('SELECT min(at) FROM samples_recent WHERE at >= ?').pluck().get(from) ?? to;
  for (let t = oldest; t < to; t += LIST_SLICE_MS) {
    list.run(t, Math.min(to, t + LIST_SLICE_MS));
    yield;
  }
  const first = 'SELECT node_id, at FROM temp.move_keys ORDER BY node_id, at LIMIT @n';
  const columns = SAMPLE_COLUMNS.join(', ');
  // OR IGNORE: a copy already there is this move's own (cut short before) or a newer row written during the move.
  const copy = db.prepare<{ n: number }>(`INSERT OR IGNORE INTO samples_by_node (${columns})
    SELECT ${SAMPLE_COLUMNS.map((c) => `r.${c}`).join(', ')} FROM (${first}) k CROSS JOIN samples_recent r ON r.at = k.at AND r.node_id = k.node_id`);
  const done = db.prepare<{ n: number }>(`DELETE FROM temp.move_keys WHERE (node_id, at) IN (${first})`);
  let copied = 0;
  for (;;) {
    const listed = db.transaction(() => {
      copy.run({ n: rowsPerStep });
      return done.run({ n: rowsPerStep }).changes;
    })();
    copied += listed;
    if (listed < rowsPerStep) break;
    yield;
  }
  db.exec('DROP TABLE temp.move_keys');
  return copied;
}

/**
 * Deletes the recent level's rows below the split (copied, no longer read), oldest first, a slice of
 * time per step: each is one range of the level's key, deleted page by page from its start.
 */
function* dropMoved(db: Db): Generator<void, void> {
  const split = samplesSplitAt(db);
  const oldest = db.prepare<[], number | null>('SELECT min(at) FROM samples_recent').pluck().get();
  if (oldest === null || oldest === undefined) return;
  const drop = db.prepare<[number]>('DELETE FROM samples_recent WHERE at < ?');
  for (let t = oldest + LIST_SLICE_MS; ; t += LIST_SLICE_MS) {
    drop.run(Math.min(t, split));
    if (t >= split) return;
    yield;
  }
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
  const split = '(SELECT until FROM samples_moves)';
  return `SELECT ${select} FROM nodes n CROSS JOIN samples_by_node s ON s.node_id = n.id AND s.at >= @from AND s.at < @to AND s.at < ${split}
      ${options.nodeRange ? 'WHERE n.id BETWEEN @lo AND @hi' : ''}
    UNION ALL
    SELECT ${select} FROM samples_recent s WHERE s.at >= @from AND s.at < @to AND s.at >= ${split} ${options.nodeRange ? 'AND s.node_id BETWEEN @lo AND @hi' : ''}`;
}
