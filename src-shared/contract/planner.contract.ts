import { z } from 'zod';
import { channel } from './define';
import { ExplainedNumber, RewardTier } from './rewards.contract';

/**
 * Staking planner channels: Titan versus self-hosted (legacy or ArcaneOS) versus managed nodes over a
 * horizon, after costs. Inputs are remembered in the settings table; every figure carries its explanation.
 * FLUX travels as JSON numbers (display), computed in exact satoshis in main.
 */

const int = z.number().int();
const usd = z.number().finite().min(0).max(1e9);
const percent = z.number().finite().min(0).max(100);
const perTier = <T extends z.ZodType>(schema: T) => z.object({ CUMULUS: schema, NIMBUS: schema, STRATUS: schema });

export const TitanLockup = z.object({
  months: z.union([z.literal(3), z.literal(6), z.literal(12)]),
  aprPercent: percent,
  feePercent: percent,
});
export type TitanLockup = z.infer<typeof TitanLockup>;

export const TitanTerms = z.object({
  minFlux: z.number().finite().min(0).max(1e9),
  maxPerStakeFlux: z.number().finite().min(1).max(1e9),
  maxPerFluxIdFlux: z.number().finite().min(1).max(1e9),
  lockups: z.array(TitanLockup).min(1).max(3),
});
export type TitanTerms = z.infer<typeof TitanTerms>;

export const PlannerPnrInputs = z.object({
  /** FluxCloud revenue per month (USD); not published, so a what-if. */
  monthlyRevenueUsd: z.number().finite().min(0).max(1e12),
  /** Operators' share (%); null = the announced starting share. */
  revenueSharePercent: percent.nullable(),
  /** ArcaneOS nodes sharing the operators' pool; null = every enabled node. */
  eligibleNodes: int.min(1).max(10_000_000).nullable(),
});

/** What the user can set. `null` means "use the live value or the dated default". */
export const PlannerInputs = z.object({
  amountFlux: z.number().finite().min(0).max(1e9),
  priceUsd: z.number().finite().min(0).max(1_000_000).nullable(),
  priceChangePercentPerMonth: z.number().finite().min(-50).max(100),
  months: int.min(1).max(60),
  startHeight: int.min(0).max(2 ** 31 - 1).nullable(),
  counts: perTier(int.min(1).max(10_000_000).nullable()),
  countGrowthPercentPerMonth: z.number().finite().min(-20).max(50),
  hostingUsd: perTier(usd),
  hardwareUsd: perTier(usd),
  uptimePercent: percent,
  managedFeePercent: percent,
  titan: TitanTerms,
  pnr: PlannerPnrInputs,
  /** Value of all parallel assets as a % of the native FLUX value; shown as upside, never in the headline. */
  parallelAssetValuePercent: z.number().finite().min(0).max(1000),
  /** Tiers to consider for own and managed nodes. */
  tiers: z.array(RewardTier).min(1).max(3),
});
export type PlannerInputs = z.infer<typeof PlannerInputs>;

/** Inputs with every default applied: what the computation used. */
export const ResolvedPlannerInputs = PlannerInputs.extend({
  priceUsd: z.number().finite().min(0),
  startHeight: int.min(0),
  counts: perTier(int.min(1)),
});
export type ResolvedPlannerInputs = z.infer<typeof ResolvedPlannerInputs>;

/** Where each resolved input came from: 'user input', 'live: …', 'default: …'. */
export const InputSources = z.record(z.string(), z.string());

export const PlanMonth = z.object({
  month: int,
  height: int,
  flux: z.number(),
  usd: z.number(),
  costUsd: z.number(),
  netUsd: z.number(),
  cumulativeNetUsd: z.number(),
});
export type PlanMonth = z.infer<typeof PlanMonth>;

export const PlanOptionKind = z.enum(['self-hosted', 'managed', 'titan']);

export const PlanOption = z.object({
  id: z.string(),
  label: z.string(),
  kind: PlanOptionKind,
  tier: RewardTier.nullable(),
  arcane: z.boolean(),
  /** Own/managed nodes; Titan: the number of stakes. */
  nodes: int,
  capitalFlux: z.number(),
  leftoverFlux: z.number(),
  upfrontUsd: z.number(),
  lockupMonths: int.nullable(),
  monthly: z.array(PlanMonth),
  totalFlux: z.number(),
  netUsd: z.number(),
  roiPercent: z.number().nullable(),
  breakEvenMonth: int.nullable(),
  /** PNR what-if included in `usd` (ArcaneOS only), summed over the horizon. */
  pnrUsd: z.number(),
  /** Parallel-asset value at the user's assumption: upside, not in `netUsd`. */
  upsideUsd: z.number(),
  risks: z.array(z.string()),
  explain: z.object({
    totalFlux: ExplainedNumber,
    netUsd: ExplainedNumber,
    roiPercent: ExplainedNumber,
    breakEvenMonth: ExplainedNumber,
    capitalFlux: ExplainedNumber,
    firstMonthFlux: ExplainedNumber,
    upsideUsd: ExplainedNumber,
  }),
});
export type PlanOption = z.infer<typeof PlanOption>;

export const SubsidyCutMark = z.object({ month: int, height: int, subsidyFlux: z.number() });

export const SensitivitySeries = z.object({ id: z.string(), label: z.string(), netUsd: z.array(z.number()) });
export const Sensitivity = z.object({
  /** x values: FLUX price in USD, or total enabled nodes. */
  x: z.array(z.number()),
  series: z.array(SensitivitySeries),
});
export type Sensitivity = z.infer<typeof Sensitivity>;

export const PlanResult = z.object({
  inputs: ResolvedPlannerInputs,
  sources: InputSources,
  /** Ranked: best first. */
  options: z.array(PlanOption),
  best: z.string().nullable(),
  cuts: z.array(SubsidyCutMark),
  startHeight: ExplainedNumber,
  sensitivity: z.object({ price: Sensitivity, count: Sensitivity }),
  /** Why some options are missing (amount below a collateral, below Titan's minimum). */
  notes: z.array(z.string()),
});
export type PlanResult = z.infer<typeof PlanResult>;

export const PlannerFleet = z.object({
  nodes: int,
  /** Σ collateral of the fleet's nodes with a known tier. */
  amountFlux: z.number(),
  byTier: perTier(int),
  tiers: z.array(RewardTier),
});
export type PlannerFleet = z.infer<typeof PlannerFleet>;

export const PlannerState = z.object({
  /** Remembered inputs merged over the defaults (what the form starts with). */
  inputs: PlannerInputs,
  /** The defaults from data, for "reset" and for marking fields that still hold a default. */
  defaults: PlannerInputs,
  /** Per input: why its default is what it is (dated source), shown beside the field. */
  defaultSources: InputSources,
  /** What `null` resolves to right now. */
  live: z.object({ startHeight: ExplainedNumber, counts: perTier(int), countsSource: z.string(), priceUsd: z.number(), priceSource: z.string() }),
  fleet: PlannerFleet,
  titanDate: z.string(),
  titanSource: z.string(),
  titanNote: z.string(),
});
export type PlannerState = z.infer<typeof PlannerState>;

const empty = z.object({}).strict();

export const plannerChannels = {
  /** The form's starting point: remembered inputs, defaults with their sources, live values, the fleet. */
  'planner:state': channel(empty, PlannerState),
  /** Computes the plan and remembers the inputs. */
  'planner:plan': channel(z.object({ inputs: PlannerInputs }).strict(), PlanResult),
  /** Forgets the remembered inputs. */
  'planner:reset': channel(empty, PlannerState),
};
