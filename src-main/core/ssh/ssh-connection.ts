import ssh2 from 'ssh2';
import type { Client as Ssh2Client, ConnectConfig } from 'ssh2';
import type { SecretStore } from '../secrets/secret-store';
import { EXEC_DEFAULTS, runExecChannel, type ExecOutcome } from './exec-channel';
import { ScriptShell } from './script-shell';
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
  /** Shells waiting for their next script (one per script that ran at the same time as another). */
  private readonly idleShells: ScriptShell[] = [];

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
    if (options.endMarker !== undefined) return this.runInShell(command, options.endMarker, options, release);
    try {
      return await this.runOnChannel(command, options, release);
    } catch (error) {
      // The server's session limit counts the idle shells: give their slots back and try once more.
      if (!(error instanceof SshError && error.code === 'CHANNEL_REFUSED' && this.closeIdleShells())) throw error;
      return this.exec(command, options);
    }
  }

  private async runOnChannel(command: string, options: ExecOptions, release: () => void): Promise<ExecResult> {
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
        if (outcome.error.code === 'CHANNEL_REFUSED') this.lowerChannelLimit();
        throw outcome.error;
    }
  }

  /** The server's session limit is lower than ours: queue beyond what it accepted (idle shells hold none of ours). */
  private lowerChannelLimit(): void {
    if (this.idleShells.length === 0) this.channels.setLimit(Math.max(1, this.channels.active));
  }

  /** An idle shell still open, if any (the server may have ended some since). */
  private takeIdleShell(): ScriptShell | undefined {
    for (let shell = this.idleShells.pop(); shell; shell = this.idleShells.pop()) if (shell.usable) return shell;
    return undefined;
  }

  /** Closes the shells no script is using; false when there were none. */
  private closeIdleShells(): boolean {
    const idle = this.idleShells.splice(0);
    for (const shell of idle) shell.close();
    return idle.length > 0;
  }

  /** Runs a script in an idle shell, or a new one, under one deadline for opening and running it. */
  private async runInShell(script: string, endMarker: string, options: ExecOptions, release: () => void): Promise<ExecResult> {
    const timeoutMs = options.timeoutMs ?? EXEC_DEFAULTS.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SshError('TIMEOUT', `Command did not finish within ${timeoutMs} ms`, { target: this.label })), timeoutMs);
    });
    const runOptions = {
      endMarker,
      maxBytes: options.maxOutputBytes ?? EXEC_DEFAULTS.maxOutputBytes,
      overflow: options.overflow ?? 'reject',
      raw: options.raw ?? false,
    } as const;
    let shell: ScriptShell | undefined;
    const abort = (error: SshError): void => shell?.abort(error);
    this.aborts.add(abort);
    try {
      let idle = this.takeIdleShell();
      for (;;) {
        shell = await Promise.race([idle ?? ScriptShell.open(this.client, this.label), deadline]);
        const result = await Promise.race([shell.run(script, runOptions), deadline]);
        if (shell.usable) {
          this.idleShells.push(shell);
          return result;
        }
        // An idle shell the server had ended (we wrote into a closing channel) printed nothing: not the
        // script's doing, so it runs once more on a fresh shell.
        if (!(idle && result.stdout === '' && result.stderr === '')) return result;
        idle = undefined;
      }
    } catch (error) {
      if (error instanceof SshError && error.code === 'TIMEOUT') this.shutdown({ kind: 'timeout', error });
      else if (error instanceof SshError && error.code === 'CHANNEL_REFUSED') this.lowerChannelLimit();
      throw error;
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
      release();
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
    this.closeIdleShells();
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
