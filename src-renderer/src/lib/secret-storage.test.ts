import { describe, expect, it } from 'vitest';
import { secretStorageSentence } from './secret-storage';

describe('secret storage sentence', () => {
  it('promises the keychain only where the desktop app has one, and memory only where secrets are not kept', () => {
    expect(secretStorageSentence({ backend: 'safeStorage:gnome_libsecret', persistent: true })).toMatch(/encrypted by your OS keychain/);
    expect(secretStorageSentence({ backend: 'passphrase', persistent: true })).toMatch(/FLUXDECK_MASTER_PASSPHRASE/);
    const memory = secretStorageSentence({ backend: 'memory', persistent: false, warning: 'x' });
    expect(memory).toMatch(/memory only/);
    expect(memory).not.toMatch(/keychain|encrypted/);
    expect(secretStorageSentence({ backend: 'safeStorage:basic_text', persistent: false })).toMatch(/No OS keychain is available/);
  });
});
