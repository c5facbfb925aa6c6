import type { Health } from '../../../src-shared/contract';
import type { FleetRow } from './fleet-query';
import { sortNaturally } from './natural-key';
import { healthOf, walletOf } from './fleet-row-view';

export type GroupBy = 'none' | 'owner' | 'wallet';

/** One group header of the fleet table: its rows are `rows[start, start + count)`. */
export interface FleetGroup {
  /** The owner's name or the payment address; null for rows without one. */
  readonly key: string | null;
  readonly start: number;
  readonly count: number;
  readonly ids: readonly number[];
  readonly health: Readonly<Partial<Record<Health, number>>>;
}

export interface Grouping {
  /** The rows in table order: group by group, each keeping the sort order. */
  readonly rows: readonly FleetRow[];
  readonly groups: readonly FleetGroup[];
}

/** Owner (by node id) or wallet of a row, whichever the table groups or filters by. */
export function groupKey(row: FleetRow, by: Exclude<GroupBy, 'none'>, ownerOf: (id: number) => string | null): string | null {
  return by === 'owner' ? ownerOf(row.id) : walletOf(row);
}

/**
 * Groups sorted rows without re-sorting inside a group; groups in natural order of their key,
 * the rows with no owner / wallet last.
 */
export function groupRows(rows: readonly FleetRow[], by: GroupBy, ownerOf: (id: number) => string | null): Grouping {
  if (by === 'none') return { rows, groups: [] };
  const buckets = new Map<string | null, FleetRow[]>();
  for (const row of rows) {
    const key = groupKey(row, by, ownerOf);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = []));
    bucket.push(row);
  }
  const named = [...buckets.keys()].filter((key) => key !== null);
  const keys = buckets.has(null) ? [...sortNaturally(named), null] : sortNaturally(named);
  const ordered: FleetRow[] = [];
  const groups: FleetGroup[] = [];
  for (const key of keys) {
    const bucket = buckets.get(key)!;
    const health: Partial<Record<Health, number>> = {};
    for (const row of bucket) {
      const h = healthOf(row);
      health[h] = (health[h] ?? 0) + 1;
    }
    groups.push({ key, start: ordered.length, count: bucket.length, ids: bucket.map((row) => row.id), health });
    ordered.push(...bucket);
  }
  return { rows: ordered, groups };
}
