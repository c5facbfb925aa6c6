import type { Db } from '../store/database';
import { systemClock, type Clock } from './clock';
import { checkpointIfLarge, prune, type PruneResult, type RetentionPolicy } from './retention';
import { rollUp } from './rollup';

export interface HistoryMaintenanceOptions {
  retention?: RetentionPolicy;
  /** How often the job runs. Default 10 min (roll-ups only ever process completed buckets). */
  intervalMs?: number;
  /** How long after an hour ends before it is rolled up (late samples). Default 2 min. */
  graceMs?: number;
  /** Checkpoint (TRUNCATE) the WAL when it grows past this. Default 32 MiB. */
  walThresholdBytes?: number;
  clock?: Clock;
  onError?: (error: unknown) => void;
}

export interface MaintenanceReport {
  rolledUp: { hour: number; day: number };
  pruned: PruneResult;
  checkpoint: { ran: boolean; complete: boolean; walBytes: number };
}

/** The periodic history job: roll-ups, then retention, then a WAL checkpoint when it is large. */
export class HistoryMaintenance {
  private timer: unknown = undefined;
  private readonly clock: Clock;

  constructor(
    private readonly db: Db,
    private readonly options: HistoryMaintenanceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  runOnce(now = this.clock.now()): MaintenanceReport {
    const rolledUp = rollUp(this.db, now, this.options.graceMs);
    const pruned = prune(this.db, now, this.options.retention);
    const checkpoint = checkpointIfLarge(this.db, this.options.walThresholdBytes);
    return { rolledUp, pruned, checkpoint };
  }

  /** Runs once now and then every interval until `stop()`. Failures are reported, never thrown. */
  start(): void {
    if (this.timer !== undefined) return;
    const tick = () => {
      try {
        this.runOnce();
      } catch (error) {
        if (this.options.onError) this.options.onError(error);
        else console.error('[history] maintenance failed:', error instanceof Error ? error.message : error);
      }
      this.timer = this.clock.setTimeout(tick, this.options.intervalMs ?? 600_000);
    };
    this.timer = this.clock.setTimeout(tick, 0);
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
