import type { Health, Problem, Severity } from '../../../src-shared/contract/fleet.contract';
import { safeText } from '../probe/probe-error';
import type { HealthRules, ProblemCode } from './health-rules';

const MAX_MESSAGE = 300;
const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/**
 * Collects problems with their severity and explanation from the rules. Messages are made plain and
 * capped here, so a check may include node-supplied text without worrying about escapes or size.
 */
export class ProblemSink {
  private readonly items: Problem[] = [];

  constructor(private readonly rules: HealthRules) {}

  add(code: ProblemCode, message: string): void {
    const rule = this.rules.problems[code];
    this.items.push({ code, severity: rule.severity, message: safeText(message, MAX_MESSAGE), explanation: rule.description });
  }

  has(code: ProblemCode): boolean {
    return this.items.some((p) => p.code === code);
  }

  /** Worst first, then by code, so the list is stable between polls. */
  list(): Problem[] {
    return [...this.items].sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.code.localeCompare(b.code));
  }
}

/** Node health from its problems: the worst severity; info never lowers it below `ok`. */
export function worstHealth(problems: readonly Problem[]): Health {
  let worst = -1;
  for (const p of problems) worst = Math.max(worst, RANK[p.severity]);
  return worst >= RANK.critical ? 'critical' : worst >= RANK.warning ? 'warning' : 'ok';
}
