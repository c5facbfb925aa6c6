import type { Db } from '../store/database';
import { AppError } from '../errors';
import type { PassphraseCipher } from './secret-cipher';

/**
 * A wrong FLUXDECK_MASTER_PASSPHRASE used to go unnoticed: new secrets were sealed with the new
 * key, old ones failed later with DECRYPT_FAILED, and the store ended up split between two keys.
 * Like an encrypted disk (LUKS keeps a key digest, age and restic a MAC over a known header), the
 * store now keeps a known value sealed with the passphrase (AES-GCM, so a wrong key fails its
 * tag) and checks it before anything else is read or written.
 */

/** Kept in the secrets table beside the secrets, under a ref no node or channel ever uses. */
export const VERIFIER_REF = 'fluxdeck/master-passphrase-verifier';
const KNOWN_VALUE = 'fluxdeck master passphrase verifier v1';

export const WRONG_PASSPHRASE =
  'FLUXDECK_MASTER_PASSPHRASE is not the passphrase the stored secrets were sealed with; refusing to start so they are not split between two keys. Set the right passphrase (or unset it to run without stored secrets).';

interface Row {
  ciphertext: Buffer;
}

function opens(cipher: PassphraseCipher, blob: Buffer, expected?: string): boolean {
  try {
    const plain = cipher.decrypt(blob);
    return expected === undefined || plain === expected;
  } catch {
    return false;
  }
}

/**
 * Checks `cipher` against the stored verifier, writing one on first use. A database from before
 * the verifier is checked against one of its passphrase secrets instead. Throws the refusal.
 */
export function verifyMasterPassphrase(db: Db, cipher: PassphraseCipher, now: () => number = Date.now): void {
  const verifier = db.prepare<[string], Row>('SELECT ciphertext FROM secrets WHERE ref = ?').get(VERIFIER_REF);
  if (verifier) {
    if (!opens(cipher, verifier.ciphertext, KNOWN_VALUE)) throw new AppError('LOCKED', WRONG_PASSPHRASE);
    return;
  }
  const sample = db.prepare<[string], Row>("SELECT ciphertext FROM secrets WHERE backend = 'passphrase' AND ref <> ? LIMIT 1").get(VERIFIER_REF);
  if (sample && !opens(cipher, sample.ciphertext)) throw new AppError('LOCKED', WRONG_PASSPHRASE);
  db.prepare('INSERT INTO secrets (ref, ciphertext, backend, updated_at) VALUES (?, ?, ?, ?)').run(VERIFIER_REF, cipher.encrypt(KNOWN_VALUE), cipher.backend, now());
}
