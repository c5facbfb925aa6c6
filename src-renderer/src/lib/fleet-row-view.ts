import type { Health, Problem } from '../../../src-shared/contract';
import type { FleetRow } from './fleet-query';

/**
 * Every field the fleet table, its groups and its filters read from a row, in one place: when the
 * row's shape changes (a table projection instead of the full status), only `viewOf` changes.
 */
export interface FleetRowView {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  readonly tags: readonly string[];
  readonly tier: string | null;
  readonly nodeStatus: string | null;
  readonly health: Health;
  /** The problem that matters most (worst severity first, then main's order); null when none. */
  readonly topProblem: Omit<Problem, 'explanation'> | null;
  readonly problemCount: number;
  readonly benchStatus: string | null;
  readonly eps: number | null;
  readonly blocksBehind: number | null;
  readonly rank: number | null;
  readonly nextPaymentSeconds: number | null;
  readonly maintenanceBlocks: number | null;
  readonly maintenanceSeconds: number | null;
  readonly arcane: boolean | null;
  readonly appCount: number;
  /** The payment address fluxd reports for the node: its wallet. */
  readonly wallet: string | null;
  readonly lastOkAt: number | null;
  readonly lastPolledAt: number | null;
}

/** Single fields for fleet-wide passes (name widths, wallet lists, group counts): no view built per row. */
export const nameOf = (row: FleetRow): string => row.status.name;
export const walletOf = (row: FleetRow): string | null => row.status.wallet;
export const healthOf = (row: FleetRow): Health => row.status.health;

// Rows are frozen and replaced whole when their status changes, so a view per row object is never stale.
const cache = new WeakMap<FleetRow, FleetRowView>();

export function viewOf(row: FleetRow): FleetRowView {
  let view = cache.get(row);
  if (view) return view;
  const s = row.status;
  view = Object.freeze({
    id: row.id,
    name: nameOf(row),
    host: s.host,
    tags: s.tags,
    tier: s.tier,
    nodeStatus: s.nodeStatus,
    health: s.health,
    topProblem: s.problem,
    problemCount: s.problemCount,
    benchStatus: s.benchStatus,
    eps: s.eps,
    blocksBehind: s.blocksBehind,
    rank: s.rank,
    nextPaymentSeconds: s.nextPaymentSeconds,
    maintenanceBlocks: s.maintenanceWindowBlocks,
    maintenanceSeconds: s.maintenanceWindowSeconds,
    arcane: s.arcaneOS,
    appCount: s.appCount,
    wallet: s.wallet,
    lastOkAt: s.lastOkAt,
    lastPolledAt: s.lastPolledAt,
  });
  cache.set(row, view);
  return view;
}
