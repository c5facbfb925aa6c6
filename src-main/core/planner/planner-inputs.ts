import type { Explained } from '../../../src-shared/explained';
import type { PlannerInputs, ResolvedPlannerInputs } from '../../../src-shared/contract/planner.contract';
import { AppError } from '../errors';
import type { ChainParams, Tier } from '../chain/chain-params';
import { TIERS } from '../chain/chain-params';
import type { PlannerDefaults, TitanData } from './planner-data';

/**
 * The planner's inputs: defaults from `resources/planner/` (and the rewards settings' PNR inputs),
 * remembered values over them, and `null` fields resolved from live data or the dated defaults. Each
 * resolved input keeps its source, so the page can mark defaults and the explanations can cite them.
 */

export interface PnrDefaults {
  monthlyRevenueUsd: number;
  revenueSharePercent: number | null;
  eligibleNodes: number | null;
}

export function defaultInputs(defaults: PlannerDefaults, titan: TitanData, pnr: PnrDefaults): PlannerInputs {
  return {
    amountFlux: defaults.amountFlux.value,
    priceUsd: null,
    priceChangePercentPerMonth: 0,
    months: defaults.months.value,
    startHeight: null,
    counts: { CUMULUS: null, NIMBUS: null, STRATUS: null },
    countGrowthPercentPerMonth: 0,
    hostingUsd: { ...defaults.hostingUsdPerMonth.value },
    hardwareUsd: { ...defaults.hardwareUsd.value },
    uptimePercent: defaults.uptimePercent.value,
    managedFeePercent: defaults.managedFeePercent.value,
    titan: { minFlux: titan.minFlux, maxPerStakeFlux: titan.maxPerStakeFlux, maxPerFluxIdFlux: titan.maxPerFluxIdFlux, lockups: titan.lockups.map((l) => ({ ...l })) },
    pnr: { ...pnr },
    parallelAssetValuePercent: defaults.parallelAssetValuePercent.value,
    tiers: [...TIERS],
  };
}

/** Why each default is what it is, keyed like the resolved sources. */
export function defaultSources(defaults: PlannerDefaults, titan: TitanData): Record<string, string> {
  const d = (s: string) => `default (${defaults.date}): ${s}`;
  const out: Record<string, string> = {
    amountFlux: d(defaults.amountFlux.source),
    months: d(defaults.months.source),
    priceChangePercentPerMonth: 'default: no price change',
    countGrowthPercentPerMonth: 'default: enabled-node counts stay put',
    uptimePercent: d(defaults.uptimePercent.source),
    managedFeePercent: d(defaults.managedFeePercent.source),
    titan: `default (${titan.date}): ${titan.ratesPublished ? titan.source : `${titan.ratesNote} Limits: ${titan.source}`}`,
    pnr: 'default: the PNR what-if inputs in Settings',
    parallelAssetValuePercent: d(defaults.parallelAssetValuePercent.source),
    tiers: 'default: all tiers',
  };
  for (const t of TIERS) {
    out[`hostingUsd.${t}`] = d(defaults.hostingUsdPerMonth.source);
    out[`hardwareUsd.${t}`] = d(defaults.hardwareUsd.source);
  }
  return out;
}

/** What `null` inputs resolve to right now. */
export interface LiveValues {
  startHeight: Explained<number>;
  /** Live enabled counts per tier (public API or the rewards settings' overrides), null when unknown. */
  counts: Record<Tier, number | null>;
  countsSource: string;
  storedPriceUsd: number | null;
}

export function livePrice(live: LiveValues, defaults: PlannerDefaults): { value: number; source: string } {
  return live.storedPriceUsd !== null
    ? { value: live.storedPriceUsd, source: 'your FLUX price (Settings)' }
    : { value: defaults.priceUsd.value, source: `default (${defaults.date}): ${defaults.priceUsd.source}` };
}

export function liveCounts(live: LiveValues, defaults: PlannerDefaults): { value: Record<Tier, number>; source: Record<Tier, string> } {
  const value = {} as Record<Tier, number>;
  const source = {} as Record<Tier, string>;
  for (const t of TIERS) {
    const n = live.counts[t];
    value[t] = n ?? defaults.counts.value[t];
    source[t] = n !== null ? `live: ${live.countsSource}` : `default (${defaults.date}): ${defaults.counts.source}`;
  }
  return { value, source };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Applies live values and dated defaults to `null` fields; marks every input 'user input' or its default. */
export function resolveInputs(
  params: ChainParams,
  inputs: PlannerInputs,
  context: { defaults: PlannerDefaults; titan: TitanData; formDefaults: PlannerInputs; live: LiveValues },
): { resolved: ResolvedPlannerInputs; sources: Record<string, string> } {
  const { defaults, titan, formDefaults, live } = context;
  const base = defaultSources(defaults, titan);
  const sources: Record<string, string> = {};
  const mark = (key: string, value: unknown, defaultValue: unknown) => {
    sources[key] = same(value, defaultValue) ? (base[key] ?? 'default') : 'user input';
  };
  for (const key of ['amountFlux', 'months', 'priceChangePercentPerMonth', 'countGrowthPercentPerMonth', 'uptimePercent', 'managedFeePercent', 'titan', 'pnr', 'parallelAssetValuePercent', 'tiers'] as const) {
    mark(key, inputs[key], formDefaults[key]);
  }
  for (const t of TIERS) {
    mark(`hostingUsd.${t}`, inputs.hostingUsd[t], formDefaults.hostingUsd[t]);
    mark(`hardwareUsd.${t}`, inputs.hardwareUsd[t], formDefaults.hardwareUsd[t]);
  }
  const price = inputs.priceUsd !== null ? { value: inputs.priceUsd, source: 'user input' } : livePrice(live, defaults);
  sources.priceUsd = price.source;
  const startHeight = inputs.startHeight ?? live.startHeight.value;
  sources.startHeight = inputs.startHeight !== null ? 'user input' : `live: ${live.startHeight.formula}`;
  if (startHeight < params.upgrades.pon) {
    throw new AppError('BAD_INPUT', `The planner plans from the PoN fork on: start height must be at least ${params.upgrades.pon}`);
  }
  const fallback = liveCounts(live, defaults);
  const counts = {} as Record<Tier, number>;
  for (const t of TIERS) {
    const own = inputs.counts[t];
    counts[t] = own ?? fallback.value[t];
    sources[`counts.${t}`] = own !== null ? 'user input' : fallback.source[t];
  }
  const tiers = TIERS.filter((t) => inputs.tiers.includes(t));
  return { resolved: { ...inputs, priceUsd: price.value, startHeight, counts, tiers }, sources };
}
