import { AlertRules, type ChannelConfigView } from '../../../src-shared/contract/alerts.contract';
import type { Problem, Severity } from '../../../src-shared/contract/fleet.contract';
import type { SettingsRepo } from '../store/settings.repo';
import type { AlertMessage } from './alert-message';
import { RECOVERED_CODE, type RuleOptions } from './alert-rules';

export const ALERT_RULES_SETTING = 'alerts.rules';

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** The channel facts routing needs (a ChannelRow or the renderer's AlertChannel both fit). */
export interface RoutedChannel {
  id: number;
  name: string;
  enabled: boolean;
  config?: ChannelConfigView;
}

/**
 * The user's alert rules (Settings → Alert rules): per-channel minimum severity and codes that
 * always alert. Read from settings on every use (one indexed row), so a change applies at the
 * next poll result without a restart.
 */
export class AlertPolicy {
  constructor(
    private readonly settings: Pick<SettingsRepo, 'get' | 'set'>,
    private readonly channels: () => readonly RoutedChannel[],
  ) {}

  rules(): AlertRules {
    const parsed = AlertRules.safeParse(this.settings.get(ALERT_RULES_SETTING) ?? {});
    return parsed.success ? parsed.data : AlertRules.parse({});
  }

  save(rules: AlertRules): AlertRules {
    const clean = AlertRules.parse({ ...rules, optInCodes: [...new Set(rules.optInCodes)] });
    this.settings.set(ALERT_RULES_SETTING, clean);
    return clean;
  }

  minimumFor(channelId: number, rules: AlertRules = this.rules()): Severity {
    return rules.channelMinSeverity[String(channelId)] ?? rules.defaultMinSeverity;
  }

  /** What the engine needs: warnings are raised when any enabled channel takes them. */
  ruleOptions(): Partial<RuleOptions> {
    const rules = this.rules();
    const minimums = this.channels()
      .filter((channel) => channel.enabled)
      .map((channel) => this.minimumFor(channel.id, rules));
    return {
      warnings: minimums.some((minimum) => RANK[minimum] <= RANK.warning),
      optInCodes: new Set(rules.optInCodes),
      repeatMs: rules.repeatHours * 3_600_000,
    };
  }

  /** Whether this channel gets this message: tests always, recoveries always, else by rule. */
  accepts(channel: RoutedChannel, message: AlertMessage, rules: AlertRules = this.rules()): boolean {
    if (message.kind === 'test') return true;
    const minimum = this.minimumFor(channel.id, rules);
    return message.nodes.some((node) => node.code === RECOVERED_CODE || passes(node, minimum, rules));
  }

  /** Names of the enabled channels a problem would be sent to; shown beside problems and in `status --json`. */
  routes(problem: Pick<Problem, 'code' | 'severity'>, rules: AlertRules = this.rules()): string[] {
    return this.channels()
      .filter((channel) => channel.enabled && passes(problem, this.minimumFor(channel.id, rules), rules))
      .map((channel) => channel.name);
  }
}

function passes(problem: { code: string; severity: Severity }, minimum: Severity, rules: AlertRules): boolean {
  return RANK[problem.severity] >= RANK[minimum] || rules.optInCodes.includes(problem.code);
}
