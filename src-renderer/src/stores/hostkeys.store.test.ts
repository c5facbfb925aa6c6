import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setClient } from '../bridge';
import { FakeClient } from '../testkit/fake-client';
import { useHostKeysStore } from './hostkeys.store';

const NEW = `SHA256:${'N'.repeat(43)}`;
const OLD = `SHA256:${'O'.repeat(43)}`;

describe('hostkeys store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('accepting a changed key names the pin it replaces; a refusal is shown, not swallowed', async () => {
    const fake = new FakeClient()
      .handle('nodes:checkSsh', () => ({ ok: true, value: { status: 'mismatch', keyType: 'ssh-ed25519', fingerprint: NEW, previousFingerprint: OLD } }))
      .handle('hostkeys:trust', () => ({ ok: false, error: { code: 'CONFLICT', message: 'The pinned key of n is not …' } }));
    setClient(fake);
    const store = useHostKeysStore();
    await store.run(7);
    await store.trust('ssh-ed25519', NEW, OLD);
    expect(fake.callsTo('hostkeys:trust')).toEqual([{ id: 7, keyType: 'ssh-ed25519', fingerprint: NEW, previousFingerprint: OLD }]);
    expect(store.error?.code).toBe('CONFLICT');
  });

  it('a first-seen key is trusted without a previous fingerprint', async () => {
    const fake = new FakeClient()
      .handle('nodes:checkSsh', () => ({ ok: true, value: { status: 'unknown-key', keyType: 'ssh-ed25519', fingerprint: NEW } }))
      .handle('hostkeys:trust', () => ({ ok: true, value: [] }));
    setClient(fake);
    const store = useHostKeysStore();
    await store.run(3);
    await store.trust('ssh-ed25519', NEW);
    expect(fake.callsTo('hostkeys:trust')).toEqual([{ id: 3, keyType: 'ssh-ed25519', fingerprint: NEW }]);
  });
});
