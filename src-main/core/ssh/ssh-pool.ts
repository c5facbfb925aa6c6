import { setMaxListeners } from 'node:events';
import type { SecretStore } from '../secrets/secret-store';
import { BackoffTracker, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { HostKeys } from './host-keys';
import { Semaphore } from './semaphore';
import { CONNECTION_DEFAULTS, SshConnection } from './ssh-connection';
import { SshError, backoffMessage } from './ssh-error';
import { targetKey, type ExecOptions, type ExecResult, type SshTarget } from './ssh-types';

export interface SshPoolOptions {
  hostKeys: HostKeys;
  secrets: SecretStore;
  /** Concurrent exec channels per connection; more are queued. Default 4 (sshd MaxSessions is 10). */
  maxChannelsPerConnection?: number;
  /** Handshakes in flight across all hosts (sshd MaxStartups starts dropping at 10 per server). Default 16. */
  maxHandshakes?: number;
  /** Close a connection nobody used for this long. Default 120 s. */
  idleTtlMs?: number;
  /** Defaults applied to every exec. */
  execDefaults?: ExecOptions;
  backoff?: Partial<BackoffPolicy>;
  now?: () => number;
  random?: () => number;
}

/** Counters for the bench and diagnostics. */
export interface SshPoolStats {
  connections: number;
  connecting: number;
  channelsInUse: number;
  channelsWaiting: number;
  handshakesInFlight: number;
  handshakesWaiting: number;
  leases: number;
}

/** Keeps a node's connection open while held; release it when done. */
export interface SshLease {
  readonly target: SshTarget;
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  release(): void;
}

interface Entry {
  key: string;
  target: SshTarget;
  conn?: SshConnection;
  connecting?: Promise<SshConnection>;
  refs: number;
  idleTimer?: NodeJS.Timeout;
}

/**
 * SSH connection pool: one long-lived connection per `user@host:port`, shared by many exec
 * channels, opened at most one handshake per host and `maxHandshakes` overall, closed after an idle
 * TTL, and re-established with exponential backoff after failures (hard backoff for auth and
 * host-key failures, never a tight loop).
 */
export class SshPool {
  private readonly entries = new Map<string, Entry>();
  private readonly hostGates = new Map<string, Semaphore>();
  private readonly handshakes: Semaphore;
  private readonly backoff: BackoffTracker;
  private readonly aborter = new AbortController();
  private readonly maxChannels: number;
  private readonly idleTtlMs: number;
  private readonly now: () => number;
  private handshakesInFlight = 0;
  private closed = false;

  constructor(private readonly options: SshPoolOptions) {
    // Every in-flight handshake listens on this one signal (up to maxHandshakes at once).
    setMaxListeners(0, this.aborter.signal);
    this.handshakes = new Semaphore(options.maxHandshakes ?? 16);
    this.backoff = new BackoffTracker({ ...DEFAULT_BACKOFF, ...options.backoff }, options.random);
    this.maxChannels = options.maxChannelsPerConnection ?? CONNECTION_DEFAULTS.maxChannels;
    this.idleTtlMs = options.idleTtlMs ?? 120_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs `command` on `target`, reusing its pooled connection. Rejects with a typed
   * {@link SshError}; `BACKOFF` means nothing was attempted.
   */
  async exec(target: SshTarget, command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const entry = this.ref(target);
    try {
      return await this.execOn(entry, command, options);
    } finally {
      this.unref(entry);
    }
  }

  /** Holds `target`'s connection open (e.g. for a burst of commands) until released. */
  async lease(target: SshTarget): Promise<SshLease> {
    const entry = this.ref(target);
    try {
      await this.connection(entry);
    } catch (err) {
      this.unref(entry);
      throw err;
    }
    let released = false;
    return {
      target,
      exec: (command, options = {}) => {
        if (released) return Promise.reject(new SshError('CONNECTION_LOST', 'The lease was released', { target: entry.key }));
        return this.execOn(entry, command, options);
      },
      release: () => {
        if (released) return;
        released = true;
        this.unref(entry);
      },
    };
  }

  /** Forgets a target's failures, e.g. after the user fixed its credentials. */
  resetBackoff(target: Pick<SshTarget, 'host' | 'port' | 'username'>): void {
    this.backoff.reset(targetKey(target));
  }

  /** Closes a target's connection now (node removed or edited). */
  evict(target: Pick<SshTarget, 'host' | 'port' | 'username'>): void {
    this.entries.get(targetKey(target))?.conn?.close();
  }

  stats(): SshPoolStats {
    let connections = 0;
    let connecting = 0;
    let channelsInUse = 0;
    let channelsWaiting = 0;
    let leases = 0;
    for (const e of this.entries.values()) {
      if (e.conn && !e.conn.isClosed) {
        connections++;
        channelsInUse += e.conn.channelsInUse;
        channelsWaiting += e.conn.channelsWaiting;
      }
      if (e.connecting) connecting++;
      leases += e.refs;
    }
    return {
      connections,
      connecting,
      channelsInUse,
      channelsWaiting,
      handshakesInFlight: this.handshakesInFlight,
      handshakesWaiting: this.handshakes.waiting,
      leases,
    };
  }

  /** Closes every connection and cancels handshakes; later calls fail with CONNECTION_LOST. */
  async close(): Promise<void> {
    this.closed = true;
    this.aborter.abort();
    const pending: Array<Promise<unknown>> = [];
    for (const e of this.entries.values()) {
      clearTimeout(e.idleTimer);
      e.conn?.close();
      if (e.connecting) pending.push(e.connecting.catch(() => undefined));
    }
    await Promise.all(pending);
    this.entries.clear();
  }

  private async execOn(entry: Entry, command: string, options: ExecOptions): Promise<ExecResult> {
    const conn = await this.connection(entry);
    const result = await conn.exec(command, { ...this.options.execDefaults, ...options });
    // A command went all the way through: the target is healthy again.
    this.backoff.reset(entry.key);
    return result;
  }

  private ref(target: SshTarget): Entry {
    const key = targetKey(target);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { key, target, refs: 0 };
      this.entries.set(key, entry);
    }
    entry.target = target;
    entry.refs++;
    clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    return entry;
  }

  private unref(entry: Entry): void {
    entry.refs = Math.max(0, entry.refs - 1);
    if (entry.refs > 0 || this.closed) return;
    clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => {
      if (entry.refs > 0) return;
      entry.conn?.close();
      if (!entry.connecting && this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    }, this.idleTtlMs);
    entry.idleTimer.unref();
  }

  private connection(entry: Entry): Promise<SshConnection> {
    if (this.closed) return Promise.reject(new SshError('CONNECTION_LOST', 'The SSH pool is closed', { target: entry.key }));
    if (entry.conn && !entry.conn.isClosed) return Promise.resolve(entry.conn);
    if (entry.connecting) return entry.connecting;
    const waiting = this.backoff.pending(entry.key, this.now());
    if (waiting) {
      const fixedByUser =
        waiting.keyType !== undefined &&
        waiting.fingerprint !== undefined &&
        this.options.hostKeys.isPinned(entry.target.host, entry.target.port, waiting.keyType, waiting.fingerprint);
      if (!fixedByUser) {
        return Promise.reject(
          new SshError('BACKOFF', backoffMessage(waiting.cause, waiting.reason, waiting.retryAt - this.now()), {
            target: entry.key,
            retryAt: waiting.retryAt,
            cause: waiting.cause,
            keyType: waiting.keyType,
            fingerprint: waiting.fingerprint,
          }),
        );
      }
      this.backoff.reset(entry.key);
    }
    const connecting = this.handshake(entry).finally(() => {
      if (entry.connecting === connecting) entry.connecting = undefined;
    });
    entry.connecting = connecting;
    return connecting;
  }

  private async handshake(entry: Entry): Promise<SshConnection> {
    const target = entry.target;
    const host = target.host.toLowerCase();
    let gate = this.hostGates.get(host);
    if (!gate) {
      gate = new Semaphore(1);
      this.hostGates.set(host, gate);
    }
    const releaseHost = await gate.acquire();
    let releaseGlobal: (() => void) | undefined;
    try {
      releaseGlobal = await this.handshakes.acquire();
      this.handshakesInFlight++;
      const conn = await SshConnection.open(target, this.options, this.maxChannels, this.aborter.signal);
      if (this.closed) {
        conn.close();
        throw new SshError('CONNECTION_LOST', 'The SSH pool is closed', { target: entry.key });
      }
      entry.conn = conn;
      conn.onClose((reason) => {
        if (entry.conn === conn) entry.conn = undefined;
        if (reason.kind !== 'closed') this.backoff.fail(entry.key, reason.error.code, this.now());
      });
      return conn;
    } catch (err) {
      if (err instanceof SshError && !this.closed) {
        this.backoff.fail(entry.key, err.code, this.now(), { keyType: err.details.keyType, fingerprint: err.details.fingerprint, reason: err.message });
      }
      throw err;
    } finally {
      if (releaseGlobal) {
        this.handshakesInFlight--;
        releaseGlobal();
      }
      releaseHost();
      if (gate.active === 0 && gate.waiting === 0) this.hostGates.delete(host);
    }
  }
}
