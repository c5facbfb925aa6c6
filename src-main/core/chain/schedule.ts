import type { Explained } from '../../../src-shared/explained';
import type { ChainParams, Tier } from './chain-params';
import { sourceOf } from './chain-params';
import { formatFlux, HeightError, ponReductionsAt, subsidyAt, tierRewardsAt } from './subsidy';

/** A known block (height and its UNIX time) from which other heights' times are estimated. */
export interface ReferenceBlock {
  height: number;
  timeUnix: number;
}

/** Target seconds between block `from` and block `to` (negative when `to` is earlier). */
export function targetSecondsBetween(params: ChainParams, from: number, to: number): number {
  if (to < from) return -targetSecondsBetween(params, to, from);
  // Block k arrives spacing(k) after block k-1, so count blocks from+1..to on each side of the fork.
  const pon = params.upgrades.pon;
  const powBlocks = Math.max(0, Math.min(to, pon - 1) - from);
  const ponBlocks = Math.max(0, to - Math.max(from, pon - 1));
  return powBlocks * params.blockTime.powSpacingSeconds + ponBlocks * params.blockTime.ponSpacingSeconds;
}

/**
 * Estimated UNIX time (ms) of block `height`, assuming target spacing from a reference block
 * (default: fluxd's last mainnet checkpoint). Real blocks drift; this is a schedule, not a promise.
 */
export function estimateTimeOfHeight(params: ChainParams, height: number, reference?: ReferenceBlock): Explained<number> {
  if (!Number.isInteger(height) || height < 0) throw new HeightError(`invalid block height: ${String(height)}`);
  const ref = reference ?? params.referenceBlock;
  const seconds = targetSecondsBetween(params, ref.height, height);
  return {
    value: (ref.timeUnix + seconds) * 1000,
    formula: 'time(ref) + blocks before PoN × 120 s + blocks from PoN × 30 s',
    inputs: [
      { name: 'reference height', value: ref.height, source: reference ? 'caller' : sourceOf(params, 'referenceBlock') },
      { name: 'reference time (unix s)', value: ref.timeUnix, source: reference ? 'caller' : sourceOf(params, 'referenceBlock') },
      { name: 'target height', value: height, source: 'caller' },
      { name: 'PoW spacing (s)', value: params.blockTime.powSpacingSeconds, source: sourceOf(params, 'blockTime.powSpacingSeconds') },
      { name: 'PoN spacing (s)', value: params.blockTime.ponSpacingSeconds, source: sourceOf(params, 'blockTime.ponSpacingSeconds') },
      { name: 'PoN fork height', value: params.upgrades.pon, source: sourceOf(params, 'upgrades.pon') },
    ],
  };
}

/** One future 10% subsidy cut. */
export interface SubsidyCut {
  /** 1 for the first cut (12.6 FLUX) … maxReductions for the last. */
  reduction: number;
  height: number;
  subsidySat: bigint;
  tiersSat: Record<Tier, bigint>;
  estimatedAt: Explained<number>;
}

/**
 * The next `count` subsidy cuts strictly after `fromHeight` (none after the 20th). Before PoN the
 * list starts with the first cut after the fork.
 */
export function upcomingSubsidyCuts(
  params: ChainParams,
  fromHeight: number,
  count = 3,
  reference?: ReferenceBlock,
): SubsidyCut[] {
  if (!Number.isInteger(fromHeight) || fromHeight < 0) throw new HeightError(`invalid block height: ${String(fromHeight)}`);
  const p = params.ponSubsidy;
  const done = ponReductionsAt(params, fromHeight);
  const cuts: SubsidyCut[] = [];
  for (let k = done + 1; k <= p.maxReductions && cuts.length < count; k++) {
    const height = params.upgrades.pon + k * p.reductionIntervalBlocks;
    if (height <= fromHeight) continue;
    cuts.push({
      reduction: k,
      height,
      subsidySat: subsidyAt(params, height),
      tiersSat: tierRewardsAt(params, height),
      estimatedAt: estimateTimeOfHeight(params, height, reference),
    });
  }
  return cuts;
}

/** Human one-liner for a cut, e.g. "cut 1 at 3071200: 12.60000000 FLUX". */
export function describeCut(cut: SubsidyCut): string {
  return `cut ${cut.reduction} at ${cut.height}: ${formatFlux(cut.subsidySat)} FLUX`;
}
