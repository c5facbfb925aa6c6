import type { FleetRowChange, FleetRowStatus, Health } from '../../../src-shared/contract';
import { walletOf } from './fleet-row-view';
import { HEALTH_RANK } from './health-style';
import { naturalKey, sortNaturally } from './natural-key';
import { TextKeys } from './text-keys';

/** Columns the fleet table can sort by. */
export type SortKey =
  | 'name'
  | 'host'
  | 'tier'
  | 'status'
  | 'health'
  | 'bench'
  | 'blockLag'
  | 'rank'
  | 'maintenance'
  | 'arcane'
  | 'apps'
  | 'lastSeen';
export type SortDir = 'asc' | 'desc';
export interface SortSpec {
  key: SortKey;
  dir: SortDir;
}

export interface FleetFilter {
  /** Empty means every health. */
  health: readonly Health[];
  tier: string | null;
  tag: string | null;
  text: string;
  /** An owner's name; `NO_OWNER` for nodes without one. */
  owner?: string | null;
  /** A payment address (fluxd's, per node). */
  wallet?: string | null;
}

/** The owner filter's value for nodes nobody owns. */
export const NO_OWNER = '\u0000none';

type Key = string | number | null;

/** One fleet row: the table fields as main sent them (frozen from Vue's deep reactivity) plus its text keys. */
export interface FleetRow {
  readonly id: number;
  readonly status: FleetRowStatus;
  readonly keys: TextKeys;
}

/** The text keys: the previous row's when no text field changed (a tick changes health and stamps). */
export function buildKeys(status: FleetRowStatus, previous?: FleetRow): TextKeys {
  return previous?.keys.fits(status) ? previous.keys : new TextKeys(status);
}

/** A frozen row; pass the node's previous row when this one replaces it. */
export function buildRow(status: FleetRowStatus, previous?: FleetRow): FleetRow {
  return Object.freeze({ id: status.nodeId, status, keys: buildKeys(status, previous) });
}

/** What each column sorts by (a text key, or the number the row already holds) and the row field it comes from. */
const SORT_BY: Record<SortKey, { field: keyof FleetRowStatus; key: (row: FleetRow) => Key }> = {
  name: { field: 'name', key: (row) => row.keys.name },
  host: { field: 'host', key: (row) => row.keys.host },
  tier: { field: 'tier', key: (row) => row.keys.tier },
  status: { field: 'nodeStatus', key: (row) => row.keys.status },
  bench: { field: 'benchStatus', key: (row) => row.keys.bench },
  health: { field: 'health', key: (row) => HEALTH_RANK[row.status.health] },
  blockLag: { field: 'blocksBehind', key: (row) => row.status.blocksBehind },
  rank: { field: 'rank', key: (row) => row.status.rank },
  maintenance: { field: 'maintenanceWindowBlocks', key: (row) => row.status.maintenanceWindowBlocks },
  arcane: { field: 'arcaneOS', key: (row) => (row.status.arcaneOS == null ? null : row.status.arcaneOS ? 1 : 0) },
  apps: { field: 'appCount', key: (row) => row.status.appCount },
  lastSeen: { field: 'lastOkAt', key: (row) => row.status.lastOkAt },
};

/** Whether a change can move its row in a sort by `key`: it carries the field sorted by, or the name that breaks ties. */
export function changesOrder(key: SortKey, change: FleetRowChange): boolean {
  return SORT_BY[key].field in change || 'name' in change;
}

function compareKey(a: Key, b: Key): number {
  return a === b ? 0 : a! < b! ? -1 : 1;
}

/**
 * Sorts a copy: unknown values last in either direction, ties broken by name then id, so the
 * order is total and never jumps between renders.
 */
export function sortRows(rows: readonly FleetRow[], sort: SortSpec): FleetRow[] {
  const keyOf = SORT_BY[sort.key].key;
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows.slice().sort((left, right) => {
    const a = keyOf(left);
    const b = keyOf(right);
    if (a !== b) {
      if (a === null) return 1;
      if (b === null) return -1;
      return sign * compareKey(a, b);
    }
    return compareKey(left.keys.name, right.keys.name) || left.id - right.id;
  });
}

/** Whitespace-separated words must all appear somewhere in name, host or tags. */
export function filterRows(rows: readonly FleetRow[], filter: FleetFilter, ownerOf: (id: number) => string | null = () => null): readonly FleetRow[] {
  const health = filter.health.length ? new Set(filter.health) : null;
  const tier = filter.tier ? naturalKey(filter.tier) : null;
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const { tag, owner, wallet } = filter;
  if (!health && !tier && !tag && !owner && !wallet && words.length === 0) return rows;
  return rows.filter((row) => {
    if (health && !health.has(row.status.health)) return false;
    if (tier && row.keys.tier !== tier) return false;
    if (tag && !row.status.tags.includes(tag)) return false;
    if (owner && (ownerOf(row.id) ?? NO_OWNER) !== owner) return false;
    if (wallet && walletOf(row) !== wallet) return false;
    for (const word of words) if (!row.keys.haystack.includes(word)) return false;
    return true;
  });
}

export type HealthCounts = Record<Health, number> & { total: number };

export function countHealth(rows: Iterable<FleetRow>): HealthCounts {
  const counts: HealthCounts = { ok: 0, warning: 0, critical: 0, unreachable: 0, unknown: 0, total: 0 };
  for (const row of rows) {
    counts[row.status.health]++;
    counts.total++;
  }
  return counts;
}

/** Distinct values for the filter selects, sorted naturally. */
export function distinctValues(rows: Iterable<FleetRow>, pick: (row: FleetRow) => readonly (string | null | undefined)[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const value of pick(row)) if (value) seen.add(value);
  return sortNaturally(seen);
}
