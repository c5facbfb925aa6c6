import type { NodeStatus, StorageStatus } from '../../../src-shared/contract';
import { storageFailureReason } from '../store/storage-failure';
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
  /** Called when writing stops (disk full, read-only, I/O error) and again when it resumes. */
  onStorage?: (status: StorageStatus) => void;
  /** While the disk refuses writes: how often to try again. Default 5,000 ms. */
  retryMs?: number;
  /** While the disk refuses writes: statuses kept in memory (the oldest go first). Default 50,000. */
  maxPending?: number;
}

/**
 * Buffers poll results and hands them to `HistoryRepo.record` in batches, so 5,000 nodes cost a
 * few transactions a second instead of one commit (and one WAL frame set) per poll.
 *
 * When the disk refuses writes (SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR) a batch rolls back
 * whole, so nothing stored is touched; the batch is kept (bounded) and retried on a timer, and
 * `onStorage` tells the UI once when writing stops and once when it resumes by itself.
 */
export class HistoryWriter {
  private buffer: NodeStatus[] = [];
  private timer: unknown = undefined;
  private readonly flushMs: number;
  private readonly maxRows: number;
  private readonly clock: Clock;
  private closed = false;
  private failing: { reason: string; since: number } | undefined;
  private readonly retryMs: number;
  private readonly maxPending: number;

  constructor(
    private readonly repo: Pick<HistoryRepo, 'record'>,
    private readonly options: HistoryWriterOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 1000;
    this.maxRows = options.maxRows ?? 500;
    this.clock = options.clock ?? systemClock;
    this.retryMs = options.retryMs ?? 5000;
    this.maxPending = options.maxPending ?? 50_000;
  }

  push(status: NodeStatus): void {
    if (this.closed) return;
    this.buffer.push(status);
    if (this.failing) {
      // The retry timer is running; only keep the memory bounded.
      if (this.buffer.length > this.maxPending) this.buffer.splice(0, this.buffer.length - this.maxPending);
      return;
    }
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
    // A backlog kept through a failure goes in maxRows-sized transactions, like fresh polls.
    let written = 0;
    try {
      for (; written < batch.length; written += this.maxRows) this.repo.record(batch.slice(written, written + this.maxRows));
    } catch (error) {
      const reason = storageFailureReason(error);
      if (reason !== undefined && !this.closed) {
        this.holdForRetry(batch.slice(written), reason);
        return;
      }
      if (this.options.onError) this.options.onError(error, batch.length);
      else console.error(`[history] dropped ${batch.length} statuses:`, error instanceof Error ? error.message : error);
    }
    if (this.failing) {
      this.failing = undefined;
      console.error('[history] writing again');
      this.options.onStorage?.(this.status());
    }
  }

  /** `app:storage`: whether history is being saved, and why not. */
  status(): StorageStatus {
    if (!this.failing) return { saving: true, pending: this.buffer.length };
    return { saving: false, reason: `history is not being saved: ${this.failing.reason}`, since: this.failing.since, pending: this.buffer.length };
  }

  private holdForRetry(batch: NodeStatus[], reason: string): void {
    // Batches that rolled back are written again first, in poll order; a flood is cut oldest-first.
    this.buffer = [...batch, ...this.buffer];
    if (this.buffer.length > this.maxPending) this.buffer.splice(0, this.buffer.length - this.maxPending);
    const changed = this.failing?.reason !== reason;
    this.failing = { reason, since: this.failing?.since ?? this.clock.now() };
    if (changed) {
      console.error(`[history] ${this.status().reason}; polling goes on, retrying every ${this.retryMs} ms`);
      this.options.onStorage?.(this.status());
    }
    this.timer = this.clock.setTimeout(() => this.flush(), this.retryMs);
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Flushes what is left and accepts no more (call before closing the database). */
  close(): void {
    this.closed = true;
    this.flush();
  }
}
