import type { Db } from '../store/database';

/** Host keys a known_hosts file marked `@revoked` (migration 007): refused whoever presents them. */
export class RevokedKeysRepo {
  private readonly has;
  private readonly add;

  constructor(db: Db) {
    this.has = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM host_keys_revoked WHERE fingerprint = ?');
    this.add = db.prepare<[string, string, string, number]>(
      'INSERT OR IGNORE INTO host_keys_revoked (fingerprint, key_type, source, created_at) VALUES (?, ?, ?, ?)',
    );
  }

  isRevoked(fingerprint: string): boolean {
    return this.has.get(fingerprint) !== undefined;
  }

  /** Records a revocation; false when it was already known. */
  revoke(keyType: string, fingerprint: string, source: string, now = Date.now()): boolean {
    return this.add.run(fingerprint, keyType, source, now).changes > 0;
  }
}
