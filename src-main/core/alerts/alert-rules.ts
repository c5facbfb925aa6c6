import type { NodeStatus, Problem } from '../../../src-shared/contract/fleet.contract';
import type { AlertItem } from './alert-message';
import { cleanLine } from './alert-text';

export const UNREACHABLE_CODE = 'NODE_UNREACHABLE';
export const RECOVERED_CODE = 'NODE_RECOVERED';

export interface RuleOptions {
  /** Consecutive unreachable polls before alerting (one alert per outage). */
  unreachableAfter: number;
  /** Also alert on new warning problems (off by default: warnings are for the dashboard). */
  warnings: boolean;
}

/** What the rules remember about one node between polls. */
export interface NodeRuleState {
  failStreak: number;
  outageAlerted: boolean;
  /** Problem codes already alerted and still present; a code alerts again only after it clears. */
  alertedCodes: Set<string>;
  /** Something was alerted since the node was last ok, so its return to ok is worth a message. */
  owesRecovery: boolean;
}

export function freshState(): NodeRuleState {
  return { failStreak: 0, outageAlerted: false, alertedCodes: new Set(), owesRecovery: false };
}

/**
 * A state for a node first seen with `previous` already known (e.g. loaded from the database after a
 * restart): problems it already had are treated as announced, so a restart does not re-alert them.
 */
export function stateFromPrevious(previous: NodeStatus, options: RuleOptions): NodeRuleState {
  const state = freshState();
  for (const problem of alertable(previous.problems, options)) state.alertedCodes.add(problem.code);
  if (previous.health === 'unreachable') {
    // We cannot know how long it has been down; count it as one failure so the rule still debounces.
    state.failStreak = 1;
  }
  return state;
}

/**
 * Applies the rules to one new status, updating `state` in place, and returns the alerts to raise:
 * new critical problems (per code), optionally new warnings, unreachable after N consecutive polls,
 * and one recovery when a node that was alerted on is back to ok.
 */
export function evaluate(state: NodeRuleState, next: NodeStatus, now: number, options: RuleOptions): AlertItem[] {
  const alerts: AlertItem[] = [];
  const name = cleanLine(next.name, 64);
  const base = { nodeId: next.nodeId, nodeName: next.name, tags: next.tags, at: now };

  if (next.health === 'unknown') return alerts;

  if (next.health === 'unreachable') {
    state.failStreak++;
    if (!state.outageAlerted && state.failStreak >= options.unreachableAfter) {
      state.outageAlerted = true;
      state.owesRecovery = true;
      alerts.push({
        ...base,
        code: UNREACHABLE_CODE,
        severity: 'critical',
        title: `${name} is unreachable`,
        text: `${name} (${cleanLine(next.host, 64)}) did not answer ${state.failStreak} polls in a row.${lastOk(next)}`,
      });
    }
    // While unreachable the problem list describes the failed poll, not the node: keep codes as they were.
    return alerts;
  }

  state.failStreak = 0;
  state.outageAlerted = false;

  const present = alertable(next.problems, options);
  const presentCodes = new Set(present.map((problem) => problem.code));
  for (const code of [...state.alertedCodes]) if (!presentCodes.has(code)) state.alertedCodes.delete(code);
  for (const problem of present) {
    if (state.alertedCodes.has(problem.code)) continue;
    state.alertedCodes.add(problem.code);
    state.owesRecovery = true;
    alerts.push({
      ...base,
      code: problem.code,
      severity: problem.severity,
      title: `${name}: ${cleanLine(problem.message, 140)}`,
      text: problemText(next, problem),
    });
  }

  if (next.health === 'ok' && state.owesRecovery && alerts.length === 0) {
    state.owesRecovery = false;
    alerts.push({
      ...base,
      code: RECOVERED_CODE,
      severity: 'info',
      title: `${name} is back to OK`,
      text: `${name} (${cleanLine(next.host, 64)}) is healthy again.`,
    });
  }
  return alerts;
}

function alertable(problems: readonly Problem[], options: RuleOptions): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const wanted = problem.severity === 'critical' || (options.warnings && problem.severity === 'warning');
    if (!wanted || seen.has(problem.code)) return false;
    seen.add(problem.code);
    return true;
  });
}

function problemText(status: NodeStatus, problem: Problem): string {
  const lines = [`${cleanLine(status.name, 64)} (${cleanLine(status.host, 64)}): ${problem.message}`];
  if (problem.explanation) lines.push(problem.explanation);
  lines.push(`Code: ${problem.code}. Health: ${status.health}.`);
  return lines.join('\n');
}

function lastOk(status: NodeStatus): string {
  return status.lastOkAt ? ` Last good poll: ${new Date(status.lastOkAt).toISOString()}.` : '';
}
