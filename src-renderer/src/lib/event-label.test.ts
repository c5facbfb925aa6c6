import { describe, expect, it } from 'vitest';
import { eventLabel } from './event-label';

describe('eventLabel', () => {
  it('speaks of host keys, payments and transitions in words, not codes', () => {
    expect(eventLabel('hostkey-pinned')).toBe('Host key trusted');
    expect(eventLabel('hostkey-mismatch')).toBe('Host key changed');
    expect(eventLabel('payment_received')).toBe('Payment');
    expect(eventLabel('problem-cleared')).toBe('Problem cleared');
    expect(eventLabel('health')).toBe('Health changed');
  });

  it('turns an unknown kind into words rather than showing the code', () => {
    expect(eventLabel('some_new-kind')).toBe('Some new kind');
  });
});
