import type { Explained } from '../../../src-shared/explained';
import type { ChainParams } from '../chain/chain-params';
import { sourceOf } from '../chain/chain-params';
import { EstimateInputError } from './estimates';

/**
 * Progressive Node Rewards (PNR) estimate. PNR is documented (80% of the operators' revenue share to all
 * online ArcaneOS nodes, 20% to ArcaneOS nodes hosting apps; legacy nodes get nothing) but no public
 * code implements it, so every figure here is a what-if from user inputs, in USD per month.
 */

export interface PnrInput {
  /** FluxCloud application revenue per month, USD (user input). */
  monthlyRevenueUsd: number;
  /** Share of that revenue paid to operators, percent; defaults to the announced starting share (25%). */
  revenueSharePercent?: number;
  /** Online ArcaneOS nodes that qualify for the operators' 80% pool. */
  eligibleArcaneNodes: number;
  /** ArcaneOS nodes hosting apps, sharing the 20% pool. */
  appHostingArcaneNodes: number;
  /** This node runs ArcaneOS. */
  isArcane: boolean;
  /** This node hosts at least one app. */
  hostsApps: boolean;
}

export interface PnrEstimate {
  /** What this node would get per month (0 for legacy nodes). */
  perNodeMonthlyUsd: Explained<number>;
  /** For legacy nodes: what migrating to ArcaneOS would add (same inputs, as if it were ArcaneOS). */
  migrationWouldAddUsd: Explained<number> | null;
}

/** The announced ramp: initial share + step per full year since start, capped (25% + 2 pp/yr up to 50%). */
export function pnrRevenueSharePercent(params: ChainParams, fullYearsSinceStart: number): Explained<number> {
  const p = params.pnr;
  const years = Math.max(0, Math.floor(fullYearsSinceStart));
  const value = Math.min(p.revenueShareInitialPercent + p.revenueShareStepPercentPerYear * years, p.revenueShareMaxPercent);
  return {
    value,
    formula: `min(${p.revenueShareInitialPercent}% + ${p.revenueShareStepPercentPerYear} pp × ${years} years, ${p.revenueShareMaxPercent}%) = ${value}%`,
    inputs: [
      { name: 'initial share (%)', value: p.revenueShareInitialPercent, source: sourceOf(params, 'pnr') },
      { name: 'yearly step (pp)', value: p.revenueShareStepPercentPerYear, source: sourceOf(params, 'pnr') },
      { name: 'cap (%)', value: p.revenueShareMaxPercent, source: sourceOf(params, 'pnr') },
      { name: 'full years since PNR start', value: years, source: 'caller (start date not published)' },
    ],
  };
}

function checkCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new EstimateInputError(`${name} must be a non-negative integer, got ${String(n)}`);
}

/** Rounds to cents; PNR is off-chain and estimated, so a float here touches no consensus value. */
function cents(n: number): number {
  return Math.round(n * 100) / 100;
}

function arcaneShare(params: ChainParams, input: PnrInput, hostsApps: boolean, sharePercent: number): Explained<number> {
  const p = params.pnr;
  const pool = (input.monthlyRevenueUsd * sharePercent) / 100;
  const operatorPart = input.eligibleArcaneNodes > 0 ? (pool * p.arcaneOperatorsPercent) / 100 / input.eligibleArcaneNodes : 0;
  const hostPart = hostsApps && input.appHostingArcaneNodes > 0 ? (pool * p.arcaneAppHostsPercent) / 100 / input.appHostingArcaneNodes : 0;
  const value = cents(operatorPart + hostPart);
  const hostText = hostsApps
    ? ` + $${input.monthlyRevenueUsd} × ${sharePercent}% × ${p.arcaneAppHostsPercent}% ÷ ${input.appHostingArcaneNodes} hosting nodes`
    : '';
  return {
    value,
    formula: `$${input.monthlyRevenueUsd} × ${sharePercent}% × ${p.arcaneOperatorsPercent}% ÷ ${input.eligibleArcaneNodes} ArcaneOS nodes${hostText} = $${value.toFixed(2)}/month`,
    inputs: [
      { name: 'FluxCloud revenue per month (USD)', value: input.monthlyRevenueUsd, source: 'user input' },
      { name: 'operators revenue share (%)', value: sharePercent, source: input.revenueSharePercent === undefined ? sourceOf(params, 'pnr') : 'user input' },
      { name: 'ArcaneOS operators pool (%)', value: p.arcaneOperatorsPercent, source: sourceOf(params, 'pnr') },
      { name: 'ArcaneOS app hosts pool (%)', value: p.arcaneAppHostsPercent, source: sourceOf(params, 'pnr') },
      { name: 'eligible ArcaneOS nodes', value: input.eligibleArcaneNodes, source: 'user input / network stats' },
      { name: 'app-hosting ArcaneOS nodes', value: input.appHostingArcaneNodes, source: 'user input / network stats' },
      { name: 'implemented in public code', value: p.implementedInPublicCode, source: sourceOf(params, 'pnr') },
    ],
  };
}

/**
 * PNR per node per month. ArcaneOS nodes: pool × 80% ÷ eligible nodes, plus pool × 20% ÷ hosting nodes
 * when the node hosts apps. Legacy nodes: 0, with the amount migrating would add.
 */
export function pnrEstimate(params: ChainParams, input: PnrInput): PnrEstimate {
  if (!Number.isFinite(input.monthlyRevenueUsd) || input.monthlyRevenueUsd < 0) {
    throw new EstimateInputError('monthly revenue must be a non-negative number');
  }
  checkCount('eligible ArcaneOS nodes', input.eligibleArcaneNodes);
  checkCount('app-hosting ArcaneOS nodes', input.appHostingArcaneNodes);
  const share = input.revenueSharePercent ?? params.pnr.revenueShareInitialPercent;
  if (!Number.isFinite(share) || share < 0 || share > 100) throw new EstimateInputError('revenue share must be 0–100 %');

  if (input.isArcane) return { perNodeMonthlyUsd: arcaneShare(params, input, input.hostsApps, share), migrationWouldAddUsd: null };
  // A migrated node joins the pools, so it counts itself among the eligible (and hosting) nodes.
  const asArcane: PnrInput = {
    ...input,
    eligibleArcaneNodes: input.eligibleArcaneNodes + 1,
    appHostingArcaneNodes: input.appHostingArcaneNodes + (input.hostsApps ? 1 : 0),
  };
  return {
    perNodeMonthlyUsd: {
      value: 0,
      formula: 'legacy nodes receive no PNR (ArcaneOS only)',
      inputs: [{ name: 'runs ArcaneOS', value: false, source: 'node detection (/flux/isarcaneos)' }],
    },
    migrationWouldAddUsd: arcaneShare(params, asArcane, input.hostsApps, share),
  };
}
