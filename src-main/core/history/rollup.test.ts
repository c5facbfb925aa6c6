import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testkit/temp-dir';
import type { Db } from '../store/database';
import { HistoryMaintenance } from './history-maintenance';
import { HistoryRepo } from './history.repo';
import { checkpointIfLarge, prune } from './retention';
import { DAY_MS, HOUR_MS, rollUp, rolledUntil } from './rollup';
import { addNodes, okStatus, openHistoryDb } from '../../testkit/history';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
let n = 0;
const T0 = Date.UTC(2025, 0, 1); // midnight UTC
const MIN = 60_000;
const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Two nodes polled every 10 minutes from T0 for `hours`; node A's eps counts up 0,1,2… */
function seed(hours: number): { db: Db; a: number; b: number } {
  const db = openHistoryDb(temp.dir, `r${++n}.db`);
  const [a, b] = addNodes(db, 2) as [number, number];
  const repo = new HistoryRepo(db);
  const batch = [];
  for (let i = 0; i < hours * 6; i++) {
    const at = T0 + i * 10 * MIN;
    const bench = okStatus(a, 0).benchmark!;
    batch.push(okStatus(a, at, { benchmark: { ...bench, eps: i }, health: i === 3 ? 'critical' : 'ok' }));
    batch.push(okStatus(b, at, { benchmark: { ...bench, eps: null } }));
  }
  repo.record(batch);
  return { db, a, b };
}

describe('roll-ups', () => {
  it('rolls completed hours into hourly buckets with count, min/avg/max and worst health', () => {
    const { db, a, b } = seed(3);
    // 02:30 + grace: hours 00 and 01 are complete, 02 is not.
    expect(rollUp(db, T0 + 2.5 * HOUR_MS)).toEqual({ hour: 4, day: 0 });
    const rows = db.prepare('SELECT * FROM samples_hourly WHERE node_id = ? ORDER BY bucket_start').all(a) as { bucket_start: number; count: number; eps_min: number; eps_avg: number; eps_max: number; worst_health: number }[];
    expect(rows.map((r) => [r.bucket_start - T0, r.count, r.eps_min, r.eps_avg, r.eps_max, r.worst_health])).toEqual([
      [0, 6, 0, 2.5, 5, 3],
      [HOUR_MS, 6, 6, 8.5, 11, 0],
    ]);
    const other = db.prepare('SELECT eps_avg, disk_free_pct_avg FROM samples_hourly WHERE node_id = ?').get(b);
    expect(other).toEqual({ eps_avg: null, disk_free_pct_avg: 25 });
    expect(rolledUntil(db, 'hour')).toBe(T0 + 2 * HOUR_MS);
    db.close();
  });

  it('is incremental and idempotent', () => {
    const { db } = seed(30);
    const now = T0 + 30 * HOUR_MS + 5 * MIN;
    const first = rollUp(db, now);
    expect(first).toEqual({ hour: 60, day: 2 });
    const snapshot = db.prepare('SELECT * FROM samples_hourly ORDER BY node_id, bucket_start').all();
    expect(rollUp(db, now)).toEqual({ hour: 0, day: 0 });
    // Even from scratch (progress marks lost), recomputation gives the same rows.
    db.exec('DELETE FROM history_rollups');
    rollUp(db, now);
    expect(db.prepare('SELECT * FROM samples_hourly ORDER BY node_id, bucket_start').all()).toEqual(snapshot);
    db.close();
  });

  it('rolls whole days from hours, weighting averages by sample count', () => {
    const { db, a } = seed(24);
    expect(rollUp(db, T0 + DAY_MS + 5 * MIN)).toEqual({ hour: 48, day: 2 });
    const day = db.prepare('SELECT * FROM samples_daily WHERE node_id = ?').get(a) as Record<string, number>;
    expect(day).toMatchObject({ bucket_start: T0, count: 144, eps_min: 0, eps_max: 143, worst_health: 3 });
    expect(day.eps_avg).toBeCloseTo(71.5);
    db.close();
  });
});

describe('retention', () => {
  it('deletes raw past 14 days and hourly past 90, keeps daily, and never deletes what is not rolled up', () => {
    const db = openHistoryDb(temp.dir, `ret${++n}.db`);
    const [a] = addNodes(db, 1) as [number];
    const repo = new HistoryRepo(db);
    const days = 100;
    const batch = [];
    for (let d = 0; d < days; d++) for (let h = 0; h < 24; h += 6) batch.push(okStatus(a, T0 + d * DAY_MS + h * HOUR_MS));
    repo.record(batch);
    const now = T0 + days * DAY_MS;
    // Not rolled up yet: retention keeps everything.
    expect(prune(db, now)).toEqual({ samples: 0, hourly: 0, daily: 0, events: 0 });
    rollUp(db, now + 5 * MIN); // the last hour is complete once its grace has passed
    expect(count(db, 'samples_daily')).toBe(100);
    const pruned = prune(db, now);
    expect(pruned.samples).toBe((days - 14) * 4);
    expect(pruned.hourly).toBe((days - 90) * 4);
    expect(count(db, 'samples')).toBe(14 * 4);
    expect((db.prepare('SELECT min(at) AS m FROM samples').get() as { m: number }).m).toBe(now - 14 * DAY_MS);
    expect(count(db, 'samples_hourly')).toBe(90 * 4);
    expect(count(db, 'samples_daily')).toBe(100);
    expect(prune(db, now)).toEqual({ samples: 0, hourly: 0, daily: 0, events: 0 });
    // Configurable: a shorter raw window.
    expect(prune(db, now, { rawMs: 7 * DAY_MS }).samples).toBe(7 * 4);
    db.close();
  });

  it('checkpoints the WAL past the threshold and the maintenance job runs all three', () => {
    const { db } = seed(30);
    expect(checkpointIfLarge(db, 1).ran).toBe(true);
    const report = new HistoryMaintenance(db, { walThresholdBytes: 0 }).runOnce(T0 + 30 * HOUR_MS + 5 * MIN);
    expect(report.rolledUp).toEqual({ hour: 60, day: 2 });
    expect(report.checkpoint.ran).toBe(true);
    db.close();
  });

  it('the async maintenance run does the same work in short steps', async () => {
    const { db } = seed(30);
    const report = await new HistoryMaintenance(db, { retention: { rawMs: DAY_MS } }).run(T0 + 30 * HOUR_MS + 5 * MIN);
    expect(report.rolledUp).toEqual({ hour: 60, day: 2 });
    expect(report.pruned.samples).toBe(2 * 37); // polls before 06:05, one day before "now"
    db.close();
  });
});
