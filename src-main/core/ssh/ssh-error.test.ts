import { describe, expect, it } from 'vitest';
import { backoffMessage } from './ssh-error';

describe('backoff message', () => {
  it('repeats the failure in words and says when the next try is, relative to now', () => {
    expect(backoffMessage('HOST_KEY_UNKNOWN', undefined, 119_500)).toBe('Not tried again yet: the host key is not trusted yet; retrying in 2 min');
    expect(backoffMessage('AUTH_FAILED', 'The server rejected the configured credentials', 30_000)).toBe(
      'Not tried again yet: The server rejected the configured credentials; retrying in 30 s',
    );
    expect(backoffMessage('UNREACHABLE', undefined, 3 * 3600_000)).toMatch(/retrying in 3 h$/);
    expect(backoffMessage('UNREACHABLE', undefined, -5)).toMatch(/retrying in 1 s$/);
  });
});
