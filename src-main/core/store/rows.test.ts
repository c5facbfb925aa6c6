import { describe, expect, it } from 'vitest';
import { camelized } from './rows';

describe('camelized', () => {
  it('renames snake_case columns and keeps every value as it is', () => {
    const row = { id: 3, key_type: 'ssh-ed25519', first_seen: 10, until_ms: null, config_json: '{}' };
    expect(camelized(row)).toEqual({ id: 3, keyType: 'ssh-ed25519', firstSeen: 10, untilMs: null, configJson: '{}' });
  });
});
