import type { Db } from '../store/database';
import { systemClock, type Clock } from './clock';
import { checkpointIfLarge, prune, pruneSteps, type PruneResult, type RetentionPolicy } from './retention';
import { rollUp, rollUpSteps } from './rollup';
import { moveIsDue, moveRecentSteps } from './sample-levels';
import { runSteps } from './steps';

export interface HistoryMaintenanceOptions {
  retention?: RetentionPolicy;
  /**
   * How often the job runs. Default 10 min (roll-ups only ever process completed buckets; every third
   * run moves the recent samples into the node-clustered level, see MOVE_EVERY_MS).
   */
  intervalMs?: number;
  /** How long after an hour ends before it is rolled up (late samples). Default 2 min. */
  graceMs?: number;
  /** Checkpoint (TRUNCATE) the WAL when it grows past this. Default 32 MiB. */
  walThresholdBytes?: number;
  clock?: Clock;
  onError?: (error: unknown) => void;
}

/** How often maintenance runs by default. */
export const MAINTENANCE_INTERVAL_MS = 600_000;

export interface MaintenanceReport {
  /** Raw samples moved from the recent level to the node-clustered one. */
  moved: number;
  rolledUp: { hour: number; day: number };
  pruned: PruneResult;
  checkpoint: { ran: boolean; complete: boolean; walBytes: number };
}

/**
 * The periodic history job: the move of recent samples first (so the hours to roll up are in the
 * node-clustered level), roll-ups, then retention, then a WAL checkpoint when it is large.
 */
export class HistoryMaintenance {
  private timer: unknown = undefined;
  private stopped = false;
  private readonly clock: Clock;

  constructor(
    private readonly db: Db,
    private readonly options: HistoryMaintenanceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  runOnce(now = this.clock.now()): MaintenanceReport {
    const moved = moveIsDue(this.db, now) ? runSteps(moveRecentSteps(this.db, now)) : 0;
    const rolledUp = rollUp(this.db, now, { graceMs: this.options.graceMs });
    const pruned = prune(this.db, now, this.options.retention);
    const checkpoint = checkpointIfLarge(this.db, this.options.walThresholdBytes);
    return { moved, rolledUp, pruned, checkpoint };
  }

  /**
   * The same work as `runOnce`, yielding to the event loop between short transactions so the
   * Electron main process stays responsive while an hour of 5,000 nodes is rolled up.
   */
  async run(now = this.clock.now()): Promise<MaintenanceReport> {
    const moved = moveIsDue(this.db, now) ? await drain(moveRecentSteps(this.db, now), () => this.stopped) : 0;
    const rolledUp = await drain(rollUpSteps(this.db, now, { graceMs: this.options.graceMs }), () => this.stopped);
    const pruned = await drain(pruneSteps(this.db, now, this.options.retention), () => this.stopped);
    const checkpoint = checkpointIfLarge(this.db, this.options.walThresholdBytes);
    return { moved, rolledUp, pruned, checkpoint };
  }

  /** Runs now and then every interval until `stop()`. Failures are reported, never thrown. */
  start(): void {
    if (this.timer !== undefined) return;
    this.stopped = false;
    const tick = async () => {
      try {
        await this.run();
      } catch (error) {
        if (this.stopped) return;
        if (this.options.onError) this.options.onError(error);
        else console.error('[history] maintenance failed:', error instanceof Error ? error.message : error);
      }
      if (!this.stopped) this.timer = this.clock.setTimeout(() => void tick(), this.options.intervalMs ?? MAINTENANCE_INTERVAL_MS);
    };
    this.timer = this.clock.setTimeout(() => void tick(), 0);
  }

  /** Stops the schedule; a run in progress ends after its current step (call before closing the DB). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

class Stopped extends Error {}

async function drain<T>(work: Generator<void, T>, stopped: () => boolean): Promise<T> {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stopped()) throw new Stopped('history maintenance stopped');
  }
}
