import type { Explained } from '../../../src-shared/explained';
import type { ChainParams } from '../chain/chain-params';
import { sourceOf } from '../chain/chain-params';
import { formatFlux } from '../chain/subsidy';

/**
 * Parallel-asset estimate. There is no consensus code for parallel assets: the docs say each active
 * asset pays 10% of the node's FLUX reward, in that chain's FLUX token, claimed manually via Fusion.
 * Figures are "FLUX-worth" of each asset, in satoshis of the asset token.
 */

export interface ParallelAssetEstimate {
  id: string;
  name: string;
  active: boolean;
  /** Same period as the native amount passed in (e.g. per day). 0 when inactive. */
  amountSat: Explained<bigint>;
}

/** Whether a chain pays parallel-asset rewards on `day` (YYYY-MM-DD; end date inclusive). */
export function isChainActiveOn(chain: { startDate: string | null; endDate: string | null }, day: string): boolean {
  if (chain.startDate !== null && day < chain.startDate) return false;
  if (chain.endDate !== null && day > chain.endDate) return false;
  return true;
}

/**
 * Per-chain estimate for one node, given its native reward for some period (e.g. nativeRewardPerDay).
 * `day` selects which chains are active (e.g. Ergo ended on 2026-09-21 per the docs).
 */
export function parallelAssetsEstimate(
  params: ChainParams,
  nativeSat: bigint,
  day: string,
): { chains: ParallelAssetEstimate[]; total: Explained<bigint> } {
  const share = params.parallelAssets.shareOfNativeRewardPercent;
  // Percent is documented as a whole number; scale by 1e6 to keep integer math for any decimal input.
  const shareMicro = BigInt(Math.round(share * 1_000_000));
  const shareSource = sourceOf(params, 'parallelAssets.shareOfNativeRewardPercent');
  const chains = params.parallelAssets.chains.map((chain): ParallelAssetEstimate => {
    const active = isChainActiveOn(chain, day);
    const value = active ? (nativeSat * shareMicro) / 100_000_000n : 0n;
    return {
      id: chain.id,
      name: chain.name,
      active,
      amountSat: {
        value,
        formula: active
          ? `${formatFlux(nativeSat)} FLUX native × ${share}% = ${formatFlux(value)} ${chain.name} FLUX`
          : `${chain.name} is not an active parallel asset on ${day}`,
        inputs: [
          { name: 'native reward (sat)', value: nativeSat.toString(), source: 'native estimate' },
          { name: 'share per asset (%)', value: share, source: shareSource },
          { name: 'active window', value: `${chain.startDate ?? '…'} – ${chain.endDate ?? '…'}`, source: sourceOf(params, `parallelAssets.chains.${chain.id}.endDate`) },
        ],
      },
    };
  });
  const activeCount = chains.filter((c) => c.active).length;
  const totalValue = chains.reduce((sum, c) => sum + c.amountSat.value, 0n);
  return {
    chains,
    total: {
      value: totalValue,
      formula: `${activeCount} active assets × ${share}% × ${formatFlux(nativeSat)} FLUX = ${formatFlux(totalValue)} FLUX-worth`,
      inputs: [
        { name: 'active assets', value: activeCount, source: sourceOf(params, 'parallelAssets') },
        { name: 'share per asset (%)', value: share, source: shareSource },
        { name: 'native reward (sat)', value: nativeSat.toString(), source: 'native estimate' },
      ],
    },
  };
}
