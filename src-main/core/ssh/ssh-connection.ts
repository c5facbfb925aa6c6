import ssh2 from 'ssh2';
import type { Client as Ssh2Client, ConnectConfig } from 'ssh2';
import type { SecretStore } from '../secrets/secret-store';
import { runExecChannel, type ExecOutcome } from './exec-channel';
import type { HostKeys } from './host-keys';
import { Semaphore } from './semaphore';
import { resolveAuth } from './ssh-auth';
import { classifyConnectError, SshError } from './ssh-error';
import { targetKey, type ExecOptions, type ExecResult, type SshTarget } from './ssh-types';

const { Client } = ssh2;

export const CONNECTION_DEFAULTS = {
  readyTimeoutMs: 10_000,
  keepalive: { intervalMs: 15_000, countMax: 3 },
  maxChannels: 4,
} as const;

export interface ConnectionDeps {
  hostKeys: HostKeys;
  secrets: SecretStore;
}

/** Why a connection ended: a deadline, a drop, or a deliberate close. */
export type CloseReason = { kind: 'timeout' | 'lost' | 'closed'; error: SshError };

/**
 * One authenticated ssh2 connection carrying up to `maxChannels` exec channels at once (more wait
 * in FIFO order). Any deadline or drop tears the whole connection down: a half-open ssh2
 * transport cannot be trusted to recover.
 */
export class SshConnection {
  private readonly channels: Semaphore;
  private readonly aborts = new Set<(error: SshError) => void>();
  private closeReason: CloseReason | undefined;
  private lastError: unknown;
  private readonly closeListeners: Array<(reason: CloseReason) => void> = [];

  private constructor(
    private readonly client: Ssh2Client,
    readonly label: string,
    maxChannels: number,
  ) {
    this.channels = new Semaphore(maxChannels);
    client.on('error', (err) => {
      this.lastError = err;
    });
    client.on('close', () => {
      const keepalive = typeof this.lastError === 'object' && this.lastError !== null && /keepalive/i.test(String((this.lastError as Error).message));
      this.shutdown({
        kind: 'lost',
        error: new SshError('CONNECTION_LOST', keepalive ? 'The server stopped answering keepalives' : 'The connection dropped', {
          target: label,
        }),
      });
    });
  }

  /**
   * Connects and authenticates, checking the host key before credentials are sent.
   * Credentials are resolved here, used once and not kept.
   */
  static async open(
    target: SshTarget,
    deps: ConnectionDeps,
    maxChannels: number = CONNECTION_DEFAULTS.maxChannels,
    signal?: AbortSignal,
  ): Promise<SshConnection> {
    const label = targetKey(target);
    if (signal?.aborted) throw new SshError('CONNECTION_LOST', 'The SSH pool is closed', { target: label });
    const auth = await resolveAuth(target.auth, deps.secrets, label);
    const readyTimeout = target.readyTimeoutMs ?? CONNECTION_DEFAULTS.readyTimeoutMs;
    const keepalive = target.keepalive ?? CONNECTION_DEFAULTS.keepalive;
    const serverHostKey = deps.hostKeys.preferredAlgorithms(target.host, target.port);
    const client = new Client();

    return new Promise<SshConnection>((resolve, reject) => {
      let settled = false;
      let hostKeyError: SshError | undefined;
      const onAbort = (): void => fail(new SshError('CONNECTION_LOST', 'The SSH pool is closed', { target: label }));
      const fail = (error: SshError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(guard);
        signal?.removeEventListener('abort', onAbort);
        client.removeAllListeners('ready');
        destroyClient(client);
        reject(error);
      };
      // ssh2's readyTimeout covers TCP connect, key exchange and auth; this guard only catches
      // the case where ssh2 itself never reports back.
      const guard = setTimeout(() => {
        fail(new SshError('UNREACHABLE', 'No SSH handshake before the deadline', { target: label }));
      }, readyTimeout + 2_000);

      signal?.addEventListener('abort', onAbort, { once: true });
      // Many small request/response packets: Nagle + delayed ACK would add ~40 ms per round trip.
      client.once('connect', () => client.setNoDelay(true));
      client.once('ready', () => {
        if (settled) return;
        settled = true;
        clearTimeout(guard);
        signal?.removeEventListener('abort', onAbort);
        client.removeAllListeners('error');
        client.removeAllListeners('close');
        resolve(new SshConnection(client, label, maxChannels));
      });
      client.on('error', (err) => fail(hostKeyError ?? classifyConnectError(err, label)));
      client.on('close', () =>
        fail(hostKeyError ?? new SshError('UNREACHABLE', 'Connection closed before the SSH session was ready', { target: label })),
      );

      const config: ConnectConfig = {
        host: target.host,
        port: target.port,
        username: target.username,
        ...auth,
        tryKeyboard: false,
        readyTimeout,
        keepaliveInterval: keepalive.intervalMs,
        keepaliveCountMax: keepalive.countMax,
        // Callback form: runs after key exchange and before any credential is sent, and could
        // wait for a user prompt without blocking the event loop.
        hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
          let ok = false;
          try {
            const verdict = deps.hostKeys.verify(target.host, target.port, key, label);
            ok = verdict.ok;
            if (!verdict.ok) hostKeyError = verdict.error;
          } catch {
            hostKeyError = new SshError('HOST_KEY_UNKNOWN', 'The host key could not be checked', { target: label });
          }
          verify(ok);
        },
        ...(serverHostKey ? { algorithms: { serverHostKey } } : {}),
      };
      try {
        client.connect(config);
      } catch (err) {
        // ssh2 parses the private key synchronously; its message may quote parser internals.
        const keyProblem = err instanceof Error && /private ?key|passphrase/i.test(err.message);
        fail(
          keyProblem
            ? new SshError('AUTH_FAILED', 'The private key cannot be used (wrong passphrase or unsupported format)', { target: label })
            : new SshError('UNREACHABLE', 'Cannot start the SSH connection', { target: label }),
        );
      }
    });
  }

  get isClosed(): boolean {
    return this.closeReason !== undefined;
  }

  get channelsInUse(): number {
    return this.channels.active;
  }

  get channelsWaiting(): number {
    return this.channels.waiting;
  }

  onClose(listener: (reason: CloseReason) => void): void {
    if (this.closeReason) listener(this.closeReason);
    else this.closeListeners.push(listener);
  }

  /** Runs one command; see {@link ExecOptions} for limits. */
  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const before = this.closedError();
    if (before) throw before;
    const release = await this.channels.acquire();
    const after = this.closedError();
    if (after) {
      release();
      throw after;
    }
    const outcome = await new Promise<ExecOutcome>((resolve) => {
      const state: { done: boolean; abort?: (error: SshError) => void } = { done: false };
      const run = runExecChannel(
        this.client,
        command,
        options,
        this.label,
        (result) => {
          state.done = true;
          if (state.abort) this.aborts.delete(state.abort);
          resolve(result);
        },
        release,
      );
      state.abort = run.abort;
      if (!state.done) this.aborts.add(run.abort);
    });
    switch (outcome.kind) {
      case 'done':
        return outcome.result;
      case 'timeout':
        this.shutdown({ kind: 'timeout', error: outcome.error });
        throw outcome.error;
      case 'failed':
        if (outcome.error.code === 'CHANNEL_REFUSED') {
          // The server's session limit is lower than ours: queue beyond what it accepted.
          this.channels.setLimit(Math.max(1, this.channels.active));
        }
        throw outcome.error;
    }
  }

  private closedError(): SshError | undefined {
    return this.closeReason?.error;
  }

  /** Ends the connection; in-flight and queued commands fail with CONNECTION_LOST. */
  close(): void {
    this.shutdown({ kind: 'closed', error: new SshError('CONNECTION_LOST', 'The connection was closed', { target: this.label }) });
  }

  private shutdown(reason: CloseReason): void {
    if (this.closeReason) return;
    this.closeReason = reason;
    const err = reason.kind === 'timeout' ? new SshError('CONNECTION_LOST', 'The connection was reset after a deadline', { target: this.label }) : reason.error;
    for (const abort of [...this.aborts]) abort(err);
    this.aborts.clear();
    this.channels.rejectAll(err);
    destroyClient(this.client, reason.kind === 'closed');
    for (const listener of this.closeListeners.splice(0)) listener(reason);
  }
}

/**
 * Tears an ssh2 client down. `client.destroy()` is a no-op once the socket stopped being writable
 * (after `end()`, or on a half-open transport), so the socket itself is destroyed: immediately for
 * evictions, after a short grace for polite closes so the disconnect message can leave.
 */
function destroyClient(client: Ssh2Client, polite = false): void {
  const sock = (client as unknown as { _sock?: { destroy: () => void; destroyed?: boolean } })._sock;
  const kill = (): void => {
    if (sock && !sock.destroyed) sock.destroy();
  };
  try {
    client.end();
  } catch {
    // already closed
  }
  if (polite) setTimeout(kill, 1_000).unref();
  else kill();
}
