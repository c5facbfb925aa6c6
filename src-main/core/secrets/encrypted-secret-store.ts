import type Database from 'better-sqlite3';
import type { SecretCipher } from './secret-cipher';
import { assertSecretRef, SecretError, type SecretStore, type SecretStoreDescription } from './secret-store';

/** Options for {@link EncryptedSecretStore}. */
export interface EncryptedSecretStoreOptions {
  /**
   * Persist even when the cipher reports it is not secure (e.g. safeStorage's `basic_text`).
   * Only after the user explicitly agreed; the store then keeps warning in `describe()`.
   */
  allowInsecure?: boolean;
  now?: () => number;
}

interface SecretRow {
  ciphertext: Buffer;
  backend: string;
}

/**
 * Secrets encrypted by a pluggable {@link SecretCipher} and stored as BLOBs in the `secrets` table
 * (migration 002). Never stores plaintext: with an insecure cipher it refuses to write unless
 * `allowInsecure` was set.
 */
export class EncryptedSecretStore implements SecretStore {
  private readonly selectStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;
  private readonly now: () => number;

  constructor(
    db: Database.Database,
    private readonly cipher: SecretCipher,
    private readonly options: EncryptedSecretStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.selectStmt = db.prepare<[string], SecretRow>('SELECT ciphertext, backend FROM secrets WHERE ref = ?');
    this.upsertStmt = db.prepare<[string, Buffer, string, number]>(
      `INSERT INTO secrets (ref, ciphertext, backend, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (ref) DO UPDATE SET ciphertext = excluded.ciphertext, backend = excluded.backend,
         updated_at = excluded.updated_at`,
    );
    this.deleteStmt = db.prepare<[string]>('DELETE FROM secrets WHERE ref = ?');
  }

  async get(ref: string): Promise<string | undefined> {
    const row = this.selectStmt.get(ref);
    if (!row) return undefined;
    try {
      return await this.cipher.decrypt(row.ciphertext);
    } catch {
      // Typical after moving the DB to another machine/user: the OS key that sealed it is gone.
      throw new SecretError('DECRYPT_FAILED', `Stored secret "${ref}" cannot be decrypted with ${this.cipher.backend} (written by ${row.backend}); enter it again`);
    }
  }

  async set(ref: string, value: string): Promise<void> {
    assertSecretRef(ref);
    if (!this.cipher.secure && !this.options.allowInsecure) {
      throw new SecretError(
        'INSECURE_BACKEND',
        `Refusing to store secrets with ${this.cipher.backend}: it does not protect them. Set up a system keyring or a master passphrase, or allow insecure storage explicitly.`,
      );
    }
    const blob = await this.cipher.encrypt(value);
    this.upsertStmt.run(ref, blob, this.cipher.backend, this.now());
  }

  delete(ref: string): Promise<void> {
    this.deleteStmt.run(ref);
    return Promise.resolve();
  }

  describe(): SecretStoreDescription {
    if (this.cipher.secure) return { backend: this.cipher.backend, persistent: true };
    return {
      backend: this.cipher.backend,
      persistent: this.options.allowInsecure === true,
      warning: this.options.allowInsecure
        ? `Secrets are stored with ${this.cipher.backend}, which anyone who can read the data file can decrypt.`
        : `${this.cipher.backend} does not protect secrets, so FluxDeck will not save them; they are asked for each session.`,
    };
  }
}
