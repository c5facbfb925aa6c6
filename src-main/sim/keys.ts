import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { z } from 'zod';
import { generateSshKeyPair } from './ssh-keygen';

const { utils } = ssh2;

/**
 * SSH keys for the simulator: one client key pair for the whole fleet (OpenSSH format, usable by
 * `ssh -i`), and one ed25519 host key per node, cached in the keys dir so a restarted fleet keeps
 * its host keys (FluxDeck pins them on first use).
 */

export interface KeyPair {
  /** OpenSSH private key text. */
  privateKey: string;
  /** `ssh-ed25519 AAAA…` line. */
  publicKey: string;
}

/** A fresh ed25519 pair in OpenSSH format, from the project's one key generator. */
export function generateEd25519(comment?: string): KeyPair {
  const pair = generateSshKeyPair('ed25519', comment);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey };
}

/** `ssh-keygen -lf` fingerprint of an SSH public key blob: `SHA256:` + unpadded base64. */
export function fingerprintOfBlob(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Key type and fingerprint of a private or public key text. */
export function describeKey(keyText: string): { type: string; fingerprint: string; blob: Buffer } {
  const parsed = utils.parseKey(keyText);
  if (parsed instanceof Error) throw new Error(`unreadable key: ${parsed.message}`);
  const blob = parsed.getPublicSSH();
  return { type: parsed.type, fingerprint: fingerprintOfBlob(blob), blob };
}

export interface ClientKeyFiles extends KeyPair {
  privateKeyPath: string;
  publicKeyPath: string;
}

/** Reuses `<dir>/id_ed25519` when present and readable, else writes a fresh pair (mode 0600). */
export async function ensureClientKey(dir: string): Promise<ClientKeyFiles> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const privateKeyPath = join(dir, 'id_ed25519');
  const publicKeyPath = `${privateKeyPath}.pub`;
  try {
    const privateKey = await readFile(privateKeyPath, 'utf8');
    const publicKey = (await readFile(publicKeyPath, 'utf8')).trim();
    describeKey(privateKey);
    describeKey(publicKey);
    return { privateKey, publicKey, privateKeyPath, publicKeyPath };
  } catch {
    const pair = generateEd25519('fluxdeck-sim');
    await writeFile(privateKeyPath, pair.privateKey, { mode: 0o600 });
    await chmod(privateKeyPath, 0o600);
    await writeFile(publicKeyPath, `${pair.publicKey}\n`, { mode: 0o644 });
    return { ...pair, privateKeyPath, publicKeyPath };
  }
}

const hostKeyCacheSchema = z.record(z.string(), z.string().startsWith('-----BEGIN OPENSSH PRIVATE KEY-----'));

/** Host keys by node name, read from and saved to `<dir>/host-keys.json` when a dir is given. */
export class HostKeyStore {
  private readonly keys = new Map<string, string>();
  private dirty = false;

  private constructor(private readonly file: string | undefined) {}

  static async open(dir: string | undefined): Promise<HostKeyStore> {
    const store = new HostKeyStore(dir ? join(dir, 'host-keys.json') : undefined);
    if (store.file) {
      try {
        const parsed = hostKeyCacheSchema.safeParse(JSON.parse(await readFile(store.file, 'utf8')));
        if (parsed.success) {
          for (const [name, key] of Object.entries(parsed.data)) {
            if (!(utils.parseKey(key) instanceof Error)) store.keys.set(name, key);
          }
        }
      } catch {
        // No cache yet, or a broken one: keys are regenerated and the file rewritten.
      }
    }
    return store;
  }

  /** The host key of `name`, generated on first use. */
  get(name: string): string {
    let key = this.keys.get(name);
    if (!key) {
      key = generateEd25519().privateKey;
      this.keys.set(name, key);
      this.dirty = true;
    }
    return key;
  }

  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    await writeFile(this.file, JSON.stringify(Object.fromEntries(this.keys)), { mode: 0o600 });
    this.dirty = false;
  }
}
