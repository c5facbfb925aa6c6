import { FleetRowStatus, type FleetRowChange, type NodeStatus, type Problem } from './contract/fleet.contract';

const SEVERITY_WEIGHT: Record<Problem['severity'], number> = { critical: 0, warning: 1, info: 2 };

/** The problem that matters most: the worst severity, then main's order. */
export function topProblem(problems: readonly Problem[]): Problem | null {
  let best: Problem | null = null;
  for (const problem of problems) if (!best || SEVERITY_WEIGHT[problem.severity] < SEVERITY_WEIGHT[best.severity]) best = problem;
  return best;
}

/** The fleet-table row of a status: the one projection the snapshot and the diffs both carry. */
export function toFleetRow(status: NodeStatus): FleetRowStatus {
  const top = topProblem(status.problems);
  return {
    nodeId: status.nodeId,
    name: status.name,
    host: status.host,
    tags: status.tags,
    health: status.health,
    problem: top ? { code: top.code, severity: top.severity, message: top.message } : null,
    problemCount: status.problems.length,
    tier: status.fluxnode?.tier ?? null,
    nodeStatus: status.fluxnode?.status ?? null,
    rank: status.fluxnode?.rank ?? null,
    nextPaymentSeconds: status.nextPaymentSeconds,
    maintenanceWindowBlocks: status.maintenanceWindowBlocks,
    maintenanceWindowSeconds: status.maintenanceWindowSeconds,
    benchStatus: status.benchmark?.status ?? null,
    eps: status.benchmark?.eps ?? null,
    blocksBehind: status.blocksBehind,
    arcaneOS: status.flux?.arcaneOS ?? null,
    appCount: status.apps.length,
    wallet: status.fluxnode?.paymentAddress ?? null,
    lastPolledAt: status.lastPolledAt,
    lastOkAt: status.lastOkAt,
  };
}

type Field = keyof FleetRowStatus;

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Only `tags` and `problem` are structured, and both are small.
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `next` that differ from `previous`, with `nodeId`; a node never sent gets them all. */
export function rowChange(previous: FleetRowStatus | undefined, next: FleetRowStatus): FleetRowChange {
  if (!previous) return next;
  const change: Record<string, unknown> = { nodeId: next.nodeId };
  for (const field of Object.keys(next) as Field[]) {
    if (!same(previous[field], next[field])) change[field] = next[field];
  }
  return change as FleetRowChange;
}

/**
 * The merge rule: a field present in the change replaces the row's, an absent one keeps it (the
 * same row comes back when the change carries no field). Returns null when the row is unknown and
 * the change is not a whole row: the client missed something and must re-read the snapshot.
 */
export function mergeRow(row: FleetRowStatus | undefined, change: FleetRowChange): FleetRowStatus | null {
  if (!row) return isWholeRow(change) ? change : null;
  for (const field in change) if (field !== 'nodeId') return { ...row, ...change };
  return row;
}

const FIELDS = FleetRowStatus.keyof().options;

function isWholeRow(change: FleetRowChange): change is FleetRowStatus {
  return FIELDS.every((field) => field in change);
}
