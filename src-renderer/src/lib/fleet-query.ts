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

/**
 * The text sort keys and the search haystack, derived when a text field changes, never during a
 * sort. A tick that changes health and stamps keeps the node's previous keys object.
 */
export interface TextKeys {
  readonly name: string;
  readonly host: string;
  readonly tier: string | null;
  readonly status: string | null;
  readonly bench: string | null;
  readonly haystack: string;
}

/** One fleet row: the table fields as main sent them (frozen from Vue's deep reactivity) plus its text keys. */
export interface FleetRow {
  readonly id: number;
  readonly status: FleetRowStatus;
  readonly keys: TextKeys;
}

function optionalKey(value: string | null | undefined): string | null {
  return value ? naturalKey(value) : null;
}

/** The text keys; the previous row's, or each of its keys whose field did not change, are kept. */
export function buildKeys(status: FleetRowStatus, previous?: FleetRow): TextKeys {
  const before = previous?.status;
  if (!before) return deriveKeys(status);
  const { keys } = previous;
  const sameName = before.name === status.name;
  const sameHost = before.host === status.host;
  const sameText = sameName && sameHost && before.tags === status.tags;
  const sameTier = before.tier === status.tier;
  const sameStatus = before.nodeStatus === status.nodeStatus;
  const sameBench = before.benchStatus === status.benchStatus;
  if (sameText && sameTier && sameStatus && sameBench) return keys;
  return {
    name: sameName ? keys.name : naturalKey(status.name),
    host: sameHost ? keys.host : naturalKey(status.host),
    tier: sameTier ? keys.tier : optionalKey(status.tier),
    status: sameStatus ? keys.status : optionalKey(status.nodeStatus),
    bench: sameBench ? keys.bench : optionalKey(status.benchStatus),
    haystack: sameText ? keys.haystack : haystackOf(status),
  };
}

function deriveKeys(status: FleetRowStatus): TextKeys {
  return {
    name: naturalKey(status.name),
    host: naturalKey(status.host),
    tier: optionalKey(status.tier),
    status: optionalKey(status.nodeStatus),
    bench: optionalKey(status.benchStatus),
    haystack: haystackOf(status),
  };
}

function haystackOf(status: FleetRowStatus): string {
  return [status.name, status.host, ...status.tags].join('\n').toLowerCase();
}

/** A frozen row; pass the node's previous row when this one replaces it. */
export function buildRow(status: FleetRowStatus, previous?: FleetRow): FleetRow {
  return Object.freeze({ id: status.nodeId, status, keys: buildKeys(status, previous) });
}

/** What each column sorts by: a text key, or the number the row already holds. */
const SORT_KEY: Record<SortKey, (row: FleetRow) => Key> = {
  name: (row) => row.keys.name,
  host: (row) => row.keys.host,
  tier: (row) => row.keys.tier,
  status: (row) => row.keys.status,
  bench: (row) => row.keys.bench,
  health: (row) => HEALTH_RANK[row.status.health],
  blockLag: (row) => row.status.blocksBehind,
  rank: (row) => row.status.rank,
  maintenance: (row) => row.status.maintenanceWindowBlocks,
  arcane: (row) => (row.status.arcaneOS == null ? null : row.status.arcaneOS ? 1 : 0),
  apps: (row) => row.status.appCount,
  lastSeen: (row) => row.status.lastOkAt,
};

function compareKey(a: Key, b: Key): number {
  return a === b ? 0 : a! < b! ? -1 : 1;
}

/**
 * Sorts a copy: unknown values last in either direction, ties broken by name then id, so the
 * order is total and never jumps between renders.
 */
export function sortRows(rows: readonly FleetRow[], sort: SortSpec): FleetRow[] {
  const keyOf = SORT_KEY[sort.key];
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
