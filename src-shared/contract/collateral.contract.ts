import { z } from 'zod';
import { channel } from './define';
import { ExplainedNumber, perTier, RewardTier } from './rewards.contract';

/** Collateral channels: each node's outpoint, amount, implied tier and spent state. */

const int = z.number().int();
const ms = int.min(0).max(Number.MAX_SAFE_INTEGER);

export const CollateralRow = z.object({
  nodeId: int,
  name: z.string(),
  tags: z.array(z.string()),
  status: z.string().nullable(),
  txid: z.string().nullable(),
  vout: int.nullable(),
  amountFlux: z.number().nullable(),
  reportedTier: RewardTier.nullable(),
  impliedTier: RewardTier.nullable(),
  mismatch: z.boolean(),
  confirmations: int.nullable(),
  /** true: gettxout found it unspent; false: spent or unknown; null: not checked (no SSH). */
  unspent: z.boolean().nullable(),
  spent: z.boolean(),
  checkedAt: ms.nullable(),
  method: z.enum(['gettxout', 'reported']),
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type CollateralRow = z.infer<typeof CollateralRow>;

export const CollateralOverview = z.object({
  rows: z.array(CollateralRow),
  minConfirmations: int,
  priceUsd: z.number().nullable(),
  totalFlux: ExplainedNumber,
  totalUsd: ExplainedNumber.nullable(),
  byTier: perTier(z.object({ nodes: int, flux: z.number() })),
});
export type CollateralOverview = z.infer<typeof CollateralOverview>;

export const collateralChannels = {
  /** Per-node collateral outpoints, amounts, tiers, confirmations and spent state. */
  'collateral:overview': channel(z.object({}).strict(), CollateralOverview),
};
