import type { NodeStatus } from '../../../src-shared/contract';
import { systemClock, type Clock } from './clock';
import type { HistoryRepo } from './history.repo';

export interface HistoryWriterOptions {
  /** Flush at most this long after the first buffered status. Default 1,000 ms. */
  flushMs?: number;
  /** Flush at once when this many statuses are buffered. Default 500. */
  maxRows?: number;
  clock?: Clock;
  /** A failed batch is dropped (its rows rolled back) and reported here; polling goes on. */
  onError?: (error: unknown, dropped: number) => void;
}

/**
 * Buffers poll results and hands them to `HistoryRepo.record` in batches, so 5,000 nodes cost a
 * few transactions a second instead of one commit (and one WAL frame set) per poll.
 */
export class HistoryWriter {
  private buffer: NodeStatus[] = [];
  private timer: unknown = undefined;
  private readonly flushMs: number;
  private readonly maxRows: number;
  private readonly clock: Clock;
  private closed = false;

  constructor(
    private readonly repo: Pick<HistoryRepo, 'record'>,
    private readonly options: HistoryWriterOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 1000;
    this.maxRows = options.maxRows ?? 500;
    this.clock = options.clock ?? systemClock;
  }

  push(status: NodeStatus): void {
    if (this.closed) return;
    this.buffer.push(status);
    if (this.buffer.length >= this.maxRows) this.flush();
    else if (this.timer === undefined) this.timer = this.clock.setTimeout(() => this.flush(), this.flushMs);
  }

  /** Writes everything buffered now. */
  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    try {
      this.repo.record(batch);
    } catch (error) {
      if (this.options.onError) this.options.onError(error, batch.length);
      else console.error(`[history] dropped ${batch.length} statuses:`, error instanceof Error ? error.message : error);
    }
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Flushes what is left and accepts no more (call before closing the database). */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
