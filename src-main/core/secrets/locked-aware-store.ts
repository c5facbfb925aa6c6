import type { Db } from '../store/database';
import { MemorySecretStore } from './memory-secret-store';
import { VERIFIER_REF } from './passphrase-verifier';
import { SecretError, type SecretStore, type SecretStoreDescription } from './secret-store';

interface Row {
  backend: string;
}

/**
 * The store without a master passphrase: new secrets live in memory for this process, and a
 * secret the database does hold (sealed with a passphrase, or by the desktop app's keychain) is
 * reported as locked, with what unlocks it, never as "not stored".
 */
export class LockedAwareSecretStore implements SecretStore {
  private readonly memory: MemorySecretStore;
  private readonly rowStmt;
  private readonly countStmt;
  private readonly deleteStmt;

  constructor(
    db: Db,
    private readonly passphraseEnv: string,
    warning: string,
  ) {
    this.memory = new MemorySecretStore(undefined, warning);
    this.rowStmt = db.prepare<[string], Row>('SELECT backend FROM secrets WHERE ref = ?');
    this.countStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM secrets WHERE ref <> ?');
    this.deleteStmt = db.prepare<[string]>('DELETE FROM secrets WHERE ref = ?');
  }

  async get(ref: string): Promise<string | undefined> {
    const held = await this.memory.get(ref);
    if (held !== undefined) return held;
    const row = ref === VERIFIER_REF ? undefined : this.rowStmt.get(ref);
    if (!row) return undefined;
    const unlock = row.backend === 'passphrase' ? `set ${this.passphraseEnv} to unlock it` : `it was sealed by the desktop app (${row.backend}) and opens only there`;
    throw new SecretError('LOCKED', `Stored secret "${ref}" is locked: ${unlock}`);
  }

  set(ref: string, value: string): Promise<void> {
    return this.memory.set(ref, value);
  }

  async delete(ref: string): Promise<void> {
    await this.memory.delete(ref);
    // Removing a node removes its sealed credentials too; no key is needed to forget a value.
    if (ref !== VERIFIER_REF) this.deleteStmt.run(ref);
  }

  describe(): SecretStoreDescription {
    const base = this.memory.describe();
    const locked = this.countStmt.get(VERIFIER_REF)?.n ?? 0;
    if (locked === 0) return base;
    return { ...base, warning: `${locked} stored secret${locked === 1 ? ' is' : 's are'} locked: set ${this.passphraseEnv} to unlock. ${base.warning ?? ''}`.trim() };
  }
}
