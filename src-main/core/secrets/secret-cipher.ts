import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/**
 * Turns secret strings into opaque bytes and back. The Electron shell plugs in `safeStorage`
 * (reporting `secure: false` for Linux's `basic_text` fallback, which uses a hard-coded key);
 * CLI/serve can use {@link PassphraseCipher}. Async results are allowed for safeStorage's async API.
 */
export interface SecretCipher {
  /** e.g. `safeStorage:keychain`, `safeStorage:basic_text`, `passphrase`. */
  readonly backend: string;
  /** false when the ciphertext is not really protected (anyone with the file can decrypt it). */
  readonly secure: boolean;
  encrypt(plaintext: string): Buffer | Promise<Buffer>;
  decrypt(ciphertext: Buffer): string | Promise<string>;
}

const VERSION = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// scrypt cost: ~50 ms once per process and salt; memory 32 MiB (maxmem raised accordingly).
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/**
 * AES-256-GCM with a key derived by scrypt from a master passphrase. Each blob carries its salt,
 * so a blob stays readable with the passphrase alone; keys are cached per salt.
 * Layout: version(1) | salt(16) | iv(12) | tag(16) | ciphertext.
 */
export class PassphraseCipher implements SecretCipher {
  readonly backend = 'passphrase';
  readonly secure = true;
  private readonly keys = new Map<string, Buffer>();
  private readonly salt = randomBytes(SALT_BYTES);

  constructor(private readonly passphrase: string) {
    if (passphrase.length < 8) throw new RangeError('Master passphrase must have at least 8 characters');
  }

  encrypt(plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(this.salt), iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), this.salt, iv, cipher.getAuthTag(), body]);
  }

  decrypt(blob: Buffer): string {
    const head = 1 + SALT_BYTES + IV_BYTES + TAG_BYTES;
    if (blob.length < head || blob[0] !== VERSION) throw new Error('Unknown secret format');
    const salt = blob.subarray(1, 1 + SALT_BYTES);
    const iv = blob.subarray(1 + SALT_BYTES, 1 + SALT_BYTES + IV_BYTES);
    const tag = blob.subarray(head - TAG_BYTES, head);
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(salt), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(head)), decipher.final()]).toString('utf8');
  }

  private keyFor(salt: Buffer): Buffer {
    const id = salt.toString('hex');
    let key = this.keys.get(id);
    if (!key) {
      key = scryptSync(this.passphrase, salt, 32, SCRYPT);
      this.keys.set(id, key);
    }
    return key;
  }
}
