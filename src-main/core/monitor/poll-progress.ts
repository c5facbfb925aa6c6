import type { PollProgress } from '../../../src-shared/contract';
import { systemClock, type Clock } from '../history/clock';

export interface PollProgressOptions {
  /** Minimum time between two progress reports; the final one is always sent at once. Default 250 ms (≤ 4/s). */
  intervalMs?: number;
  clock?: Clock;
}

/**
 * Progress of "poll now" requests. Overlapping requests merge into one run whose total grows; the
 * run ends (running: false, always reported) when every requested node has finished a poll.
 */
export class PollProgressTracker {
  private readonly pending = new Set<number>();
  private done = 0;
  private total = 0;
  private failed = 0;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: unknown = undefined;
  private readonly intervalMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly publish: (progress: PollProgress) => void,
    options: PollProgressOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 250;
    this.clock = options.clock ?? systemClock;
  }

  /** Adds nodes to the current run; returns how many were not already part of it. */
  add(nodeIds: Iterable<number>): number {
    let added = 0;
    for (const id of nodeIds) {
      if (this.pending.has(id)) continue;
      this.pending.add(id);
      added++;
    }
    this.total += added;
    if (added > 0) this.report();
    return added;
  }

  /** A node finished a poll; counts only if the run was waiting for it. */
  complete(nodeId: number, failed: boolean): void {
    if (!this.pending.delete(nodeId)) return;
    this.done++;
    if (failed) this.failed++;
    this.report();
  }

  /** A node left the fleet: the run stops waiting for it. */
  drop(nodeId: number): void {
    if (!this.pending.delete(nodeId)) return;
    this.total--;
    this.report();
  }

  get running(): boolean {
    return this.pending.size > 0;
  }

  snapshot(): PollProgress {
    return { running: this.pending.size > 0, done: this.done, total: this.total, failed: this.failed };
  }

  /** Stops reporting (no final report: the poller is shutting down). */
  dispose(): void {
    this.cancelTimer();
    this.pending.clear();
  }

  private report(): void {
    if (this.pending.size === 0) {
      this.cancelTimer();
      this.send();
      this.done = this.total = this.failed = 0;
      return;
    }
    const wait = this.lastSentAt + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      this.cancelTimer();
      this.send();
    } else if (this.timer === undefined) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        if (this.pending.size > 0) this.send();
      }, wait);
    }
  }

  private send(): void {
    this.lastSentAt = this.clock.now();
    try {
      this.publish(this.snapshot());
    } catch (error) {
      console.error('[poller] progress listener failed:', error instanceof Error ? error.message : error);
    }
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
