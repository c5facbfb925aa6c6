import { AppError } from '../errors';

/** How a secret store keeps its values, for the settings screen and `fluxdeck doctor`. */
export interface SecretStoreDescription {
  /** e.g. `memory`, `safeStorage:gnome_libsecret`, `passphrase`. */
  backend: string;
  /** Whether values survive a restart. */
  persistent: boolean;
  /** Shown to the user when the protection is weak or missing. */
  warning?: string;
}

/**
 * Where credentials (pasted private keys, passphrases, passwords) live, addressed by an opaque ref
 * such as `node:12:password`. Values are only read when a connection is made, and never logged.
 */
export interface SecretStore {
  get(ref: string): Promise<string | undefined>;
  set(ref: string, value: string): Promise<void>;
  delete(ref: string): Promise<void>;
  describe(): SecretStoreDescription;
}

/** LOCKED: the value exists but cannot be read without the key (no master passphrase given). */
export type SecretErrorCode = 'INSECURE_BACKEND' | 'BAD_REF' | 'DECRYPT_FAILED' | 'LOCKED';

/** A secret store failure; the message never contains the secret. */
export class SecretError extends AppError {
  override name = 'SecretError';
  constructor(
    override readonly code: SecretErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

const REF_PATTERN = /^[A-Za-z0-9._:@/-]{1,200}$/;

/** Refs are identifiers, not data: a bounded, printable charset keeps them safe to log. */
export function assertSecretRef(ref: string): void {
  if (!REF_PATTERN.test(ref)) throw new SecretError('BAD_REF', 'Secret reference must be 1-200 characters of [A-Za-z0-9._:@/-]');
}
