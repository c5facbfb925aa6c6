import type { Client, ClientChannel } from 'ssh2';
import { decodeLenient, sanitizeOutput } from '../safety/sanitize';
import { LineStream } from './line-stream';
import { SshError } from './ssh-error';
import type { ExecOptions, ExecResult } from './ssh-types';

export const EXEC_DEFAULTS = { timeoutMs: 20_000, maxOutputBytes: 1024 * 1024 } as const;

/** A command's output bytes as text: decoded leniently, and sanitised unless the caller asked for it raw. */
export function decodeOutput(parts: readonly Buffer[], raw: boolean): string {
  const buf = Buffer.concat(parts);
  return raw ? decodeLenient(buf) : sanitizeOutput(buf, { maxBytes: Number.MAX_SAFE_INTEGER });
}

/** How one exec ended, for the connection to act on. */
export type ExecOutcome =
  | { kind: 'done'; result: ExecResult }
  | { kind: 'failed'; error: SshError }
  /** Deadline passed: the connection must be evicted (ssh2 cannot be trusted to unstick). */
  | { kind: 'timeout'; error: SshError };

/**
 * Runs `command` on a new session channel of `client` under one deadline (channel open + run).
 * `onSettled` gets the outcome once; `onChannelGone` fires once the server-side channel is closed
 * (or never opened), which is when its MaxSessions slot is really free.
 */
export function runExecChannel(
  client: Client,
  command: string,
  options: ExecOptions,
  target: string,
  onSettled: (outcome: ExecOutcome) => void,
  onChannelGone: () => void,
): { abort: (error: SshError) => void } {
  const timeoutMs = options.timeoutMs ?? EXEC_DEFAULTS.timeoutMs;
  const maxBytes = options.maxOutputBytes ?? EXEC_DEFAULTS.maxOutputBytes;
  const overflow = options.overflow ?? 'reject';
  let settled = false;
  let gone = false;
  let channel: ClientChannel | undefined;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let size = 0;
  let truncated = false;
  let code: number | null = null;
  let signal: string | null = null;
  const streams = options.onLines ? { out: new LineStream(options.onLines), err: new LineStream(options.onLines) } : undefined;

  // The timer outlives the result when we gave up on output (OUTPUT_TOO_LARGE) but the server has
  // not confirmed the channel closed yet: at the deadline the slot is freed regardless.
  const channelGone = (): void => {
    if (gone) return;
    gone = true;
    if (settled) clearTimeout(timer);
    onChannelGone();
  };
  const settle = (outcome: ExecOutcome): void => {
    if (settled) return;
    settled = true;
    if (gone || outcome.kind === 'timeout') clearTimeout(timer);
    onSettled(outcome);
  };
  const finishOk = (): void => {
    streams?.out.end();
    streams?.err.end();
    const raw = options.raw ?? false;
    settle({ kind: 'done', result: { stdout: decodeOutput(out, raw), stderr: decodeOutput(err, raw), code, signal, truncated } });
  };

  const timer = setTimeout(() => {
    if (settled) {
      channelGone();
      return;
    }
    const what = channel ? `Command did not finish within ${timeoutMs} ms` : `No session channel within ${timeoutMs} ms`;
    settle({ kind: 'timeout', error: new SshError('TIMEOUT', what, { target }) });
  }, timeoutMs);

  const onData = (sink: Buffer[], stream: LineStream | undefined) => (chunk: Buffer) => {
    if (settled || truncated) return;
    const room = maxBytes - size;
    if (chunk.length <= room) {
      sink.push(chunk);
      stream?.write(chunk);
      size += chunk.length;
      return;
    }
    if (overflow === 'truncate') {
      if (room > 0) {
        sink.push(chunk.subarray(0, room));
        stream?.write(chunk.subarray(0, room));
      }
      size = maxBytes;
      truncated = true;
      // Stop the remote side; the result is returned when the channel closes.
      channel?.close();
      return;
    }
    settle({
      kind: 'failed',
      error: new SshError('OUTPUT_TOO_LARGE', `Command output exceeded ${maxBytes} bytes`, { target }),
    });
    channel?.close();
  };

  try {
    client.exec(command, (openErr, ch) => {
      if (openErr) {
        channelGone();
        const refused = /channel open failure|unable to exec/i.test(openErr.message);
        settle({
          kind: 'failed',
          error: refused
            ? new SshError('CHANNEL_REFUSED', 'The server refused a session channel (too many sessions?)', { target })
            : new SshError('CONNECTION_LOST', 'The connection dropped while opening a channel', { target }),
        });
        return;
      }
      channel = ch;
      if (settled) {
        // The deadline passed while the open was in flight: give the slot back.
        ch.close();
      }
      ch.on('data', onData(out, streams?.out));
      ch.stderr.on('data', onData(err, streams?.err));
      ch.on('exit', (exitCode: number | null, exitSignal?: string) => {
        code = typeof exitCode === 'number' ? exitCode : null;
        signal = typeof exitSignal === 'string' ? exitSignal : null;
      });
      ch.on('close', () => {
        channelGone();
        finishOk();
      });
      ch.on('error', () => {
        // A channel-level error is followed by close; the connection reports real drops.
      });
    });
  } catch {
    channelGone();
    settle({ kind: 'failed', error: new SshError('CONNECTION_LOST', 'The connection is no longer open', { target }) });
  }

  return {
    abort: (error: SshError) => {
      channelGone();
      settle({ kind: 'failed', error });
    },
  };
}
