import type { FleetRowStatus, Health } from '../../../src-shared/contract';
import { walletOf } from './fleet-row-view';
import { HEALTH_RANK } from './health-style';
import { naturalKey, sortNaturally } from './natural-key';

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

/** Sort keys and the search haystack, computed once when a status arrives, never during a sort. */
export interface RowKeys extends Record<SortKey, Key> {
  haystack: string;
}

/** One fleet row: the table fields as main sent them (frozen from Vue's deep reactivity) plus its keys. */
export interface FleetRow {
  readonly id: number;
  readonly status: FleetRowStatus;
  readonly keys: RowKeys;
}

function optionalKey(value: string | null | undefined): string | null {
  return value ? naturalKey(value) : null;
}

/**
 * The row's keys; with the node's previous row, the text keys of fields that did not change are
 * kept (a fleet-wide tick changes health and stamps, and re-deriving 5,000 names was its cost).
 */
export function buildKeys(status: FleetRowStatus, previous?: FleetRow): RowKeys {
  const before = previous?.status;
  const kept = <K extends keyof RowKeys>(key: K, field: keyof FleetRowStatus, derive: () => RowKeys[K]): RowKeys[K] =>
    before && before[field] === status[field] ? previous.keys[key] : derive();
  const sameText = before && before.name === status.name && before.host === status.host && before.tags === status.tags;
  return {
    name: kept('name', 'name', () => naturalKey(status.name)),
    host: kept('host', 'host', () => naturalKey(status.host)),
    tier: kept('tier', 'tier', () => optionalKey(status.tier)),
    status: kept('status', 'nodeStatus', () => optionalKey(status.nodeStatus)),
    health: HEALTH_RANK[status.health],
    bench: kept('bench', 'benchStatus', () => optionalKey(status.benchStatus)),
    blockLag: status.blocksBehind,
    rank: status.rank,
    maintenance: status.maintenanceWindowBlocks,
    arcane: status.arcaneOS == null ? null : status.arcaneOS ? 1 : 0,
    apps: status.appCount,
    lastSeen: status.lastOkAt,
    haystack: sameText ? previous.keys.haystack : [status.name, status.host, ...status.tags].join('\n').toLowerCase(),
  };
}

/** A frozen row; pass the node's previous row when this one replaces it. */
export function buildRow(status: FleetRowStatus, previous?: FleetRow): FleetRow {
  return Object.freeze({ id: status.nodeId, status, keys: buildKeys(status, previous) });
}

function compareKey(a: Key, b: Key): number {
  return a === b ? 0 : a! < b! ? -1 : 1;
}

/**
 * Sorts a copy: unknown values last in either direction, ties broken by name then id, so the
 * order is total and never jumps between renders.
 */
export function sortRows(rows: readonly FleetRow[], sort: SortSpec): FleetRow[] {
  const { key } = sort;
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows.slice().sort((left, right) => {
    const a = left.keys[key];
    const b = right.keys[key];
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
