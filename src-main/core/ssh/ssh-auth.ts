import { SecretError, type SecretStore } from '../secrets/secret-store';
import { readKeyFile } from './key-file';
import { SshError } from './ssh-error';
import type { SshAuth } from './ssh-types';

/** The ssh2 connect fields for one auth method. Holds secrets: never log or keep it. */
export interface ResolvedAuth {
  privateKey?: Buffer | string;
  passphrase?: string;
  password?: string;
  agent?: string;
}

/**
 * Reads the credentials for `auth` at connect time (key file, SecretStore, agent socket).
 * Failures are AUTH_FAILED with a message naming the ref or path, never a value.
 */
export async function resolveAuth(auth: SshAuth, secrets: SecretStore, target: string): Promise<ResolvedAuth> {
  const fail = (message: string): SshError => new SshError('AUTH_FAILED', message, { target });
  const secret = async (ref: string, what: string): Promise<string> => {
    let value: string | undefined;
    try {
      value = await secrets.get(ref);
    } catch (error) {
      // A locked or undecryptable secret says why (its message names the ref, never the value).
      throw fail(error instanceof SecretError ? `The ${what}: ${error.message}` : `Cannot read the ${what} from the secret store`);
    }
    if (value === undefined || value === '') throw fail(`No ${what} stored under "${ref}"`);
    return value;
  };
  switch (auth.kind) {
    case 'key-file': {
      let key: Buffer;
      try {
        key = await readKeyFile(auth.path);
      } catch (err) {
        throw fail(err instanceof Error ? err.message : String(err));
      }
      const passphrase = auth.passphraseRef ? await secret(auth.passphraseRef, 'key passphrase') : undefined;
      return { privateKey: key, passphrase };
    }
    case 'key': {
      const privateKey = await secret(auth.secretRef, 'private key');
      const passphrase = auth.passphraseRef ? await secret(auth.passphraseRef, 'key passphrase') : undefined;
      return { privateKey, passphrase };
    }
    case 'agent': {
      const socket = auth.socket ?? process.env.SSH_AUTH_SOCK;
      if (!socket) throw fail('No SSH agent: SSH_AUTH_SOCK is not set');
      return { agent: socket };
    }
    case 'password':
      return { password: await secret(auth.secretRef, 'password') };
  }
}
