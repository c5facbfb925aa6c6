import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testkit/temp-dir';
import type { Db } from '../store/database';
import { HistoryRepo } from './history.repo';
import { DAY_MS, HOUR_MS, rollUp } from './rollup';
import { chooseResolution, querySeries } from './series';
import { addNodes, okStatus, openHistoryDb } from '../../testkit/history';

const temp = makeTempDir();
const T0 = Date.UTC(2025, 0, 1);
const MIN = 60_000;
let db: Db;
let id: number;
/** 10 days of one node polled every minute; eps = minute index within the hour (0…59). */
const DAYS = 10;
const END = T0 + DAYS * DAY_MS;

beforeAll(() => {
  db = openHistoryDb(temp.dir);
  [id] = addNodes(db, 1) as [number];
  const repo = new HistoryRepo(db);
  const bench = okStatus(id, 0).benchmark!;
  let batch = [];
  for (let at = T0; at < END; at += MIN) {
    const minute = ((at - T0) / MIN) % 60;
    batch.push(okStatus(id, at, { benchmark: { ...bench, eps: minute }, health: minute === 30 ? 'unreachable' : 'ok' }));
    if (batch.length === 5000) {
      repo.record(batch);
      batch = [];
    }
  }
  repo.record(batch);
  // Roll up all but the last 5 hours, so long ranges must fill "now" from raw samples.
  rollUp(db, END - 5 * HOUR_MS);
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

describe('series', () => {
  it('chooses raw up to 2 days, hourly up to 60 days, daily beyond', () => {
    expect(chooseResolution(0, 2 * DAY_MS)).toBe('raw');
    expect(chooseResolution(0, 2 * DAY_MS + 1)).toBe('hour');
    expect(chooseResolution(0, 60 * DAY_MS)).toBe('hour');
    expect(chooseResolution(0, 61 * DAY_MS)).toBe('day');
  });

  it('returns raw samples for a short range', () => {
    const s = querySeries(db, id, 'eps', T0, T0 + HOUR_MS);
    expect(s.resolution).toBe('raw');
    expect(s.t).toHaveLength(60);
    expect(s.avg.slice(0, 3)).toEqual([0, 1, 2]);
    expect(s.min).toEqual(s.max);
  });

  it('caps a dense raw range at maxPoints with bucketed min/avg/max', () => {
    const s = querySeries(db, id, 'eps', T0, T0 + 2 * DAY_MS); // 2,880 samples
    expect(s.resolution).toBe('raw');
    expect(s.t.length).toBeLessThanOrEqual(1500);
    expect(s.t.length).toBeGreaterThan(1000);
    // Each 2-minute bucket holds minutes 2k and 2k+1.
    expect([s.min[0], s.avg[0], s.max[0]]).toEqual([0, 0.5, 1]);
    const small = querySeries(db, id, 'eps', T0, T0 + 2 * DAY_MS, { maxPoints: 48 });
    expect(small.t).toHaveLength(48);
    expect([small.min[0], small.avg[0], small.max[0]]).toEqual([0, 29.5, 59]);
  });

  it('uses hourly roll-ups for a week and reaches the newest, not yet rolled-up hours', () => {
    const s = querySeries(db, id, 'eps', END - 7 * DAY_MS, END);
    expect(s.resolution).toBe('hour');
    expect(s.t).toHaveLength(7 * 24);
    expect(s.t.at(-1)).toBe(END - HOUR_MS);
    expect(new Set(s.avg)).toEqual(new Set([29.5]));
    expect(new Set(s.max)).toEqual(new Set([59]));
    const health = querySeries(db, id, 'health', END - 7 * DAY_MS, END);
    expect(new Set(health.max)).toEqual(new Set([4])); // worst health of every hour: one unreachable poll
    expect(new Set(health.min)).toEqual(new Set([0]));
  });

  it('uses daily roll-ups for a long range, still covering the latest day', () => {
    const s = querySeries(db, id, 'eps', END - 90 * DAY_MS, END);
    expect(s.resolution).toBe('day');
    expect(s.t).toEqual(Array.from({ length: DAYS }, (_, i) => T0 + i * DAY_MS));
    expect(s.avg.every((v) => v !== null && Math.abs(v - 29.5) < 1e-9)).toBe(true);
    expect(querySeries(db, id, 'memUsedPct', END - 90 * DAY_MS, END).avg[0]).toBeCloseTo(75);
  });

  it('answers empty for an unknown node or an empty range', () => {
    expect(querySeries(db, 999, 'eps', T0, END).t).toEqual([]);
    expect(querySeries(db, id, 'eps', END, T0).t).toEqual([]);
  });
});
