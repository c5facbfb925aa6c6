import type { Db } from '../store/database';
import { runSteps } from './steps';
import { HEALTH_CODE, METRIC_STEMS } from './metrics';
import { nodeIds, nodeRanges } from './node-ranges';
import { rawSamplesOfNodes } from './sample-levels';

/** Polls below this health code answered (uptime counts them). */
const UNREACHABLE = HEALTH_CODE.unreachable;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type RollupLevel = 'hour' | 'day';

export interface RollupOptions {
  /** How long after an hour ends before it is rolled up (late samples still land). Default 2 min. */
  graceMs?: number;
  /**
   * Nodes per transaction. better-sqlite3 is synchronous: one bucket × 100 nodes (~6,000 samples) keeps each step
   * well under a frame of main-thread time, and a catch-up after weeks offline is many short steps.
   */
  nodesPerStep?: number;
}

const columns = ['count', 'worst_health', 'up_count', 'earning_count', ...METRIC_STEMS.flatMap((m) => [`${m}_min`, `${m}_avg`, `${m}_max`])].join(', ');

// One bucket per statement, one node range per step; each raw level is walked by its own key
// (rawSamplesOfNodes). up_count: polls the node answered (health below unreachable); earning_count:
// of those, the CONFIRMED ones.
const hourlySelect = `SELECT node_id, @from, count(*), max(health), sum(health < ${UNREACHABLE}),
  sum(health < ${UNREACHABLE} AND status = 'CONFIRMED'),
  ${METRIC_STEMS.map((m) => `min(${m}), avg(${m}), max(${m})`).join(', ')}
  FROM (${rawSamplesOfNodes(['node_id', 'health', 'status', ...METRIC_STEMS], { nodeRange: true })}) GROUP BY node_id`;

// A day's average weights each hour by its sample count (hours where the metric was unknown do not count);
// its up count is known only when every hour's is (hours rolled up before migration 014 have none).
const dailySelect = `SELECT n.id, @from, sum(h.count), max(h.worst_health),
  CASE WHEN count(h.up_count) = count(*) THEN sum(h.up_count) END, sum(h.earning_count),
  ${METRIC_STEMS.map((m) => `min(h.${m}_min), sum(h.${m}_avg * h.count) / sum(CASE WHEN h.${m}_avg IS NOT NULL THEN h.count END), max(h.${m}_max)`).join(', ')}
  FROM nodes n CROSS JOIN samples_hourly h ON h.node_id = n.id AND h.bucket_start >= @from AND h.bucket_start < @to
  WHERE n.id BETWEEN @lo AND @hi GROUP BY n.id`;

/** Where a level has rolled up to (exclusive), or undefined before its first roll-up. */
export function rolledUntil(db: Db, level: RollupLevel): number | undefined {
  const row = db.prepare<[string], { done_until: number }>('SELECT done_until FROM history_rollups WHERE level = ?').get(level);
  return row?.done_until;
}

/**
 * Rolls up every COMPLETED bucket since the last run: raw → hourly for hours that ended at least
 * `graceMs` ago, hourly → daily for days whose hours are all rolled up. Idempotent: buckets are
 * recomputed from their source with INSERT OR REPLACE; the progress mark moves once a bucket is
 * done for every node. Returns how many bucket rows were written per level.
 */
export function rollUp(db: Db, now: number, options: RollupOptions = {}): { hour: number; day: number } {
  return runSteps(rollUpSteps(db, now, options));
}

/**
 * The same work as `rollUp`, one short transaction per `next()`, so a caller on the main thread can
 * yield to the event loop between steps.
 */
export function* rollUpSteps(db: Db, now: number, options: RollupOptions = {}): Generator<void, { hour: number; day: number }> {
  const chunks = nodeRanges(nodeIds(db), options.nodesPerStep ?? 100);
  const result = { hour: 0, day: 0 };
  const hourFrom = rolledUntil(db, 'hour') ?? floor(earliestSample(db) ?? now, HOUR_MS);
  result.hour = yield* level(db, 'hour', hourFrom, floor(now - (options.graceMs ?? 120_000), HOUR_MS), chunks);
  const hourDone = rolledUntil(db, 'hour');
  if (hourDone === undefined) return result;
  const dayFrom = rolledUntil(db, 'day') ?? floor(earliest(db, 'samples_hourly', 'bucket_start') ?? hourDone, DAY_MS);
  result.day = yield* level(db, 'day', dayFrom, floor(hourDone, DAY_MS), chunks);
  return result;
}

function* level(db: Db, which: RollupLevel, fromMs: number, toMs: number, chunks: [number, number][]): Generator<void, number> {
  const size = which === 'hour' ? HOUR_MS : DAY_MS;
  const insert = db.prepare(
    `INSERT OR REPLACE INTO ${which === 'hour' ? 'samples_hourly' : 'samples_daily'} (node_id, bucket_start, ${columns}) ${which === 'hour' ? hourlySelect : dailySelect}`,
  );
  const mark = db.prepare(`INSERT INTO history_rollups (level, done_until) VALUES (?, ?)
    ON CONFLICT (level) DO UPDATE SET done_until = max(done_until, excluded.done_until)`);
  let written = 0;
  for (let from = floor(fromMs, size); from + size <= toMs; from += size) {
    for (const [lo, hi] of chunks) {
      written += db.transaction(() => insert.run({ from, to: from + size, lo, hi }).changes).immediate();
      yield;
    }
    mark.run(which, from + size);
  }
  return written;
}

export function floor(ms: number, size: number): number {
  return Math.floor(ms / size) * size;
}

function earliest(db: Db, table: 'samples_by_node' | 'samples_hourly', column: 'at' | 'bucket_start'): number | undefined {
  // Per-node min() is a PK seek; a plain min(column) would scan the table.
  const row = db.prepare<[], { first: number | null }>(`SELECT min((SELECT min(${column}) FROM ${table} WHERE node_id = n.id)) AS first FROM nodes n`).get();
  return row?.first ?? undefined;
}

function earliestSample(db: Db): number | undefined {
  // The recent level's key starts with the time: its min() is one seek.
  const recent = db.prepare<[], { first: number | null }>('SELECT min(at) AS first FROM samples_recent').get()?.first ?? undefined;
  const byNode = earliest(db, 'samples_by_node', 'at');
  // The first period is the first key range: its rows' min() reads that period only.
  const byPeriod =
    db.prepare<[], { first: number | null }>('SELECT min(at) AS first FROM samples_by_period WHERE period = (SELECT min(period) FROM samples_by_period)').get()?.first ?? undefined;
  const known = [recent, byNode, byPeriod].filter((t): t is number => t !== undefined);
  return known.length ? Math.min(...known) : undefined;
}
