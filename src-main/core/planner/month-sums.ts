import type { ChainParams, Tier } from '../chain/chain-params';
import { blocksPerDayAt, isPonActive, ponReductionsAt, tierRewardAt } from '../chain/subsidy';

/**
 * Exact tier payouts summed over block ranges, in satoshis. After PoN the payout only changes at the
 * yearly cut heights, so a range is summed as (payout × blocks) per constant segment; the unit tests
 * pin this against a block-by-block sum of fluxd's own GetFluxnodeSubsidy port.
 */

/** A planner month is 30 days of target-spaced blocks (86,400 at PoN's 30 s). */
export const DAYS_PER_PLAN_MONTH = 30;

export function blocksPerPlanMonth(params: ChainParams, height: number): number {
  return blocksPerDayAt(params, height) * DAYS_PER_PLAN_MONTH;
}

/** First height after `height` at which the PoN payout can change, or null when no cut is left. */
export function nextPayoutChange(params: ChainParams, height: number): number | null {
  if (!isPonActive(params, height)) return height + 1;
  const reductions = ponReductionsAt(params, height);
  if (reductions >= params.ponSubsidy.maxReductions) return null;
  return params.upgrades.pon + (reductions + 1) * params.ponSubsidy.reductionIntervalBlocks;
}

/** Σ tierRewardAt(h) for from <= h < to. Pre-PoN heights are summed block by block (never hot). */
export function sumTierPayouts(params: ChainParams, tier: Tier, from: number, to: number): bigint {
  let sum = 0n;
  let h = from;
  while (h < to) {
    const change = nextPayoutChange(params, h);
    const end = change === null ? to : Math.min(to, change);
    sum += tierRewardAt(params, h, tier) * BigInt(end - h);
    h = end;
  }
  return sum;
}

/** The heights in `[from, to)` where a subsidy cut takes effect. */
export function cutsWithin(params: ChainParams, from: number, to: number): number[] {
  const out: number[] = [];
  let h = Math.max(from, params.upgrades.pon);
  for (;;) {
    const change = nextPayoutChange(params, h);
    if (change === null || change >= to) return out;
    out.push(change);
    h = change;
  }
}

/** One month of one tier for a single node: its heights, the enabled count, and the floored FLUX. */
export interface PerNodeMonth {
  month: number;
  fromHeight: number;
  toHeight: number;
  enabled: number;
  tierPayoutSumSat: bigint;
  perNodeSat: bigint;
}

/** The enabled count in month m (1-based): round(count × (1 + growth)^(m−1)), at least 1. */
export function enabledInMonth(count: number, growthPercent: number, month: number): number {
  return Math.max(1, Math.round(count * (1 + growthPercent / 100) ** (month - 1)));
}

/**
 * Native FLUX one node of `tier` earns in each month of the horizon: Σ payouts over the month's heights
 * ÷ the month's enabled count, floored once per month, so a cut inside the horizon applies from its height.
 */
export function perNodeMonths(params: ChainParams, tier: Tier, startHeight: number, months: number, count: number, growthPercent: number): PerNodeMonth[] {
  const blocks = blocksPerPlanMonth(params, startHeight);
  const out: PerNodeMonth[] = [];
  for (let m = 1; m <= months; m++) {
    const fromHeight = startHeight + (m - 1) * blocks;
    const toHeight = fromHeight + blocks;
    const enabled = enabledInMonth(count, growthPercent, m);
    const tierPayoutSumSat = sumTierPayouts(params, tier, fromHeight, toHeight);
    out.push({ month: m, fromHeight, toHeight, enabled, tierPayoutSumSat, perNodeSat: tierPayoutSumSat / BigInt(enabled) });
  }
  return out;
}
