import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type { ExplainedNumber, NetworkCounts, PnrVariant, TierEstimate } from '../../../src-shared/contract/rewards.contract';
import type { Explained, ExplainedInput } from '../../../src-shared/explained';
import { normalizeTier } from '../chain/tiers';
import type { ChainParams, Tier } from '../chain/chain-params';
import { TIERS } from '../chain/chain-params';
import { apyPercent, nativeRewardPerDay, nativeRewardPerMonth, paymentIntervalSeconds } from './estimates';
import { parallelAssetsEstimate } from './parallel-assets';
import { pnrEstimate, type PnrInput } from './pnr';
import { formatFlux, tierRewardAt } from '../chain/subsidy';

/** Pure builders for the rewards overview: per-tier figures, PNR variants, fleet sums. */

export const satFlux = (sat: bigint): number => Number(formatFlux(sat));
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** An Explained satoshi amount as FLUX (the formula already prints FLUX). */
export function fluxExplained(e: Explained<bigint>): ExplainedNumber {
  return { value: satFlux(e.value), formula: e.formula, inputs: e.inputs };
}

/** FLUX × price, explained. */
export function usdExplained(flux: ExplainedNumber, priceUsd: number, what: string): ExplainedNumber {
  const value = round2(flux.value * priceUsd);
  return {
    value,
    formula: `${flux.value} FLUX ${what} × $${priceUsd} = $${value.toFixed(2)}`,
    inputs: [
      { name: `FLUX ${what}`, value: flux.value, source: flux.formula },
      { name: 'FLUX price (USD)', value: priceUsd, source: 'your input (Settings)' },
    ],
  };
}

/** Per-tier figures for every tier whose enabled count is known. */
export function tierEstimates(
  params: ChainParams,
  height: number,
  counts: NetworkCounts,
  priceUsd: number | null,
  day: string,
): Record<Tier, TierEstimate | null> {
  const out = {} as Record<Tier, TierEstimate | null>;
  for (const tier of TIERS) {
    const enabled = counts.enabled[tier];
    if (enabled === null) {
      out[tier] = null;
      continue;
    }
    const withSource = <T>(e: Explained<T>): Explained<T> => relabelEnabled(e, counts.sources[tier]);
    const monthRaw = nativeRewardPerMonth(params, height, tier, enabled);
    const perMonth = fluxExplained(withSource(monthRaw));
    const payout = tierRewardAt(params, height, tier);
    out[tier] = {
      tier,
      enabled,
      perPaymentFlux: {
        value: satFlux(payout),
        formula: `${tier} payout in block ${height} = ${formatFlux(payout)} FLUX`,
        inputs: [{ name: 'height', value: height, source: 'current chain height' }, { name: `${tier} payout (sat)`, value: payout.toString(), source: 'fluxd src/main.cpp GetFluxnodeSubsidy' }],
      },
      perDayFlux: fluxExplained(withSource(nativeRewardPerDay(params, height, tier, enabled))),
      perMonthFlux: perMonth,
      perMonthUsd: priceUsd === null ? null : usdExplained(perMonth, priceUsd, 'per month'),
      paymentIntervalSeconds: withSource(paymentIntervalSeconds(params, height, enabled)),
      apyPercent: withSource(apyPercent(params, height, tier, enabled)),
      parallelPerMonthFlux: fluxExplained(parallelAssetsEstimate(params, monthRaw.value, day).total),
    };
  }
  return out;
}

/** Says where the enabled count really came from (user override or the public API). */
function relabelEnabled<T>(e: Explained<T>, source: string | null): Explained<T> {
  if (source === null) return e;
  return { ...e, inputs: e.inputs.map((i): ExplainedInput => (/enabled nodes/.test(i.name) ? { ...i, source } : i)) };
}

export interface PnrContext {
  monthlyRevenueUsd: number;
  revenueSharePercent: number | null;
  eligible: { value: number; source: string };
  hosting: { value: number; source: string };
}

/** The four PNR what-ifs (ArcaneOS or legacy, hosting apps or not). */
export function pnrVariants(params: ChainParams, ctx: PnrContext): PnrVariant[] {
  const variants: { key: PnrVariant['key']; isArcane: boolean; hostsApps: boolean }[] = [
    { key: 'arcane', isArcane: true, hostsApps: false },
    { key: 'arcane-apps', isArcane: true, hostsApps: true },
    { key: 'legacy', isArcane: false, hostsApps: false },
    { key: 'legacy-apps', isArcane: false, hostsApps: true },
  ];
  const fix = (e: Explained<number>): ExplainedNumber => ({
    ...e,
    inputs: e.inputs.map((i) =>
      i.name === 'eligible ArcaneOS nodes' ? { ...i, source: ctx.eligible.source } : i.name === 'app-hosting ArcaneOS nodes' ? { ...i, source: ctx.hosting.source } : i,
    ),
  });
  return variants.map((v) => {
    const input: PnrInput = {
      monthlyRevenueUsd: ctx.monthlyRevenueUsd,
      ...(ctx.revenueSharePercent !== null ? { revenueSharePercent: ctx.revenueSharePercent } : {}),
      eligibleArcaneNodes: ctx.eligible.value,
      appHostingArcaneNodes: ctx.hosting.value,
      isArcane: v.isArcane,
      hostsApps: v.hostsApps,
    };
    const e = pnrEstimate(params, input);
    return { key: v.key, perMonthUsd: fix(e.perNodeMonthlyUsd), migrationWouldAddUsd: e.migrationWouldAddUsd ? fix(e.migrationWouldAddUsd) : null };
  });
}

/** Which PNR variant a node is; null when unknown whether it runs ArcaneOS. */
export function pnrKeyOf(status: NodeStatus): PnrVariant['key'] | null {
  const arcane = status.flux?.arcaneOS;
  if (arcane === null || arcane === undefined) return null;
  const apps = status.apps.length > 0;
  return arcane ? (apps ? 'arcane-apps' : 'arcane') : apps ? 'legacy-apps' : 'legacy';
}

/** The tier a node is paid as, or null. */
export function tierOf(status: NodeStatus): Tier | null {
  return normalizeTier(status.fluxnode?.tier);
}

/**
 * A fleet sum explained per tier: "CUMULUS 3 × 17.28 + NIMBUS 1 × 100.8 = 152.64 FLUX/month". All nodes
 * of a tier share one estimate, so the sum is counts × per-node values.
 */
export function fleetSum(
  label: string,
  unit: string,
  counts: Record<Tier, number>,
  perNode: (tier: Tier) => ExplainedNumber | null,
  digits = 8,
): ExplainedNumber {
  const parts: string[] = [];
  const inputs: ExplainedInput[] = [];
  let total = 0;
  for (const tier of TIERS) {
    const n = counts[tier];
    const e = perNode(tier);
    if (n === 0 || !e) continue;
    total += n * e.value;
    parts.push(`${tier} ${n} × ${e.value}`);
    inputs.push({ name: `${tier} nodes`, value: n, source: 'your fleet (confirmed nodes of the tier)' });
    inputs.push({ name: `${tier} ${label} per node`, value: e.value, source: e.formula });
  }
  const value = Number(total.toFixed(digits));
  return { value, formula: parts.length ? `${parts.join(' + ')} = ${value} ${unit}` : `no estimated nodes: 0 ${unit}`, inputs };
}
