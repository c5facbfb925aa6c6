import { describe, expect, it } from 'vitest';
import { loadChainParams, TIERS, type Tier } from '../chain/chain-params';
import { tierRewardAt } from '../chain/subsidy';
import { cutsWithin, enabledInMonth, perNodeMonths, sumTierPayouts } from './month-sums';

const params = loadChainParams();
const FIRST_CUT = 3_071_200;
const MONTH = 86_400;

/** The reference: fluxd's payout (GetFluxnodeSubsidy port) at every single height. */
function blockByBlock(tier: Tier, from: number, to: number): bigint {
  let sum = 0n;
  for (let h = from; h < to; h++) sum += tierRewardAt(params, h, tier);
  return sum;
}

describe('planner month sums', () => {
  it('match a block-by-block sum of the fluxd-exact payout across the first subsidy cut', () => {
    for (const tier of TIERS) {
      for (const from of [FIRST_CUT - MONTH, FIRST_CUT - 43_200, FIRST_CUT - 1, FIRST_CUT]) {
        expect(sumTierPayouts(params, tier, from, from + MONTH)).toBe(blockByBlock(tier, from, from + MONTH));
      }
    }
  });

  it('applies the cut from its exact height: half a month at 9 FLUX, half at 8.1 FLUX per Stratus block', () => {
    const start = FIRST_CUT - 43_200;
    const [m1] = perNodeMonths(params, 'STRATUS', start, 1, 2000, 0);
    expect(m1!.tierPayoutSumSat).toBe(43_200n * 900_000_000n + 43_200n * 810_000_000n);
    // 73,872,000,000,000 sat ÷ 2,000 nodes, floored once.
    expect(m1!.perNodeSat).toBe(36_936_000_000n);
    expect(cutsWithin(params, start, start + MONTH)).toEqual([FIRST_CUT]);
  });

  it('floors once per month with an awkward count, and later months see the later cuts', () => {
    const start = 4_100_000; // the second cut (4,122,400) falls in month 1, none in month 2
    const months = perNodeMonths(params, 'NIMBUS', start, 2, 1537, 0);
    const exact1 = blockByBlock('NIMBUS', start, start + MONTH);
    expect(months[0]!.perNodeSat).toBe(exact1 / 1537n);
    expect(months[1]!.perNodeSat).toBe(blockByBlock('NIMBUS', start + MONTH, start + 2 * MONTH) / 1537n);
    expect(months[1]!.perNodeSat).toBeLessThan(months[0]!.perNodeSat);
  });

  it('grows the enabled count per month as round(count × (1 + g)^(m−1))', () => {
    expect(enabledInMonth(2000, 5, 1)).toBe(2000);
    expect(enabledInMonth(2000, 5, 2)).toBe(2100);
    expect(enabledInMonth(2000, 5, 3)).toBe(2205);
    expect(enabledInMonth(3, -50, 10)).toBe(1);
  });
});
