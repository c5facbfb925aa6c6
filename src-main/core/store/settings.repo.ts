import type { Db } from './database';

/**
 * Non-secret preferences as JSON values keyed by name. Secrets go to the SecretStore instead.
 *
 * Values are read on every node's poll (the public API's address, chain parameters, minimum
 * versions), so parsed values are kept until the database changes: `PRAGMA data_version` moves
 * when another connection (the CLI beside the app) commits, and this connection's own writes go
 * through {@link set}.
 */
export class SettingsRepo {
  private readonly selectOne;
  private readonly upsert;
  private readonly dataVersion;
  private readonly parsed = new Map<string, unknown>();
  private seenVersion: number | undefined;

  constructor(db: Db) {
    this.selectOne = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.upsert = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  get(key: string): unknown {
    const version = this.dataVersion.get();
    if (version !== this.seenVersion) {
      this.parsed.clear();
      this.seenVersion = version;
    }
    if (this.parsed.has(key)) return this.parsed.get(key);
    const row = this.selectOne.get(key);
    const value = row === undefined ? undefined : deepFreeze(JSON.parse(row.value) as unknown);
    this.parsed.set(key, value);
    return value;
  }

  set(key: string, value: unknown): void {
    const text = JSON.stringify(value);
    this.upsert.run(key, text, Date.now());
    // A copy, so a caller that changes its object afterwards does not change the kept value.
    this.parsed.set(key, deepFreeze(JSON.parse(text) as unknown));
  }
}

/** Every caller shares the kept value: one that tried to change it would fail loudly, not silently. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
