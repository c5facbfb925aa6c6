import type { FleetHealthSeries, FleetRowStatus, FleetSnapshot, HistoryMetric, NodeEvent, NodeRecord, NodeStatus, NodeUptime, Series } from '../../../src-shared/contract';
import { toFleetRow } from '../../../src-shared/fleet-row';
import type { Capability } from '../capability';
import type { EventHub } from '../contract-server/event-hub';
import { blankStatus, type NodeIdentity } from '../../../src-shared/node-status';
import { systemClock, type Clock } from '../history/clock';
import { HistoryMaintenance, type HistoryMaintenanceOptions } from '../history/history-maintenance';
import { HistoryRepo, type HistoryRepoOptions } from '../history/history.repo';
import { HistoryWriter, type HistoryWriterOptions } from '../history/history-writer';
import type { Db } from '../store/database';
import { LatestStatuses } from './latest-statuses';
import { Poller, type PollerOptions, type PollNode } from './poller';
import { StatusBatcher } from './status-batcher';

export interface FleetMonitorOptions {
  db: Db;
  events: EventHub;
  /** The registered nodes (e.g. `() => nodesRepo.list()`). */
  listNodes: () => readonly NodeRecord[];
  /** The same nodes' identities alone, for the fleet table (e.g. `() => nodesRepo.identities()`); default `listNodes`. */
  listIdentities?: () => readonly NodeIdentity[];
  /** The prober: polls and evaluates one node. */
  pollNode: PollNode;
  poller?: Omit<PollerOptions, 'pollNode' | 'listNodes' | 'onResult' | 'onRemoved' | 'onProgress' | 'latest' | 'clock'>;
  /** The app's history repo (built here from `history` options when not given). */
  historyRepo?: HistoryRepo;
  history?: HistoryRepoOptions;
  /** The app's latest statuses (seeded here from history when not given). */
  latest?: LatestStatuses;
  writer?: Omit<HistoryWriterOptions, 'clock'>;
  /** `false` turns the roll-up/retention job off (e.g. for a one-shot CLI run). */
  maintenance?: Omit<HistoryMaintenanceOptions, 'clock'> | false;
  /** `fleet:onStatus` window. Default 250 ms. */
  batchWindowMs?: number;
  /** Capabilities that see every poll result once, with the node's previous status. Errors are contained. */
  observers?: readonly Pick<Capability, 'name' | 'observe'>[];
  clock?: Clock;
}

/**
 * The fleet's polling pipeline, wired once: Poller (→ LatestStatuses) → HistoryWriter → HistoryRepo,
 * → StatusBatcher → `fleet:onStatus`, → each observing capability; progress → `fleet:onPollProgress`;
 * plus the history job. Handlers call `status`, `pollNow`, `series`, `events`; the root calls
 * `refresh` on `fleet:onChanged`.
 */
export class FleetMonitor {
  readonly history: HistoryRepo;
  readonly writer: HistoryWriter;
  readonly batcher: StatusBatcher;
  readonly poller: Poller;
  readonly maintenance: HistoryMaintenance | undefined;
  readonly latest: LatestStatuses;
  private running = false;
  private readonly rows = new WeakMap<NodeStatus, FleetRowStatus>();

  constructor(private readonly options: FleetMonitorOptions) {
    const clock = options.clock ?? systemClock;
    this.history = options.historyRepo ?? new HistoryRepo(options.db, options.history);
    this.latest = options.latest ?? LatestStatuses.of(this.history.latestAll());
    // A full or read-only disk is one `app:onStorage` banner; polling and alerts go on from memory.
    this.writer = new HistoryWriter(this.history, { ...options.writer, clock, onStorage: (status) => options.events.publish('app:onStorage', status) });
    this.batcher = new StatusBatcher((diff) => options.events.publish('fleet:onStatus', diff), { windowMs: options.batchWindowMs, clock });
    this.batcher.seed(this.latest.all());
    const observers = (options.observers ?? []).filter((o) => o.observe);
    this.poller = new Poller({
      ...options.poller,
      pollNode: options.pollNode,
      listNodes: options.listNodes,
      latest: this.latest,
      clock,
      onResult: (status, previous) => {
        this.writer.push(status);
        this.batcher.push(status);
        for (const observer of observers) {
          try {
            observer.observe!(previous, status);
          } catch (error) {
            console.error(`[monitor] ${observer.name} failed to observe a result:`, error instanceof Error ? error.message : error);
          }
        }
      },
      onRemoved: (ids) => {
        this.latest.delete(ids);
        this.batcher.remove(ids);
        this.history.forget(ids);
      },
      onProgress: (progress) => options.events.publish('fleet:onPollProgress', progress),
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
   * Every registered node with the freshest status known (unknown before a first
   * poll). While running it is answered from memory (the latest statuses, seeded from history), not
   * by re-reading 5,000 stored statuses.
   */
  status(): NodeStatus[] {
    if (!this.running) return this.history.latestAll();
    return this.options.listNodes().map((node) => this.current(node));
  }

  /**
   * `fleet:status`: every node's table row at a stream position. What is queued is published
   * first, so the rows are exactly what the diffs so far describe and diff `seq + 1` goes on from them.
   */
  table(): FleetSnapshot {
    this.batcher.flush();
    const rows = this.running ? (this.options.listIdentities ?? this.options.listNodes)().map((node) => this.rowOf(node)) : this.status().map(toFleetRow);
    return { ...this.batcher.position(), rows };
  }

  /**
   * A node's table row under its current name, host and tags. The row of each latest status is
   * built once (statuses are replaced, never changed in place), so a snapshot copies nothing
   * for nodes that did not change since the last one.
   */
  private rowOf(node: NodeIdentity): FleetRowStatus {
    const status = this.latest.get(node.id);
    if (!status) return toFleetRow(blankStatus(node));
    let row = this.rows.get(status);
    if (!row) {
      row = toFleetRow(status);
      this.rows.set(status, row);
    }
    return underIdentity(row, node);
  }

  /** `node:status`: one node's freshest status, without building the whole fleet's list. */
  statusOf(nodeId: number): NodeStatus | null {
    if (!this.running) return this.history.latestAll().find((s) => s.nodeId === nodeId) ?? null;
    const node = this.options.listNodes().find((n) => n.id === nodeId);
    return node ? this.current(node) : null;
  }

  /** A node's latest status under its current name, host and tags (unknown before a first poll). */
  private current(node: NodeRecord): NodeStatus {
    const status = this.latest.get(node.id);
    return status ? underIdentity(status, node) : blankStatus(node);
  }

  /** `fleet:pollNow`. */
  pollNow(nodeIds?: readonly number[]): { queued: number } {
    return this.poller.pollNow(nodeIds);
  }

  /** `node:history`. */
  series(nodeId: number, metric: HistoryMetric, fromMs: number, toMs: number): Series {
    return this.history.series(nodeId, metric, fromMs, toMs);
  }

  /** `fleet:uptime`. */
  uptime(nodeIds: readonly number[]): NodeUptime[] {
    return this.history.uptime(nodeIds);
  }

  /** `fleet:healthHistory`. */
  fleetHealth(fromMs: number, toMs: number): FleetHealthSeries {
    return this.history.fleetHealth(fromMs, toMs);
  }

  /** `node:events`. */
  events(nodeId: number, limit: number): NodeEvent[] {
    return this.history.events(nodeId, limit);
  }

  /** Stops polling and the history job, then writes what is buffered and every node's newest status. Call before closing the DB. */
  stop(): void {
    this.running = false;
    this.poller.stop();
    this.maintenance?.stop();
    this.batcher.flush();
    this.batcher.dispose();
    this.writer.close();
    try {
      this.history.writeLatest();
    } catch (error) {
      console.error('[history] could not store the latest statuses:', error instanceof Error ? error.message : error);
    }
  }
}

/**
 * A status or row under the node's current name, host and tags (renamed or retagged since its
 * poll): itself when they are the same, so an unchanged node costs no copy, else a copy.
 */
function underIdentity<T extends Omit<NodeIdentity, 'id'>>(value: T, node: NodeIdentity): T {
  const same = value.name === node.name && value.host === node.host && value.tags.length === node.tags.length && value.tags.every((tag, i) => tag === node.tags[i]);
  return same ? value : { ...value, name: node.name, host: node.host, tags: [...node.tags] };
}
