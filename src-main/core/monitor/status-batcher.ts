import { randomUUID } from 'node:crypto';
import type { FleetDiff, FleetRowStatus, NodeStatus } from '../../../src-shared/contract';
import { rowChange, toFleetRow } from '../../../src-shared/fleet-row';
import { systemClock, type Clock } from '../history/clock';
import { sameStatus } from './same-status';

/** The `fleet:onStatus` payload. */
export type StatusDiff = FleetDiff;

export interface StatusBatcherOptions {
  /** At most one publish per window. Default 250 ms. */
  windowMs?: number;
  clock?: Clock;
}

/**
 * Turns a stream of poll results into `fleet:onStatus` diffs: only nodes whose status changed
 * (anything but `lastPolledAt` / `lastOkAt`), coalesced per window, latest status per node wins,
 * each carrying only the table fields that changed since the row it last sent. The renderer never
 * receives the whole fleet because one node answered. Diffs are numbered so a client can tell
 * when it missed one.
 */
export class StatusBatcher {
  /** One name per batcher, i.e. per run of main: a client that sees another one re-reads. */
  readonly stream = randomUUID();
  private seq = 0;
  /** The last status sent (or an equal later one, so the older can go), per node. */
  private readonly sent = new Map<number, NodeStatus>();
  private readonly sentRows = new Map<number, FleetRowStatus>();
  private readonly changed = new Map<number, NodeStatus>();
  private readonly removed = new Set<number>();
  private timer: unknown = undefined;
  private readonly windowMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly publish: (diff: StatusDiff) => void,
    options: StatusBatcherOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 250;
    this.clock = options.clock ?? systemClock;
  }

  /** What the renderer already has (e.g. from `fleet:status`): later pushes are compared with it. */
  seed(statuses: readonly NodeStatus[]): void {
    for (const status of statuses) this.markSent(status);
  }

  /** The stream position of what has been published (call `flush` first for a snapshot). */
  position(): { stream: string; seq: number } {
    return { stream: this.stream, seq: this.seq };
  }

  /** Queues a status if it differs from the last one sent; returns whether it did. */
  push(status: NodeStatus): boolean {
    this.removed.delete(status.nodeId);
    const sent = this.sent.get(status.nodeId);
    if (sent && sameStatus(sent, status)) {
      // A newer but equal status supersedes a queued one that differed from what was sent.
      this.changed.delete(status.nodeId);
      this.sent.set(status.nodeId, status);
      return false;
    }
    this.changed.set(status.nodeId, status);
    this.schedule();
    return true;
  }

  remove(nodeIds: readonly number[]): void {
    for (const id of nodeIds) {
      this.changed.delete(id);
      this.sent.delete(id);
      this.sentRows.delete(id);
      this.removed.add(id);
    }
    if (nodeIds.length > 0) this.schedule();
  }

  /** Publishes what is pending now. */
  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.changed.size === 0 && this.removed.size === 0) return;
    const changed = [...this.changed.values()].map((status) => {
      const previous = this.sentRows.get(status.nodeId);
      return rowChange(previous, this.markSent(status));
    });
    const diff: StatusDiff = { stream: this.stream, seq: ++this.seq, changed, removed: [...this.removed] };
    this.changed.clear();
    this.removed.clear();
    try {
      this.publish(diff);
    } catch (error) {
      console.error('[poller] status listener failed:', error instanceof Error ? error.message : error);
    }
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.changed.clear();
    this.removed.clear();
  }

  private markSent(status: NodeStatus): FleetRowStatus {
    const row = toFleetRow(status);
    this.sent.set(status.nodeId, status);
    this.sentRows.set(status.nodeId, row);
    return row;
  }

  private schedule(): void {
    if (this.timer === undefined) this.timer = this.clock.setTimeout(() => this.flush(), this.windowMs);
  }
}
