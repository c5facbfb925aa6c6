import type { ChainParams, Tier } from './chain-params';
import { TIERS } from './chain-params';
import { fluxdPercentOf } from './fluxd-double';

/**
 * Height-exact block money, mirroring fluxd (RunOnFlux/fluxd src/main.cpp GetBlockSubsidy,
 * GetFluxnodeSubsidy, GetMinDevFundAmount). All amounts are integer satoshis (bigint).
 */

/** Thrown for heights fluxd cannot have (negative, fractional, beyond int32). */
export class HeightError extends RangeError {
  override name = 'HeightError';
}

function checkHeight(height: number): void {
  if (!Number.isInteger(height) || height < 0 || height > 2 ** 31 - 1) {
    throw new HeightError(`invalid block height: ${String(height)}`);
  }
}

const COIN = 100_000_000n;

/** Whether Proof of Node is active at `height` (fluxd src/pon/pon-fork.cpp IsPONActive: h >= activation). */
export function isPonActive(params: ChainParams, height: number): boolean {
  return height >= params.upgrades.pon;
}

/** Number of 10% PoN cuts applied at `height` (0 before the first interval ends), capped at the max. */
export function ponReductionsAt(params: ChainParams, height: number): number {
  checkHeight(height);
  if (!isPonActive(params, height)) return 0;
  const years = Math.floor((height - params.upgrades.pon) / params.ponSubsidy.reductionIntervalBlocks);
  return Math.min(years, params.ponSubsidy.maxReductions);
}

/** PoN subsidy after `reductions` cuts: each cut is `s = s * 9 / 10` truncated in satoshis. */
export function ponSubsidyAfterReductions(params: ChainParams, reductions: number): bigint {
  const p = params.ponSubsidy;
  let subsidy = BigInt(p.initialSubsidyFlux) * COIN;
  const num = BigInt(p.reductionNumerator);
  const den = BigInt(p.reductionDenominator);
  for (let i = 0; i < reductions && i < p.maxReductions; i++) subsidy = (subsidy * num) / den;
  return subsidy;
}

/** Pre-PoN halvings counted at `height` (uncapped; fluxd caps the shift separately). */
function powHalvingsAt(params: ChainParams, height: number): number {
  const p = params.powSubsidy;
  const shift = Math.floor(p.slowStartIntervalBlocks / 2);
  return Math.floor((height - shift) / p.halvingIntervalBlocks);
}

/** Block subsidy in satoshis at `height` (fluxd GetBlockSubsidy), fees excluded. */
export function subsidyAt(params: ChainParams, height: number): bigint {
  checkHeight(height);
  if (isPonActive(params, height)) return ponSubsidyAfterReductions(params, ponReductionsAt(params, height));

  const p = params.powSubsidy;
  let subsidy = BigInt(p.baseSubsidyFlux) * COIN;
  if (height === p.premineHeight) return BigInt(p.premineFlux) * COIN;
  const slowStart = p.slowStartIntervalBlocks;
  // Slow start ramps linearly and skips the middle payout (zcash heritage): h, then h+1 past the midpoint.
  if (height < Math.floor(slowStart / 2)) return (subsidy / BigInt(slowStart)) * BigInt(height);
  if (height < slowStart) return (subsidy / BigInt(slowStart)) * BigInt(height + 1);

  const halvings = powHalvingsAt(params, height);
  if (halvings >= 64) return 0n;
  if (halvings >= p.maxHalvings) return subsidy >> BigInt(p.maxHalvings);
  subsidy >>= BigInt(halvings);
  return subsidy;
}

/** Payout to the one node of `tier` paid in the block at `height` (fluxd GetFluxnodeSubsidy). */
export function tierRewardAt(params: ChainParams, height: number, tier: Tier): bigint {
  const subsidy = subsidyAt(params, height);
  if (isPonActive(params, height)) {
    const p = params.ponSubsidy;
    return (subsidy * BigInt(p.tierBaseSat[tier])) / BigInt(p.tierBaseTotalSat);
  }
  const p = params.powSubsidy;
  const multiplier = height >= params.upgrades.flux ? p.tierPercentMultiplierAfterFlux : 1;
  return fluxdPercentOf(subsidy, p.tierPercent[tier], multiplier);
}

/** All three tier payouts at `height`. */
export function tierRewardsAt(params: ChainParams, height: number): Record<Tier, bigint> {
  return {
    CUMULUS: tierRewardAt(params, height, 'CUMULUS'),
    NIMBUS: tierRewardAt(params, height, 'NIMBUS'),
    STRATUS: tierRewardAt(params, height, 'STRATUS'),
  };
}

/**
 * Minimum dev-fund payment at `height` (fluxd GetMinDevFundAmount): subsidy minus the three tier
 * payouts. Only enforced from PoN on; fees and the share of an empty tier also go there. Before PoN the
 * same remainder went to the PoW miner, so this returns 0 there.
 */
export function devFundAt(params: ChainParams, height: number): bigint {
  if (!isPonActive(params, height)) {
    checkHeight(height);
    return 0n;
  }
  const rewards = tierRewardsAt(params, height);
  return subsidyAt(params, height) - TIERS.reduce((sum, t) => sum + rewards[t], 0n);
}

/** Target block spacing in seconds for the block at `height` (120 s PoW, 30 s from PoN). */
export function blockTimeAt(params: ChainParams, height: number): number {
  checkHeight(height);
  return isPonActive(params, height) ? params.blockTime.ponSpacingSeconds : params.blockTime.powSpacingSeconds;
}

/** Expected blocks per day at `height` (2,880 after PoN, 720 before). */
export function blocksPerDayAt(params: ChainParams, height: number): number {
  return Math.floor(86_400 / blockTimeAt(params, height));
}

/** Formats satoshis as a FLUX decimal string with 8 places, e.g. 1260000000n -> "12.60000000". */
export function formatFlux(sat: bigint): string {
  const negative = sat < 0n;
  const abs = negative ? -sat : sat;
  const whole = abs / COIN;
  const frac = (abs % COIN).toString().padStart(8, '0');
  return `${negative ? '-' : ''}${whole.toString()}.${frac}`;
}
