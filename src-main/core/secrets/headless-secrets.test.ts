import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database';
import { makeTempDir } from '../../testkit/temp-dir';
import { headlessSecretStore, MASTER_PASSPHRASE_ENV } from './headless-secrets';

describe('secrets in the CLI and serve', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('keep secrets encrypted across restarts when a master passphrase is set', async () => {
    const file = path.join(temp.dir, 'kept.db');
    const env = { [MASTER_PASSPHRASE_ENV]: 'correct horse battery' };
    const db = openDatabase(file);
    await headlessSecretStore(db, env).set('alert:1', 'https://discord.example/api/webhooks/1/s3cret-token');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(readFileSync(file).includes('s3cret-token')).toBe(false);

    const again = openDatabase(file);
    expect(await headlessSecretStore(again, env).get('alert:1')).toBe('https://discord.example/api/webhooks/1/s3cret-token');
    await expect(headlessSecretStore(again, { [MASTER_PASSPHRASE_ENV]: 'another passphrase' }).get('alert:1')).rejects.toThrow(/cannot be decrypted/);
    again.close();
  });

  it('otherwise hold them for this process only, and say so', () => {
    const db = openDatabase(path.join(temp.dir, 'session.db'));
    const store = headlessSecretStore(db, {});
    expect(store.describe()).toMatchObject({ backend: 'memory', persistent: false, warning: expect.stringContaining(MASTER_PASSPHRASE_ENV) });
    db.close();
  });

  it('refuse a passphrase too short to protect anything', () => {
    const db = openDatabase(path.join(temp.dir, 'short.db'));
    expect(() => headlessSecretStore(db, { [MASTER_PASSPHRASE_ENV]: 'abc' })).toThrow(/FLUXDECK_MASTER_PASSPHRASE: .*8 characters/);
    db.close();
  });
});
