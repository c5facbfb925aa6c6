import { safeStorage } from 'electron';
import type { Db } from '../core/store/database';
import { EncryptedSecretStore } from '../core/secrets/encrypted-secret-store';
import type { SecretCipher } from '../core/secrets/secret-cipher';

/**
 * Secrets sealed by the OS keychain through Electron's safeStorage. On Linux without a keyring
 * safeStorage falls back to `basic_text` (a hard-coded key): the cipher reports itself insecure,
 * so the store refuses to persist and the Settings page shows why, instead of silently storing
 * what amounts to plaintext.
 */
export function createSafeStorageSecrets(db: Db): EncryptedSecretStore {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const cipher: SecretCipher = {
    backend: `safeStorage:${backend}`,
    secure: safeStorage.isEncryptionAvailable() && backend !== 'basic_text',
    encrypt: (plaintext) => safeStorage.encryptString(plaintext),
    decrypt: (ciphertext) => safeStorage.decryptString(ciphertext),
  };
  return new EncryptedSecretStore(db, cipher);
}
