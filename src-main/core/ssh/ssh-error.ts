import { AppError } from '../errors';

/** Why an SSH operation failed. */
export type SshErrorCode =
  /** Refused, timed out, or no SSH banner. */
  | 'UNREACHABLE'
  /** The command or channel open passed its deadline. */
  | 'TIMEOUT'
  | 'AUTH_FAILED'
  /** The server presented a key different from the pinned one: possible man-in-the-middle. */
  | 'HOST_KEY_MISMATCH'
  /** Unknown host key and the policy is "ask": the UI should show it and call `hostKeys.pin`. */
  | 'HOST_KEY_UNKNOWN'
  /** The server refused a session channel (sshd MaxSessions). */
  | 'CHANNEL_REFUSED'
  /** The connection dropped (reset, keepalive timeout) while in use. */
  | 'CONNECTION_LOST'
  | 'OUTPUT_TOO_LARGE'
  /** Not attempted: the target is still backing off after failures; see `retryAt`. */
  | 'BACKOFF';

/** Each failure in people's words, for texts that repeat it later (the backoff message). */
const CAUSE_WORDS: Record<SshErrorCode, string> = {
  UNREACHABLE: 'the SSH port did not answer',
  TIMEOUT: 'a command did not finish in time',
  AUTH_FAILED: 'the server refused the login',
  HOST_KEY_MISMATCH: 'the host key changed',
  HOST_KEY_UNKNOWN: 'the host key is not trusted yet',
  CHANNEL_REFUSED: 'the server refused a session',
  CONNECTION_LOST: 'the connection dropped',
  OUTPUT_TOO_LARGE: 'a command printed too much',
  BACKOFF: 'earlier attempts failed',
};

/**
 * "Not tried again yet: the server refused the login; retrying in 2 min". Relative time, not an
 * ISO timestamp: the text is rebuilt on every poll, so "in 2 min" stays true where it is shown.
 */
export function backoffMessage(cause: SshErrorCode, reason: string | undefined, waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const wait = seconds < 90 ? `${seconds} s` : seconds < 90 * 60 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;
  return `Not tried again yet: ${reason ?? CAUSE_WORDS[cause]}; retrying in ${wait}`;
}

/** Facts for the UI; none of them is secret. */
export interface SshErrorDetails {
  /** `user@host:port`. */
  target: string;
  /** BACKOFF: when an attempt will be made again (epoch ms). */
  retryAt?: number;
  /** BACKOFF: the failure that caused it. */
  cause?: SshErrorCode;
  /** HOST_KEY_*: what the server presented. */
  keyType?: string;
  fingerprint?: string;
  /** HOST_KEY_MISMATCH: the pinned fingerprint. */
  previousFingerprint?: string;
}

/** A typed SSH failure. Messages are built from fixed text and network error codes only. */
export class SshError extends AppError {
  override name = 'SshError';
  constructor(
    override readonly code: SshErrorCode,
    message: string,
    readonly details: SshErrorDetails,
  ) {
    super(code, message);
  }
}

export function isSshError(value: unknown): value is SshError {
  return value instanceof SshError;
}

interface Ssh2ErrorLike {
  message?: unknown;
  level?: unknown;
  code?: unknown;
}

/**
 * Classifies an error ssh2 emitted before the connection was ready. Never copies ssh2's message for
 * auth/key problems (it may quote key parser details); network codes are safe to show.
 */
export function classifyConnectError(err: unknown, target: string): SshError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as Ssh2ErrorLike;
  const level = typeof e.level === 'string' ? e.level : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const code = typeof e.code === 'string' ? e.code : '';
  if (level === 'client-authentication' || level === 'agent') {
    return new SshError('AUTH_FAILED', 'The server rejected the configured credentials', { target });
  }
  if (level === 'client-timeout') {
    return new SshError('UNREACHABLE', 'No SSH handshake before the deadline (no banner or stalled key exchange)', { target });
  }
  if (level === 'client-socket' || level === 'client-dns') {
    return new SshError('UNREACHABLE', `Cannot reach the SSH port${code ? ` (${code})` : ''}`, { target });
  }
  if (/before handshake/i.test(message)) {
    return new SshError('UNREACHABLE', 'Connection closed before the SSH handshake', { target });
  }
  if (/authentication/i.test(message)) {
    return new SshError('AUTH_FAILED', 'The server rejected the configured credentials', { target });
  }
  return new SshError('UNREACHABLE', 'SSH handshake failed', { target });
}
