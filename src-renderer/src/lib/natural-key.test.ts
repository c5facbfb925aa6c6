import { describe, expect, it } from 'vitest';
import { naturalKey, sortNaturally } from './natural-key';

describe('naturalKey', () => {
  it('lower-cases and pads every digit run to 12 digits', () => {
    expect(naturalKey('Node-9')).toBe('node-000000000009');
    expect(naturalKey('127.0.10.2')).toBe('000000000127.000000000000.000000000010.000000000002');
    expect(naturalKey('a1b22c')).toBe('a000000000001b000000000022c');
  });

  it('leaves text without digits, and runs of 12 digits or more, as they are', () => {
    expect(naturalKey('Cumulus')).toBe('cumulus');
    expect(naturalKey('')).toBe('');
    expect(naturalKey('id 1234567890123')).toBe('id 1234567890123');
  });
});

describe('sortNaturally', () => {
  it('orders numbers inside names by value and ignores case', () => {
    expect(sortNaturally(['node-10', 'Node-9', 'node-100', 'alpha'])).toEqual(['alpha', 'Node-9', 'node-10', 'node-100']);
  });

  it('keeps the first-seen order of values with the same key', () => {
    expect(sortNaturally(['B', 'b', 'a'])).toEqual(['a', 'B', 'b']);
  });
});
