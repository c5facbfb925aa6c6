import type { Health, NodeStatus, Severity } from '../../../src-shared/contract';
import { problemTitle } from '../../../src-shared/problem-titles';

/**
 * What transitions compare against: the last KNOWN value of each watched field. A poll that could
 * not see a field (unreachable node, null section) leaves it unchanged, so an outage does not log
 * "status unknown" and then "status CONFIRMED" again when the node comes back.
 */
export interface Baseline {
  health?: Health;
  fluxnodeStatus?: string;
  benchStatus?: string;
  /** Problem code → severity of the problems present at the last poll that could evaluate them. */
  problems?: Record<string, Severity>;
  lastPaidHeight?: number;
}

/** An event before it has an id. */
export interface NewEvent {
  nodeId: number;
  at: number;
  kind: string;
  severity: Severity;
  message: string;
  data: Record<string, unknown>;
}

const HEALTH_SEVERITY: Record<Health, Severity> = {
  ok: 'info',
  unknown: 'info',
  warning: 'warning',
  critical: 'critical',
  unreachable: 'critical',
};

/** fluxd statuses that mean the node is not earning (flux-facts §1: DOS, OFFLINE, lowercase expired). */
const BAD_FLUXNODE_STATUS = new Set(['DOS', 'OFFLINE', 'EXPIRED']);
const TIERS = new Set(['CUMULUS', 'NIMBUS', 'STRATUS']);

/**
 * Events for one node going from `before` to `next`, and the new baseline. No baseline (a node's
 * first poll ever) records the starting point silently: there is nothing it transitioned from.
 */
export function diffStatus(before: Baseline | undefined, next: NodeStatus, at: number): { events: NewEvent[]; baseline: Baseline } {
  // Most polls change nothing watched: keep the baseline object and allocate nothing.
  if (before && leavesBaseline(before, next)) return { events: [], baseline: before };
  const baseline = advance(before, next);
  if (!before) return { events: [], baseline };
  const events: NewEvent[] = [];
  const push = (kind: string, severity: Severity, message: string, data: Record<string, unknown>) =>
    events.push({ nodeId: next.nodeId, at, kind, severity, message, data });

  if (before.health !== undefined && before.health !== next.health && next.health !== 'unknown') {
    push('health', HEALTH_SEVERITY[next.health], `Health ${before.health} → ${next.health}`, { from: before.health, to: next.health });
  }
  if (before.fluxnodeStatus !== undefined && baseline.fluxnodeStatus !== before.fluxnodeStatus) {
    const to = baseline.fluxnodeStatus ?? '';
    const severity: Severity = BAD_FLUXNODE_STATUS.has(to) ? 'critical' : to === 'CONFIRMED' ? 'info' : 'warning';
    push('fluxnode-status', severity, `Fluxnode status ${before.fluxnodeStatus} → ${to}`, { from: before.fluxnodeStatus, to });
  }
  if (before.benchStatus !== undefined && baseline.benchStatus !== before.benchStatus) {
    const to = baseline.benchStatus ?? '';
    // Only a tier name is a passing benchmark (FluxOS `validTiers`); `running` is transient.
    const severity: Severity = TIERS.has(to.toUpperCase()) ? 'info' : to === 'running' ? 'info' : 'warning';
    push('bench-status', severity, `Benchmark status ${before.benchStatus} → ${to}`, { from: before.benchStatus, to });
  }
  const was = before.problems ?? {};
  const now = baseline.problems ?? {};
  for (const problem of next.problems) {
    if (Object.hasOwn(was, problem.code)) continue;
    push('problem', problem.severity, problem.message, { code: problem.code });
  }
  for (const code of Object.keys(was)) {
    if (Object.hasOwn(now, code)) continue;
    push('problem-cleared', 'info', `Resolved: ${problemTitle(code)}`, { code });
  }
  // Payments are not diffed here: the rewards ledger logs each one once (`payment_received`, with
  // amount and tier), and a second event for the same payout would count it twice.
  return { events, baseline };
}

function advance(before: Baseline | undefined, next: NodeStatus): Baseline {
  const reachable = next.health !== 'unreachable' && next.health !== 'unknown';
  const problems: Record<string, Severity> = Object.create(null) as Record<string, Severity>;
  // An unreachable poll cannot tell whether earlier problems went away: keep them until it can.
  if (!reachable) Object.assign(problems, before?.problems ?? {});
  for (const p of next.problems) problems[p.code] = p.severity;
  const paid = next.fluxnode?.lastPaidHeight;
  return {
    health: next.health === 'unknown' ? before?.health : next.health,
    fluxnodeStatus: next.fluxnode?.status ?? before?.fluxnodeStatus,
    benchStatus: next.benchmark?.status ?? before?.benchStatus,
    problems: { ...problems },
    // 0 is fluxd's "never paid" (a known value: the first payment then logs); null is unknown.
    lastPaidHeight: typeof paid === 'number' && paid >= 0 ? Math.max(paid, before?.lastPaidHeight ?? 0) : before?.lastPaidHeight,
  };
}

/** True when `advance(before, next)` would equal `before`: same health, statuses, problems, payment. */
function leavesBaseline(before: Baseline, next: NodeStatus): boolean {
  if (next.health !== 'unknown' && next.health !== before.health) return false;
  const status = next.fluxnode?.status;
  if (status != null && status !== before.fluxnodeStatus) return false;
  const bench = next.benchmark?.status;
  if (bench != null && bench !== before.benchStatus) return false;
  const paid = next.fluxnode?.lastPaidHeight;
  if (typeof paid === 'number' && paid >= 0 && (before.lastPaidHeight === undefined || paid > before.lastPaidHeight)) return false;
  const was = before.problems ?? {};
  for (const p of next.problems) if (was[p.code] !== p.severity) return false;
  const reachable = next.health !== 'unreachable' && next.health !== 'unknown';
  // A reachable poll replaces the problem set, so one that went away changes it; an unreachable one keeps them.
  return !reachable || Object.keys(was).length === new Set(next.problems.map((p) => p.code)).size;
}
