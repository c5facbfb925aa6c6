import { describe, it, expect } from 'vitest';
import { loadChainParams } from './chain-params';
import {
  blockTimeAt,
  blocksPerDayAt,
  devFundAt,
  formatFlux,
  HeightError,
  isPonActive,
  subsidyAt,
  tierRewardAt,
  tierRewardsAt,
} from './subsidy';

/*
 * Vectors reproduce fluxd's own tests (RunOnFlux/fluxd @ 2dfb5046b):
 *   - src/test/pon_tests.cpp  (pon_subsidy_initial_test, pon_subsidy_annual_reduction_test,
 *     pon_subsidy_max_reductions_test, pon_fluxnode_subsidy_test)
 *   - src/gtest/test_pon.cpp  (PONSubsidyReduction, PONSubsidyCap, FluxnodeRewardDistribution,
 *     DevFundCalculation)
 *   - src/test/main_tests.cpp (block_subsidy_test: halvings at 2,500 + k * 655,350; its slow-start
 *     sum is a zcash leftover, see below)
 */

const params = loadChainParams();
const COIN = 100_000_000n;
const PON = 2_020_000;
const YEAR = 1_051_200;

describe('PoN block subsidy (fluxd pon_tests.cpp / test_pon.cpp)', () => {
  it('is 14 FLUX from the fork height through the first year', () => {
    expect(subsidyAt(params, PON)).toBe(14n * COIN);
    expect(subsidyAt(params, PON + 1)).toBe(14n * COIN);
    expect(subsidyAt(params, PON + 1000)).toBe(14n * COIN);
    expect(subsidyAt(params, PON + 1_051_199)).toBe(14n * COIN);
  });

  it('cuts 10% a year: 12.6 then 11.34, and 8.26686 after five years', () => {
    expect(subsidyAt(params, PON + YEAR)).toBe((126n * COIN) / 10n);
    expect(subsidyAt(params, PON + 2 * YEAR)).toBe((1134n * COIN) / 100n);
    expect(subsidyAt(params, PON + 5 * YEAR)).toBe((14n * COIN * 59049n) / 100000n);
    expect(subsidyAt(params, PON + 5 * YEAR)).toBe(826_686_000n);
  });

  it('follows the truncated s*9/10 chain for each of the 20 years', () => {
    let expected = 14n * COIN;
    for (let year = 1; year <= 20; year++) {
      expected = (expected * 9n) / 10n;
      expect(subsidyAt(params, PON + year * YEAR)).toBe(expected);
    }
  });

  it('stops cutting after 20 reductions at 1.70207313 FLUX', () => {
    const capped = subsidyAt(params, PON + 20 * YEAR);
    expect(capped).toBe(170_207_313n);
    expect(subsidyAt(params, PON + 21 * YEAR)).toBe(capped);
    expect(subsidyAt(params, PON + 25 * YEAR)).toBe(capped);
    expect(subsidyAt(params, PON + 30 * YEAR)).toBe(capped);
  });

  it('switches exactly at the activation height', () => {
    expect(isPonActive(params, PON - 1)).toBe(false);
    expect(isPonActive(params, PON)).toBe(true);
    expect(subsidyAt(params, PON - 1)).toBe(3_750_000_000n);
    expect(subsidyAt(params, PON)).toBe(14n * COIN);
  });
});

describe('PoN tier split (fluxd pon_fluxnode_subsidy_test, FluxnodeRewardDistribution)', () => {
  it('pays 1 / 3.5 / 9 FLUX and 0.5 to the dev fund at 14 FLUX', () => {
    expect(tierRewardsAt(params, PON)).toEqual({ CUMULUS: COIN, NIMBUS: 350_000_000n, STRATUS: 9n * COIN });
    expect(devFundAt(params, PON)).toBe(COIN / 2n);
    expect(subsidyAt(params, PON) / 28n).toBe(devFundAt(params, PON));
  });

  it('pays 0.9 / 3.15 / 8.1 and 0.45 dev fund after the first cut', () => {
    const h = PON + YEAR;
    expect(tierRewardAt(params, h, 'CUMULUS')).toBe(90_000_000n);
    expect(tierRewardAt(params, h, 'NIMBUS')).toBe((315n * COIN) / 100n);
    expect(tierRewardAt(params, h, 'STRATUS')).toBe((81n * COIN) / 10n);
    expect(devFundAt(params, h)).toBe(45_000_000n);
  });

  it('keeps subsidy/14, subsidy*35/140, subsidy*9/14 (truncated) in every year', () => {
    for (let year = 0; year <= 21; year++) {
      const h = PON + year * YEAR;
      const s = subsidyAt(params, h);
      expect(tierRewardAt(params, h, 'CUMULUS')).toBe(s / 14n);
      expect(tierRewardAt(params, h, 'NIMBUS')).toBe((s * 35n) / 140n);
      expect(tierRewardAt(params, h, 'STRATUS')).toBe((s * 9n) / 14n);
      const tiers = tierRewardsAt(params, h);
      expect(devFundAt(params, h)).toBe(s - tiers.CUMULUS - tiers.NIMBUS - tiers.STRATUS);
      expect(devFundAt(params, h) >= 0n).toBe(true);
    }
  });
});

describe('pre-PoN subsidy (fluxd main_tests.cpp, GetBlockSubsidy)', () => {
  it('pays the 13,020,000 FLUX premine at height 1 and ramps the slow start', () => {
    expect(subsidyAt(params, 0)).toBe(0n);
    expect(subsidyAt(params, 1)).toBe(13_020_000n * COIN);
    expect(subsidyAt(params, 2)).toBe(6_000_000n);
    expect(subsidyAt(params, 2499)).toBe(3_000_000n * 2499n);
    // The middle payout (height 2500 would pay 75 FLUX) is skipped: 2500 pays as 2501.
    expect(subsidyAt(params, 2500)).toBe(3_000_000n * 2501n);
    expect(subsidyAt(params, 4999)).toBe(150n * COIN);
    expect(subsidyAt(params, 5000)).toBe(150n * COIN);
  });

  it('sums the slow start (heights 0..4999 as slow-start blocks) to 375,000 FLUX', () => {
    // fluxd's main_tests.cpp subsidy_limit_test still expects 12,500,000,000,000 sat, a value inherited
    // from zcash (12.5 ZEC over 20,000 blocks); with Flux's 150 FLUX over 5,000 blocks GetBlockSubsidy
    // itself sums to 150/5000 * 12,500,000 = 375,000 FLUX, so that vector is not used here.
    let sum = 0n;
    for (let h = 0; h < 5000; h++) sum += h === 1 ? 3_000_000n : subsidyAt(params, h);
    expect(sum).toBe(37_500_000_000_000n);
  });

  it('halves at 657,850 and 1,313,200 and then stays at 37.5 FLUX (2-halving cap)', () => {
    expect(subsidyAt(params, 657_849)).toBe(150n * COIN);
    expect(subsidyAt(params, 657_850)).toBe(75n * COIN);
    expect(subsidyAt(params, 1_313_199)).toBe(75n * COIN);
    expect(subsidyAt(params, 1_313_200)).toBe(3_750_000_000n);
    expect(subsidyAt(params, 1_968_550)).toBe(3_750_000_000n);
    expect(subsidyAt(params, 2_019_999)).toBe(3_750_000_000n);
  });

  it('pays 7.5 / 12.5 / 30 % after the FLUX rebrand: 2.8125 / 4.6875 / 11.25 FLUX at 37.5', () => {
    const h = 1_500_000;
    expect(tierRewardsAt(params, h)).toEqual({ CUMULUS: 281_250_000n, NIMBUS: 468_750_000n, STRATUS: 1_125_000_000n });
    expect(devFundAt(params, h)).toBe(0n);
  });

  it('pays 3.75 / 6.25 / 15 % before the rebrand height 835,554', () => {
    expect(tierRewardsAt(params, 835_553)).toEqual({ CUMULUS: 281_250_000n, NIMBUS: 468_750_000n, STRATUS: 1_125_000_000n });
    expect(tierRewardsAt(params, 835_554)).toEqual({ CUMULUS: 562_500_000n, NIMBUS: 937_500_000n, STRATUS: 2_250_000_000n });
    expect(tierRewardsAt(params, 600_000)).toEqual({ CUMULUS: 562_500_000n, NIMBUS: 937_500_000n, STRATUS: 2_250_000_000n });
  });
});

describe('block time', () => {
  it('is 120 s before PoN and 30 s from the fork, 2,880 blocks a day', () => {
    expect(blockTimeAt(params, PON - 1)).toBe(120);
    expect(blockTimeAt(params, PON)).toBe(30);
    expect(blocksPerDayAt(params, PON - 1)).toBe(720);
    expect(blocksPerDayAt(params, PON + 5)).toBe(2880);
  });
});

describe('bad heights', () => {
  it('rejects negative, fractional and NaN heights with a typed error', () => {
    expect(() => subsidyAt(params, -1)).toThrow(HeightError);
    expect(() => subsidyAt(params, 1.5)).toThrow(HeightError);
    expect(() => tierRewardAt(params, Number.NaN, 'CUMULUS')).toThrow(HeightError);
    expect(() => devFundAt(params, -5)).toThrow(HeightError);
  });
});

describe('formatFlux', () => {
  it('prints 8 decimals without floating point', () => {
    expect(formatFlux(170_207_313n)).toBe('1.70207313');
    expect(formatFlux(14n * COIN)).toBe('14.00000000');
    expect(formatFlux(-5n)).toBe('-0.00000005');
  });
});
