import type { Explained } from '../../../src-shared/explained';
import type { ResolvedPlannerInputs, TitanLockup } from '../../../src-shared/contract/planner.contract';
import type { ChainParams, Tier } from '../chain/chain-params';
import { TIERS } from '../chain/chain-params';
import { formatFlux, subsidyAt } from '../chain/subsidy';
import { currentCollateralSat, pnrEstimate } from '../rewards';
import { cutsWithin, blocksPerPlanMonth, perNodeMonths, type PerNodeMonth } from './month-sums';
import { explainOption } from './explain-option';
import { risksOf } from './risks';

/**
 * The planner's computation, shared by the Planner page and `fluxdeck plan`: every option's month rows
 * in exact satoshis (FLUX) and cents (USD), its totals, ROI and break-even, ranked by net USD.
 */

export const COIN = 100_000_000n;

export type PlanOptionKind = 'self-hosted' | 'managed' | 'titan';

export interface PlanMonthRow {
  month: number;
  /** First height of the month. */
  height: number;
  fluxSat: bigint;
  usd: number;
  costUsd: number;
  netUsd: number;
  /** Σ net up to this month minus the upfront cost. */
  cumulativeNetUsd: number;
}

export interface PlanOptionResult {
  id: string;
  label: string;
  kind: PlanOptionKind;
  tier: Tier | null;
  arcane: boolean;
  nodes: number;
  capitalSat: bigint;
  leftoverSat: bigint;
  upfrontUsd: number;
  lockupMonths: number | null;
  monthly: PlanMonthRow[];
  totalSat: bigint;
  netUsd: number;
  roiPercent: number | null;
  breakEvenMonth: number | null;
  pnrUsd: number;
  upsideUsd: number;
  risks: string[];
  explain: OptionExplanations;
  /** What the explanations need; not sent. */
  basis: OptionBasis;
}

/** Formula, inputs and sources of each figure the Planner shows for an option. */
export type OptionExplanations = Record<'totalFlux' | 'netUsd' | 'roiPercent' | 'breakEvenMonth' | 'capitalFlux' | 'firstMonthFlux' | 'upsideUsd', Explained<number>>;

/** An option before its risks and explanations are attached. */
export type OptionDraft = Omit<PlanOptionResult, 'explain' | 'risks'>;

/** The facts behind an option's figures, kept for its explanations. */
export interface OptionBasis {
  perNode: PerNodeMonth[] | null;
  collateralSat: bigint | null;
  uptimeBp: number;
  pnrPerNodeUsd: number;
  pnrFormula: string | null;
  titan: (TitanLockup & { stakedSat: bigint; perMonthSat: bigint }) | null;
  feePercent: number | null;
  hostingUsd: number;
  upfrontPerNodeUsd: number;
}

/** What every option builder reads: chain rules, the resolved inputs and where each input came from. */
export interface PlanContext {
  params: ChainParams;
  inputs: ResolvedPlannerInputs;
  /** Input name → 'user input' / 'live: …' / 'default: …'; explanations cite it. */
  sources: Readonly<Record<string, string>>;
}

export interface PlanCore {
  inputs: ResolvedPlannerInputs;
  options: PlanOptionResult[];
  best: string | null;
  cuts: { month: number; height: number; subsidySat: bigint }[];
  notes: string[];
}

export const cents = (n: number): number => Math.round(n * 100) / 100;
export const satToFlux = (sat: bigint): number => Number(formatFlux(sat));
export const tierName = (t: Tier): string => t.charAt(0) + t.slice(1).toLowerCase();

/** Price in month m (1-based): start × (1 + change)^(m−1). */
export function priceInMonth(inputs: ResolvedPlannerInputs, month: number): number {
  return inputs.priceUsd * (1 + inputs.priceChangePercentPerMonth / 100) ** (month - 1);
}

function toSat(flux: number): bigint {
  return BigInt(Math.round(flux * 1e8));
}

/** Totals from month rows: net = Σ monthly net − upfront; break-even = first month Σ net ≥ upfront. */
function finish(rows: Omit<PlanMonthRow, 'cumulativeNetUsd'>[], upfrontUsd: number, capitalSat: bigint, price: number) {
  let cumulative = 0;
  let breakEvenMonth: number | null = null;
  const monthly: PlanMonthRow[] = [];
  for (const r of rows) {
    cumulative = cents(cumulative + r.netUsd);
    if (breakEvenMonth === null && cumulative >= upfrontUsd) breakEvenMonth = r.month;
    monthly.push({ ...r, cumulativeNetUsd: cents(cumulative - upfrontUsd) });
  }
  const netUsd = cents(cumulative - upfrontUsd);
  const invested = satToFlux(capitalSat) * price + upfrontUsd;
  const roiPercent = invested > 0 ? Math.round((10_000 * netUsd) / invested) / 100 : null;
  const totalSat = rows.reduce((s, r) => s + r.fluxSat, 0n);
  return { monthly, netUsd, roiPercent, breakEvenMonth, totalSat };
}

interface NodeOptionSpec {
  kind: 'self-hosted' | 'managed';
  tier: Tier;
  arcane: boolean;
}

function nodeOption(ctx: PlanContext, spec: NodeOptionSpec, perNode: PerNodeMonth[]): PlanOptionResult | null {
  const { params, inputs } = ctx;
  const amountSat = toSat(inputs.amountFlux);
  const collateralSat = currentCollateralSat(params, inputs.startHeight, spec.tier);
  const nodes = Number(amountSat / collateralSat);
  if (nodes === 0) return null;
  const capitalSat = BigInt(nodes) * collateralSat;
  const uptimeBp = Math.round(inputs.uptimePercent * 100);
  const managed = spec.kind === 'managed';
  const hostingUsd = managed ? 0 : inputs.hostingUsd[spec.tier];
  const upfrontPerNodeUsd = managed ? 0 : inputs.hardwareUsd[spec.tier];
  const upfrontUsd = cents(nodes * upfrontPerNodeUsd);
  let pnrPerNodeUsd = 0;
  let pnrFormula: string | null = null;
  if (spec.arcane) {
    const eligible = inputs.pnr.eligibleNodes ?? TIERS.reduce((n, t) => n + inputs.counts[t], 0);
    const pnr = pnrEstimate(params, {
      monthlyRevenueUsd: inputs.pnr.monthlyRevenueUsd,
      ...(inputs.pnr.revenueSharePercent !== null ? { revenueSharePercent: inputs.pnr.revenueSharePercent } : {}),
      eligibleArcaneNodes: eligible,
      appHostingArcaneNodes: 0,
      isArcane: true,
      hostsApps: false,
    }).perNodeMonthlyUsd;
    pnrPerNodeUsd = pnr.value;
    pnrFormula = pnr.formula;
  }
  let pnrUsd = 0;
  let upside = 0;
  const rows = perNode.map((p) => {
    const fluxSat = (BigInt(nodes) * p.perNodeSat * BigInt(uptimeBp)) / 10_000n;
    const price = priceInMonth(inputs, p.month);
    const nativeUsd = satToFlux(fluxSat) * price;
    const pnr = (nodes * pnrPerNodeUsd * uptimeBp) / 10_000;
    pnrUsd += pnr;
    upside += (nativeUsd * inputs.parallelAssetValuePercent) / 100;
    const usd = cents(nativeUsd + pnr);
    const costUsd = cents(managed ? (usd * inputs.managedFeePercent) / 100 : nodes * hostingUsd);
    return { month: p.month, height: p.fromHeight, fluxSat, usd, costUsd, netUsd: cents(usd - costUsd) };
  });
  const totals = finish(rows, upfrontUsd, capitalSat, inputs.priceUsd);
  const variant = managed ? 'managed' : spec.arcane ? 'arcane' : 'legacy';
  const label = `${tierName(spec.tier)} ${managed ? 'managed' : spec.arcane ? 'ArcaneOS' : 'legacy'}`;
  const option: OptionDraft = {
    id: `${spec.tier.toLowerCase()}-${variant}`,
    label,
    kind: spec.kind,
    tier: spec.tier,
    arcane: spec.arcane,
    nodes,
    capitalSat,
    leftoverSat: amountSat - capitalSat,
    upfrontUsd,
    lockupMonths: null,
    ...totals,
    pnrUsd: cents(pnrUsd),
    upsideUsd: cents(upside),
    basis: { perNode, collateralSat, uptimeBp, pnrPerNodeUsd, pnrFormula, titan: null, feePercent: managed ? inputs.managedFeePercent : null, hostingUsd, upfrontPerNodeUsd },
  };
  return withExplain(ctx, option);
}

function titanOption(ctx: PlanContext, lockup: TitanLockup): PlanOptionResult | null {
  const { params, inputs } = ctx;
  const t = inputs.titan;
  const amountSat = toSat(inputs.amountFlux);
  if (amountSat < toSat(t.minFlux) || amountSat === 0n) return null;
  const stakedSat = amountSat < toSat(t.maxPerFluxIdFlux) ? amountSat : toSat(t.maxPerFluxIdFlux);
  const perStake = toSat(t.maxPerStakeFlux);
  const stakes = Number((stakedSat + perStake - 1n) / perStake);
  const aprBp = BigInt(Math.round(lockup.aprPercent * 100));
  const keepBp = 10_000n - BigInt(Math.round(lockup.feePercent * 100));
  // staked × APR ÷ 12 × (1 − fee), floored once per month in satoshis.
  const perMonthSat = (stakedSat * aprBp * keepBp) / (12n * 100_000_000n);
  const blocks = blocksPerPlanMonth(params, inputs.startHeight);
  const rows = Array.from({ length: inputs.months }, (_, i) => {
    const month = i + 1;
    const usd = cents(satToFlux(perMonthSat) * priceInMonth(inputs, month));
    return { month, height: inputs.startHeight + i * blocks, fluxSat: perMonthSat, usd, costUsd: 0, netUsd: usd };
  });
  const totals = finish(rows, 0, stakedSat, inputs.priceUsd);
  const option: OptionDraft = {
    id: `titan-${lockup.months}`,
    label: `Titan ${lockup.months}-month lockup`,
    kind: 'titan',
    tier: null,
    arcane: false,
    nodes: stakes,
    capitalSat: stakedSat,
    leftoverSat: amountSat - stakedSat,
    upfrontUsd: 0,
    lockupMonths: lockup.months,
    ...totals,
    pnrUsd: 0,
    upsideUsd: 0,
    basis: { perNode: null, collateralSat: null, uptimeBp: 10_000, pnrPerNodeUsd: 0, pnrFormula: null, titan: { ...lockup, stakedSat, perMonthSat }, feePercent: lockup.feePercent, hostingUsd: 0, upfrontPerNodeUsd: 0 },
  };
  return withExplain(ctx, option);
}

function withExplain(ctx: PlanContext, option: OptionDraft): PlanOptionResult {
  return { ...option, risks: risksOf(ctx.inputs, option), explain: explainOption(ctx, option) };
}

/**
 * Own legacy nodes with the FLUX left over staked on Titan (the longest lockup): one option, so an
 * amount between two collaterals is compared whole. Rows add up month by month.
 */
function combinedOption(ctx: PlanContext, node: PlanOptionResult, lockup: TitanLockup): PlanOptionResult | null {
  const rest = titanOption({ ...ctx, inputs: { ...ctx.inputs, amountFlux: satToFlux(node.leftoverSat) } }, lockup);
  if (!rest) return null;
  const rows = node.monthly.map((r, i) => {
    const t = rest.monthly[i]!;
    return { month: r.month, height: r.height, fluxSat: r.fluxSat + t.fluxSat, usd: cents(r.usd + t.usd), costUsd: r.costUsd, netUsd: cents(r.netUsd + t.netUsd) };
  });
  const capitalSat = node.capitalSat + rest.capitalSat;
  const totals = finish(rows, node.upfrontUsd, capitalSat, ctx.inputs.priceUsd);
  const part = (o: PlanOptionResult, what: string) => `${what} ${formatFlux(o.totalSat)}`;
  const explain: OptionExplanations = {
    ...node.explain,
    totalFlux: {
      value: satToFlux(totals.totalSat),
      formula: `${part(node, `${node.label}:`)} + ${part(rest, `Titan on the ${formatFlux(node.leftoverSat)} FLUX left over:`)} = ${formatFlux(totals.totalSat)} FLUX`,
      inputs: [...node.explain.totalFlux.inputs, ...rest.explain.totalFlux.inputs],
    },
    capitalFlux: {
      value: satToFlux(capitalSat),
      formula: `${formatFlux(node.capitalSat)} FLUX collateral + ${formatFlux(rest.capitalSat)} FLUX on Titan = ${formatFlux(capitalSat)} FLUX`,
      inputs: [...node.explain.capitalFlux.inputs, ...rest.explain.capitalFlux.inputs],
    },
    netUsd: { ...node.explain.netUsd, value: totals.netUsd, formula: `${node.label} ${node.netUsd.toFixed(2)} + Titan ${rest.netUsd.toFixed(2)} = $${totals.netUsd.toFixed(2)} (each: Σ months (FLUX × price − costs) − upfront)` },
    roiPercent: {
      value: totals.roiPercent ?? 0,
      formula: `100 × net ÷ (capital × start price + upfront) = 100 × $${totals.netUsd.toFixed(2)} ÷ (${formatFlux(capitalSat)} FLUX × $${ctx.inputs.priceUsd} + $${node.upfrontUsd.toFixed(2)}) = ${(totals.roiPercent ?? 0).toFixed(2)} %`,
      inputs: node.explain.roiPercent.inputs,
    },
    breakEvenMonth: {
      value: totals.breakEvenMonth ?? 0,
      formula: totals.breakEvenMonth === null ? `never within ${ctx.inputs.months} months` : `first month where Σ monthly net ≥ upfront $${node.upfrontUsd.toFixed(2)}: month ${totals.breakEvenMonth}`,
      inputs: node.explain.breakEvenMonth.inputs,
    },
  };
  return {
    ...node,
    id: `${node.id}+${rest.id}`,
    label: `${node.label} + Titan ${lockup.months} mo`,
    capitalSat,
    leftoverSat: rest.leftoverSat,
    lockupMonths: lockup.months,
    ...totals,
    risks: [...node.risks.filter((r) => !r.startsWith('The FLUX left over')), ...rest.risks.filter((r) => !r.startsWith('Price:'))],
    explain,
  };
}

/** Best first: highest net USD, then less capital, then id (stable across runs). */
export function compareOptions(a: PlanOptionResult, b: PlanOptionResult): number {
  if (a.netUsd !== b.netUsd) return b.netUsd - a.netUsd;
  if (a.capitalSat !== b.capitalSat) return a.capitalSat < b.capitalSat ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every option the amount allows, ranked, with the subsidy cuts that fall inside the horizon. */
export function computePlan(params: ChainParams, inputs: ResolvedPlannerInputs, sources: Readonly<Record<string, string>> = {}): PlanCore {
  const ctx: PlanContext = { params, inputs, sources };
  const options: PlanOptionResult[] = [];
  const notes: string[] = [];
  const tiers = TIERS.filter((t) => inputs.tiers.includes(t));
  for (const tier of tiers) {
    const perNode = perNodeMonths(params, tier, inputs.startHeight, inputs.months, inputs.counts[tier], inputs.countGrowthPercentPerMonth);
    const specs: NodeOptionSpec[] = [
      { kind: 'self-hosted', tier, arcane: false },
      { kind: 'self-hosted', tier, arcane: true },
      { kind: 'managed', tier, arcane: false },
    ];
    const built = specs.map((spec) => nodeOption(ctx, spec, perNode)).filter((o): o is PlanOptionResult => o !== null);
    if (built.length === 0) {
      notes.push(`${tierName(tier)}: ${formatFlux(currentCollateralSat(params, inputs.startHeight, tier))} FLUX collateral needed, more than the ${inputs.amountFlux} FLUX planned`);
    }
    options.push(...built);
  }
  for (const lockup of [...inputs.titan.lockups].sort((a, b) => a.months - b.months)) {
    const built = titanOption(ctx, lockup);
    if (built) options.push(built);
    else if (lockup === inputs.titan.lockups[0]) notes.push(`Titan: the minimum stake is ${inputs.titan.minFlux} FLUX`);
  }
  const longest = [...inputs.titan.lockups].sort((a, b) => b.months - a.months)[0];
  if (longest) {
    for (const node of options.filter((o) => o.kind === 'self-hosted' && !o.arcane && o.leftoverSat > 0n)) {
      const combined = combinedOption(ctx, node, longest);
      if (combined) options.push(combined);
    }
  }
  options.sort(compareOptions);
  const blocks = blocksPerPlanMonth(params, inputs.startHeight);
  const cuts = cutsWithin(params, inputs.startHeight, inputs.startHeight + inputs.months * blocks).map((height) => ({
    month: Math.floor((height - inputs.startHeight) / blocks) + 1,
    height,
    subsidySat: subsidyAt(params, height),
  }));
  return { inputs, options, best: options[0]?.id ?? null, cuts, notes };
}
