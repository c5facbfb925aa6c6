import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testkit/temp-dir';
import { addNodes, okStatus, openHistoryDb } from '../../testkit/history';
import { HistoryRepo } from './history.repo';
import { HOUR_MS, rollUp } from './rollup';
import { queryUptime } from './uptime';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
const T0 = Date.UTC(2025, 0, 1);
const MIN = 60_000;

describe('fleet uptime', () => {
  it('counts answered polls per hour from roll-ups and raw samples, for many nodes in one call', () => {
    const db = openHistoryDb(temp.dir, 'uptime.db');
    const [a, b, silent] = addNodes(db, 3) as [number, number, number];
    const repo = new HistoryRepo(db);
    const batch = [];
    // Three hours of polls every 10 min; node A is unreachable for 3 of the 6 polls of hour 1.
    for (let i = 0; i < 18; i++) {
      const at = T0 + i * 10 * MIN;
      batch.push(okStatus(a, at, { health: i >= 6 && i < 9 ? 'unreachable' : i === 14 ? 'warning' : 'ok' }));
      batch.push(okStatus(b, at));
    }
    repo.record(batch);
    // Hours 0 and 1 rolled up; hour 2 is read from raw samples.
    rollUp(db, T0 + 2.5 * HOUR_MS);
    const now = T0 + 2.9 * HOUR_MS;
    const [ua, ub, us] = queryUptime(db, [a, b, silent], now, 4);

    expect(ua!.bars.map((bar) => bar && [bar.health, bar.polls, bar.upPct])).toEqual([null, ['ok', 6, 100], ['unreachable', 6, 50], ['warning', 6, 100]]);
    expect(ua!.uptimePct).toBeCloseTo((15 / 18) * 100);
    expect(ub!.uptimePct).toBe(100);
    expect(us).toEqual({ nodeId: silent, uptimePct: null, bars: [null, null, null, null] });
    db.close();
  });

  it('reads buckets rolled up before the up count existed only where their health decides it', () => {
    const db = openHistoryDb(temp.dir, 'legacy.db');
    const [a] = addNodes(db, 1) as [number];
    const insert = db.prepare('INSERT INTO samples_hourly (node_id, bucket_start, count, worst_health, health_min, up_count) VALUES (?, ?, ?, ?, ?, NULL)');
    insert.run(a, T0, 6, 0, 0); // all answered
    insert.run(a, T0 + HOUR_MS, 6, 4, 4); // all silent
    insert.run(a, T0 + 2 * HOUR_MS, 6, 4, 0); // mixed: unknown
    db.prepare("INSERT INTO history_rollups (level, done_until) VALUES ('hour', ?)").run(T0 + 3 * HOUR_MS);
    const [u] = queryUptime(db, [a], T0 + 2.5 * HOUR_MS, 3);
    expect(u!.bars.map((bar) => bar?.upPct)).toEqual([100, 0, null]);
    expect(u!.uptimePct).toBe(50);
    db.close();
  });
});
