import type { Explained } from '../../../src-shared/explained';
import type { PlanOption, PlanResult } from '../../../src-shared/contract/planner.contract';
import type { ChainParams } from '../chain/chain-params';
import { formatFlux } from '../chain/subsidy';
import { satToFlux, type PlanCore, type PlanOptionResult } from './plan';
import { countSensitivity, priceSensitivity } from './sensitivity';

/** The plan as the contract carries it (FLUX as numbers) and as `fluxdeck plan --json` prints it. */

export function optionToWire(o: PlanOptionResult): PlanOption {
  return {
    id: o.id,
    label: o.label,
    kind: o.kind,
    tier: o.tier,
    arcane: o.arcane,
    nodes: o.nodes,
    capitalFlux: satToFlux(o.capitalSat),
    leftoverFlux: satToFlux(o.leftoverSat),
    upfrontUsd: o.upfrontUsd,
    lockupMonths: o.lockupMonths,
    monthly: o.monthly.map((r) => ({ month: r.month, height: r.height, flux: satToFlux(r.fluxSat), usd: r.usd, costUsd: r.costUsd, netUsd: r.netUsd, cumulativeNetUsd: r.cumulativeNetUsd })),
    totalFlux: satToFlux(o.totalSat),
    netUsd: o.netUsd,
    roiPercent: o.roiPercent,
    breakEvenMonth: o.breakEvenMonth,
    pnrUsd: o.pnrUsd,
    upsideUsd: o.upsideUsd,
    risks: o.risks,
    explain: o.explain,
  };
}

export function planToWire(params: ChainParams, plan: PlanCore, sources: Record<string, string>, startHeight: Explained<number>): PlanResult {
  return {
    inputs: plan.inputs,
    sources,
    options: plan.options.map(optionToWire),
    best: plan.best,
    cuts: plan.cuts.map((c) => ({ month: c.month, height: c.height, subsidyFlux: satToFlux(c.subsidySat) })),
    startHeight,
    sensitivity: { price: priceSensitivity(params, plan), count: countSensitivity(params, plan) },
    notes: plan.notes,
  };
}

/** A FLUX figure that JSON prints with exactly 8 decimals (JSON.stringify would drop trailing zeros). */
class FluxFigure {
  constructor(readonly sat: bigint) {}
}

const MARK = '\u0001flux:';

/** The CLI's JSON: option fields in the order, FLUX figures as decimal numbers with 8 places. */
export function planToCliJson(plan: PlanCore): string {
  const fluxOf = (flux: number) => new FluxFigure(BigInt(Math.round(flux * 1e8)));
  const out = {
    inputs: { ...plan.inputs, amountFlux: fluxOf(plan.inputs.amountFlux) },
    options: plan.options.map((o) => ({
      id: o.id,
      kind: o.kind,
      tier: o.tier,
      arcane: o.arcane,
      nodes: o.nodes,
      capitalFlux: new FluxFigure(o.capitalSat),
      monthly: o.monthly.map((r) => ({ month: r.month, height: r.height, flux: new FluxFigure(r.fluxSat), usd: r.usd, costUsd: r.costUsd, netUsd: r.netUsd })),
      totalFlux: new FluxFigure(o.totalSat),
      netUsd: o.netUsd,
      roiPercent: o.roiPercent,
      breakEvenMonth: o.breakEvenMonth,
      lockupMonths: o.lockupMonths,
      leftoverFlux: new FluxFigure(o.leftoverSat),
      upfrontUsd: o.upfrontUsd,
      risks: o.risks,
    })),
    best: plan.best,
    cuts: plan.cuts.map((c) => ({ month: c.month, height: c.height, subsidyFlux: new FluxFigure(c.subsidySat) })),
    notes: plan.notes,
  };
  const text = JSON.stringify(out, (_key, value: unknown) => (value instanceof FluxFigure ? `${MARK}${formatFlux(value.sat)}` : value));
  // The marker cannot occur in user text: JSON.stringify escapes U+0001 as "\u0001".
  return text.replace(/"\\u0001flux:(-?\d+\.\d{8})"/g, '$1');
}
