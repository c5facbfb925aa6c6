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
    again.close();
  });

  it('refuse a wrong passphrase at start, before any secret is read or written', async () => {
    const file = path.join(temp.dir, 'verifier.db');
    const db = openDatabase(file);
    // First use with no secret at all still records the verifier.
    headlessSecretStore(db, { [MASTER_PASSPHRASE_ENV]: 'correct horse battery' });
    expect(() => headlessSecretStore(db, { [MASTER_PASSPHRASE_ENV]: 'another passphrase' })).toThrow(/is not the passphrase the stored secrets were sealed with/);
    const right = headlessSecretStore(db, { [MASTER_PASSPHRASE_ENV]: 'correct horse battery' });
    await right.set('alert:2', 'v');
    expect(await right.get('alert:2')).toBe('v');
    db.close();
  });

  it('check a database from before the verifier against one of its secrets', async () => {
    const db = openDatabase(path.join(temp.dir, 'legacy.db'));
    await headlessSecretStore(db, { [MASTER_PASSPHRASE_ENV]: 'correct horse battery' }).set('alert:3', 'v');
    db.prepare("DELETE FROM secrets WHERE ref = 'fluxdeck/master-passphrase-verifier'").run();
    expect(() => headlessSecretStore(db, { [MASTER_PASSPHRASE_ENV]: 'another passphrase' })).toThrow(/refusing to start/);
    expect(db.prepare("SELECT count(*) AS n FROM secrets WHERE ref = 'fluxdeck/master-passphrase-verifier'").get()).toEqual({ n: 0 });
    expect(await headlessSecretStore(db, { [MASTER_PASSPHRASE_ENV]: 'correct horse battery' }).get('alert:3')).toBe('v');
    db.close();
  });

  it('without a passphrase, report stored secrets as locked, not as missing', async () => {
    const db = openDatabase(path.join(temp.dir, 'locked.db'));
    await headlessSecretStore(db, { [MASTER_PASSPHRASE_ENV]: 'correct horse battery' }).set('node-key:1', 'PRIVATE');
    const store = headlessSecretStore(db, {});
    await expect(store.get('node-key:1')).rejects.toMatchObject({ code: 'LOCKED', message: expect.stringContaining(`set ${MASTER_PASSPHRASE_ENV} to unlock it`) as string });
    expect(await store.get('never-stored')).toBeUndefined();
    expect(store.describe().warning).toMatch(/^1 stored secret is locked/);
    db.close();
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
