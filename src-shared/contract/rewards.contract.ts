import { z } from 'zod';
import { channel, event } from './define';

/**
 * Rewards channels. Every figure the UI shows travels with its explanation (formula,
 * inputs, sources). Amounts: FLUX as JSON numbers for display, exact satoshis as decimal strings
 * (JSON has no bigint).
 */

const int = z.number().int();
const id = int.positive();
const ms = int.min(0).max(Number.MAX_SAFE_INTEGER);

export const RewardTier = z.enum(['CUMULUS', 'NIMBUS', 'STRATUS']);
export type RewardTier = z.infer<typeof RewardTier>;

export const ExplainedInputSchema = z.object({
  name: z.string(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  source: z.string(),
});

/** An `Explained<number>` (src-shared/explained.ts) on the wire. */
export const ExplainedNumber = z.object({ value: z.number(), formula: z.string(), inputs: z.array(ExplainedInputSchema) });
export type ExplainedNumber = z.infer<typeof ExplainedNumber>;

export const perTier = <T extends z.ZodType>(schema: T) => z.object({ CUMULUS: schema, NIMBUS: schema, STRATUS: schema });

/** Where the enabled-node counts (queue lengths) came from. */
export const NetworkCounts = z.object({
  enabled: perTier(int.nullable()),
  /** Per tier: 'getfluxnodecount (public API)' or 'user override'; null when unknown. */
  sources: perTier(z.string().nullable()),
  fetchedAt: ms.nullable(),
  /** Why the public API could not be used (no URL set, unreachable...). */
  error: z.string().nullable(),
});
export type NetworkCounts = z.infer<typeof NetworkCounts>;

/**
 * One tier's per-node figures. Every node of a tier shares them, so the explanations travel once per
 * tier instead of once per node (5,000 nodes stay a small answer).
 */
export const TierEstimate = z.object({
  tier: RewardTier,
  enabled: int,
  perPaymentFlux: ExplainedNumber,
  perDayFlux: ExplainedNumber,
  perMonthFlux: ExplainedNumber,
  perMonthUsd: ExplainedNumber.nullable(),
  paymentIntervalSeconds: ExplainedNumber,
  apyPercent: ExplainedNumber,
  /** FLUX-worth of all active parallel assets per node per month. */
  parallelPerMonthFlux: ExplainedNumber,
});
export type TierEstimate = z.infer<typeof TierEstimate>;

/** PNR what-if for one kind of node; `key` is what NodeEarnings.pnrKey points at. */
export const PnrVariant = z.object({
  key: z.enum(['arcane', 'arcane-apps', 'legacy', 'legacy-apps']),
  perMonthUsd: ExplainedNumber,
  /** Legacy nodes: what migrating to ArcaneOS would add per month. */
  migrationWouldAddUsd: ExplainedNumber.nullable(),
});
export type PnrVariant = z.infer<typeof PnrVariant>;

/** One node's figures; explanations of the shared ones are in `tiers[tier]` and `pnr[pnrKey]`. */
export const NodeEarnings = z.object({
  nodeId: int,
  name: z.string(),
  tags: z.array(z.string()),
  tier: RewardTier.nullable(),
  status: z.string().nullable(),
  arcaneOS: z.boolean().nullable(),
  /** Whether the tier estimates apply (confirmed node, tier and queue length known). */
  estimated: z.boolean(),
  perDayFlux: z.number().nullable(),
  perMonthFlux: z.number().nullable(),
  perMonthUsd: z.number().nullable(),
  /** Seconds until the next payment, from the rank at the last poll. */
  nextPaymentSeconds: ExplainedNumber.nullable(),
  /** Estimated time of the next payment (ms). */
  nextPaymentAt: ms.nullable(),
  pnrKey: PnrVariant.shape.key.nullable(),
  pnrPerMonthUsd: z.number().nullable(),
  pnrMigrationWouldAddUsd: z.number().nullable(),
  lastPaidHeight: int.nullable(),
  /** Payments in the ledger this UTC month. */
  ledgerThisMonthFlux: z.number(),
  /** Why there is no estimate (not confirmed, tier unknown, counts unknown). */
  note: z.string().nullable(),
});
export type NodeEarnings = z.infer<typeof NodeEarnings>;

export const UpcomingCut = z.object({
  reduction: int,
  height: int,
  estimatedAt: ExplainedNumber,
  subsidyFlux: z.number(),
  tiersFlux: perTier(z.number()),
  /** Fleet native FLUX per month now, and after the cut (same enabled counts). */
  fleetMonthlyBeforeFlux: z.number(),
  fleetMonthlyAfterFlux: z.number(),
  fleetMonthlyChangeFlux: ExplainedNumber,
});
export type UpcomingCut = z.infer<typeof UpcomingCut>;

export const NextPayment = z.object({
  nodeId: int,
  name: z.string(),
  tier: RewardTier,
  at: ms,
  amountFlux: z.number(),
});
export type NextPayment = z.infer<typeof NextPayment>;

export const ParallelAssetRow = z.object({ id: z.string(), name: z.string(), active: z.boolean(), perMonthFlux: ExplainedNumber });

export const RewardsOverview = z.object({
  generatedAt: ms,
  height: ExplainedNumber,
  /** Chain parameters a user override changed (dotted paths); empty when all are fluxd's. */
  overridden: z.array(z.string()),
  network: NetworkCounts,
  priceUsd: z.number().nullable(),
  fleet: z.object({
    nodes: int,
    /** Nodes with an estimate (confirmed, tier known, counts known). */
    estimatedNodes: int,
    perDayFlux: ExplainedNumber,
    perMonthFlux: ExplainedNumber,
    perMonthUsd: ExplainedNumber.nullable(),
    parallelPerMonthFlux: ExplainedNumber,
    pnrPerMonthUsd: ExplainedNumber,
    pnrMigrationWouldAddUsd: ExplainedNumber,
    /** Payments recorded in the ledger this UTC month. */
    ledgerThisMonthFlux: ExplainedNumber,
  }),
  parallelAssets: z.array(ParallelAssetRow),
  tiers: perTier(TierEstimate.nullable()),
  pnr: z.array(PnrVariant),
  nodes: z.array(NodeEarnings),
  nextPayments: z.array(NextPayment),
  upcomingCut: UpcomingCut.nullable(),
  /** The next three cuts (the first is `upcomingCut`). */
  upcomingCuts: z.array(UpcomingCut),
});
export type RewardsOverview = z.infer<typeof RewardsOverview>;

export const LedgerFilter = z
  .object({
    nodeId: id.optional(),
    fromMs: ms.optional(),
    toMs: ms.optional(),
    tag: z.string().trim().min(1).max(32).optional(),
    /** One owner's nodes (an MSP's client), by name. */
    owner: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type LedgerFilter = z.input<typeof LedgerFilter>;

export const LedgerRow = z.object({
  id: int,
  nodeId: int,
  node: z.string(),
  tags: z.array(z.string()),
  height: int,
  paidAt: ms,
  tier: RewardTier,
  amountSat: z.string(),
  amountFlux: z.number(),
  /** USD at that day's stored price; null when no price is stored for the day. */
  usd: z.number().nullable(),
  source: z.string(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const LedgerResult = z.object({
  rows: z.array(LedgerRow),
  /** More rows matched than were returned (`limit`). */
  truncated: z.boolean(),
  totalSat: z.string(),
  totalFlux: z.number(),
});
export type LedgerResult = z.infer<typeof LedgerResult>;

export const MonthlyGroup = z.enum(['fleet', 'node', 'tag']);
export const MonthlySeries = z.object({
  key: z.string(),
  label: z.string(),
  /** Aligned with `months`. */
  flux: z.array(z.number()),
  count: z.array(int),
});
export const MonthlyReport = z.object({
  months: z.array(z.string()),
  groupBy: MonthlyGroup,
  series: z.array(MonthlySeries),
  /** Fleet totals per month (aligned with `months`) and their USD at each day's stored price. */
  fleetFlux: z.array(z.number()),
  fleetUsd: z.array(z.number().nullable()),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A JSON object whose keys (at any depth) cannot reach an object's prototype. */
function isSafeJsonObject(value: unknown, depth = 0): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || depth > 8) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return false;
    const child = (value as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null && !Array.isArray(child) && !isSafeJsonObject(child, depth + 1)) return false;
  }
  return true;
}

/** Chain parameter overrides: a plain JSON object (or null), never `__proto__`/`constructor` keys. */
export const ChainOverrides = z
  .unknown()
  .refine(
    (v): v is Record<string, unknown> | null => v === null || isSafeJsonObject(v),
    'chain parameter overrides must be a JSON object without __proto__, constructor or prototype keys',
  );

/** User inputs for rewards figures. All optional; absent means "use the documented default". */
export const RewardsSettings = z.object({
  /** FLUX price in USD; also stored as today's price in the price history. */
  fluxPriceUsd: z.number().finite().min(0).max(1_000_000).nullable(),
  /** FluxCloud revenue per month (USD) for the PNR what-if. */
  pnrMonthlyRevenueUsd: z.number().finite().min(0).max(1e12),
  /** Operators' share (%); null = the announced starting share. */
  pnrRevenueSharePercent: z.number().min(0).max(100).nullable(),
  /** ArcaneOS nodes sharing the operators' pool; null = every enabled node on the network. */
  pnrEligibleNodes: int.min(1).max(10_000_000).nullable(),
  /** ArcaneOS nodes hosting apps (the 20% pool); null = same as eligible. */
  pnrHostingNodes: int.min(1).max(10_000_000).nullable(),
  /** Per-tier enabled-node counts that replace getfluxnodecount. */
  enabledOverride: perTier(int.min(1).max(10_000_000).nullable()),
  /** Deep-merged over resources/chain/mainnet.json (validated by loadChainParams). */
  chainOverrides: ChainOverrides,
});
export type RewardsSettings = z.infer<typeof RewardsSettings>;

export const RewardsSettingsView = RewardsSettings.extend({
  /** Dotted paths the chain overrides change. */
  overridden: z.array(z.string()),
  defaults: z.object({ pnrMonthlyRevenueUsd: z.number(), pnrRevenueSharePercent: z.number(), note: z.string() }),
});
export type RewardsSettingsView = z.infer<typeof RewardsSettingsView>;


const empty = z.object({}).strict();

export const rewardsChannels = {
  /** Fleet and per-node expected earnings with explanations, next payments, the upcoming cut. */
  'rewards:overview': channel(empty, RewardsOverview),
  /** Detected payments, newest first. */
  'rewards:ledger': channel(LedgerFilter.extend({ limit: int.min(1).max(100_000).default(2_000) }).strict(), LedgerResult),
  /** Ledger totals per UTC month, per fleet / node / tag. */
  'rewards:monthly': channel(
    z.object({ groupBy: MonthlyGroup.default('fleet'), fromMs: ms.optional(), toMs: ms.optional() }).strict(),
    MonthlyReport,
  ),
  /** The filtered ledger as spreadsheet-safe CSV text; the renderer saves it. */
  'rewards:exportCsv': channel(LedgerFilter, z.object({ filename: z.string(), csv: z.string(), rows: int })),
  'rewards:settings': channel(empty, RewardsSettingsView),
  'rewards:saveSettings': channel(RewardsSettings.partial().strict(), RewardsSettingsView),
};

export const rewardsEvents = {
  /** New payments were recorded, collateral changed, or settings changed: refresh rewards views. */
  'rewards:onChanged': event(z.object({ reason: z.enum(['payments', 'collateral', 'settings']), nodeIds: z.array(int) })),
};
