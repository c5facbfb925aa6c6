import type { Explained } from '../../../src-shared/explained';
import type { ChainParams, Tier } from '../chain/chain-params';
import { blockTimeAt, tierRewardAt } from '../chain/subsidy';

/**
 * Payment ledger logic (pure). A node's status carries only its *last* payment (`last_paid_height`,
 * `lastpaid`), so payments are detected by comparing successive snapshots. Polls are minutes apart
 * while a node is paid once every N blocks (hours), so at most one payment falls between two polls.
 */

/** The part of a node status snapshot the ledger needs (from getfluxnodestatus). */
export interface PaymentSnapshot {
  nodeId: number;
  tier: Tier;
  /** `last_paid_height`; 0 when never paid. */
  lastPaidHeight: number;
  /** `lastpaid` in UNIX seconds (fluxd prints it as a string; 0 when unknown). */
  lastPaidUnix: number;
  /** When FluxDeck took the snapshot (ms), used when `lastpaid` is 0. */
  observedAtMs: number;
}

/** One payment row, as stored in `payments`. */
export interface PaymentRow {
  nodeId: number;
  height: number;
  /** ms since epoch. */
  paidAt: number;
  /** Exact consensus payout for the tier at that height. */
  amountSat: bigint;
  tier: Tier;
  source: 'last_paid_height';
}

function validHeight(h: number): boolean {
  return Number.isInteger(h) && h > 0 && h <= 2 ** 31 - 1;
}

/**
 * Payments revealed by `current` compared with `previous` (null = first time we see the node, in which
 * case its last payment is recorded). A lower or equal `last_paid_height` yields nothing.
 */
export function detectPayments(previous: PaymentSnapshot | null, current: PaymentSnapshot, params: ChainParams): PaymentRow[] {
  if (!validHeight(current.lastPaidHeight)) return [];
  if (previous && previous.nodeId !== current.nodeId) return [];
  if (previous && current.lastPaidHeight <= previous.lastPaidHeight) return [];
  const paidAt = Number.isSafeInteger(current.lastPaidUnix) && current.lastPaidUnix > 0 ? current.lastPaidUnix * 1000 : current.observedAtMs;
  return [
    {
      nodeId: current.nodeId,
      height: current.lastPaidHeight,
      paidAt,
      amountSat: tierRewardAt(params, current.lastPaidHeight, current.tier),
      tier: current.tier,
      source: 'last_paid_height',
    },
  ];
}

export interface MissedPaymentInput {
  /** Current chain height. */
  height: number;
  /** `last_paid_height` now (0 = never paid). */
  lastPaidHeight: number;
  /** `confirmed_height`, used as the queue start for never-paid nodes. */
  confirmedHeight: number;
  /** Enabled nodes in the tier: the queue length, hence the payment interval in blocks. */
  enabledNodes: number;
  /** Optional: the node's rank and the height it was observed at; sharper than the interval. */
  rank?: { rank: number; atHeight: number };
}

export interface MissedPaymentVerdict {
  /** Height by which the next payment was expected. */
  expectedHeight: number;
  /** Blocks past the expectation (0 when not late). */
  overdueBlocks: number;
  /** Roughly how late, in seconds, at the current block time. */
  overdueSeconds: number;
}

/**
 * Missed-payment check: the payment ETA has passed by more than one full payment interval (N blocks)
 * and `last_paid_height` has not moved past the point the ETA was computed from.
 */
export function checkMissedPayment(params: ChainParams, input: MissedPaymentInput): Explained<boolean> & { verdict: MissedPaymentVerdict } {
  const n = Math.max(1, Math.floor(input.enabledNodes));
  const queueStart = input.lastPaidHeight > 0 ? input.lastPaidHeight : input.confirmedHeight;
  const fromRank = input.rank !== undefined && input.rank.atHeight >= queueStart;
  const expectedHeight = fromRank && input.rank ? input.rank.atHeight + input.rank.rank + 1 : queueStart + n;
  const overdueBlocks = Math.max(0, input.height - expectedHeight);
  const missed = overdueBlocks > n;
  const spacing = blockTimeAt(params, Math.max(0, Math.min(input.height, 2 ** 31 - 1)));
  const formula = fromRank
    ? `ETA = ${input.rank?.atHeight} + rank ${input.rank?.rank} + 1 = ${expectedHeight}; missed if height ${input.height} > ETA + ${n} blocks`
    : `ETA = ${input.lastPaidHeight > 0 ? 'last paid' : 'confirmed'} ${queueStart} + ${n} nodes = ${expectedHeight}; missed if height ${input.height} > ETA + ${n} blocks`;
  return {
    value: missed,
    formula,
    inputs: [
      { name: 'current height', value: input.height, source: 'getinfo blocks' },
      { name: 'last paid height', value: input.lastPaidHeight, source: 'getfluxnodestatus last_paid_height' },
      { name: 'confirmed height', value: input.confirmedHeight, source: 'getfluxnodestatus confirmed_height' },
      { name: 'enabled nodes in tier', value: n, source: 'getfluxnodecount <tier>-enabled' },
      ...(fromRank && input.rank ? [{ name: 'rank', value: input.rank.rank, source: 'deterministic list rank' }] : []),
    ],
    verdict: { expectedHeight, overdueBlocks, overdueSeconds: overdueBlocks * spacing },
  };
}
