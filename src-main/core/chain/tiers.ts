import type { ChainParams, Tier } from './chain-params';
import { TIERS } from './chain-params';

/**
 * Which collateral amounts are valid for which tier at a height (fluxd src/coins.cpp
 * GetCoinAmountsByTier / GetCoinTierFromAmount): V1 before a tier's transition window, both inside
 * [start, end), V2 from the end on.
 */

const COIN = 100_000_000n;

/** Valid collateral amounts (satoshis) for `tier` at `height`, V1 first. */
export function collateralAmountsAt(params: ChainParams, height: number, tier: Tier): bigint[] {
  const c = params.collateral.tiers[tier];
  const v1 = BigInt(c.v1Flux) * COIN;
  const v2 = BigInt(c.v2Flux) * COIN;
  if (height < c.transitionStart) return [v1];
  if (height < c.transitionEnd) return [v1, v2];
  return [v2];
}

/** The tier an exact collateral amount implies at `height`, or null when it is no valid collateral. */
export function impliedTierOf(params: ChainParams, height: number, amountSat: bigint): Tier | null {
  // fluxd fills a map amount -> tier in tier order, so a later tier would win a tie; amounts are distinct.
  let found: Tier | null = null;
  for (const tier of TIERS) {
    if (collateralAmountsAt(params, height, tier).includes(amountSat)) found = tier;
  }
  return found;
}

/** Normalises a reported tier string ("CUMULUS", "basic", "nimbus"…); null when unknown. */
export function normalizeTier(value: unknown): Tier | null {
  if (typeof value !== 'string') return null;
  const v = value.trim().toUpperCase();
  const aliases: Record<string, Tier> = { BASIC: 'CUMULUS', SUPER: 'NIMBUS', BAMF: 'STRATUS' };
  if ((TIERS as readonly string[]).includes(v)) return v as Tier;
  return aliases[v] ?? null;
}
