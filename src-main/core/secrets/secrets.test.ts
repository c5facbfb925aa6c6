import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migration002 } from '../store/migrations/002-host-keys';
import { EncryptedSecretStore } from './encrypted-secret-store';
import { MemorySecretStore } from './memory-secret-store';
import { PassphraseCipher, type SecretCipher } from './secret-cipher';
import { SecretError } from './secret-store';

const PLAINTEXT = 'hunter2-very-secret-passphrase-0123456789';
const PEM = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';

/** Stands in for safeStorage on Linux without a keyring: "encrypts" with a key everyone knows. */
const basicText: SecretCipher = {
  backend: 'safeStorage:basic_text',
  secure: false,
  encrypt: (s) => Buffer.from(s, 'utf8').reverse(),
  decrypt: (b) => Buffer.from(b).reverse().toString('utf8'),
};

describe('EncryptedSecretStore', () => {
  let dir: string;
  let file: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fluxdeck-secrets-'));
    file = path.join(dir, 'fluxdeck.db');
    db = new Database(file);
    migration002.up(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips secrets and leaves no plaintext in the database files', async () => {
    const store = new EncryptedSecretStore(db, new PassphraseCipher('correct horse battery'));
    await store.set('node:1:passphrase', PLAINTEXT);
    await store.set('node:1:key', PEM);
    expect(await store.get('node:1:passphrase')).toBe(PLAINTEXT);
    expect(await store.get('node:1:key')).toBe(PEM);
    db.close();
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(path.join(dir, name));
      expect(bytes.includes(Buffer.from(PLAINTEXT))).toBe(false);
      expect(bytes.includes(Buffer.from('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ'))).toBe(false);
    }
    db = new Database(file);
    const reopened = new EncryptedSecretStore(db, new PassphraseCipher('correct horse battery'));
    expect(await reopened.get('node:1:passphrase')).toBe(PLAINTEXT);
  });

  it('overwrites and deletes', async () => {
    const store = new EncryptedSecretStore(db, new PassphraseCipher('correct horse battery'));
    await store.set('a', 'one');
    await store.set('a', 'two');
    expect(await store.get('a')).toBe('two');
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });

  it('refuses to persist with an insecure cipher unless explicitly allowed, and warns', async () => {
    const refusing = new EncryptedSecretStore(db, basicText);
    await expect(refusing.set('a', PLAINTEXT)).rejects.toMatchObject({ code: 'INSECURE_BACKEND' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM secrets').get()).toEqual({ n: 0 });
    expect(refusing.describe()).toMatchObject({ backend: 'safeStorage:basic_text', persistent: false });
    expect(refusing.describe().warning).toBeTruthy();

    const allowed = new EncryptedSecretStore(db, basicText, { allowInsecure: true });
    await allowed.set('a', PLAINTEXT);
    expect(await allowed.get('a')).toBe(PLAINTEXT);
    expect(allowed.describe().warning).toContain('basic_text');
  });

  it('reports a secret sealed with another key as DECRYPT_FAILED without leaking it', async () => {
    await new EncryptedSecretStore(db, new PassphraseCipher('first passphrase')).set('a', PLAINTEXT);
    const other = new EncryptedSecretStore(db, new PassphraseCipher('second passphrase'));
    const err = await other.get('a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretError);
    expect((err as SecretError).code).toBe('DECRYPT_FAILED');
    expect((err as SecretError).message).not.toContain(PLAINTEXT);
  });

  it('rejects refs that are not plain identifiers', async () => {
    const store = new EncryptedSecretStore(db, new PassphraseCipher('correct horse battery'));
    await expect(store.set('bad ref\n', 'x')).rejects.toMatchObject({ code: 'BAD_REF' });
  });

  it('describes a secure backend as persistent with no warning', () => {
    expect(new EncryptedSecretStore(db, new PassphraseCipher('correct horse battery')).describe()).toEqual({
      backend: 'passphrase',
      persistent: true,
    });
  });
});

describe('MemorySecretStore', () => {
  it('holds values for the process only', async () => {
    const store = new MemorySecretStore({ 'env:password': 'pw' });
    expect(await store.get('env:password')).toBe('pw');
    await store.set('x', 'y');
    await store.delete('x');
    expect(await store.get('x')).toBeUndefined();
    expect(store.describe()).toEqual({ backend: 'memory', persistent: false });
  });
});
