import type { Explained, ExplainedInput } from '../../../src-shared/explained';
import type { ChainParams, Tier } from '../chain/chain-params';
import { sourceOf } from '../chain/chain-params';
import { blocksPerDayAt, blockTimeAt, formatFlux, tierRewardAt } from '../chain/subsidy';

/**
 * Expected native rewards for one node (formulas from flux-facts §3.4, derived from fluxd: one node
 * per tier is paid per block, in queue order). Estimates, not consensus: they assume the enabled count
 * stays put and blocks arrive on target.
 */

/** Thrown for estimate inputs that make no sense (no nodes, negative rank...). */
export class EstimateInputError extends RangeError {
  override name = 'EstimateInputError';
}

const COIN = 100_000_000n;
export const DAYS_PER_MONTH = 30;
export const DAYS_PER_YEAR = 365;

function checkEnabled(enabledNodes: number): void {
  if (!Number.isSafeInteger(enabledNodes) || enabledNodes < 1) {
    throw new EstimateInputError(`enabled node count must be a positive integer, got ${String(enabledNodes)}`);
  }
}

function rewardInputs(params: ChainParams, height: number, tier: Tier, enabledNodes: number): ExplainedInput[] {
  return [
    { name: `${tier} reward per block (sat)`, value: tierRewardAt(params, height, tier).toString(), source: 'fluxd src/main.cpp GetFluxnodeSubsidy at this height' },
    { name: 'blocks per day', value: blocksPerDayAt(params, height), source: sourceOf(params, 'blockTime.ponSpacingSeconds') },
    { name: `${tier} enabled nodes`, value: enabledNodes, source: `getfluxnodecount ${tier.toLowerCase()}-enabled (or user input)` },
  ];
}

/** Tier collateral new nodes lock at `height`, in satoshis (V2 from the tier's transition start). */
export function currentCollateralSat(params: ChainParams, height: number, tier: Tier): bigint {
  const c = params.collateral.tiers[tier];
  return BigInt(height >= c.transitionStart ? c.v2Flux : c.v1Flux) * COIN;
}

/** Native FLUX per node per day, in satoshis (floored): tierReward × blocksPerDay ÷ enabled. */
export function nativeRewardPerDay(params: ChainParams, height: number, tier: Tier, enabledNodes: number): Explained<bigint> {
  checkEnabled(enabledNodes);
  const perBlock = tierRewardAt(params, height, tier);
  const value = (perBlock * BigInt(blocksPerDayAt(params, height))) / BigInt(enabledNodes);
  return {
    value,
    formula: `${formatFlux(perBlock)} FLUX × ${blocksPerDayAt(params, height)} blocks/day ÷ ${enabledNodes} nodes = ${formatFlux(value)} FLUX/day`,
    inputs: rewardInputs(params, height, tier, enabledNodes),
  };
}

/** Native FLUX per node per 30-day month, in satoshis. */
export function nativeRewardPerMonth(params: ChainParams, height: number, tier: Tier, enabledNodes: number): Explained<bigint> {
  checkEnabled(enabledNodes);
  const perBlock = tierRewardAt(params, height, tier);
  const value = (perBlock * BigInt(blocksPerDayAt(params, height) * DAYS_PER_MONTH)) / BigInt(enabledNodes);
  return {
    value,
    formula: `${formatFlux(perBlock)} FLUX × ${blocksPerDayAt(params, height)} blocks/day × ${DAYS_PER_MONTH} days ÷ ${enabledNodes} nodes = ${formatFlux(value)} FLUX/month`,
    inputs: [...rewardInputs(params, height, tier, enabledNodes), { name: 'days per month', value: DAYS_PER_MONTH, source: 'FluxDeck convention' }],
  };
}

/** Seconds between two payments of one node: every enabled node of the tier is paid once per N blocks. */
export function paymentIntervalSeconds(params: ChainParams, height: number, enabledNodes: number): Explained<number> {
  checkEnabled(enabledNodes);
  const spacing = blockTimeAt(params, height);
  return {
    value: enabledNodes * spacing,
    formula: `${enabledNodes} nodes × ${spacing} s/block = ${enabledNodes * spacing} s`,
    inputs: [
      { name: 'enabled nodes in the tier', value: enabledNodes, source: 'getfluxnodecount <tier>-enabled (or user input)' },
      { name: 'block time (s)', value: spacing, source: sourceOf(params, 'blockTime.ponSpacingSeconds') },
    ],
  };
}

/**
 * Seconds until the next payment from the node's `rank` in the deterministic list (rank 0 is paid in
 * the next block): (rank + 1) × block time.
 */
export function nextPaymentEtaSeconds(params: ChainParams, height: number, rank: number): Explained<number> {
  if (!Number.isSafeInteger(rank) || rank < 0) throw new EstimateInputError(`rank must be a non-negative integer, got ${String(rank)}`);
  const spacing = blockTimeAt(params, height);
  return {
    value: (rank + 1) * spacing,
    formula: `(${rank} + 1) × ${spacing} s = ${(rank + 1) * spacing} s`,
    inputs: [
      { name: 'rank', value: rank, source: 'deterministic list rank (per tier, from 0)' },
      { name: 'block time (s)', value: spacing, source: sourceOf(params, 'blockTime.ponSpacingSeconds') },
    ],
  };
}

/**
 * Native APY in percent on the tier's current collateral: perDay × 365 ÷ collateral × 100. Computed
 * exactly in integers (millionths of a percent) and only turned into a number at the end.
 */
export function apyPercent(params: ChainParams, height: number, tier: Tier, enabledNodes: number): Explained<number> {
  checkEnabled(enabledNodes);
  const perBlock = tierRewardAt(params, height, tier);
  const collateral = currentCollateralSat(params, height, tier);
  const perYearNum = perBlock * BigInt(blocksPerDayAt(params, height) * DAYS_PER_YEAR);
  const micro = (perYearNum * 100n * 1_000_000n) / (BigInt(enabledNodes) * collateral);
  const value = Number(micro) / 1_000_000;
  return {
    value,
    formula: `${formatFlux(perBlock)} × ${blocksPerDayAt(params, height)} × ${DAYS_PER_YEAR} ÷ ${enabledNodes} ÷ ${formatFlux(collateral)} FLUX collateral × 100 = ${value.toFixed(2)} %`,
    inputs: [
      ...rewardInputs(params, height, tier, enabledNodes),
      { name: `${tier} collateral (FLUX)`, value: formatFlux(collateral), source: sourceOf(params, `collateral.tiers.${tier}`) },
      { name: 'days per year', value: DAYS_PER_YEAR, source: 'FluxDeck convention' },
    ],
  };
}

/** Converts satoshis to a JS number of FLUX for display only (exact for any real supply). */
export function satToFluxNumber(sat: bigint): number {
  return Number(formatFlux(sat));
}
