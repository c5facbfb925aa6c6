import type { Db } from '../store/database';
import { METRIC_STEMS } from './metrics';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type RollupLevel = 'hour' | 'day';

/** Buckets per transaction: a catch-up after weeks offline never holds the write lock for long. */
const HOURS_PER_TX = 24;
const DAYS_PER_TX = 7;

const columns = ['count', 'worst_health', ...METRIC_STEMS.flatMap((m) => [`${m}_min`, `${m}_avg`, `${m}_max`])].join(', ');

// The join from `nodes` drives one PK range seek per node: `samples` has no index on `at` alone
// (it would cost every insert), and a bare `WHERE at BETWEEN` would scan the whole table.
const hourlySelect = `SELECT s.node_id, (s.at / ${HOUR_MS}) * ${HOUR_MS} AS bucket, count(*), max(s.health),
  ${METRIC_STEMS.map((m) => `min(s.${m}), avg(s.${m}), max(s.${m})`).join(', ')}
  FROM nodes n JOIN samples s ON s.node_id = n.id AND s.at >= @from AND s.at < @to
  GROUP BY s.node_id, bucket`;

// A day's average weights each hour by its sample count (hours where the metric was unknown do not count).
const dailySelect = `SELECT h.node_id, (h.bucket_start / ${DAY_MS}) * ${DAY_MS} AS bucket, sum(h.count), max(h.worst_health),
  ${METRIC_STEMS.map((m) => `min(h.${m}_min), sum(h.${m}_avg * h.count) / sum(CASE WHEN h.${m}_avg IS NOT NULL THEN h.count END), max(h.${m}_max)`).join(', ')}
  FROM nodes n JOIN samples_hourly h ON h.node_id = n.id AND h.bucket_start >= @from AND h.bucket_start < @to
  GROUP BY h.node_id, bucket`;

/** Where a level has rolled up to (exclusive), or undefined before its first roll-up. */
export function rolledUntil(db: Db, level: RollupLevel): number | undefined {
  const row = db.prepare<[string], { done_until: number }>('SELECT done_until FROM history_rollups WHERE level = ?').get(level);
  return row?.done_until;
}

/**
 * Rolls up every COMPLETED bucket since the last run: raw → hourly for hours that ended at least
 * `graceMs` ago (late samples still land), hourly → daily for days whose hours are all rolled up.
 * Idempotent: buckets are recomputed from their source with INSERT OR REPLACE, and the progress
 * mark moves in the same transaction. Returns how many bucket rows were written per level.
 */
export function rollUp(db: Db, now: number, graceMs = 120_000): { hour: number; day: number } {
  const hourFrom = rolledUntil(db, 'hour') ?? floor(earliest(db, 'samples', 'at') ?? now, HOUR_MS);
  const hour = rollUpRange(db, 'hour', hourFrom, floor(now - graceMs, HOUR_MS));
  const hourDone = rolledUntil(db, 'hour');
  if (hourDone === undefined) return { hour, day: 0 };
  const dayFrom = rolledUntil(db, 'day') ?? floor(earliest(db, 'samples_hourly', 'bucket_start') ?? hourDone, DAY_MS);
  const day = rollUpRange(db, 'day', dayFrom, floor(hourDone, DAY_MS));
  return { hour, day };
}

/** Rolls up [fromMs, toMs) of one level (bucket-aligned) and records the progress mark. */
export function rollUpRange(db: Db, level: RollupLevel, fromMs: number, toMs: number): number {
  const size = level === 'hour' ? HOUR_MS : DAY_MS;
  const step = size * (level === 'hour' ? HOURS_PER_TX : DAYS_PER_TX);
  const insert = db.prepare(
    `INSERT OR REPLACE INTO ${level === 'hour' ? 'samples_hourly' : 'samples_daily'} (node_id, bucket_start, ${columns}) ${level === 'hour' ? hourlySelect : dailySelect}`,
  );
  const mark = db.prepare(`INSERT INTO history_rollups (level, done_until) VALUES (?, ?)
    ON CONFLICT (level) DO UPDATE SET done_until = max(done_until, excluded.done_until)`);
  let written = 0;
  for (let from = floor(fromMs, size); from < toMs; from += step) {
    const to = Math.min(from + step, toMs);
    written += db.transaction(() => {
      const changes = insert.run({ from, to }).changes;
      mark.run(level, to);
      return changes;
    }).immediate();
  }
  return written;
}

export function floor(ms: number, size: number): number {
  return Math.floor(ms / size) * size;
}

function earliest(db: Db, table: 'samples' | 'samples_hourly', column: 'at' | 'bucket_start'): number | undefined {
  // Per-node min() is a PK seek; a plain min(column) would scan the table.
  const row = db.prepare<[], { first: number | null }>(`SELECT min((SELECT min(${column}) FROM ${table} WHERE node_id = n.id)) AS first FROM nodes n`).get();
  return row?.first ?? undefined;
}
