import type { ResolvedPlannerInputs, Sensitivity } from '../../../src-shared/contract/planner.contract';
import type { ChainParams } from '../chain/chain-params';
import { TIERS } from '../chain/chain-params';
import { computePlan, type PlanCore } from './plan';

/**
 * Net USD of every option when one input moves: the FLUX price, or the enabled-node counts (all tiers
 * scaled together). The same computation as the plan itself, rerun per point.
 */

const PRICE_FACTORS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3];
const ZERO_PRICE_POINTS = [0, 0.05, 0.1, 0.2, 0.4, 0.8];
const COUNT_FACTORS = [0.5, 0.75, 1, 1.25, 1.5, 2];

function sweep(params: ChainParams, base: PlanCore, x: number[], variant: (i: number) => ResolvedPlannerInputs): Sensitivity {
  const series = base.options.map((o) => ({ id: o.id, label: o.label, netUsd: [] as number[] }));
  x.forEach((_, i) => {
    const byId = new Map(computePlan(params, variant(i)).options.map((o) => [o.id, o.netUsd]));
    for (const s of series) s.netUsd.push(byId.get(s.id) ?? 0);
  });
  return { x, series };
}

export function priceSensitivity(params: ChainParams, base: PlanCore): Sensitivity {
  const p = base.inputs.priceUsd;
  const x = p > 0 ? PRICE_FACTORS.map((f) => Math.round(p * f * 10_000) / 10_000) : ZERO_PRICE_POINTS;
  return sweep(params, base, x, (i) => ({ ...base.inputs, priceUsd: x[i]! }));
}

export function countSensitivity(params: ChainParams, base: PlanCore): Sensitivity {
  const scaled = COUNT_FACTORS.map((f) => {
    const counts = { ...base.inputs.counts };
    for (const t of TIERS) counts[t] = Math.max(1, Math.round(base.inputs.counts[t] * f));
    return counts;
  });
  const x = scaled.map((c) => TIERS.reduce((n, t) => n + c[t], 0));
  return sweep(params, base, x, (i) => ({ ...base.inputs, counts: scaled[i]! }));
}
