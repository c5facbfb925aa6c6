import Database from 'better-sqlite3';
import { migration002 } from '../core/store/migrations/002-host-keys';
import { MemorySecretStore } from '../core/secrets/memory-secret-store';
import { HostKeys, type HostKeyEvent, type HostKeysOptions } from '../core/ssh/host-keys';
import { HostKeysRepo } from '../core/ssh/host-keys.repo';
import { SshPool, type SshPoolOptions } from '../core/ssh/ssh-pool';
import { SshError } from '../core/ssh/ssh-error';

/** A pool wired to an in-memory DB and secret store, recording host key events. */
export interface PoolHarness {
  pool: SshPool;
  hostKeys: HostKeys;
  secrets: MemorySecretStore;
  events: HostKeyEvent[];
  db: Database.Database;
  close: () => Promise<void>;
}

/** Fast retry schedule for tests; hard (auth/host key) backoff stays long so it is observable. */
export const TEST_BACKOFF = { baseMs: 100, maxMs: 400, hardBaseMs: 60_000, hardMaxMs: 60_000, jitter: 0 };

export function createPoolHarness(
  poolOptions: Partial<Omit<SshPoolOptions, 'hostKeys' | 'secrets'>> = {},
  hostKeyOptions: Omit<HostKeysOptions, 'onHostKeyEvent'> = {},
): PoolHarness {
  const db = new Database(':memory:');
  migration002.up(db);
  const events: HostKeyEvent[] = [];
  const hostKeys = new HostKeys(new HostKeysRepo(db), { ...hostKeyOptions, onHostKeyEvent: (e) => events.push(e) });
  const secrets = new MemorySecretStore();
  const pool = new SshPool({ hostKeys, secrets, backoff: TEST_BACKOFF, ...poolOptions });
  return {
    pool,
    hostKeys,
    secrets,
    events,
    db,
    close: async () => {
      await pool.close();
      db.close();
    },
  };
}

/** The SshError a promise rejects with (fails the test if it resolves or throws something else). */
export async function sshRejection(p: Promise<unknown>): Promise<SshError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SshError) return err;
    throw err;
  }
  throw new Error('expected an SshError');
}

/** Polls `check` until it is true or `timeoutMs` passes. */
export async function until(check: () => boolean, timeoutMs = 5_000, stepMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
