import type { HistoryMetric, Series } from '../../../src-shared/contract';
import type { Db } from '../store/database';
import { METRIC_COLUMN } from './metrics';
import { DAY_MS, HOUR_MS, floor, rolledUntil } from './rollup';
import { rawSamplesWhere } from './sample-levels';

export type Resolution = Series['resolution'];

export interface SeriesOptions {
  /** About twice a chart's pixel width. Default 1,500. */
  maxPoints?: number;
  /** Ranges up to this use raw samples. Default 2 days. */
  rawMaxMs?: number;
  /** Ranges up to this use hourly roll-ups; longer ones daily. Default 60 days. */
  hourlyMaxMs?: number;
}

interface Point {
  t: number;
  min: number | null;
  avg: number | null;
  max: number | null;
  /** Samples behind the point, to weight averages when points merge. */
  n: number;
}

type Source = 'samples' | 'samples_hourly' | 'samples_daily';

export function chooseResolution(fromMs: number, toMs: number, options: SeriesOptions = {}): Resolution {
  const span = toMs - fromMs;
  if (span <= (options.rawMaxMs ?? 2 * DAY_MS)) return 'raw';
  if (span <= (options.hourlyMaxMs ?? 60 * DAY_MS)) return 'hour';
  return 'day';
}

/**
 * One node's metric over [fromMs, toMs) at the resolution the range calls for, never more than
 * `maxPoints` points (merged into min/avg/max buckets). The newest stretch not yet rolled up is
 * aggregated from the finer table on the fly, so a long-range chart still reaches "now".
 */
export function querySeries(db: Db, nodeId: number, metric: HistoryMetric, fromMs: number, toMs: number, options: SeriesOptions = {}): Series {
  const resolution = chooseResolution(fromMs, toMs, options);
  const empty: Series = { metric, resolution, t: [], min: [], avg: [], max: [] };
  if (!(toMs > fromMs)) return empty;
  const column = METRIC_COLUMN[metric];
  let points: Point[];
  if (resolution === 'raw') {
    points = read(db, 'samples', column, nodeId, fromMs, toMs, null);
  } else {
    const size = resolution === 'hour' ? HOUR_MS : DAY_MS;
    const start = floor(fromMs, size);
    const hourDone = clamp(rolledUntil(db, 'hour'), start, toMs);
    const dayDone = resolution === 'day' ? clamp(rolledUntil(db, 'day'), start, hourDone) : start;
    points = [
      ...(resolution === 'day' ? read(db, 'samples_daily', column, nodeId, start, dayDone, null) : []),
      ...read(db, 'samples_hourly', column, nodeId, dayDone, hourDone, resolution === 'day' ? DAY_MS : null),
      ...read(db, 'samples', column, nodeId, hourDone, toMs, size),
    ];
    points = merge(points, size);
  }
  const maxPoints = Math.max(10, Math.floor(options.maxPoints ?? 1500));
  if (points.length > maxPoints) points = merge(points, Math.ceil((toMs - fromMs) / maxPoints), fromMs);
  return {
    metric,
    resolution,
    t: points.map((p) => p.t),
    min: points.map((p) => p.min),
    avg: points.map((p) => p.avg),
    max: points.map((p) => p.max),
  };
}

function clamp(value: number | undefined, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value ?? lo));
}

/** Reads [from, to) of one source; with `width`, groups into buckets of that width. */
function read(db: Db, source: Source, column: string, nodeId: number, from: number, to: number, width: number | null): Point[] {
  if (!(to > from)) return [];
  const time = source === 'samples' ? 'at' : 'bucket_start';
  const raw = source === 'samples';
  const min = raw ? column : `${column}_min`;
  const avg = raw ? column : `${column}_avg`;
  const max = raw ? column : `${column}_max`;
  const n = raw ? `CASE WHEN ${column} IS NULL THEN 0 ELSE 1 END` : `CASE WHEN ${avg} IS NULL THEN 0 ELSE count END`;
  // Raw samples come from every level, each by its own key (rawSamplesWhere); roll-ups are one table.
  const rows = raw
    ? `(${rawSamplesWhere(['at', column], 's.node_id = @node')})`
    : `${source} WHERE node_id = @node AND ${time} >= @from AND ${time} < @to`;
  const sql =
    width === null
      ? `SELECT ${time} AS t, ${min} AS min, ${avg} AS avg, ${max} AS max, ${n} AS n FROM ${rows} ORDER BY ${time}`
      : `SELECT (${time} / ${width}) * ${width} AS t, min(${min}) AS min, sum(${avg} * (${n})) / nullif(sum(${n}), 0) AS avg,
           max(${max}) AS max, sum(${n}) AS n FROM ${rows} GROUP BY t ORDER BY t`;
  return db.prepare<{ node: number; from: number; to: number }, Point>(sql).all({ node: nodeId, from, to });
}

/** Merges time-ordered points into buckets of `width` (aligned to `origin`), weighting averages. */
function merge(points: Point[], width: number, origin = 0): Point[] {
  const out: Point[] = [];
  let current: (Point & { sum: number }) | undefined;
  for (const p of points) {
    const t = origin + Math.floor((p.t - origin) / width) * width;
    if (!current || current.t !== t) {
      if (current) out.push(finish(current));
      current = { t, min: p.min, avg: null, max: p.max, n: 0, sum: 0 };
    } else {
      current.min = p.min === null ? current.min : current.min === null ? p.min : Math.min(current.min, p.min);
      current.max = p.max === null ? current.max : current.max === null ? p.max : Math.max(current.max, p.max);
    }
    if (p.avg !== null && p.n > 0) {
      current.sum += p.avg * p.n;
      current.n += p.n;
    }
  }
  if (current) out.push(finish(current));
  return out;
}

function finish(p: Point & { sum: number }): Point {
  return { t: p.t, min: p.min, avg: p.n > 0 ? p.sum / p.n : null, max: p.max, n: p.n };
}
