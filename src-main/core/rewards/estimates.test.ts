import { describe, it, expect } from 'vitest';
import { loadChainParams } from '../chain/chain-params';
import {
  apyPercent,
  currentCollateralSat,
  EstimateInputError,
  nativeRewardPerDay,
  nativeRewardPerMonth,
  nextPaymentEtaSeconds,
  paymentIntervalSeconds,
} from './estimates';
import { parallelAssetsEstimate } from './parallel-assets';
import { pnrEstimate, pnrRevenueSharePercent } from './pnr';
import { estimateTimeOfHeight, targetSecondsBetween, upcomingSubsidyCuts } from '../chain/schedule';

const params = loadChainParams();
const H = 2_200_000;

describe('native reward estimates (flux-facts §3.4 illustration: 5,000 / 1,500 / 2,000 nodes)', () => {
  it('gives 0.576 / 6.72 / 12.96 FLUX a day per node', () => {
    expect(nativeRewardPerDay(params, H, 'CUMULUS', 5000).value).toBe(57_600_000n);
    expect(nativeRewardPerDay(params, H, 'NIMBUS', 1500).value).toBe(672_000_000n);
    expect(nativeRewardPerDay(params, H, 'STRATUS', 2000).value).toBe(1_296_000_000n);
    expect(nativeRewardPerMonth(params, H, 'CUMULUS', 5000).value).toBe(1_728_000_000n);
  });

  it('explains the formula and its inputs', () => {
    const e = nativeRewardPerDay(params, H, 'CUMULUS', 5000);
    expect(e.formula).toBe('1.00000000 FLUX × 2880 blocks/day ÷ 5000 nodes = 0.57600000 FLUX/day');
    expect(e.inputs.map((i) => i.name)).toEqual(['CUMULUS reward per block (sat)', 'blocks per day', 'CUMULUS enabled nodes']);
  });

  it('pays every N × 30 s and the next payment comes (rank+1) × 30 s out', () => {
    expect(paymentIntervalSeconds(params, H, 5000).value).toBe(150_000);
    expect(paymentIntervalSeconds(params, H, 1500).value / 3600).toBe(12.5);
    expect(nextPaymentEtaSeconds(params, H, 0).value).toBe(30);
    expect(nextPaymentEtaSeconds(params, H, 119).value).toBe(3600);
    expect(nextPaymentEtaSeconds(params, 1_900_000, 9).value).toBe(1200);
  });

  it('computes native APY on the current collateral: ~21.0 / 19.6 / 11.8 %', () => {
    expect(apyPercent(params, H, 'CUMULUS', 5000).value).toBe(21.024);
    expect(apyPercent(params, H, 'NIMBUS', 1500).value).toBe(19.6224);
    expect(apyPercent(params, H, 'STRATUS', 2000).value).toBe(11.826);
  });

  it('uses V1 collateral before the tier transition and V2 from it', () => {
    expect(currentCollateralSat(params, 1_000_000, 'STRATUS')).toBe(100_000n * 100_000_000n);
    expect(currentCollateralSat(params, 1_087_332, 'STRATUS')).toBe(40_000n * 100_000_000n);
  });

  it('rejects zero or negative counts with a typed error', () => {
    expect(() => nativeRewardPerDay(params, H, 'CUMULUS', 0)).toThrow(EstimateInputError);
    expect(() => apyPercent(params, H, 'CUMULUS', -3)).toThrow(EstimateInputError);
    expect(() => nextPaymentEtaSeconds(params, H, -1)).toThrow(EstimateInputError);
    expect(() => paymentIntervalSeconds(params, H, 1.5)).toThrow(EstimateInputError);
  });
});

describe('subsidy cut schedule', () => {
  it('lists the next cuts with heights, new subsidy and estimated dates', () => {
    const cuts = upcomingSubsidyCuts(params, H, 2);
    expect(cuts.map((c) => [c.reduction, c.height, c.subsidySat])).toEqual([
      [1, 3_071_200, 1_260_000_000n],
      [2, 4_122_400, 1_134_000_000n],
    ]);
    expect(cuts[0]?.tiersSat.STRATUS).toBe(810_000_000n);
    // 1,049,200 blocks after the 2,022,000 checkpoint (1761701944) at 30 s.
    expect(cuts[0]?.estimatedAt.value).toBe((1_761_701_944 + 1_049_200 * 30) * 1000);
  });

  it('starts at the first cut before PoN and stops after the 20th', () => {
    expect(upcomingSubsidyCuts(params, 1_000_000, 1)[0]?.height).toBe(3_071_200);
    const last = upcomingSubsidyCuts(params, 2_020_000 + 19 * 1_051_200, 5);
    expect(last).toHaveLength(1);
    expect(last[0]?.subsidySat).toBe(170_207_313n);
    expect(upcomingSubsidyCuts(params, 2_020_000 + 20 * 1_051_200, 5)).toEqual([]);
  });

  it('counts 120 s blocks before the fork and 30 s after', () => {
    expect(targetSecondsBetween(params, 2_019_990, 2_020_010)).toBe(9 * 120 + 11 * 30);
    expect(targetSecondsBetween(params, 2_020_010, 2_019_990)).toBe(-(9 * 120 + 11 * 30));
    expect(estimateTimeOfHeight(params, 2_022_000).value).toBe(1_761_701_944_000);
  });
});

describe('parallel assets', () => {
  it('pays 10% of the native reward per active chain (10 chains while Ergo was active)', () => {
    const native = 57_600_000n;
    const before = parallelAssetsEstimate(params, native, '2026-06-01');
    expect(before.chains).toHaveLength(10);
    expect(before.chains.every((c) => c.active)).toBe(true);
    expect(before.total.value).toBe(native);
    expect(before.chains[0]?.amountSat.value).toBe(5_760_000n);
  });

  it('drops Ergo after its documented end date', () => {
    const after = parallelAssetsEstimate(params, 100n * 100_000_000n, '2026-11-22');
    const ergo = after.chains.find((c) => c.id === 'ergo');
    expect(ergo?.active).toBe(false);
    expect(ergo?.amountSat.value).toBe(0n);
    expect(after.total.value).toBe(90n * 100_000_000n);
    expect(after.total.formula).toContain('9 active assets');
  });
});

describe('PNR (documented, not in public code)', () => {
  it('shares revenue × 25% × 80% among ArcaneOS nodes, plus 20% among hosts', () => {
    const base = { monthlyRevenueUsd: 100_000, eligibleArcaneNodes: 1000, appHostingArcaneNodes: 200, isArcane: true };
    expect(pnrEstimate(params, { ...base, hostsApps: false }).perNodeMonthlyUsd.value).toBe(20);
    expect(pnrEstimate(params, { ...base, hostsApps: true }).perNodeMonthlyUsd.value).toBe(45);
    expect(pnrEstimate(params, { ...base, hostsApps: true, revenueSharePercent: 50 }).perNodeMonthlyUsd.value).toBe(90);
  });

  it('gives legacy nodes 0 and says what migrating would add', () => {
    const r = pnrEstimate(params, { monthlyRevenueUsd: 100_000, eligibleArcaneNodes: 999, appHostingArcaneNodes: 0, isArcane: false, hostsApps: false });
    expect(r.perNodeMonthlyUsd.value).toBe(0);
    expect(r.migrationWouldAddUsd?.value).toBe(20);
  });

  it('ramps the operators share 25% + 2 pp a year, capped at 50%', () => {
    expect(pnrRevenueSharePercent(params, 0).value).toBe(25);
    expect(pnrRevenueSharePercent(params, 3).value).toBe(31);
    expect(pnrRevenueSharePercent(params, 40).value).toBe(50);
  });

  it('rejects nonsense inputs', () => {
    expect(() =>
      pnrEstimate(params, { monthlyRevenueUsd: Number.NaN, eligibleArcaneNodes: 1, appHostingArcaneNodes: 1, isArcane: true, hostsApps: true }),
    ).toThrow(EstimateInputError);
  });
});
