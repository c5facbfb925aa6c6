import type { Db } from './database';

/** Non-secret preferences as JSON values keyed by name. Secrets go to the SecretStore instead. */
export class SettingsRepo {
  private readonly selectOne;
  private readonly upsert;

  constructor(db: Db) {
    this.selectOne = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.upsert = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  }

  get(key: string): unknown {
    const row = this.selectOne.get(key);
    return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
  }

  set(key: string, value: unknown): void {
    this.upsert.run(key, JSON.stringify(value), Date.now());
  }
}
