import { z } from 'zod';
import { channel } from './define';
import { OwnerName } from './nodes.contract';
import { ExplainedNumber, RewardTier } from './rewards.contract';

/**
 * Costs and drop losses (the MSP view): per node, provider and owner for one UTC month, income from
 * the ledger, the hosting cost entered, net, payments missed while the node was down or expired,
 * and earning uptime from the poll history. Every money figure travels with its explanation.
 */

const int = z.number().int();

/** A UTC month, `YYYY-MM`. */
export const CostMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Month is YYYY-MM');

/** The figures every row (node, provider, owner, fleet) carries. */
export const CostFigures = z.object({
  payments: int,
  incomeFlux: ExplainedNumber,
  /** null when no FLUX price is known for the month. */
  incomeUsd: ExplainedNumber.nullable(),
  /** null when no cost was entered. */
  costUsd: ExplainedNumber.nullable(),
  netUsd: ExplainedNumber.nullable(),
  /** Payments the node would have had in the time it was down or not CONFIRMED; null when unknown. */
  missedPayments: ExplainedNumber.nullable(),
  missedFlux: ExplainedNumber.nullable(),
  missedUsd: ExplainedNumber.nullable(),
  /** Share of polls that found the node answering and CONFIRMED; null without history. */
  uptimePercent: ExplainedNumber.nullable(),
});
export type CostFigures = z.infer<typeof CostFigures>;

export const CostNodeRow = CostFigures.extend({
  nodeId: int,
  name: z.string(),
  owner: z.string().nullable(),
  provider: z.string().nullable(),
  tier: RewardTier.nullable(),
});
export type CostNodeRow = z.infer<typeof CostNodeRow>;

export const CostGroupRow = CostFigures.extend({
  /** The provider or owner name; '' for nodes without one. */
  key: z.string(),
  label: z.string(),
  nodes: int,
});
export type CostGroupRow = z.infer<typeof CostGroupRow>;

export const CostsReport = z.object({
  month: CostMonth,
  /** The stretch the figures cover (ms): the month, cut at now for the running month. */
  fromMs: int,
  toMs: int,
  /** The month's mean stored FLUX price (USD), what missed payments are valued at. */
  priceUsd: ExplainedNumber.nullable(),
  nodes: z.array(CostNodeRow),
  providers: z.array(CostGroupRow),
  owners: z.array(CostGroupRow),
  fleet: CostGroupRow,
});
export type CostsReport = z.infer<typeof CostsReport>;

/** Where the daily FLUX price comes from: the user's value, or a price URL fetched once a day. */
export const PriceSource = z.object({
  kind: z.enum(['user', 'url']),
  url: z.string().trim().url('That is not a web address').max(500).refine((u) => /^https?:\/\//i.test(u), 'The price URL must start with http:// or https://'),
  /** Dotted path to the USD number in the answer (CoinGecko: `zelcash.usd`). */
  path: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'The path is names separated by dots, like zelcash.usd'),
});
export type PriceSource = z.infer<typeof PriceSource>;

export const PriceSourceView = PriceSource.extend({
  /** The newest stored daily price. */
  latest: z.object({ day: z.string(), usd: z.number(), source: z.string() }).nullable(),
  /** Why the last fetch failed, in words. */
  lastError: z.string().nullable(),
});
export type PriceSourceView = z.infer<typeof PriceSourceView>;

export const costsChannels = {
  /** The month's costs and drop losses (default: the current UTC month). */
  'costs:report': channel(z.object({ month: CostMonth.optional() }).strict(), CostsReport),
  /** One owner's monthly statement as spreadsheet-safe CSV; the renderer saves it. */
  'costs:statementCsv': channel(z.object({ owner: OwnerName, month: CostMonth }).strict(), z.object({ filename: z.string(), csv: z.string(), rows: int })),
  'costs:priceSource': channel(z.object({}).strict(), PriceSourceView),
  'costs:savePriceSource': channel(PriceSource.partial().strict(), PriceSourceView),
  /** Fetches today's price from the price URL now (also done once a day while polling). */
  'costs:refreshPrice': channel(z.object({}).strict(), PriceSourceView),
};
