import { Health, type NodeStatus, type HistoryMetric, type NodeEvent, type NodeUptime, type FleetHealthSeries, type Series, type Severity } from '../../../src-shared/contract';
import type { Db } from '../store/database';
import { blankStatus, type NodeIdentity } from '../../../src-shared/node-status';
import { pushSampleValues } from './metrics';
import { queryFleetHealth } from './fleet-health';
import { SampleInserts } from './sample-inserts';
import { RECENT_LEVEL_FROM_SQL } from './sample-levels';
import { querySeries, type SeriesOptions } from './series';
import { queryUptime } from './uptime';
import { diffStatus, type Baseline, type NewEvent } from './transitions';
import { parseTagsColumn } from '../nodes/tags-column';

export interface HistoryRepoOptions {
  /** Resolution thresholds and point cap for `series()`. */
  series?: SeriesOptions;
  /** Called after a commit with the events it wrote (alerts, UI pushes). Errors are contained. */
  onEvents?: (events: NodeEvent[]) => void;
  /**
   * How often a node's stored latest status is refreshed when nothing changed (default 15 min).
   * Transitions are always written at once, and `writeLatest()` (on shutdown) stores the newest of
   * every node; the running app serves the latest status from memory, so only a restart after a
   * crash (or `fluxdeck status` beside a running app) sees an older snapshot. At 5 minutes,
   * stringifying and upserting ~1.4 KB per node was about 40 % of the write path's time (bench/HISTORY.md).
   */
  latestEveryMs?: number;
  now?: () => number;
}

/** How often a node's stored latest status is refreshed when nothing changed (`latestEveryMs`). */
export const LATEST_EVERY_MS = 900_000;

/** An event from outside the poll path (e.g. the SSH layer seeing a new host key). */
export interface ExternalEvent {
  kind: string;
  severity: Severity;
  message: string;
  data?: Record<string, unknown>;
  at?: number;
}

interface EventRow {
  id: number;
  node_id: number;
  at: number;
  kind: string;
  severity: Severity;
  message: string;
}

interface LatestRow {
  id: number;
  name: string;
  host: string;
  tags: string;
  status_json: string | null;
}

/**
 * Writes poll results (samples, latest status, transition events) and answers the fleet's
 * "latest" and event queries. One instance per process: it keeps each node's baseline in memory,
 * loaded from `node_status`, so a restart neither re-emits nor misses transitions.
 */
export class HistoryRepo {
  private readonly baselines = new Map<number, Baseline>();
  /** When each node's latest status was last written by this process (absent: never). */
  private readonly latestWrittenAt = new Map<number, number>();
  /** Each node's newest status recorded since its latest status was last written (`writeLatest`). */
  private readonly latestUnwritten = new Map<number, { status: NodeStatus; baseline: Baseline; at: number }>();
  /** Nodes known to exist, so a poll result costs no lookup; a removal drops the id (`forget`). */
  private readonly knownNodes = new Set<number>();
  private readonly now: () => number;
  private readonly stmts;
  private readonly samples: SampleInserts;

  constructor(
    private readonly db: Db,
    private readonly options: HistoryRepoOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.samples = new SampleInserts(db);
    this.stmts = {
      nodeExists: db.prepare<[number], { one: number }>('SELECT 1 AS one FROM nodes WHERE id = ?'),
      recentLevelFrom: db.prepare<[], number>(RECENT_LEVEL_FROM_SQL).pluck(),
      upsertLatest: db.prepare<[number, string, string, number, string]>(`INSERT INTO node_status (node_id, status_json, health, polled_at, baseline_json)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (node_id) DO UPDATE SET status_json = excluded.status_json, health = excluded.health,
          polled_at = excluded.polled_at, baseline_json = excluded.baseline_json`),
      insertEvent: db.prepare<[number, number, string, string, string, string], { id: number }>(
        'INSERT INTO events (node_id, at, kind, severity, message, data_json) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
      ),
      baselines: db.prepare<[], { node_id: number; baseline_json: string }>('SELECT node_id, baseline_json FROM node_status'),
      latestAll: db.prepare<[], LatestRow>(`SELECT n.id, n.name, n.host, n.tags, s.status_json
        FROM nodes n LEFT JOIN node_status s ON s.node_id = n.id ORDER BY n.name COLLATE NOCASE`),
      nodeEvents: db.prepare<[number, number], EventRow>(
        'SELECT id, node_id, at, kind, severity, message FROM events WHERE node_id = ? ORDER BY at DESC, id DESC LIMIT ?',
      ),
      fleetEvents: db.prepare<[number, number], EventRow>(
        'SELECT id, node_id, at, kind, severity, message FROM events WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?',
      ),
    };
    for (const row of this.stmts.baselines.all()) this.baselines.set(row.node_id, parseBaseline(row.baseline_json));
  }

  /**
   * Writes a batch of poll results in ONE immediate transaction: all rows or none. Statuses of
   * nodes that no longer exist (removed while their poll was in flight) are skipped, not fatal.
   * Returns the events the batch produced.
   */
  record(statuses: readonly NodeStatus[]): NodeEvent[] {
    try {
      return this.recordBatch(statuses);
    } catch (error) {
      // A node removed by another process (the CLI beside the app) is still in the id cache: ask the
      // database again for every node and write the batch without it.
      if (!isRemovedNode(error)) throw error;
      this.knownNodes.clear();
      return this.recordBatch(statuses);
    }
  }

  private recordBatch(statuses: readonly NodeStatus[]): NodeEvent[] {
    if (statuses.length === 0) return [];
    const pending = new Map<number, Baseline>();
    const latestWrites = new Map<number, number>();
    // Per node in this batch: its newest status if that one's latest status was not written, else null.
    const newestUnwritten = new Map<number, { status: NodeStatus; baseline: Baseline; at: number } | null>();
    const every = this.options.latestEveryMs ?? LATEST_EVERY_MS;
    const written = this.db
      .transaction(() => {
        const out: NodeEvent[] = [];
        // Polls append to the recent level; an older row (rare) goes through the view to the level its time belongs to (RECENT_LEVEL_FROM_SQL).
        const splitAt = this.stmts.recentLevelFrom.get() as number;
        const recent: (number | string | null)[] = [];
        const late: (number | string | null)[] = [];
        for (const status of statuses) {
          if (!this.exists(status.nodeId)) continue;
          const at = status.lastPolledAt ?? this.now();
          const before = pending.get(status.nodeId) ?? this.baselines.get(status.nodeId);
          const { events, baseline } = diffStatus(before, status, at);
          pending.set(status.nodeId, baseline);
          pushSampleValues(at >= splitAt ? recent : late, status, at);
          const lastWrite = latestWrites.get(status.nodeId) ?? this.latestWrittenAt.get(status.nodeId);
          if (events.length > 0 || lastWrite === undefined || at - lastWrite >= every) {
            this.upsertLatest(status, baseline, at);
            latestWrites.set(status.nodeId, at);
            newestUnwritten.set(status.nodeId, null);
          } else {
            newestUnwritten.set(status.nodeId, { status, baseline, at });
          }
          for (const event of events) out.push(this.insert(event));
        }
        this.samples.write('samples_recent', recent);
        this.samples.write('samples', late);
        return out;
      })
      .immediate();
    // Only a committed batch moves the in-memory baselines; a rolled-back one leaves them as they were.
    for (const [id, baseline] of pending) this.baselines.set(id, baseline);
    for (const [id, at] of latestWrites) this.latestWrittenAt.set(id, at);
    for (const [id, newest] of newestUnwritten) {
      if (newest) this.latestUnwritten.set(id, newest);
      else this.latestUnwritten.delete(id);
    }
    this.notify(written);
    return written;
  }

  /**
   * Stores the newest recorded status of every node whose latest status was not written with it
   * (the refresh interval had not passed), in one transaction: call on shutdown, so a restart
   * starts from what the app last showed.
   */
  writeLatest(): void {
    if (this.latestUnwritten.size === 0) return;
    const newest = [...this.latestUnwritten.values()];
    this.db.transaction(() => {
      for (const { status, baseline, at } of newest) {
        try {
          this.upsertLatest(status, baseline, at);
        } catch (error) {
          // Removed by another process (the CLI beside the app): nothing to keep for it.
          if (!isRemovedNode(error)) throw error;
        }
      }
    })();
    for (const { status, at } of newest) this.latestWrittenAt.set(status.nodeId, at);
    this.latestUnwritten.clear();
  }

  private upsertLatest(status: NodeStatus, baseline: Baseline, at: number): void {
    this.stmts.upsertLatest.run(status.nodeId, JSON.stringify(status), status.health, at, JSON.stringify(baseline));
  }

  private exists(nodeId: number): boolean {
    if (this.knownNodes.has(nodeId)) return true;
    if (!this.stmts.nodeExists.get(nodeId)) return false;
    this.knownNodes.add(nodeId);
    return true;
  }

  /** Records an event that does not come from a status diff. Returns undefined for an unknown node. */
  recordEvent(nodeId: number, event: ExternalEvent): NodeEvent | undefined {
    if (!this.stmts.nodeExists.get(nodeId)) return undefined;
    const written = this.insert({ nodeId, at: event.at ?? this.now(), kind: event.kind, severity: event.severity, message: event.message, data: event.data ?? {} });
    this.notify([written]);
    return written;
  }

  /** Drops a removed node's in-memory baseline (its rows go with the node by ON DELETE CASCADE). */
  forget(nodeIds: readonly number[]): void {
    for (const id of nodeIds) {
      this.baselines.delete(id);
      this.latestWrittenAt.delete(id);
      this.latestUnwritten.delete(id);
      this.knownNodes.delete(id);
    }
  }

  /** One status per registered node: the stored one, or `unknown` before its first poll. */
  latestAll(): NodeStatus[] {
    return this.stmts.latestAll.all().map((row) => {
      const identity = { id: row.id, name: row.name, host: row.host, tags: parseTagsColumn(row.tags) };
      // Name, host and tags come from `nodes`, so an edit shows before the next poll.
      return (row.status_json === null ? undefined : parseStatus(row.status_json, identity)) ?? blankStatus(identity);
    });
  }

  /** One node's metric for a chart: raw ≤ 2 days, hourly ≤ 60 days, else daily; at most ~1,500 points. */
  uptime(nodeIds: readonly number[]): NodeUptime[] {
    return queryUptime(this.db, nodeIds, this.now());
  }

  series(nodeId: number, metric: HistoryMetric, fromMs: number, toMs: number): Series {
    return querySeries(this.db, nodeId, metric, fromMs, toMs, this.options.series);
  }

  /** `fleet:healthHistory`: nodes per health level per hour or day. */
  fleetHealth(fromMs: number, toMs: number): FleetHealthSeries {
    return queryFleetHealth(this.db, fromMs, toMs);
  }

  /** A node's events, newest first. */
  events(nodeId: number, limit = 200): NodeEvent[] {
    return this.stmts.nodeEvents.all(nodeId, clampLimit(limit)).map(toEvent);
  }

  /** Events of every node since `sinceMs`, newest first. */
  fleetEvents(sinceMs: number, limit = 500): NodeEvent[] {
    return this.stmts.fleetEvents.all(sinceMs, clampLimit(limit)).map(toEvent);
  }

  private insert(event: NewEvent): NodeEvent {
    const message = event.message.slice(0, 1000);
    const row = this.stmts.insertEvent.get(event.nodeId, event.at, event.kind, event.severity, message, JSON.stringify(event.data))!;
    return { id: row.id, nodeId: event.nodeId, at: event.at, kind: event.kind, severity: event.severity, message };
  }

  private notify(events: NodeEvent[]): void {
    if (events.length === 0 || !this.options.onEvents) return;
    try {
      this.options.onEvents(events);
    } catch (error) {
      console.error('[history] onEvents listener failed:', error instanceof Error ? error.message : error);
    }
  }
}

/** A write refused because its node is gone (removed by another process since this one cached it). */
function isRemovedNode(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(10_000, Math.max(1, Math.floor(limit))) : 200;
}

function toEvent(row: EventRow): NodeEvent {
  return { id: row.id, nodeId: row.node_id, at: row.at, kind: row.kind, severity: row.severity, message: row.message };
}

/**
 * Our own JSON, so a full schema parse per node (slow at 5,000 nodes) is not needed; but a status
 * written by an older FluxDeck may lack newer fields: it is laid over a blank status, and anything
 * that is not even an object with a known health is treated as absent.
 */
function parseStatus(json: string, identity: NodeIdentity): NodeStatus | undefined {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const stored = value as Partial<NodeStatus>;
    if (!Health.safeParse(stored.health).success || !Array.isArray(stored.problems)) return undefined;
    return { ...blankStatus(identity), ...stored, nodeId: identity.id, name: identity.name, host: identity.host, tags: [...identity.tags] };
  } catch {
    return undefined;
  }
}

function parseBaseline(json: string): Baseline {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const v = value as Record<string, unknown>;
    const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
    const problems: Record<string, Severity> = {};
    if (typeof v.problems === 'object' && v.problems !== null) {
      for (const [code, sev] of Object.entries(v.problems)) {
        if (sev === 'info' || sev === 'warning' || sev === 'critical') Object.defineProperty(problems, code, { value: sev, enumerable: true, writable: true, configurable: true });
      }
    }
    return {
      health: Health.safeParse(v.health).data,
      fluxnodeStatus: str(v.fluxnodeStatus),
      benchStatus: str(v.benchStatus),
      problems,
      lastPaidHeight: typeof v.lastPaidHeight === 'number' ? v.lastPaidHeight : undefined,
    };
  } catch {
    return {};
  }
}
