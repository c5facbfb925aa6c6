import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testkit/temp-dir';
import type { Db } from '../store/database';
import { generateHistory } from './generate-history';
import { HistoryRepo } from './history.repo';
import { prune } from './retention';
import { DAY_MS, HOUR_MS, rollUp } from './rollup';
import { openHistoryDb } from '../../testkit/history';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
const END = Date.UTC(2025, 5, 1);
const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('generateHistory', () => {
  it('writes what retention would leave: daily, then hourly, then raw, rolled up like the app', () => {
    const db = openHistoryDb(temp.dir);
    const result = generateHistory(db, { nodes: 3, days: 20, intervalMs: 10 * 60_000, endMs: END, rawMs: 3 * DAY_MS, hourlyMs: 10 * DAY_MS });
    expect(result).toMatchObject({ samples: 3 * 3 * 144, hourly: 3 * 7 * 24 + 3 * (3 * 24 - 1), daily: 3 * 10 });
    expect(result.nodeIds).toHaveLength(3);
    expect(count(db, 'samples')).toBe(3 * 3 * 144);
    // The raw window's hours (bar the last, still within its grace period) were rolled up for real.
    expect(count(db, 'samples_hourly')).toBe(3 * 10 * 24 - 3);
    expect(count(db, 'samples_daily')).toBe(3 * 19);
    expect(count(db, 'node_status')).toBe(3);
    // A later maintenance run finds nothing to redo and nothing to prune.
    expect(rollUp(db, END)).toEqual({ hour: 0, day: 0 });
    expect(prune(db, END, { rawMs: 3 * DAY_MS, hourlyMs: 10 * DAY_MS })).toEqual({ samples: 0, hourly: 0, daily: 0, events: 0 });

    // The raw window's hourly rows equal what the SQL roll-up computes from the raw samples.
    const rawWindow = (d: Db) =>
      d.prepare('SELECT * FROM samples_hourly WHERE bucket_start >= ? ORDER BY node_id, bucket_start').all(END - 3 * DAY_MS) as Record<string, number | null>[];
    const generated = rawWindow(db);
    db.prepare('DELETE FROM samples_hourly WHERE bucket_start >= ?').run(END - 3 * DAY_MS);
    db.prepare("UPDATE history_rollups SET done_until = ? WHERE level = 'hour'").run(END - 3 * DAY_MS);
    rollUp(db, END);
    const recomputed = rawWindow(db);
    expect(recomputed).toHaveLength(generated.length);
    recomputed.forEach((row, i) => {
      for (const [key, value] of Object.entries(row)) {
        if (typeof value === 'number') expect(generated[i]![key]).toBeCloseTo(value, 6);
        else expect(generated[i]![key]).toBe(value);
      }
    });

    const repo = new HistoryRepo(db);
    expect(repo.latestAll()).toHaveLength(3);
    const id = result.nodeIds[0]!;
    const year = repo.series(id, 'eps', END - 100 * DAY_MS, END);
    expect(year.resolution).toBe('day');
    expect(year.t).toHaveLength(20);
    expect(year.avg.every((v) => typeof v === 'number' && v > 0)).toBe(true);
    const week = repo.series(id, 'diskFreePct', END - 7 * DAY_MS, END);
    expect(week.resolution).toBe('hour');
    expect(week.t).toHaveLength(7 * 24);
    expect(week.t.at(-1)).toBe(END - HOUR_MS);
    db.close();
  });

  it('is deterministic for a seed and reuses existing nodes', () => {
    const a = openHistoryDb(temp.dir, 'a.db');
    const b = openHistoryDb(temp.dir, 'b.db');
    const opts = { nodes: 2, days: 2, intervalMs: 60_000, endMs: END, seed: 7 };
    generateHistory(a, opts);
    generateHistory(b, opts);
    const dump = (db: Db) => db.prepare('SELECT * FROM samples ORDER BY node_id, at').all();
    expect(dump(a)).toEqual(dump(b));
    const again = generateHistory(a, { ...opts, nodes: 2 });
    expect(again.nodeIds).toEqual(generateHistory(b, opts).nodeIds);
    expect(count(a, 'nodes')).toBe(2);
    a.close();
    b.close();
  });
});
