import { statSync } from 'node:fs';
import type { Db } from '../store/database';
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
  const rawMs = policy.rawMs ?? DEFAULT_RETENTION.rawMs;
  const hourlyMs = policy.hourlyMs ?? DEFAULT_RETENTION.hourlyMs;
  const dailyMs = policy.dailyMs === undefined ? DEFAULT_RETENTION.dailyMs : policy.dailyMs;
  const eventsMs = policy.eventsMs === undefined ? DEFAULT_RETENTION.eventsMs : policy.eventsMs;
  const rawCut = Math.min(now - rawMs, rolledUntil(db, 'hour') ?? Number.NEGATIVE_INFINITY);
  const hourlyCut = Math.min(now - hourlyMs, rolledUntil(db, 'day') ?? Number.NEGATIVE_INFINITY);
  // `node_id IN (SELECT id FROM nodes)` makes each delete a PK range per node instead of a full scan.
  const del = (table: string, column: string, cut: number) =>
    Number.isFinite(cut)
      ? db.transaction(() => db.prepare(`DELETE FROM ${table} WHERE node_id IN (SELECT id FROM nodes) AND ${column} < ?`).run(cut).changes).immediate()
      : 0;
  return {
    samples: del('samples', 'at', rawCut),
    hourly: del('samples_hourly', 'bucket_start', hourlyCut),
    daily: dailyMs === null ? 0 : del('samples_daily', 'bucket_start', now - dailyMs),
    events: eventsMs === null ? 0 : db.transaction(() => db.prepare('DELETE FROM events WHERE at < ?').run(now - eventsMs).changes).immediate(),
  };
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
