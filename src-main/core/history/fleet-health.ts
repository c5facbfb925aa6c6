import type { FleetHealthSeries, Health } from '../../../src-shared/contract';
import type { Db } from '../store/database';
import { healthFromCode } from './metrics';
import { DAY_MS, HOUR_MS, floor, rolledUntil } from './rollup';
import { rawSamplesOfNodes } from './sample-levels';

/** Ranges up to this are counted per hour; longer ones per day (a week is 168 points). */
const HOURLY_MAX_MS = 8 * DAY_MS;

interface Row {
  b: number;
  h: number;
  n: number;
}

/**
 * How many nodes were at each health level in each hour (or day) of [fromMs, toMs): a node counts
 * once per bucket, at its worst health there. Read from the roll-ups, with the stretch not yet
 * rolled up taken from raw samples, so the chart reaches "now" without scanning raw history.
 */
export function queryFleetHealth(db: Db, fromMs: number, toMs: number): FleetHealthSeries {
  const resolution = toMs - fromMs <= HOURLY_MAX_MS ? 'hour' : 'day';
  const size = resolution === 'hour' ? HOUR_MS : DAY_MS;
  const start = floor(fromMs, size);
  const series = emptySeries(resolution);
  if (!(toMs > fromMs)) return series;
  const hourDone = clamp(rolledUntil(db, 'hour'), start, toMs);
  const dayDone = resolution === 'day' ? clamp(rolledUntil(db, 'day'), start, hourDone) : start;
  // `x - x % size` floors to the bucket (parameters bind as REAL, so `/` would not divide whole).
  // CROSS JOIN keeps `nodes` the outer loop: each node's (node_id, time) key is then one range
  // walk, never a scan of every sample of every node (raw samples: rawSamplesOfNodes).
  const rows = db
    .prepare<Record<string, number>, Row>(
      `SELECT b, h, COUNT(*) AS n FROM (
         SELECT node_id, b, MAX(h) AS h FROM (
           SELECT d.node_id, d.bucket_start - d.bucket_start % @size AS b, d.worst_health AS h
             FROM nodes n CROSS JOIN samples_daily d ON d.node_id = n.id AND d.bucket_start >= @start AND d.bucket_start < @dayDone
           UNION ALL
           SELECT o.node_id, o.bucket_start - o.bucket_start % @size, o.worst_health
             FROM nodes n CROSS JOIN samples_hourly o ON o.node_id = n.id AND o.bucket_start >= @dayDone AND o.bucket_start < @hourDone
           UNION ALL
           SELECT node_id, at - at % @size, health FROM (${rawSamplesOfNodes(['node_id', 'at', 'health'])})
         ) GROUP BY node_id, b
       ) GROUP BY b, h ORDER BY b`,
    )
    .all({ size, start, dayDone, hourDone, from: hourDone, to: toMs });
  let last = Number.NaN;
  for (const row of rows) {
    if (row.b !== last) {
      last = row.b;
      series.t.push(row.b);
      for (const level of LEVELS) series.counts[level].push(0);
    }
    const counts = series.counts[healthFromCode(row.h)];
    counts[counts.length - 1]! += row.n;
  }
  return series;
}

const LEVELS: readonly Health[] = ['ok', 'warning', 'critical', 'unreachable', 'unknown'];

function emptySeries(resolution: FleetHealthSeries['resolution']): FleetHealthSeries {
  return { resolution, t: [], counts: { ok: [], warning: [], critical: [], unreachable: [], unknown: [] } };
}

function clamp(value: number | undefined, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value ?? lo));
}
