import type { HistoryMetric, NodeEvent, NodeRecord, NodeStatus, Series } from '../../../src-shared/contract';
import type { EventHub } from '../contract-server/event-hub';
import { blankStatus } from '../../../src-shared/node-status';
import { systemClock, type Clock } from '../history/clock';
import { HistoryMaintenance, type HistoryMaintenanceOptions } from '../history/history-maintenance';
import { HistoryRepo, type HistoryRepoOptions } from '../history/history.repo';
import { HistoryWriter, type HistoryWriterOptions } from '../history/history-writer';
import type { Db } from '../store/database';
import { Poller, type PollerOptions, type PollNode } from './poller';
import { StatusBatcher } from './status-batcher';

export interface FleetMonitorOptions {
  db: Db;
  events: EventHub;
  /** The registered nodes (e.g. `() => nodesRepo.list()`). */
  listNodes: () => readonly NodeRecord[];
  /** The prober: polls and evaluates one node. */
  pollNode: PollNode;
  poller?: Omit<PollerOptions, 'pollNode' | 'listNodes' | 'onResult' | 'onRemoved' | 'onProgress' | 'initialStatuses' | 'clock'>;
  history?: HistoryRepoOptions;
  writer?: Omit<HistoryWriterOptions, 'clock'>;
  /** `false` turns the roll-up/retention job off (e.g. for a one-shot CLI run). */
  maintenance?: Omit<HistoryMaintenanceOptions, 'clock'> | false;
  /** `fleet:onStatus` window. Default 250 ms. */
  batchWindowMs?: number;
  /** Every poll result with the node's previous status (alerts, payment ledger). Errors are contained. */
  observe?: (previous: NodeStatus | undefined, next: NodeStatus) => void;
  clock?: Clock;
}

/**
 * The fleet's polling pipeline, wired once: Poller → (HistoryWriter → HistoryRepo) and
 * (StatusBatcher → `fleet:onStatus`), progress → `poll:onProgress`, plus the history job.
 * Handlers call `status`, `pollNow`, `series`, `events`; the lead calls `refresh` on `fleet:onChanged`.
 */
export class FleetMonitor {
  readonly history: HistoryRepo;
  readonly writer: HistoryWriter;
  readonly batcher: StatusBatcher;
  readonly poller: Poller;
  readonly maintenance: HistoryMaintenance | undefined;
  private running = false;

  constructor(private readonly options: FleetMonitorOptions) {
    const clock = options.clock ?? systemClock;
    this.history = new HistoryRepo(options.db, options.history);
    // A full or read-only disk is one `app:onStorage` banner; polling and alerts go on from memory.
    this.writer = new HistoryWriter(this.history, { ...options.writer, clock, onStorage: (status) => options.events.publish('app:onStorage', status) });
    this.batcher = new StatusBatcher((diff) => options.events.publish('fleet:onStatus', diff), { windowMs: options.batchWindowMs, clock });
    const initial = this.history.latestAll();
    this.batcher.seed(initial);
    const previous = new Map(initial.map((status) => [status.nodeId, status]));
    this.poller = new Poller({
      ...options.poller,
      pollNode: options.pollNode,
      listNodes: options.listNodes,
      initialStatuses: initial,
      clock,
      onResult: (status) => {
        this.writer.push(status);
        this.batcher.push(status);
        const before = previous.get(status.nodeId);
        previous.set(status.nodeId, status);
        try {
          options.observe?.(before, status);
        } catch (error) {
          console.error('[fleet] observer failed:', error instanceof Error ? error.message : error);
        }
      },
      onRemoved: (ids) => {
        for (const id of ids) previous.delete(id);
        this.batcher.remove(ids);
        this.history.forget(ids);
      },
      onProgress: (progress) => options.events.publish('poll:onProgress', progress),
    });
    this.maintenance = options.maintenance === false ? undefined : new HistoryMaintenance(options.db, { ...options.maintenance, clock });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.poller.start();
    this.maintenance?.start();
  }

  /** Re-reads the node list (call on `fleet:onChanged`). */
  refresh(): void {
    this.poller.refresh();
  }

  /**
   * `fleet:status`: every registered node with the freshest status known (unknown before a first
   * poll). While running it is answered from memory (the poller holds every node's latest status,
   * seeded from history), not by re-reading 5,000 stored statuses.
   */
  status(): NodeStatus[] {
    if (!this.running) return this.history.latestAll();
    const live = new Map(this.poller.latest().map((s) => [s.nodeId, s]));
    return this.options.listNodes().map((node) => {
      const status = live.get(node.id);
      return status ? { ...status, name: node.name, host: node.host, tags: [...node.tags] } : blankStatus(node);
    });
  }

  /** `fleet:pollNow`. */
  pollNow(nodeIds?: readonly number[]): { queued: number } {
    return this.poller.pollNow(nodeIds);
  }

  /** `node:history`. */
  series(nodeId: number, metric: HistoryMetric, fromMs: number, toMs: number): Series {
    return this.history.series(nodeId, metric, fromMs, toMs);
  }

  /** `node:events`. */
  events(nodeId: number, limit: number): NodeEvent[] {
    return this.history.events(nodeId, limit);
  }

  /** Stops polling and the history job, then writes what is buffered. Call before closing the DB. */
  stop(): void {
    this.running = false;
    this.poller.stop();
    this.maintenance?.stop();
    this.batcher.flush();
    this.batcher.dispose();
    this.writer.close();
  }
}
