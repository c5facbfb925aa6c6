import type { Db } from '../store/database';
import { SAMPLE_COLUMNS } from './metrics';
import { nodeIds, nodeRanges } from './node-ranges';

/**
 * The levels of raw samples (migrations 016 and 017): polls append to `samples_recent` (keyed by
 * time, so a round's rows share pages), and a periodic move carries rows older than a cutoff into
 * `samples_by_period` as one new period, in node order (key: period, node, time), so a move appends
 * at the B-tree's right edge and a node's rows in a period are one key range. `samples_by_node` (the
 * node-clustered table moves wrote to before 017) keeps its rows. `samples_moves.until` splits them
 * for readers: a row before it is read from the moved levels, a later one from `samples_recent`. A
 * move copies first (the copies sit above the split, unread), then advances the split, then deletes
 * what it copied from the recent level in time order, where those rows are contiguous: each phase is
 * short steps, and a crash in any of them leaves every row readable exactly once. The `samples` view
 * reads all levels as one table.
 */

/**
 * How far behind "now" a move stops: a poll's row carries the time its poll finished and reaches the
 * database up to a batch later, so rows of polls in flight still land in the recent level.
 */
export const MOVE_MARGIN_MS = 120_000;
/**
 * How often the recent level is moved (history maintenance checks every 10 minutes). Chosen when
 * moves wrote into the node-clustered level (bench/HISTORY.md): every 30 minutes cost about half of
 * every 10 per row, hourly little less again. The recent level, which readers scan by time, then
 * holds at most about 32 minutes (160,000 rows at 5,000 nodes polled every minute), and a reader of
 * one node seeks one period per 30 minutes of history.
 */
export const MOVE_EVERY_MS = 1_800_000;
/**
 * Rows per copy step. Each step reads the recent level's whole time range for its node range, so
 * small steps pay that scan many times: at 5,000 nodes (145,000 rows a move) on a loaded 2-core box,
 * 2,000-row steps made a move cost about 2.5 s, 10,000 about 1 s, one step 0.8 s (bench/HISTORY.md).
 * better-sqlite3 is synchronous on the main process; a 20,000-row step holds it for about 50–80 ms.
 */
const MOVE_ROWS_PER_STEP = 20_000;
/** The move deletes what it copied a poll interval's worth of time at a time (a row per node). */
const DROP_SLICE_MS = 60_000;

export interface MoveOptions {
  rowsPerStep?: number;
  marginMs?: number;
}

/** Where the levels split for readers: a sample whose time is before it is read from the moved levels. */
export function samplesSplitAt(db: Db): number {
  return db.prepare<[], { until: number }>('SELECT until FROM samples_moves').pluck().get() as unknown as number;
}

/**
 * The time from which a new sample is written to the recent level; an older one (a batch held through
 * a disk failure, or one that lands during a move with a time before its target) goes through the
 * `samples` view to the moved level its time belongs to. One row, one value: prepare it once and ask it per batch.
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
 * `next()`: copy them, in node order, to a new period of `samples_by_period` (above the split, so no
 * reader sees them twice), advance the split, then delete the copied rows (now below the split,
 * unread) from the recent level in time order. A move cut short is finished by the next one: its
 * target and period are kept, copying again changes nothing, and the deletes pick up where they stopped.
 * Returns the rows copied.
 */
export function* moveRecentSteps(db: Db, now: number, options: MoveOptions = {}): Generator<void, number> {
  const rowsPerStep = Math.max(1, options.rowsPerStep ?? MOVE_ROWS_PER_STEP);
  const levels = db.prepare<[], { until: number; moving: number | null }>('SELECT until, moving_until AS moving FROM samples_moves').get()!;
  const target = Math.max(now - (options.marginMs ?? MOVE_MARGIN_MS), levels.moving ?? 0);
  let copied = 0;
  if (target > levels.until) {
    db.prepare('UPDATE samples_moves SET moving_until = ?').run(target);
    copied = yield* copyToPeriod(db, levels.until, target, rowsPerStep);
    db.prepare('UPDATE samples_moves SET until = max(until, moving_until), moving_until = NULL').run();
  }
  yield* dropMoved(db);
  return copied;
}

/**
 * Copies the recent rows of [from, to) into one period of `samples_by_period`, node range by node
 * range in key order, so every step appends at the B-tree's right edge. Each step reads the whole
 * time range (the recent level is keyed by time) and keeps its nodes' rows: with steps of a few
 * thousand rows that scan is a small share of the copy.
 */
function* copyToPeriod(db: Db, from: number, to: number, rowsPerStep: number): Generator<void, number> {
  db.prepare('INSERT INTO samples_periods (start, until) VALUES (?, ?) ON CONFLICT (start) DO UPDATE SET until = max(until, excluded.until)').run(from, to);
  const rows = db.prepare<[number, number], number>('SELECT count(*) FROM samples_recent WHERE at >= ? AND at < ?').pluck().get(from, to) ?? 0;
  if (rows === 0) return 0;
  const ids = nodeIds(db);
  const ranges = nodeRanges(ids, Math.floor((rowsPerStep * ids.length) / rows), { open: true });
  const columns = SAMPLE_COLUMNS.join(', ');
  // OR IGNORE: a copy already there is this move's own, from a run cut short before.
  const copy = db.prepare<{ period: number; from: number; to: number; lo: number; hi: number }>(`INSERT OR IGNORE INTO samples_by_period (period, ${columns})
    SELECT @period, ${columns} FROM samples_recent WHERE at >= @from AND at < @to AND node_id BETWEEN @lo AND @hi ORDER BY node_id, at`);
  let copied = 0;
  for (const [i, [lo, hi]] of ranges.entries()) {
    if (i > 0) yield;
    copied += db.transaction(() => copy.run({ period: from, from, to, lo, hi }).changes)();
  }
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
  for (let t = oldest + DROP_SLICE_MS; ; t += DROP_SLICE_MS) {
    drop.run(Math.min(t, split));
    if (t >= split) return;
    yield;
  }
}

/** The split for readers, as SQL: moved levels before it, the recent level from it. */
const SPLIT = '(SELECT until FROM samples_moves)';

/**
 * Raw samples (`columns`, each as `s.<column>`) over [`@from`, `@to`) of the nodes `nodeCondition`
 * selects (SQL on `s.node_id`, e.g. `s.node_id = @node`), from every level, each walked by its own
 * key and only the periods that overlap the range: the `samples` view cannot bound the periods by a
 * reader's time range, so through it a reader of a few nodes seeks every period (≈ 125 ms for 45
 * nodes over 14 days of periods, against ≈ 1 ms bounded).
 */
export function rawSamplesWhere(columns: readonly string[], nodeCondition: string): string {
  const select = selectOf(columns);
  return `SELECT ${select} FROM samples_by_node s WHERE ${nodeCondition} AND ${inRange('s.at < ' + SPLIT)}
    UNION ALL ${periodAndRecentArms(select, `${nodeCondition} AND `)}`;
}

/**
 * Raw samples (`columns`, each as `s.<column>`) over [`@from`, `@to`) from every level, optionally of
 * nodes `@lo`..`@hi` only, as one UNION ALL to select from. Each level is walked by its own key:
 * `nodes` drives one primary-key range seek per node in `samples_by_node` (CROSS JOIN fixes the loop
 * order; a bare time range would scan every node's history), the periods that overlap the range
 * drive `samples_by_period` (with a node range, one seek each), the time range `samples_recent`.
 * Readers that join `nodes` use this instead of the `samples` view, which a join would materialize.
 */
export function rawSamplesOfNodes(columns: readonly string[], options: { nodeRange?: boolean } = {}): string {
  const select = selectOf(columns);
  return `SELECT ${select} FROM nodes n CROSS JOIN samples_by_node s ON s.node_id = n.id AND ${inRange('s.at < ' + SPLIT)}
      ${options.nodeRange ? 'WHERE n.id BETWEEN @lo AND @hi' : ''}
    UNION ALL ${periodAndRecentArms(select, options.nodeRange ? 's.node_id BETWEEN @lo AND @hi AND ' : '')}`;
}

function selectOf(columns: readonly string[]): string {
  return columns.map((c) => `s.${c}`).join(', ');
}

/** `s.at` within [`@from`, `@to`) and on `side` of the split. */
function inRange(side: string): string {
  return `s.at >= @from AND s.at < @to AND ${side}`;
}

/** The arms of the period and recent levels: the periods that overlap the range, then the recent level's time range. */
function periodAndRecentArms(select: string, nodes: string): string {
  return `SELECT ${select} FROM samples_periods p CROSS JOIN samples_by_period s ON s.period = p.start
      WHERE p.until > @from AND p.start < @to AND ${nodes}${inRange('s.at < ' + SPLIT)}
    UNION ALL
    SELECT ${select} FROM samples_recent s WHERE ${nodes}${inRange('s.at >= ' + SPLIT)}`;
}
