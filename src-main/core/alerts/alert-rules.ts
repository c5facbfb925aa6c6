import type { NodeStatus, Problem } from '../../../src-shared/contract/fleet.contract';
import type { AlertItem } from './alert-message';
import { cleanLine } from './alert-text';

export const UNREACHABLE_CODE = 'NODE_UNREACHABLE';
export const RECOVERED_CODE = 'NODE_RECOVERED';

export interface RuleOptions {
  /** Consecutive unreachable polls before alerting (one alert per outage). */
  unreachableAfter: number;
  /**
   * Or: unreachable for this long (two polls at least). The poller backs off from a node that does
   * not answer, so counting polls alone made a node that never answered wait many minutes.
   */
  unreachableAfterMs: number;
  /** Also alert on new warning problems (off by default: warnings are for the dashboard). */
  warnings: boolean;
  /** Problem codes that alert whatever their severity (the reward-risk warnings by default). */
  optInCodes: ReadonlySet<string>;
  /** Reminder interval for an alert nobody acknowledged while it persists; 0 = never repeat. */
  repeatMs: number;
}

export const DEFAULT_RULES: RuleOptions = { unreachableAfter: 3, unreachableAfterMs: 3 * 60_000, warnings: false, optInCodes: new Set(), repeatMs: 0 };

/** What the rules remember about one node between polls. */
export interface NodeRuleState {
  failStreak: number;
  outageAlerted: boolean;
  /** Problem codes already alerted and still present; a code alerts again only after it clears. */
  alertedCodes: Set<string>;
  /** Something was alerted since the node was last ok, so its return to ok is worth a message. */
  owesRecovery: boolean;
  /** First failed poll of the current outage (null while the node answers). */
  outageStartedAt: number | null;
  /** When each alerted code (and the outage) was last sent, for reminders. */
  lastSentAt: Map<string, number>;
  /** Codes someone acknowledged: no reminders until the code clears. */
  acknowledged: Set<string>;
  /** Codes that cleared since the last call; the engine forgets their acknowledgement. */
  cleared: string[];
  /** The node answered at least once (this run, or a stored good poll). */
  everAnswered: boolean;
}

export function freshState(): NodeRuleState {
  return { failStreak: 0, outageAlerted: false, alertedCodes: new Set(), owesRecovery: false, outageStartedAt: null, lastSentAt: new Map(), acknowledged: new Set(), cleared: [], everAnswered: false };
}

/**
 * A state for a node first seen with `previous` already known (e.g. loaded from the database after a
 * restart): problems it already had are treated as announced, so a restart does not re-alert them.
 */
export function stateFromPrevious(previous: NodeStatus, options: RuleOptions): NodeRuleState {
  const state = freshState();
  state.everAnswered = previous.lastOkAt !== null || (previous.health !== 'unreachable' && previous.health !== 'unknown');
  for (const problem of alertable(previous.problems, options)) state.alertedCodes.add(problem.code);
  if (previous.health === 'unreachable') {
    // We cannot know how long it has been down; count it as one failure so the rule still debounces.
    state.failStreak = 1;
    state.outageStartedAt = previous.lastPolledAt;
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
    state.outageStartedAt ??= now;
    const longEnough = state.failStreak >= 2 && now - state.outageStartedAt >= options.unreachableAfterMs;
    const never = next.lastOkAt === null && !state.everAnswered;
    if (!state.outageAlerted && (state.failStreak >= options.unreachableAfter || longEnough)) {
      state.outageAlerted = true;
      state.owesRecovery = true;
      state.lastSentAt.set(UNREACHABLE_CODE, now);
      alerts.push({
        ...base,
        code: UNREACHABLE_CODE,
        severity: 'critical',
        title: never ? `${name} has never answered` : `${name} is unreachable`,
        text: never
          ? `${name} (${cleanLine(next.host, 64)}) has not answered once since it was added (${state.failStreak} polls). Check its address, port and firewall.`
          : `${name} (${cleanLine(next.host, 64)}) did not answer ${state.failStreak} polls in a row.${lastOk(next)}`,
      });
    } else if (state.outageAlerted && due(state, UNREACHABLE_CODE, now, options)) {
      state.lastSentAt.set(UNREACHABLE_CODE, now);
      alerts.push({ ...base, code: UNREACHABLE_CODE, severity: 'critical', title: `Still: ${name} is unreachable`, text: `${name} (${cleanLine(next.host, 64)}) has not answered for ${minutes(now - state.outageStartedAt)}.${lastOk(next)}` });
    }
    // While unreachable the problem list describes the failed poll, not the node: keep codes as they were.
    return alerts;
  }

  state.failStreak = 0;
  state.outageStartedAt = null;
  state.everAnswered = true;
  if (state.outageAlerted || state.acknowledged.has(UNREACHABLE_CODE)) forgetCode(state, UNREACHABLE_CODE);
  state.outageAlerted = false;

  const present = alertable(next.problems, options);
  const presentCodes = new Set(present.map((problem) => problem.code));
  for (const code of [...state.alertedCodes]) if (!presentCodes.has(code)) forgetCode(state, code);
  for (const problem of present) {
    if (state.alertedCodes.has(problem.code)) {
      if (!due(state, problem.code, now, options)) continue;
      state.lastSentAt.set(problem.code, now);
      alerts.push({ ...base, code: problem.code, severity: problem.severity, title: `Still: ${name}: ${cleanLine(problem.message, 140)}`, text: problemText(next, problem) });
      continue;
    }
    state.alertedCodes.add(problem.code);
    state.lastSentAt.set(problem.code, now);
    state.owesRecovery = true;
    alerts.push({
      ...base,
      code: problem.code,
      severity: problem.severity,
      title: `${name}: ${cleanLine(problem.message, 140)}`,
      text: problemText(next, problem),
    });
  }

  if (next.health === 'ok' && state.owesRecovery && alerts.length === 0 && state.alertedCodes.size === 0) {
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

/** A reminder is due: repeats on, not acknowledged, and the interval has passed since the last send. */
function due(state: NodeRuleState, code: string, now: number, options: RuleOptions): boolean {
  if (options.repeatMs <= 0 || state.acknowledged.has(code)) return false;
  return now - (state.lastSentAt.get(code) ?? now) >= options.repeatMs;
}

/** The code cleared: it alerts again next time, and its acknowledgement ends. */
function forgetCode(state: NodeRuleState, code: string): void {
  state.alertedCodes.delete(code);
  state.lastSentAt.delete(code);
  if (state.acknowledged.delete(code)) state.cleared.push(code);
}

function minutes(ms: number | null): string {
  const value = Math.max(1, Math.round((ms ?? 0) / 60_000));
  return value >= 120 ? `${Math.round(value / 60)} hours` : `${value} minutes`;
}

/** Whether the rules turn this problem into an alert (its severity is wanted, or its code is opted in). */
export function wantsProblem(problem: Pick<Problem, 'code' | 'severity'>, options: Pick<RuleOptions, 'warnings' | 'optInCodes'>): boolean {
  return problem.severity === 'critical' || (options.warnings && problem.severity === 'warning') || options.optInCodes.has(problem.code);
}

function alertable(problems: readonly Problem[], options: RuleOptions): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const wanted = wantsProblem(problem, options);
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
