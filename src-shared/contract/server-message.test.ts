import { describe, expect, it } from 'vitest';
import { readServerMessage } from './server-message';

describe('readServerMessage', () => {
  it('reads results, errors and events, keeping only the fields of the contract', () => {
    expect(readServerMessage({ type: 'result', id: 3, result: { ok: true, value: { rows: 1 } }, extra: 1 })).toEqual({ type: 'result', id: 3, result: { ok: true, value: { rows: 1 } } });
    expect(readServerMessage({ type: 'result', id: 0, result: { ok: false, error: { code: 'NOT_FOUND', message: 'No node 9', stack: 'x' } } })).toEqual({
      type: 'result',
      id: 0,
      result: { ok: false, error: { code: 'NOT_FOUND', message: 'No node 9' } },
    });
    expect(readServerMessage({ type: 'event', event: 'fleet:onChanged', payload: null })).toEqual({ type: 'event', event: 'fleet:onChanged', payload: null });
  });

  it('refuses anything else', () => {
    for (const bad of [
      null,
      'result',
      [],
      { type: 'result', result: { ok: true } },
      { type: 'result', id: 1.5, result: { ok: true } },
      { type: 'result', id: '1', result: { ok: true } },
      { type: 'result', id: 1, result: { ok: 'yes' } },
      { type: 'result', id: 1, result: { ok: false, error: { code: 'X' } } },
      { type: 'result', id: 1, result: { ok: false } },
      { type: 'event', payload: {} },
      { type: 'call', id: 1 },
    ]) {
      expect(readServerMessage(bad)).toBeNull();
    }
  });
});
