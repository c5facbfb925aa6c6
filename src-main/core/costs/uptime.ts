import type { Db } from '../store/database';
import { rolledUntil } from '../history/rollup';
import { rawSamplesOfNodes } from '../history/sample-levels';

/** Polls in a time range, and how many found the node answering and CONFIRMED (paid). */
export interface EarningPolls {
  polls: number;
  earning: number;
}

interface Row {
  nodeId: number;
  polls: number;
  earning: number;
}

/**
 * Earning polls per node in [fromMs, toMs), read from the finest history level that still holds
 * each stretch: daily roll-ups before the day mark, hourly ones up to the hour mark, raw samples
 * after it (retention only prunes rows a coarser level already has). Roll-up buckets from before
 * migration 011 have no earning count and are left out, not counted as downtime. `nodes` drives
 * the joins (CROSS JOIN fixes the loop order) so each node is one primary-key range seek.
 */
export function earningPolls(db: Db, fromMs: number, toMs: number): Map<number, EarningPolls> {
  const dayDone = Math.max(fromMs, Math.min(toMs, rolledUntil(db, 'day') ?? fromMs));
  const hourDone = Math.max(dayDone, Math.min(toMs, rolledUntil(db, 'hour') ?? dayDone));
  const rollup = (table: string) =>
    db.prepare<[number, number], Row>(
      `SELECT n.id AS nodeId, sum(r.count) AS polls, sum(r.earning_count) AS earning
       FROM nodes n CROSS JOIN ${table} r ON r.node_id = n.id AND r.bucket_start >= ? AND r.bucket_start < ?
       WHERE r.earning_count IS NOT NULL GROUP BY n.id`,
    );
  const raw = db.prepare<{ from: number; to: number }, Row>(
    `SELECT node_id AS nodeId, count(*) AS polls, sum(health < 4 AND status = 'CONFIRMED') AS earning
     FROM (${rawSamplesOfNodes(['node_id', 'health', 'status'])}) GROUP BY node_id`,
  );
  const out = new Map<number, EarningPolls>();
  const add = (rows: Row[]) => {
    for (const row of rows) {
      const seen = out.get(row.nodeId) ?? { polls: 0, earning: 0 };
      out.set(row.nodeId, { polls: seen.polls + row.polls, earning: seen.earning + row.earning });
    }
  };
  if (dayDone > fromMs) add(rollup('samples_daily').all(fromMs, dayDone));
  if (hourDone > dayDone) add(rollup('samples_hourly').all(dayDone, hourDone));
  if (toMs > hourDone) add(raw.all({ from: hourDone, to: toMs }));
  return out;
}
