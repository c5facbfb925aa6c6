import { describe, expect, it } from 'vitest';
import { checkCandidate } from './import-source';
import { inventorySource } from './inventory-source';

const reasonFor = (values: Record<string, unknown>): string => {
  const checked = checkCandidate({ label: 'row 3', values });
  if (checked.ok) throw new Error('expected the row to be refused');
  return checked.reason;
};

describe('import row check', () => {
  it('says what a field must be in words, as the file spells the field, with no zod wording', () => {
    expect(reasonFor({ name: 'a', host: '192.0.2.1', sshPort: 70000 })).toBe('sshPort must be a number from 1 to 65535');
    expect(reasonFor({ name: 'a', host: '192.0.2.1', sshPort: 'abc', monthlyCostUsd: -3 })).toBe(
      'sshPort must be a number from 1 to 65535; monthlyCostUsd must be a number of US dollars from 0 to 1,000,000',
    );
    const reasons = [reasonFor({ host: 'x y' }), reasonFor({ name: 'a', host: 'h', tags: 'eu' }), reasonFor({ name: 'a', host: 'h', username: 'bad user' })];
    for (const reason of reasons) expect(reason).not.toMatch(/expected|invalid_type|Too big|nodes\.\d|\[\d\]/);
  });

  it('needs no username for an API-only node of an inventory', () => {
    const source = inventorySource(JSON.stringify({ nodes: [{ name: 'api-only', host: '192.0.2.9', apiPort: 16137 }] }));
    const checked = checkCandidate(source.candidates[0]!);
    expect(checked).toMatchObject({ ok: true, row: { name: 'api-only', username: null, privateKeyPath: null, apiPort: 16137 } });
  });
});
