import { z } from 'zod';
import defaultsJson from '../../../resources/planner/defaults.json';
import titanJson from '../../../resources/planner/titan.json';
import { TitanLockup } from '../../../src-shared/contract/planner.contract';

/** Planner data from `resources/planner/` (dated, sourced), validated once at load. */

const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const sourced = <T extends z.ZodType>(schema: T) => z.object({ value: schema, source: z.string().min(1) });
const perTier = <T extends z.ZodType>(schema: T) => z.object({ CUMULUS: schema, NIMBUS: schema, STRATUS: schema });
const nonNegative = z.number().finite().min(0);

export const titanDataSchema = z.object({
  schemaVersion: z.literal(1),
  date: dateOnly,
  source: z.string().min(1),
  ratesPublished: z.boolean(),
  ratesNote: z.string(),
  minFlux: nonNegative,
  maxPerStakeFlux: z.number().positive(),
  maxPerFluxIdFlux: z.number().positive(),
  payouts: z.string(),
  lockups: z.array(TitanLockup).min(1).max(3),
});
export type TitanData = z.infer<typeof titanDataSchema>;

export const plannerDefaultsSchema = z.object({
  schemaVersion: z.literal(1),
  date: dateOnly,
  note: z.string(),
  amountFlux: sourced(nonNegative),
  priceUsd: sourced(nonNegative),
  months: sourced(z.number().int().min(1).max(60)),
  counts: sourced(perTier(z.number().int().min(1))),
  hostingUsdPerMonth: sourced(perTier(nonNegative)),
  hardwareUsd: sourced(perTier(nonNegative)),
  uptimePercent: sourced(z.number().min(0).max(100)),
  managedFeePercent: sourced(z.number().min(0).max(100)),
  parallelAssetValuePercent: sourced(nonNegative),
});
export type PlannerDefaults = z.infer<typeof plannerDefaultsSchema>;

let cache: { titan: TitanData; defaults: PlannerDefaults } | undefined;

/** The bundled Titan terms and planner defaults; throws at startup if the files are damaged. */
export function loadPlannerData(): { titan: TitanData; defaults: PlannerDefaults } {
  cache ??= { titan: titanDataSchema.parse(titanJson), defaults: plannerDefaultsSchema.parse(defaultsJson) };
  return cache;
}
