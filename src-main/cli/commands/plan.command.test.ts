import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { captureIo } from '../../testkit/cli-io';
import { makeTempDir } from '../../testkit/temp-dir';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function plan(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const temp = makeTempDir('fluxdeck-plan-');
  cleanup = temp.cleanup;
  const { io, out, err } = captureIo();
  const code = await runCli(['plan', '--data-dir', temp.dir, ...args], io);
  return { code, out: out(), err: err() };
}

const FIXED = ['--height', '2020000', '--counts', 'cumulus=5000,nimbus=1500,stratus=2000', '--hosting', 'stratus=100', '--hardware', 'stratus=500', '--uptime', '100'];

describe('fluxdeck plan', () => {
  it('prints the issue JSON shape with FLUX as decimals with 8 places', async () => {
    const { code, out } = await plan(['--amount', '40000', '--price', '0.5', '--months', '12', ...FIXED, '--titan-apr', '3=12,6=12,12=12', '--json']);
    expect(code).toBe(0);
    expect(out).toContain('"capitalFlux":40000.00000000');
    expect(out).toContain('"flux":388.80000000');
    const parsed = JSON.parse(out) as { inputs: { amountFlux: number }; options: Record<string, unknown>[]; best: string };
    const stratus = parsed.options.find((o) => o.id === 'stratus-legacy')!;
    expect(Object.keys(stratus).slice(0, 11)).toEqual(['id', 'kind', 'tier', 'arcane', 'nodes', 'capitalFlux', 'monthly', 'totalFlux', 'netUsd', 'roiPercent', 'breakEvenMonth']);
    expect(stratus).toMatchObject({ kind: 'self-hosted', tier: 'STRATUS', arcane: false, nodes: 1, capitalFlux: 40000, totalFlux: 4665.6, netUsd: 632.8, roiPercent: 3.09, breakEvenMonth: 6 });
    expect((stratus.monthly as unknown[])[0]).toEqual({ month: 1, height: 2020000, flux: 388.8, usd: 194.4, costUsd: 100, netUsd: 94.4 });
    expect(parsed.options.map((o) => o.id)).toEqual(expect.arrayContaining(['stratus-arcane', 'stratus-managed', 'nimbus-legacy', 'cumulus-legacy', 'titan-3', 'titan-6', 'titan-12']));
    expect(parsed.best).toBe(parsed.options[0]!.id);
  });

  it('prints a ranked table and says which inputs are defaults', async () => {
    const { code, out } = await plan(['--amount', '40000', '--price', '0.5', '--months', '12', ...FIXED]);
    expect(code).toBe(0);
    expect(out).toMatch(/^ 1 {2}\S+/m);
    expect(out).toContain('stratus-legacy');
    expect(out).toMatch(/Defaults used .*managedFeePercent/);
  });

  it('refuses bad usage with a message naming the option', async () => {
    expect((await plan(['--price', '0.5', '--months', '12'])).err).toContain('--amount is required');
    expect((await plan(['--amount', '1', '--price', '0.5', '--months', '99'])).code).toBe(2);
    expect((await plan(['--amount', '1', '--price', '0.5', '--months', '1', '--counts', 'basic=3'])).err).toContain('--counts takes');
    const early = await plan(['--amount', '40000', '--price', '0.5', '--months', '1', '--height', '100']);
    expect(early.code).toBe(1);
    expect(early.err).toContain('PoN fork');
  });
});
