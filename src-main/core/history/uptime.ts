import type { NodeUptime, UptimeBar } from '../../../src-shared/contract';
import type { Db } from '../store/database';
import { HEALTH_CODE, healthFromCode } from './metrics';
import { HOUR_MS, floor, rolledUntil } from './rollup';
import { rawSamplesWhere } from './sample-levels';

/** The fleet table's window: Uptime Kuma's 24 hourly bars, the current hour last. */
export const UPTIME_HOURS = 24;

const UNREACHABLE = HEALTH_CODE.unreachable;

interface BucketRow {
  node_id: number;
  t: number;
  polls: number;
  worst: number;
  up: number | null;
}

/**
 * Uptime (share of polls the node answered) and one bar per hour for many nodes at once: two
 * statements whatever the number of nodes, hourly roll-ups for the hours already rolled up and
 * raw samples only for the stretch after them (normally the current hour).
 */
export function queryUptime(db: Db, nodeIds: readonly number[], now: number, hours = UPTIME_HOURS): NodeUptime[] {
  const end = floor(now, HOUR_MS) + HOUR_MS;
  const start = end - hours * HOUR_MS;
  const split = Math.min(end, Math.max(start, rolledUntil(db, 'hour') ?? start));
  const ids = JSON.stringify([...new Set(nodeIds)]);
  // Buckets rolled up before migration 014 carry no up count: all-answered or all-silent hours
  // still say so through their health range; mixed ones stay unknown.
  const rolled = db
    .prepare<[string, number, number], BucketRow>(
      `SELECT node_id, bucket_start AS t, count AS polls, worst_health AS worst,
         coalesce(up_count, CASE WHEN worst_health < ${UNREACHABLE} THEN count WHEN health_min >= ${UNREACHABLE} THEN 0 END) AS up
       FROM samples_hourly WHERE node_id IN (SELECT value FROM json_each(?)) AND bucket_start >= ? AND bucket_start < ?`,
    )
    .all(ids, start, split);
  const recent = db
    .prepare<{ ids: string; from: number; to: number }, BucketRow>(
      `SELECT node_id, (at / ${HOUR_MS}) * ${HOUR_MS} AS t, count(*) AS polls, max(health) AS worst, sum(health < ${UNREACHABLE}) AS up
       FROM (${rawSamplesWhere(['node_id', 'at', 'health'], 's.node_id IN (SELECT value FROM json_each(@ids))')}) GROUP BY node_id, t`,
    )
    .all({ ids, from: split, to: end });

  const byNode = new Map<number, NodeUptime>(nodeIds.map((id) => [id, { nodeId: id, uptimePct: null, bars: Array<UptimeBar | null>(hours).fill(null) }]));
  const totals = new Map<number, { polls: number; up: number }>();
  for (const row of [...rolled, ...recent]) {
    const entry = byNode.get(row.node_id);
    const slot = Math.floor((row.t - start) / HOUR_MS);
    if (!entry || slot < 0 || slot >= hours) continue;
    entry.bars[slot] = { t: row.t, health: healthFromCode(row.worst), polls: row.polls, upPct: row.up === null ? null : (100 * row.up) / row.polls };
    if (row.up === null) continue;
    const total = totals.get(row.node_id) ?? { polls: 0, up: 0 };
    total.polls += row.polls;
    total.up += row.up;
    totals.set(row.node_id, total);
  }
  for (const [id, total] of totals) byNode.get(id)!.uptimePct = total.polls > 0 ? (100 * total.up) / total.polls : null;
  return [...byNode.values()];
}
