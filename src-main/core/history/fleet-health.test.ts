import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '../../../src-shared/contract';
import { addNodes, okStatus, openHistoryDb } from '../../testkit/history';
import { makeTempDir } from '../../testkit/temp-dir';
import type { Db } from '../store/database';
import { queryFleetHealth } from './fleet-health';
import { HistoryRepo } from './history.repo';
import { DAY_MS, HOUR_MS, rollUp } from './rollup';

const temp = makeTempDir();
const T0 = Date.UTC(2025, 0, 1);
const STEP = 10 * 60_000;
const END = T0 + 3 * DAY_MS;
let db: Db;

/** Node 1 always ok; node 2 warning during hour 5 of each day; node 3 unreachable from day 2 on. */
function healthAt(node: number, at: number): Health {
  if (node === 2 && Math.floor((at - T0) / HOUR_MS) % 24 === 5) return 'warning';
  if (node === 3 && at >= T0 + DAY_MS) return 'unreachable';
  return 'ok';
}

beforeAll(() => {
  db = openHistoryDb(temp.dir);
  const ids = addNodes(db, 3);
  const repo = new HistoryRepo(db);
  const batch = [];
  for (let at = T0; at < END; at += STEP) for (const [i, id] of ids.entries()) batch.push(okStatus(id, at, { health: healthAt(i + 1, at) }));
  repo.record(batch);
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

describe('fleet health over time', () => {
  it('counts each node once per hour at its worst health, the same from raw samples as from the roll-ups', () => {
    const fromRaw = queryFleetHealth(db, T0, T0 + DAY_MS);
    rollUp(db, END - 5 * HOUR_MS);
    const rolled = queryFleetHealth(db, T0, T0 + DAY_MS);
    expect(rolled).toEqual(fromRaw);
    expect(rolled.resolution).toBe('hour');
    expect(rolled.t).toHaveLength(24);
    expect(rolled.counts.warning[5]).toBe(1);
    expect(rolled.counts.ok[5]).toBe(2);
    expect(rolled.counts.ok[6]).toBe(3);
    rolled.t.forEach((_, i) => expect(LEVELS.reduce((sum, level) => sum + rolled.counts[level][i]!, 0)).toBe(3));
  });

  it('counts per day over a long range, reaching the stretch not rolled up yet', () => {
    const s = queryFleetHealth(db, T0, END + 20 * DAY_MS);
    expect(s.resolution).toBe('day');
    expect(s.t).toEqual([T0, T0 + DAY_MS, T0 + 2 * DAY_MS]);
    expect(s.counts.unreachable).toEqual([0, 1, 1]);
    expect(s.counts.warning).toEqual([1, 1, 1]);
    expect(s.counts.ok).toEqual([2, 1, 1]);
  });

  it('is empty where nothing was recorded', () => {
    const s = queryFleetHealth(db, END + DAY_MS, END + 2 * DAY_MS);
    expect(s.t).toEqual([]);
    expect(s.counts.ok).toEqual([]);
  });
});

const LEVELS: readonly Health[] = ['ok', 'warning', 'critical', 'unreachable', 'unknown'];
