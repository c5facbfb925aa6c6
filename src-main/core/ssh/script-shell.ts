import type { Client, ClientChannel } from 'ssh2';
import { decodeOutput } from './exec-channel';
import { SshError } from './ssh-error';
import type { ExecResult } from './ssh-types';

/** The command of a shell channel: a plain `sh` that runs what arrives on its stdin, line by line. */
export const SHELL_COMMAND = 'sh';

/**
 * What one script is sent as. The brace group is parsed whole before it runs, and its commands read
 * /dev/null, never the shell's stdin: a command that reads input (bash reads a pipe a byte at a time)
 * cannot swallow the rest of the script or the next one.
 */
export function shellInput(script: string): string {
  return `{\n${script}\n} </dev/null\n`;
}

export interface ShellRunOptions {
  endMarker: string;
  maxBytes: number;
  overflow: 'reject' | 'truncate';
  raw: boolean;
}

interface Run {
  options: ShellRunOptions;
  /** The end marker's line as bytes, searched for in stdout as it arrives. */
  needle: Buffer;
  out: Buffer[];
  err: Buffer[];
  /** Bytes of stdout kept so far; stderr's count toward the same cap. */
  size: number;
  errSize: number;
  resolve: (result: ExecResult) => void;
  reject: (error: SshError) => void;
}

/**
 * One long-lived `sh` on a session channel, running scripts one at a time. A script's output ends
 * at its end-marker line, which the script prints last: the channel stays open for the next script,
 * so a poll costs one data packet each way instead of a channel's open, exec, EOF and close. After
 * anything that leaves the shell mid-script (output past the cap, the channel closing) the shell is
 * closed and not used again.
 */
export class ScriptShell {
  private current: Run | undefined;
  private closed = false;

  private constructor(
    private readonly channel: ClientChannel,
    private readonly target: string,
  ) {
    channel.on('data', (chunk: Buffer) => this.onStdout(chunk));
    channel.stderr.on('data', (chunk: Buffer) => this.onStderr(chunk));
    channel.on('close', () => {
      this.closed = true;
      // A shell that ended mid-script (killed, or the script exited it) gives what it printed.
      if (this.current) this.finish(this.current, false);
    });
    channel.on('error', () => {
      // A channel-level error is followed by close; the connection reports real drops.
    });
  }

  /** Opens a shell channel on `client`; rejects with CHANNEL_REFUSED or CONNECTION_LOST. */
  static open(client: Client, target: string): Promise<ScriptShell> {
    return new Promise((resolve, reject) => {
      try {
        client.exec(SHELL_COMMAND, (openErr, channel) => {
          if (openErr) {
            const refused = /channel open failure|unable to exec/i.test(openErr.message);
            reject(
              refused
                ? new SshError('CHANNEL_REFUSED', 'The server refused a session channel (too many sessions?)', { target })
                : new SshError('CONNECTION_LOST', 'The connection dropped while opening a channel', { target }),
            );
            return;
          }
          resolve(new ScriptShell(channel, target));
        });
      } catch {
        reject(new SshError('CONNECTION_LOST', 'The connection is no longer open', { target }));
      }
    });
  }

  /** True while the shell can take another script. */
  get usable(): boolean {
    return !this.closed && this.current === undefined;
  }

  /** Runs one script; its deadline belongs to the caller, who closes the shell (or more) when it passes. */
  run(script: string, options: ShellRunOptions): Promise<ExecResult> {
    if (!this.usable) return Promise.reject(new SshError('CONNECTION_LOST', 'The shell channel is busy or closed', { target: this.target }));
    return new Promise((resolve, reject) => {
      this.current = { options, needle: Buffer.from(`${options.endMarker}\n`), out: [], err: [], size: 0, errSize: 0, resolve, reject };
      this.channel.write(shellInput(script));
    });
  }

  /** Fails the running script (if any) and closes the channel. */
  abort(error: SshError): void {
    const run = this.current;
    this.current = undefined;
    run?.reject(error);
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.channel.close();
  }

  private onStdout(chunk: Buffer): void {
    const run = this.current;
    // Between scripts nothing is expected; whatever comes (a late byte of the last one) is dropped.
    if (!run) return;
    // The marker can straddle two chunks: search from just before this chunk's start.
    const before = run.size;
    run.out.push(chunk);
    run.size += chunk.length;
    const seen = run.out.length === 1 ? chunk : Buffer.concat(run.out, run.size);
    if (run.out.length > 1) run.out = [seen];
    const at = seen.indexOf(run.needle, Math.max(0, before - run.needle.length + 1));
    if (at >= 0 && at + run.needle.length <= run.options.maxBytes - run.errSize) {
      run.out = [seen.subarray(0, at + run.needle.length)];
      run.size = at + run.needle.length;
      this.finish(run, false);
      return;
    }
    const room = run.options.maxBytes - run.errSize;
    if (run.size <= room) return;
    run.out = [seen.subarray(0, Math.max(0, room))];
    this.overflow(run);
  }

  private onStderr(chunk: Buffer): void {
    const run = this.current;
    if (!run) return;
    const room = run.options.maxBytes - run.size - run.errSize;
    if (chunk.length <= room) {
      run.err.push(chunk);
      run.errSize += chunk.length;
      return;
    }
    if (room > 0) run.err.push(chunk.subarray(0, room));
    this.overflow(run);
  }

  /** Output went past the cap: the script is still printing, so this shell cannot take another one. */
  private overflow(run: Run): void {
    if (run.options.overflow === 'reject') {
      this.abort(new SshError('OUTPUT_TOO_LARGE', `Command output exceeded ${run.options.maxBytes} bytes`, { target: this.target }));
      return;
    }
    this.finish(run, true);
    this.close();
  }

  private finish(run: Run, truncated: boolean): void {
    if (this.current !== run) return;
    this.current = undefined;
    const { raw } = run.options;
    run.resolve({ stdout: decodeOutput(run.out, raw), stderr: decodeOutput(run.err, raw), code: null, signal: null, truncated });
  }
}
