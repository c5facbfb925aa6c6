import { statSync } from 'node:fs';
import type { Db } from '../store/database';
import { nodeIds, nodeRanges } from './node-ranges';
import { runSteps } from './steps';
import { DAY_MS, rolledUntil } from './rollup';

export interface RetentionPolicy {
  /** Raw samples. Default 14 days. */
  rawMs?: number;
  /** Hourly roll-ups. Default 90 days. */
  hourlyMs?: number;
  /** Daily roll-ups; null keeps them forever (default). */
  dailyMs?: number | null;
  /** Events; null keeps them forever (default). */
  eventsMs?: number | null;
}

export const DEFAULT_RETENTION = { rawMs: 14 * DAY_MS, hourlyMs: 90 * DAY_MS, dailyMs: null, eventsMs: null } as const;

export interface PruneResult {
  samples: number;
  hourly: number;
  daily: number;
  events: number;
}

/**
 * Deletes history past its retention. Rows not yet rolled up to the next level are kept even when
 * old, so pruning never loses data a chart could still show.
 */
export function prune(db: Db, now: number, policy: RetentionPolicy = {}): PruneResult {
  return runSteps(pruneSteps(db, now, policy));
}

/** The same work as `prune`, one short transaction (≤ `nodesPerStep` nodes) per `next()`. */
export function* pruneSteps(db: Db, now: number, policy: RetentionPolicy = {}, nodesPerStep = 100): Generator<void, PruneResult> {
  const rawMs = policy.rawMs ?? DEFAULT_RETENTION.rawMs;
  const hourlyMs = policy.hourlyMs ?? DEFAULT_RETENTION.hourlyMs;
  const dailyMs = policy.dailyMs === undefined ? DEFAULT_RETENTION.dailyMs : policy.dailyMs;
  const eventsMs = policy.eventsMs === undefined ? DEFAULT_RETENTION.eventsMs : policy.eventsMs;
  const rawCut = Math.min(now - rawMs, rolledUntil(db, 'hour') ?? Number.NEGATIVE_INFINITY);
  const hourlyCut = Math.min(now - hourlyMs, rolledUntil(db, 'day') ?? Number.NEGATIVE_INFINITY);
  const ids = nodeIds(db);
  // `node_id IN (SELECT id FROM nodes …)` makes each delete a PK range per node instead of a full scan.
  function* del(table: string, column: string, cut: number): Generator<void, number> {
    if (!Number.isFinite(cut)) return 0;
    const stmt = db.prepare(`DELETE FROM ${table} WHERE node_id IN (SELECT id FROM nodes WHERE id BETWEEN ? AND ?) AND ${column} < ?`);
    let deleted = 0;
    for (const [lo, hi] of nodeRanges(ids, nodesPerStep)) {
      deleted += db.transaction(() => stmt.run(lo, hi, cut).changes).immediate();
      yield;
    }
    return deleted;
  }
  let samples = yield* del('samples_by_node', 'at', rawCut);
  samples += yield* delPeriods(db, rawCut, ids, nodesPerStep);
  if (Number.isFinite(rawCut)) {
    // The recent level is keyed by time: its old rows are one range at the start.
    samples += db.transaction(() => db.prepare('DELETE FROM samples_recent WHERE at < ?').run(rawCut).changes).immediate();
    yield;
  }
  const hourly = yield* del('samples_hourly', 'bucket_start', hourlyCut);
  const daily = dailyMs === null ? 0 : yield* del('samples_daily', 'bucket_start', now - dailyMs);
  const events = eventsMs === null ? 0 : yield* del('events', 'at', now - eventsMs);
  return { samples, hourly, daily, events };
}

/**
 * Moved samples before `cut`: per period that starts before it, a node range per step (one key range
 * each); then the periods left empty.
 */
function* delPeriods(db: Db, cut: number, ids: readonly number[], size: number): Generator<void, number> {
  if (!Number.isFinite(cut) || ids.length === 0) return 0;
  const periods = db.prepare<[number], number>('SELECT start FROM samples_periods WHERE start < ? ORDER BY start').pluck().all(cut);
  const stmt = db.prepare<[number, number, number, number]>('DELETE FROM samples_by_period WHERE period = ? AND node_id BETWEEN ? AND ? AND at < ?');
  let deleted = 0;
  const ranges = nodeRanges(ids, size, { open: true });
  for (const period of periods) {
    for (const [lo, hi] of ranges) {
      deleted += db.transaction(() => stmt.run(period, lo, hi, cut).changes).immediate();
      yield;
    }
  }
  db.prepare('DELETE FROM samples_periods WHERE until <= ? AND NOT EXISTS (SELECT 1 FROM samples_by_period WHERE period = start)').run(cut);
  return deleted;
}

/**
 * Checkpoints and truncates the WAL once it grows past `thresholdBytes`. Long-lived readers can
 * starve automatic checkpoints and let the WAL grow without bound (ecosystem.md §C.3).
 * Returns whether a checkpoint ran and whether it completed (not blocked by a reader).
 */
export function checkpointIfLarge(db: Db, thresholdBytes = 32 * 1024 * 1024): { ran: boolean; complete: boolean; walBytes: number } {
  const walBytes = walSize(db);
  if (walBytes <= thresholdBytes) return { ran: false, complete: true, walBytes };
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return { ran: true, complete: result?.busy === 0, walBytes };
}

function walSize(db: Db): number {
  if (db.memory) return 0;
  try {
    return statSync(`${db.name}-wal`).size;
  } catch {
    return 0;
  }
}
