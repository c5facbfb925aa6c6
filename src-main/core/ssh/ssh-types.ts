/** How to authenticate; exactly one method per node so servers never see a storm of attempts. */
export type SshAuth =
  | { kind: 'key-file'; path: string; passphraseRef?: string }
  /** A pasted private key held in the SecretStore. */
  | { kind: 'key'; secretRef: string; passphraseRef?: string }
  /** An SSH agent; `socket` defaults to SSH_AUTH_SOCK. */
  | { kind: 'agent'; socket?: string }
  | { kind: 'password'; secretRef: string };

/** Keepalive probes on an idle connection (OpenSSH's ServerAliveInterval/CountMax). */
export interface KeepaliveConfig {
  intervalMs: number;
  countMax: number;
}

/** One SSH endpoint. The pool keeps one connection per `username@host:port`. */
export interface SshTarget {
  host: string;
  port: number;
  username: string;
  auth: SshAuth;
  /** Default 15 s × 3. */
  keepalive?: KeepaliveConfig;
  /** Handshake + auth deadline. Default 10 s. */
  readyTimeoutMs?: number;
}

/** Per-command limits. */
export interface ExecOptions {
  /** Deadline from asking for a channel to the command's end. Default 20 s. */
  timeoutMs?: number;
  /** Cap on stdout + stderr bytes. Default 1 MiB. */
  maxOutputBytes?: number;
  /** What to do past the cap: reject with OUTPUT_TOO_LARGE (default) or return what fits, `truncated: true`. */
  overflow?: 'reject' | 'truncate';
  /** Return output exactly as decoded, without stripping escape sequences (default: sanitised). */
  raw?: boolean;
  /**
   * Output as it arrives, in whole lines stripped of terminal control sequences (stdout and stderr
   * each split on their own), within the same byte cap; the result still carries all of it.
   */
  onLines?: (lines: string[]) => void;
  /**
   * Runs the command as a script in a shell the connection keeps open for scripts, instead of on a
   * channel of its own: the output ends at the first line equal to this marker, which the script
   * must print last (make it unforgeable: a per-run nonce). `code` is then null. For scripts run
   * over and over (the poll's): a channel's open, exec and close were most of a poll's SSH cost.
   */
  endMarker?: string;
}

/** A finished remote command. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit status; null when the server sent none (the SSH spec makes it optional) or a signal ended it. */
  code: number | null;
  /** Signal name as ssh2 reports it (e.g. `SIGKILL`) when the command died of a signal. */
  signal: string | null;
  /** Output went past `maxOutputBytes` and was cut (only with `overflow: 'truncate'`). */
  truncated: boolean;
}

/** The pool key: `user@host:port`. */
export function targetKey(target: Pick<SshTarget, 'host' | 'port' | 'username'>): string {
  return `${target.username}@${target.host.toLowerCase()}:${target.port}`;
}
