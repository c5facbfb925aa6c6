import { AppError } from '../errors';
import type { Db } from '../store/database';
import { EncryptedSecretStore } from './encrypted-secret-store';
import { LockedAwareSecretStore } from './locked-aware-store';
import { verifyMasterPassphrase } from './passphrase-verifier';
import { PassphraseCipher } from './secret-cipher';
import type { SecretStore } from './secret-store';

export const MASTER_PASSPHRASE_ENV = 'FLUXDECK_MASTER_PASSPHRASE';

/**
 * Secrets for the CLI and `serve`, which have no OS keychain: encrypted in the database with a key
 * derived from FLUXDECK_MASTER_PASSPHRASE when it is set, otherwise held for this process only,
 * with a warning the Settings page shows (and stored secrets reported as locked). Never plaintext
 * on disk. A passphrase that does not open the stored verifier stops the start.
 */
export function headlessSecretStore(db: Db, env: NodeJS.ProcessEnv): SecretStore {
  const passphrase = env[MASTER_PASSPHRASE_ENV];
  if (passphrase === undefined || passphrase === '') {
    return new LockedAwareSecretStore(
      db,
      MASTER_PASSPHRASE_ENV,
      `Secrets entered here (pasted keys, passwords, alert webhook URLs and tokens) last until FluxDeck stops. Set ${MASTER_PASSPHRASE_ENV} to keep them encrypted in the database.`,
    );
  }
  let cipher: PassphraseCipher;
  try {
    cipher = new PassphraseCipher(passphrase);
  } catch (error) {
    throw new AppError('BAD_INPUT', `${MASTER_PASSPHRASE_ENV}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // A wrong passphrase is refused here, at start, not as DECRYPT_FAILED on some later poll.
  verifyMasterPassphrase(db, cipher);
  return new EncryptedSecretStore(db, cipher);
}
