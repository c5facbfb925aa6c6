import type { Health, NodeStatus, Problem } from '../../../src-shared/contract/fleet.contract';

const RANK: Partial<Record<Health, number>> = { ok: 0, warning: 1, critical: 2 };

/**
 * Adds a capability's problems (e.g. COLLATERAL_SPENT) to a poll result: problems already present
 * (same code) are not repeated, and health rises to match the worst added severity. Unreachable and
 * unknown nodes keep their health: what is known about them is that they cannot be reached.
 */
export function mergeProblems(status: NodeStatus, problems: readonly Problem[]): NodeStatus {
  if (problems.length === 0) return status;
  const present = new Set(status.problems.map((p) => p.code));
  const added = problems.filter((p) => !present.has(p.code));
  if (added.length === 0) return status;
  let health = status.health;
  const current = RANK[health];
  if (current !== undefined) {
    const worst = Math.max(current, ...added.map((p) => (p.severity === 'critical' ? 2 : p.severity === 'warning' ? 1 : 0)));
    health = worst === 2 ? 'critical' : worst === 1 ? 'warning' : 'ok';
  }
  return { ...status, health, problems: [...status.problems, ...added] };
}
