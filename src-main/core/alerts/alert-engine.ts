import type { AlertFired, ChannelResult, Silence } from '../../../src-shared/contract/alerts.contract';
import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import { digestMessage, singleMessage, type AlertItem, type AlertMessage } from './alert-message';
import { DEFAULT_RULES, evaluate, freshState, stateFromPrevious, type NodeRuleState, type RuleOptions } from './alert-rules';
import type { AlertsRepo, NewLogEntry } from './alerts.repo';

export const DIGEST_CODE = 'DIGEST';

export interface AlertEngineOptions {
  repo: Pick<AlertsRepo, 'activeSilences' | 'insertLogs'> & Partial<Pick<AlertsRepo, 'acknowledgements' | 'clearAcknowledgement'>>;
  delivery: { sendToAll(message: AlertMessage): Promise<ChannelResult[]> };
  /** Fixed rules, or a function read at every poll result (the user's rules from Settings). */
  rules?: Partial<RuleOptions> | (() => Partial<RuleOptions>);
  /**
   * Alerts are grouped for `windowMs` after the first one (like Alertmanager's group_wait); a group
   * of more than `threshold` alerts goes out as one digest. Defaults: 30 s, 5.
   */
  digest?: { windowMs?: number; threshold?: number };
  /** Called for every message actually sent (not for silenced alerts or tests). */
  onFired?: (payload: AlertFired) => void;
  /** Flush a group with a real timer when its window ends. Tests turn this off and call flush(). */
  autoFlush?: boolean;
  log?: (line: string) => void;
}

/**
 * Turns status transitions into alerts: rules per node, silences, grouping into digests, delivery
 * and the alert log. `observe` is synchronous and cheap for the poller; sending happens behind it.
 */
export class AlertEngine {
  private readonly states = new Map<number, NodeRuleState>();
  private readonly acknowledged = new Map<number, Set<string>>();
  private readonly windowMs: number;
  private readonly threshold: number;
  private readonly log: (line: string) => void;
  private pending: AlertItem[] = [];
  private groupStartedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: AlertEngineOptions) {
    this.log = options.log ?? ((line) => console.warn(line));
    try {
      for (const { nodeId, code } of options.repo.acknowledgements?.() ?? []) this.acknowledgedFor(nodeId).add(code);
    } catch (error) {
      this.log(`[alerts] cannot read acknowledgements: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.windowMs = Math.max(0, options.digest?.windowMs ?? 30_000);
    this.threshold = Math.max(1, options.digest?.threshold ?? 5);
  }

  /**
   * Feeds one node's new status. Returns the alerts it raised (silenced ones included); they are
   * sent when their group's window closes.
   */
  observe(previous: NodeStatus | undefined, next: NodeStatus, now: number = Date.now()): AlertItem[] {
    if (this.pending.length > 0 && now - this.groupStartedAt >= this.windowMs) void this.flush(now);
    const rules = this.rules();
    let state = this.states.get(next.nodeId);
    if (!state) {
      state = previous && previous.nodeId === next.nodeId ? stateFromPrevious(previous, rules) : freshState();
      state.acknowledged = this.acknowledgedFor(next.nodeId);
      this.states.set(next.nodeId, state);
    }
    const items = evaluate(state, next, now, rules);
    for (const code of state.cleared.splice(0)) {
      try {
        this.options.repo.clearAcknowledgement?.(next.nodeId, code);
      } catch (error) {
        this.log(`[alerts] cannot clear an acknowledgement: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (items.length === 0) return items;
    const { silenced, open } = this.split(items, now);
    if (silenced.length > 0) this.record(silenced.map((item) => logEntry(item, [], true)));
    if (open.length > 0) {
      if (this.pending.length === 0) this.startGroup(now);
      this.pending.push(...open);
    }
    return items;
  }

  /** Forgets a removed node so a new node reusing nothing inherits no state. */
  forget(nodeId: number): void {
    this.states.delete(nodeId);
    this.acknowledged.delete(nodeId);
  }

  /** Someone acknowledged this node's alert: no reminders for the code until it clears. */
  acknowledge(nodeId: number, code: string): void {
    this.acknowledgedFor(nodeId).add(code);
  }

  private acknowledgedFor(nodeId: number): Set<string> {
    let set = this.acknowledged.get(nodeId);
    if (!set) this.acknowledged.set(nodeId, (set = new Set()));
    return set;
  }

  private rules(): RuleOptions {
    const given = typeof this.options.rules === 'function' ? this.options.rules() : (this.options.rules ?? {});
    const rules = { ...DEFAULT_RULES, ...given };
    return { ...rules, unreachableAfter: Math.max(1, rules.unreachableAfter) };
  }

  /** Sends the current group now (single alerts, or one digest when it is large). */
  flush(now: number = Date.now()): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return this.idle();
    // A silence added while the group waited still applies.
    const { silenced, open } = this.split(group, now);
    if (silenced.length > 0) this.record(silenced.map((item) => logEntry(item, [], true)));
    const job = this.send(open, now).catch((error: unknown) => {
      this.log(`[alerts] sending failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.inFlight.add(job);
    void job.finally(() => this.inFlight.delete(job));
    return this.idle();
  }

  /** Resolves when every started delivery has finished (results logged). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Sends what is pending and stops the timer; for shutdown. */
  async close(): Promise<void> {
    await this.flush();
  }

  private startGroup(now: number): void {
    this.groupStartedAt = now;
    if (this.options.autoFlush === false) return;
    this.timer = setTimeout(() => void this.flush(), this.windowMs);
    this.timer.unref();
  }

  private async send(items: AlertItem[], now: number): Promise<void> {
    if (items.length === 0) return;
    if (items.length > this.threshold) {
      const message = digestMessage(items, now);
      const results = await this.deliver(message);
      this.record([{ at: now, nodeId: null, code: DIGEST_CODE, severity: message.severity, title: message.title, text: message.text, results, silenced: false }]);
      return;
    }
    // One at a time: a handful of messages, and chat services rate-limit bursts per chat.
    for (const item of items) {
      const results = await this.deliver(singleMessage(item));
      this.record([logEntry(item, results, false)]);
    }
  }

  private async deliver(message: AlertMessage): Promise<ChannelResult[]> {
    try {
      const nodeId = message.kind === 'single' ? (message.nodes[0]?.id ?? null) : null;
      this.options.onFired?.({ title: message.title, text: message.text, severity: message.severity, at: message.at, nodeId });
    } catch (error) {
      this.log(`[alerts] onFired listener failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return this.options.delivery.sendToAll(message);
  }

  private split(items: readonly AlertItem[], now: number): { silenced: AlertItem[]; open: AlertItem[] } {
    let silences: Silence[] = [];
    try {
      silences = this.options.repo.activeSilences(now);
    } catch (error) {
      this.log(`[alerts] cannot read silences: ${error instanceof Error ? error.message : String(error)}`);
    }
    const silenced: AlertItem[] = [];
    const open: AlertItem[] = [];
    for (const item of items) (isSilenced(silences, item) ? silenced : open).push(item);
    return { silenced, open };
  }

  private record(entries: NewLogEntry[]): void {
    try {
      this.options.repo.insertLogs(entries);
    } catch (error) {
      this.log(`[alerts] cannot write the alert log: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Whether any silence in force covers this node: by id, by one of its tags, or everything. */
export function isSilenced(silences: readonly Silence[], item: Pick<AlertItem, 'nodeId' | 'tags'>): boolean {
  return silences.some((silence) => {
    if (silence.scope === 'all') return true;
    if (silence.scope === 'node') return silence.target === String(item.nodeId);
    const target = silence.target?.toLowerCase();
    return item.tags.some((tag) => tag.toLowerCase() === target);
  });
}

function logEntry(item: AlertItem, results: ChannelResult[], silenced: boolean): NewLogEntry {
  const message = singleMessage(item);
  return { at: item.at, nodeId: item.nodeId, code: message.nodes[0]?.code ?? item.code, severity: item.severity, title: message.title, text: message.text, results, silenced };
}
