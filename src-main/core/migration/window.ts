import type { MigrationWindow } from '../../../src-shared/contract/migration.contract';
import type { ChainParams } from '../chain/chain-params';
import { eraValueAt } from '../chain/chain-params';

/**
 * The migration window (flux-facts §3.6): a node must confirm again after more than `confirmMin`
 * (500) blocks and expires after `expiry` (640) blocks without one. The new ArcaneOS node has to
 * install, sync and confirm before the old confirmation expires, so a migration starts early in the
 * window, with at least the install-and-sync time (a data value) left.
 */
export interface WindowMath {
  window: MigrationWindow;
  /** Enough time is left to start now. */
  canStartNow: boolean;
  confirmMinBlocks: number;
  expiryBlocks: number;
}

export function migrationWindow(
  params: ChainParams,
  input: { height: number | null; lastConfirmedHeight: number | null; installAndSyncBlocks: number; nowMs: number },
): WindowMath {
  const h = input.height;
  const expiryBlocks = eraValueAt(params, params.nodeTiming.confirmExpirationBlocks, h ?? params.upgrades.pon) ?? 640;
  const confirmMinBlocks = eraValueAt(params, params.nodeTiming.confirmMinIntervalBlocks, h ?? params.upgrades.pon) ?? 500;
  const spacing = params.blockTime.ponSpacingSeconds;
  const last = input.lastConfirmedHeight;
  if (h === null || last === null || last <= 0) {
    const empty = { blocksSinceConfirm: null, blocksToExpiry: null, recommendedStart: null, recommendedStartAt: null, secondsToExpiry: null };
    return { window: empty, canStartNow: false, confirmMinBlocks, expiryBlocks };
  }
  const since = Math.max(0, h - last);
  const toExpiry = expiryBlocks - since;
  const canStartNow = toExpiry >= input.installAndSyncBlocks;
  // Too late in this window: the next one opens when the old node confirms again (after confirmMin).
  const recommendedStart = canStartNow ? h : last + confirmMinBlocks + 1;
  return {
    window: {
      blocksSinceConfirm: since,
      blocksToExpiry: toExpiry,
      recommendedStart,
      recommendedStartAt: input.nowMs + Math.max(0, recommendedStart - h) * spacing * 1000,
      secondsToExpiry: Math.max(0, toExpiry) * spacing,
    },
    canStartNow,
    confirmMinBlocks,
    expiryBlocks,
  };
}

/** "2 h 05 min" for a block count. */
export function blocksAsTime(params: ChainParams, blocks: number): string {
  const minutes = Math.round((Math.max(0, blocks) * params.blockTime.ponSpacingSeconds) / 60);
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}
