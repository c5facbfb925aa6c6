import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaymentsRepo } from '../../core/rewards/payments.repo';
import { makeTempDir } from '../../testkit/temp-dir';
import { withServices } from '../context';
import { runCapture } from '../../testkit/cli-io';

let temp: ReturnType<typeof makeTempDir>;

beforeEach(async () => {
  temp = makeTempDir('fluxdeck-cli-ledger-');
  await withServices(temp.dir, (services) => {
    const node = (name: string) =>
      services.nodesRepo.insert({ name, host: `${name}.example`, sshPort: 22, apiPort: 16127, username: null, authKind: 'none', keyPath: null, secretRef: null, passphraseRef: null, tags: [] });
    const alpha = node('alpha');
    const beta = node('beta');
    new PaymentsRepo(services.db).insert([
      { nodeId: alpha.id, height: 2_199_000, paidAt: Date.parse('2026-02-10T10:00:00Z'), amountSat: 100_000_000n, tier: 'CUMULUS', source: 'last_paid_height' },
      { nodeId: beta.id, height: 2_199_500, paidAt: Date.parse('2026-03-01T10:00:00Z'), amountSat: 350_000_000n, tier: 'NIMBUS', source: 'last_paid_height' },
    ]);
  });
});

afterEach(() => temp.cleanup());

describe('fluxdeck rewards ledger', () => {
  it('prints the payment rows as JSON, newest first', async () => {
    const { code, stdout } = await runCapture(['--data-dir', temp.dir, 'rewards', 'ledger', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      payments: [
        { node: 'beta', height: 2_199_500, paidAt: '2026-03-01T10:00:00.000Z', amountSat: 350_000_000, tier: 'NIMBUS', source: 'last_paid_height' },
        { node: 'alpha', height: 2_199_000, paidAt: '2026-02-10T10:00:00.000Z', amountSat: 100_000_000, tier: 'CUMULUS', source: 'last_paid_height' },
      ],
    });
  });

  it('filters by node name and date, and prints a readable table', async () => {
    const one = await runCapture(['--data-dir', temp.dir, 'rewards', 'ledger', '--node', 'alpha', '--json']);
    expect((JSON.parse(one.stdout) as { payments: unknown[] }).payments).toHaveLength(1);
    const march = await runCapture(['--data-dir', temp.dir, 'rewards', 'ledger', '--from', '2026-03-01']);
    expect(march.stdout).toContain('beta');
    expect(march.stdout).not.toContain('alpha');
    expect(march.stdout).toContain('1 payments, 3.50000000 FLUX');
  });

  it('explains an unknown node and a bad date', async () => {
    const missing = await runCapture(['--data-dir', temp.dir, 'rewards', 'ledger', '--node', 'ghost']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No node named "ghost"');
    const bad = await runCapture(['--data-dir', temp.dir, 'rewards', 'ledger', '--from', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from must be a date');
  });
});
