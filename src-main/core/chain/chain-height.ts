import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type { Explained } from '../../../src-shared/explained';
import type { ChainParams } from './chain-params';
import { sourceOf } from './chain-params';

const MAX_HEIGHT = 2 ** 31 - 1;

/**
 * Height the chain should have reached at `ms`, from the reference block at target spacing. Only a
 * fallback for when no node reports a height (empty fleet, all unreachable).
 */
export function estimateHeightAt(params: ChainParams, ms: number): number {
  const ref = params.referenceBlock;
  const seconds = Math.floor(ms / 1000) - ref.timeUnix;
  const spacing = ref.height >= params.upgrades.pon ? params.blockTime.ponSpacingSeconds : params.blockTime.powSpacingSeconds;
  return Math.max(0, Math.min(MAX_HEIGHT, ref.height + Math.floor(seconds / spacing)));
}

/** The best height a status knows: the network reference height, else the node's own daemon height. */
export function heightOfStatus(status: NodeStatus): number | null {
  const h = status.referenceHeight ?? status.daemon?.blocks ?? null;
  return h !== null && Number.isInteger(h) && h > 0 && h <= MAX_HEIGHT ? h : null;
}

/** Current chain height: the highest any node reports, else an estimate from the clock. */
export function fleetHeight(params: ChainParams, statuses: readonly NodeStatus[], nowMs: number): Explained<number> {
  let best: number | null = null;
  for (const s of statuses) {
    const h = heightOfStatus(s);
    if (h !== null && (best === null || h > best)) best = h;
  }
  if (best !== null) {
    return {
      value: best,
      formula: `highest height reported by ${statuses.length} nodes = ${best}`,
      inputs: [{ name: 'height', value: best, source: 'latest poll: public API reference height or getinfo blocks' }],
    };
  }
  const value = estimateHeightAt(params, nowMs);
  return {
    value,
    formula: `reference height + (now − reference time) ÷ block time = ${value} (no node reported a height)`,
    inputs: [
      { name: 'reference height', value: params.referenceBlock.height, source: sourceOf(params, 'referenceBlock') },
      { name: 'reference time (unix s)', value: params.referenceBlock.timeUnix, source: sourceOf(params, 'referenceBlock') },
      { name: 'now (unix s)', value: Math.floor(nowMs / 1000), source: 'system clock' },
      { name: 'block time (s)', value: params.blockTime.ponSpacingSeconds, source: sourceOf(params, 'blockTime.ponSpacingSeconds') },
    ],
  };
}
