import type { SshErrorCode } from './ssh-error';

/** Retry delays after failures. Auth and host-key failures use the long ("hard") schedule. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  hardBaseMs: number;
  hardMaxMs: number;
  /** 0..1: how much of each delay is randomised (spreads a fleet's reconnects apart). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 2_000,
  maxMs: 5 * 60_000,
  hardBaseMs: 5 * 60_000,
  hardMaxMs: 60 * 60_000,
  jitter: 0.3,
};

/** Failures that more attempts will not fix; hammering them gets the client banned (fail2ban). */
const HARD_FAILURES: ReadonlySet<SshErrorCode> = new Set(['AUTH_FAILED', 'HOST_KEY_MISMATCH', 'HOST_KEY_UNKNOWN']);

/** One target's backoff state. */
export interface BackoffState {
  failures: number;
  retryAt: number;
  cause: SshErrorCode;
  /** For host-key causes: the presented key, so pinning it lifts the backoff at once. */
  keyType?: string;
  fingerprint?: string;
  /** The failure's own message (no secrets in SshError messages), repeated while backing off. */
  reason?: string;
}

/** Tracks consecutive connection failures per key and when to try again. */
export class BackoffTracker {
  private readonly states = new Map<string, BackoffState>();

  constructor(
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** The pending backoff for `key`, if an attempt now would be too early. */
  pending(key: string, now: number): BackoffState | undefined {
    const s = this.states.get(key);
    return s && s.retryAt > now ? s : undefined;
  }

  /** Records a failure and returns the new state. */
  fail(key: string, cause: SshErrorCode, now: number, keyInfo?: { keyType?: string; fingerprint?: string; reason?: string }): BackoffState {
    const failures = (this.states.get(key)?.failures ?? 0) + 1;
    const hard = HARD_FAILURES.has(cause);
    const base = hard ? this.policy.hardBaseMs : this.policy.baseMs;
    const max = hard ? this.policy.hardMaxMs : this.policy.maxMs;
    const exp = Math.min(max, base * 2 ** Math.min(failures - 1, 30));
    const jittered = exp * (1 - this.policy.jitter * this.random());
    const state: BackoffState = { failures, retryAt: now + Math.round(jittered), cause, ...keyInfo };
    this.states.set(key, state);
    return state;
  }

  /** Forgets failures (after a success, or when the user changed credentials/pins). */
  reset(key: string): void {
    this.states.delete(key);
  }
}
