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

/** The alert channels, and a number that changes with every channel write made by this process. */
export interface ChannelSource {
  list(): readonly RoutedChannel[];
  revision(): number;
}

/**
 * How long the engine's view of the rules is reused. It is asked for every poll result (thousands a
 * minute); a change saved here or to a channel applies at once, one written by another process
 * within this time.
 */
const RULE_OPTIONS_MAX_AGE_MS = 1_000;

/**
 * The user's alert rules (Settings → Alert rules): per-channel minimum severity and codes that
 * always alert. Read from settings on use (one indexed row), so a change applies at the next poll
 * result without a restart.
 */
export class AlertPolicy {
  private memo: { at: number; revision: number; options: Partial<RuleOptions> } | undefined;

  constructor(
    private readonly settings: Pick<SettingsRepo, 'get' | 'set'>,
    private readonly channelSource: ChannelSource,
  ) {}

  rules(): AlertRules {
    const parsed = AlertRules.safeParse(this.settings.get(ALERT_RULES_SETTING) ?? {});
    return parsed.success ? parsed.data : AlertRules.parse({});
  }

  save(rules: AlertRules): AlertRules {
    const clean = AlertRules.parse({ ...rules, optInCodes: [...new Set(rules.optInCodes)] });
    this.settings.set(ALERT_RULES_SETTING, clean);
    this.memo = undefined;
    return clean;
  }

  minimumFor(channelId: number, rules: AlertRules = this.rules()): Severity {
    return rules.channelMinSeverity[String(channelId)] ?? rules.defaultMinSeverity;
  }

  /** What the engine needs: warnings are raised when any enabled channel takes them. */
  ruleOptions(now: number = Date.now()): Partial<RuleOptions> {
    const revision = this.channelSource.revision();
    const memo = this.memo;
    if (memo && memo.revision === revision && now >= memo.at && now - memo.at < RULE_OPTIONS_MAX_AGE_MS) return memo.options;
    const rules = this.rules();
    const minimums = this.channelSource.list()
      .filter((channel) => channel.enabled)
      .map((channel) => this.minimumFor(channel.id, rules));
    const options = {
      warnings: minimums.some((minimum) => RANK[minimum] <= RANK.warning),
      optInCodes: new Set(rules.optInCodes),
      repeatMs: rules.repeatHours * 3_600_000,
    };
    this.memo = { at: now, revision, options };
    return options;
  }

  /** Whether this channel gets this message: tests always, recoveries always, else by rule. */
  accepts(channel: RoutedChannel, message: AlertMessage, rules: AlertRules = this.rules()): boolean {
    if (message.kind === 'test') return true;
    const minimum = this.minimumFor(channel.id, rules);
    return message.nodes.some((node) => node.code === RECOVERED_CODE || passes(node, minimum, rules));
  }

  /** Names of the enabled channels a problem would be sent to; shown beside problems and in `status --json`. */
  routes(problem: Pick<Problem, 'code' | 'severity'>, rules: AlertRules = this.rules()): string[] {
    return this.channelSource.list()
      .filter((channel) => channel.enabled && passes(problem, this.minimumFor(channel.id, rules), rules))
      .map((channel) => channel.name);
  }
}

function passes(problem: { code: string; severity: Severity }, minimum: Severity, rules: AlertRules): boolean {
  return RANK[problem.severity] >= RANK[minimum] || rules.optInCodes.includes(problem.code);
}
