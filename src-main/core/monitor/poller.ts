import { setMaxListeners } from 'node:events';
import type { NodeRecord, NodeStatus, PollProgress } from '../../../src-shared/contract';
import { systemClock, type Clock } from '../history/clock';
import { lastOkAtAfter } from './last-ok';
import { LatestStatuses } from './latest-statuses';
import { failureStatus, PollDeadlineError, type PollFailure } from './poll-failure';
import { PollProgressTracker } from './poll-progress';

/** Polls one node; must honour `signal` (aborted at the deadline) and return its evaluated status. */
export type PollNode = (node: NodeRecord, signal: AbortSignal) => Promise<NodeStatus>;

export interface PollerOptions {
  pollNode: PollNode;
  /** The registered nodes; read at `start()` and on every `refresh()`. */
  listNodes: () => readonly NodeRecord[];
  /** Every poll result, including timeouts and failures, with the node's status before it. */
  onResult: (status: NodeStatus, previous: NodeStatus | undefined) => void;
  /** Nodes that left the fleet on `refresh()`. */
  onRemoved?: (nodeIds: number[]) => void;
  onProgress?: (progress: PollProgress) => void;
  /**
   * The latest status of every node (seeded from history): the poller writes each result there and
   * reads it for `lastOkAt` and for when a node polled before a restart is due again.
   */
  latest?: LatestStatuses;
  intervalMs?: number;
  /** ± fraction of the interval, so a fleet added at once does not poll in lockstep. Default 0.15. */
  jitter?: number;
  concurrency?: number;
  deadlineMs?: number;
  /** Ceiling of the unreachable backoff (interval × 2^k). Default 10 min. */
  maxBackoffMs?: number;
  progressIntervalMs?: number;
  clock?: Clock;
  random?: () => number;
}

interface Slot {
  node: NodeRecord;
  state: 'idle' | 'queued' | 'running';
  timer: unknown;
  failures: number;
  controller?: AbortController;
  /** The prober's promise while it has not settled, even past its deadline. */
  inflight?: Promise<unknown>;
}

/**
 * Polls every node on its own self-rescheduling timer (never two polls of one node at once), through
 * one global concurrency limit, with a deadline per poll and exponential backoff for unreachable
 * nodes. "Poll now" jumps the queue and reports progress.
 */
export class Poller {
  private readonly slots = new Map<number, Slot>();
  /** Two FIFO queues (Sets keep insertion order and de-duplicate); manual polls go first. */
  private readonly manualQueue = new Set<number>();
  private readonly scheduledQueue = new Set<number>();
  private active = 0;
  private started = false;
  private readonly progress: PollProgressTracker;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly intervalMs: number;
  private readonly jitter: number;
  private readonly concurrency: number;
  private readonly deadlineMs: number;
  private readonly maxBackoffMs: number;
  readonly latest: LatestStatuses;

  constructor(private readonly options: PollerOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.intervalMs = options.intervalMs ?? 60_000;
    this.jitter = Math.min(0.9, Math.max(0, options.jitter ?? 0.15));
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 32));
    this.deadlineMs = options.deadlineMs ?? 45_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 600_000;
    this.latest = options.latest ?? new LatestStatuses();
    this.progress = new PollProgressTracker((p) => options.onProgress?.(p), { intervalMs: options.progressIntervalMs, clock: this.clock });
  }

  /** Starts polling every registered node. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const node of this.options.listNodes()) {
      const last = this.latest.get(node.id);
      const slot = this.addSlot(node);
      // A node polled just before a restart waits out the rest of its interval.
      const due = last?.lastPolledAt == null ? 0 : last.lastPolledAt + this.intervalMs - this.clock.now();
      if (due > 0) this.schedule(slot, this.jittered(Math.min(due, this.intervalMs)));
      else this.enqueue(slot, 'scheduled');
    }
  }

  /** Re-reads the node list: new nodes poll at once, removed ones stop, edited ones use their new record. */
  refresh(): void {
    if (!this.started) return;
    const nodes = this.options.listNodes();
    const seen = new Set<number>();
    for (const node of nodes) {
      seen.add(node.id);
      const slot = this.slots.get(node.id);
      if (!slot) {
        this.enqueue(this.addSlot(node), 'scheduled');
      } else if (slot.node.updatedAt !== node.updatedAt || slot.node.host !== node.host || slot.node.apiPort !== node.apiPort) {
        slot.node = node;
        slot.failures = 0;
        if (slot.state === 'idle') this.enqueue(slot, 'scheduled');
      } else {
        slot.node = node;
      }
    }
    const removed = [...this.slots.keys()].filter((id) => !seen.has(id));
    for (const id of removed) this.removeSlot(id);
    if (removed.length > 0) this.options.onRemoved?.(removed);
  }

  /**
   * Polls the given nodes (default: all) as soon as a slot is free. Nodes already waiting or being
   * polled are not queued twice; they still count in the progress. Returns how many were queued.
   */
  pollNow(nodeIds?: readonly number[]): { queued: number } {
    const targets = nodeIds ? [...new Set(nodeIds)].filter((id) => this.slots.has(id)) : [...this.slots.keys()];
    let queued = 0;
    for (const id of targets) {
      const slot = this.slots.get(id)!;
      if (slot.state === 'idle') {
        this.enqueue(slot, 'manual', false);
        queued++;
      } else if (slot.state === 'queued' && this.scheduledQueue.delete(id)) {
        this.manualQueue.add(id);
      }
    }
    this.progress.add(targets);
    this.pump();
    return { queued };
  }

  /** Cancels every timer and in-flight poll; late results are ignored. */
  stop(): void {
    this.started = false;
    for (const id of [...this.slots.keys()]) this.removeSlot(id);
    this.progress.dispose();
  }

  stats(): { nodes: number; running: number; queued: number; progress: PollProgress } {
    return { nodes: this.slots.size, running: this.active, queued: this.manualQueue.size + this.scheduledQueue.size, progress: this.progress.snapshot() };
  }

  private addSlot(node: NodeRecord): Slot {
    const slot: Slot = { node, state: 'idle', timer: undefined, failures: 0 };
    this.slots.set(node.id, slot);
    return slot;
  }

  private removeSlot(id: number): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    this.slots.delete(id);
    this.clearTimer(slot);
    this.manualQueue.delete(id);
    this.scheduledQueue.delete(id);
    slot.controller?.abort(new Error('node removed'));
    this.progress.drop(id);
  }

  private enqueue(slot: Slot, queue: 'manual' | 'scheduled', pump = true): void {
    if (slot.state !== 'idle') return;
    this.clearTimer(slot);
    slot.state = 'queued';
    (queue === 'manual' ? this.manualQueue : this.scheduledQueue).add(slot.node.id);
    if (pump) this.pump();
  }

  private pump(): void {
    while (this.started && this.active < this.concurrency) {
      const id = first(this.manualQueue) ?? first(this.scheduledQueue);
      if (id === undefined) return;
      this.manualQueue.delete(id);
      this.scheduledQueue.delete(id);
      const slot = this.slots.get(id);
      if (slot) this.run(slot);
    }
  }

  private run(slot: Slot): void {
    if (slot.inflight) {
      // The last poll outlived its deadline and still has not returned: never overlap it.
      this.finish(slot, failureStatus(slot.node, { kind: 'stuck' }, this.clock.now()));
      return;
    }
    slot.state = 'running';
    this.active++;
    const controller = new AbortController();
    // A cold poll hangs one abort listener per FluxOS request (a dozen) on this signal: past
    // Node's default of 10 each poll printed a leak warning with a stack trace.
    setMaxListeners(32, controller.signal);
    slot.controller = controller;
    const node = slot.node;
    let settled = false;
    const settle = (outcome: NodeStatus | PollFailure) => {
      if (settled) return;
      settled = true;
      this.clock.clearTimeout(deadline);
      this.active--;
      if (slot.controller === controller) slot.controller = undefined;
      if (this.slots.get(node.id) === slot && this.started) {
        this.finish(slot, 'nodeId' in outcome ? outcome : failureStatus(slot.node, outcome, this.clock.now()));
      }
      this.pump();
    };
    const deadline = this.clock.setTimeout(() => {
      controller.abort(new PollDeadlineError(this.deadlineMs));
      settle({ kind: 'timeout', deadlineMs: this.deadlineMs });
    }, this.deadlineMs);
    const inflight = Promise.resolve()
      .then(() => this.options.pollNode(node, controller.signal))
      .then(
        (status) => settle(controller.signal.aborted ? { kind: 'timeout', deadlineMs: this.deadlineMs } : status),
        (error: unknown) => settle(controller.signal.aborted ? { kind: 'timeout', deadlineMs: this.deadlineMs } : { kind: 'error', error }),
      )
      .finally(() => {
        if (slot.inflight === inflight) slot.inflight = undefined;
      });
    slot.inflight = inflight;
  }

  /** Binds a result to its node, fills in the poll times, records it as the latest and hands it on. */
  private finish(slot: Slot, outcome: NodeStatus): void {
    const previous = this.latest.get(slot.node.id);
    const lastPolledAt = outcome.lastPolledAt ?? this.clock.now();
    const status: NodeStatus = { ...outcome, nodeId: slot.node.id, lastPolledAt, lastOkAt: lastOkAtAfter(outcome, previous, lastPolledAt) };
    const unreachable = status.health === 'unreachable';
    slot.failures = unreachable ? slot.failures + 1 : 0;
    slot.state = 'idle';
    this.latest.set(status);
    try {
      this.options.onResult(status, previous);
    } catch (error) {
      console.error('[poller] result listener failed:', error instanceof Error ? error.message : error);
    }
    this.progress.complete(slot.node.id, unreachable);
    if (this.started && this.slots.get(slot.node.id) === slot) this.schedule(slot, this.nextDelay(slot.failures));
  }

  private nextDelay(failures: number): number {
    const backoff = failures === 0 ? this.intervalMs : Math.max(this.intervalMs, Math.min(this.intervalMs * 2 ** Math.min(failures, 30), this.maxBackoffMs));
    return this.jittered(backoff);
  }

  private jittered(ms: number): number {
    return Math.max(1, Math.round(ms * (1 + (this.random() * 2 - 1) * this.jitter)));
  }

  private schedule(slot: Slot, delayMs: number): void {
    this.clearTimer(slot);
    slot.timer = this.clock.setTimeout(() => {
      slot.timer = undefined;
      this.enqueue(slot, 'scheduled');
    }, delayMs);
  }

  private clearTimer(slot: Slot): void {
    if (slot.timer === undefined) return;
    this.clock.clearTimeout(slot.timer);
    slot.timer = undefined;
  }
}

function first(set: Set<number>): number | undefined {
  for (const value of set) return value;
  return undefined;
}
