import { describe, it, expect } from 'vitest';
import { parseCommandArgs, UsageError, type CliCommand } from '../command';
import { captureIo } from '../../testkit/cli-io';
import { rewardsCommands } from './rewards.command';


function command(name: string): CliCommand {
  const found = rewardsCommands.find((c) => c.path.join(' ') === `rewards ${name}`);
  if (!found) throw new Error(`no command rewards ${name}`);
  return found;
}

async function run(name: string, argv: string[]): Promise<{ code: number; out: string }> {
  const cmd = command(name);
  const { io, out } = captureIo();
  const code = await cmd.run(parseCommandArgs(cmd, argv), io);
  return { code, out: out() };
}

describe('fluxdeck rewards subsidy', () => {
  it('prints fluxd-exact integers as JSON at the PoN fork', async () => {
    const { code, out } = await run('subsidy', ['--height', '2020000', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      height: 2020000,
      subsidySat: 1400000000,
      tiersSat: { CUMULUS: 100000000, NIMBUS: 350000000, STRATUS: 900000000 },
      devFundSat: 50000000,
    });
    expect(out).toContain('"subsidySat":1400000000');
  });

  it('prints pre-PoN values (37.5 FLUX, 7.5/12.5/30 %) and the capped year-20 value', async () => {
    expect(JSON.parse((await run('subsidy', ['--height', '2019999', '--json'])).out)).toEqual({
      height: 2019999,
      subsidySat: 3750000000,
      tiersSat: { CUMULUS: 281250000, NIMBUS: 468750000, STRATUS: 1125000000 },
      devFundSat: 0,
    });
    const capped = JSON.parse((await run('subsidy', ['--height', String(2020000 + 25 * 1051200), '--json'])).out) as { subsidySat: number };
    expect(capped.subsidySat).toBe(170207313);
  });

  it('prints a readable table without --json', async () => {
    const { out } = await run('subsidy', ['--height', '3071200']);
    expect(out).toContain('block subsidy  12.60000000 FLUX');
    expect(out).toContain('Stratus        8.10000000 FLUX');
    expect(out).toContain('dev fund       0.45000000 FLUX');
  });

  it('rejects a missing or bad height as a usage error', async () => {
    await expect(run('subsidy', [])).rejects.toThrow(UsageError);
    await expect(run('subsidy', ['--height', '-5'])).rejects.toThrow(UsageError);
    await expect(run('subsidy', ['--height', '1e9x'])).rejects.toThrow(UsageError);
  });
});

describe('fluxdeck rewards estimate', () => {
  it('returns per payment, per day, per month, interval and APY as JSON', async () => {
    const { code, out } = await run('estimate', ['--tier', 'nimbus', '--height', '2200000', '--enabled', '1500', '--price', '0.5', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(json).toMatchObject({
      tier: 'NIMBUS',
      perPaymentSat: 350000000,
      perDaySat: 672000000,
      perDayFlux: 6.72,
      perMonthFlux: 201.6,
      paymentIntervalSeconds: 45000,
      collateralFlux: 12500,
      apyPercent: 19.6224,
      perDayUsd: 3.36,
      perMonthUsd: 100.8,
    });
  });

  it('shows the formula lines in human output', async () => {
    const { out } = await run('estimate', ['--tier', 'CUMULUS', '--height', '2200000', '--enabled', '5000']);
    expect(out).toContain('1.00000000 FLUX × 2880 blocks/day ÷ 5000 nodes = 0.57600000 FLUX/day');
    expect(out).toContain('5000 nodes × 30 s/block = 150000 s (~41.7 h)');
    expect(out).toContain('= 21.02 %');
  });

  it('rejects bad tier, zero nodes and junk prices', async () => {
    await expect(run('estimate', ['--tier', 'titan', '--height', '1', '--enabled', '5'])).rejects.toThrow(UsageError);
    await expect(run('estimate', ['--tier', 'stratus', '--height', '2200000', '--enabled', '0'])).rejects.toThrow(UsageError);
    await expect(run('estimate', ['--tier', 'stratus', '--height', '2200000', '--enabled', '5', '--price', '=1+1'])).rejects.toThrow(UsageError);
    expect(() => parseCommandArgs(command('estimate'), ['--bogus'])).toThrow(UsageError);
  });
});

describe('fluxdeck rewards schedule', () => {
  it('lists the next cuts', async () => {
    const json = JSON.parse((await run('schedule', ['--height', '2200000', '--count', '2', '--json'])).out) as {
      cuts: Array<{ height: number; subsidySat: number; estimatedAt: string }>;
    };
    expect(json.cuts.map((c) => [c.height, c.subsidySat])).toEqual([
      [3071200, 1260000000],
      [4122400, 1134000000],
    ]);
    expect(json.cuts[0]?.estimatedAt.startsWith('2026-10-28')).toBe(true);
  });
});
