import type { Explained, ExplainedInput } from '../../../src-shared/explained';
import { sourceOf } from '../chain/chain-params';
import { formatFlux, tierRewardAt } from '../chain/subsidy';
import { cutsWithin } from './month-sums';
import { satToFlux, type OptionDraft, type OptionExplanations, type PlanContext } from './plan';

/**
 * The formula, inputs and sources behind each figure of one option, written as the computation does it
 * (plan.ts), so the explain popover shows exactly what was summed and where every input came from.
 */

const money = (n: number): string => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function explainOption(ctx: PlanContext, o: OptionDraft): OptionExplanations {
  const { inputs } = ctx;
  const src = (key: string): string => ctx.sources[key] ?? 'planner input';
  const income = o.monthly.reduce((s, r) => s + r.usd, 0);
  const costs = o.monthly.reduce((s, r) => s + r.costUsd, 0);
  const common: ExplainedInput[] = [
    { name: 'FLUX price at start (USD)', value: inputs.priceUsd, source: src('priceUsd') },
    { name: 'price change per month (%)', value: inputs.priceChangePercentPerMonth, source: src('priceChangePercentPerMonth') },
    { name: 'horizon (months)', value: inputs.months, source: src('months') },
  ];
  const first = o.monthly[0];
  const last = o.monthly[o.monthly.length - 1];

  const flux = o.basis.titan ? titanFlux(ctx, o) : nodeFlux(ctx, o);
  const netUsd: Explained<number> = {
    value: o.netUsd,
    formula: `Σ months (FLUX × that month's price${o.arcane ? ' + PNR' : ''} − costs) − upfront = ${money(income)} − ${money(costs)} − ${money(o.upfrontUsd)} = ${money(o.netUsd)}`,
    inputs: [
      { name: 'income over the horizon (USD)', value: Math.round(income * 100) / 100, source: 'Σ monthly FLUX × price (the table of months)' },
      { name: o.kind === 'managed' ? `managed fee (% of rewards)` : 'hosting per node per month (USD)', value: o.kind === 'managed' ? inputs.managedFeePercent : o.basis.hostingUsd, source: o.kind === 'managed' ? src('managedFeePercent') : o.tier ? src(`hostingUsd.${o.tier}`) : 'Titan has no hosting cost' },
      { name: 'costs over the horizon (USD)', value: Math.round(costs * 100) / 100, source: 'Σ monthly costs' },
      { name: 'upfront hardware (USD)', value: o.upfrontUsd, source: o.tier ? src(`hardwareUsd.${o.tier}`) : 'none' },
      ...(o.arcane ? [{ name: 'PNR per node per month (USD, assumption)', value: o.basis.pnrPerNodeUsd, source: `${o.basis.pnrFormula ?? ''} (${src('pnr')}; no public code implements PNR)` }] : []),
      ...common,
    ],
  };
  const invested = satToFlux(o.capitalSat) * inputs.priceUsd + o.upfrontUsd;
  const roi: Explained<number> = {
    value: o.roiPercent ?? 0,
    formula:
      o.roiPercent === null
        ? 'ROI undefined: capital × price + upfront is 0'
        : `100 × net ÷ (capital × start price + upfront) = 100 × ${money(o.netUsd)} ÷ (${formatFlux(o.capitalSat)} FLUX × ${money(inputs.priceUsd)} + ${money(o.upfrontUsd)}) = ${o.roiPercent.toFixed(2)} %`,
    inputs: [
      { name: 'net USD', value: o.netUsd, source: 'this option' },
      { name: 'capital (FLUX)', value: formatFlux(o.capitalSat), source: 'this option' },
      { name: 'invested (USD)', value: Math.round(invested * 100) / 100, source: 'capital × start price + upfront' },
      ...common.slice(0, 1),
    ],
  };
  const breakEven: Explained<number> = {
    value: o.breakEvenMonth ?? 0,
    formula:
      o.breakEvenMonth === null
        ? `never within ${inputs.months} months: Σ monthly net (${money(income - costs)}) stays below the upfront ${money(o.upfrontUsd)}`
        : `first month where Σ monthly net ≥ upfront ${money(o.upfrontUsd)}: month ${o.breakEvenMonth}`,
    inputs: [
      { name: 'upfront (USD)', value: o.upfrontUsd, source: o.tier ? src(`hardwareUsd.${o.tier}`) : 'none' },
      { name: 'net in month 1 (USD)', value: first?.netUsd ?? null, source: 'the table of months' },
      { name: `net in month ${inputs.months} (USD)`, value: last?.netUsd ?? null, source: 'the table of months' },
    ],
  };
  const upside: Explained<number> = {
    value: o.upsideUsd,
    formula:
      o.kind === 'titan'
        ? 'Titan pays native FLUX only (no parallel-asset mining rewards)'
        : `Σ native USD × ${inputs.parallelAssetValuePercent}% parallel-asset value = ${money(o.upsideUsd)} (upside: not in net USD)`,
    inputs: [{ name: 'parallel-asset value (% of native)', value: inputs.parallelAssetValuePercent, source: src('parallelAssetValuePercent') }],
  };
  return { ...flux, netUsd, roiPercent: roi, breakEvenMonth: breakEven, upsideUsd: upside };
}

type FluxExplanations = Pick<OptionExplanations, 'totalFlux' | 'capitalFlux' | 'firstMonthFlux'>;

function nodeFlux(ctx: PlanContext, o: OptionDraft): FluxExplanations {
  const { params, inputs } = ctx;
  const src = (key: string): string => ctx.sources[key] ?? 'planner input';
  const tier = o.tier!;
  const perNode = o.basis.perNode ?? [];
  const m1 = perNode[0];
  const mLast = perNode[perNode.length - 1];
  const collateral = o.basis.collateralSat ?? 0n;
  const end = inputs.startHeight + inputs.months * (m1 ? m1.toHeight - m1.fromHeight : 0);
  const cuts = cutsWithin(params, inputs.startHeight, end);
  const uptime = o.basis.uptimeBp / 100;
  const countInputs: ExplainedInput[] = [
    { name: `${tier} enabled nodes (month 1)`, value: m1?.enabled ?? null, source: src(`counts.${tier}`) },
    { name: 'enabled-node growth per month (%)', value: inputs.countGrowthPercentPerMonth, source: src('countGrowthPercentPerMonth') },
  ];
  const firstMonthFlux: Explained<number> = {
    value: m1 ? satToFlux(m1.perNodeSat) : 0,
    formula: m1
      ? `⌊Σ ${tier} payout over heights [${m1.fromHeight}, ${m1.toHeight}) ÷ ${m1.enabled} nodes⌋ = ${formatFlux(m1.tierPayoutSumSat)} ÷ ${m1.enabled} = ${formatFlux(m1.perNodeSat)} FLUX per node`
      : 'no months',
    inputs: [
      { name: `${tier} payout per block at start (sat)`, value: tierRewardAt(params, inputs.startHeight, tier).toString(), source: `${sourceOf(params, 'ponSubsidy.tierBaseSat')} at height ${inputs.startHeight}` },
      { name: 'blocks per month', value: m1 ? m1.toHeight - m1.fromHeight : null, source: `30 days × 86,400 s ÷ ${params.blockTime.ponSpacingSeconds} s (${sourceOf(params, 'blockTime.ponSpacingSeconds')})` },
      { name: 'start height', value: inputs.startHeight, source: src('startHeight') },
      ...countInputs,
    ],
  };
  const cutText = cuts.length ? `; subsidy cut${cuts.length > 1 ? 's' : ''} at height ${cuts.join(', ')} applied from that block` : '; no subsidy cut inside the horizon';
  const totalFlux: Explained<number> = {
    value: satToFlux(o.totalSat),
    formula: `Σ ${inputs.months} months ⌊${o.nodes} node${o.nodes > 1 ? 's' : ''} × per-node FLUX × ${uptime}% uptime⌋ = ${formatFlux(o.totalSat)} FLUX (per node: ${m1 ? formatFlux(m1.perNodeSat) : '—'} in month 1, ${mLast ? formatFlux(mLast.perNodeSat) : '—'} in month ${inputs.months}${cutText})`,
    inputs: [
      { name: 'nodes', value: o.nodes, source: 'floor(amount ÷ collateral)' },
      { name: 'uptime (%)', value: uptime, source: src('uptimePercent') },
      { name: 'per node, month 1 (FLUX)', value: m1 ? formatFlux(m1.perNodeSat) : null, source: 'Σ exact payouts (fluxd GetFluxnodeSubsidy) ÷ enabled nodes' },
      { name: `per node, month ${inputs.months} (FLUX)`, value: mLast ? formatFlux(mLast.perNodeSat) : null, source: 'Σ exact payouts ÷ enabled nodes that month' },
      { name: 'subsidy cuts inside the horizon (heights)', value: cuts.length ? cuts.join(', ') : 'none', source: sourceOf(params, 'ponSubsidy.reductionIntervalBlocks') },
      ...countInputs,
    ],
  };
  const capitalFlux: Explained<number> = {
    value: satToFlux(o.capitalSat),
    formula: `⌊${inputs.amountFlux} ÷ ${formatFlux(collateral)}⌋ = ${o.nodes} node${o.nodes > 1 ? 's' : ''} × ${formatFlux(collateral)} = ${formatFlux(o.capitalSat)} FLUX (left over: ${formatFlux(o.leftoverSat)} FLUX)`,
    inputs: [
      { name: 'amount (FLUX)', value: inputs.amountFlux, source: src('amountFlux') },
      { name: `${tier} collateral (FLUX)`, value: formatFlux(collateral), source: sourceOf(params, `collateral.tiers.${tier}`) },
    ],
  };
  return { totalFlux, capitalFlux, firstMonthFlux };
}

function titanFlux(ctx: PlanContext, o: OptionDraft): FluxExplanations {
  const { inputs } = ctx;
  const src = (key: string): string => ctx.sources[key] ?? 'planner input';
  const t = o.basis.titan!;
  const terms: ExplainedInput[] = [
    { name: `APR, ${t.months}-month lockup (%)`, value: t.aprPercent, source: src('titan') },
    { name: `fee, ${t.months}-month lockup (%)`, value: t.feePercent, source: src('titan') },
  ];
  const firstMonthFlux: Explained<number> = {
    value: satToFlux(t.perMonthSat),
    formula: `⌊${formatFlux(t.stakedSat)} FLUX × ${t.aprPercent}% ÷ 12 × (1 − ${t.feePercent}%)⌋ = ${formatFlux(t.perMonthSat)} FLUX per month`,
    inputs: [{ name: 'staked (FLUX)', value: formatFlux(t.stakedSat), source: 'this option' }, ...terms],
  };
  const totalFlux: Explained<number> = {
    value: satToFlux(o.totalSat),
    formula: `${inputs.months} months × ${formatFlux(t.perMonthSat)} FLUX = ${formatFlux(o.totalSat)} FLUX (the APR is Titan's, not the chain's: a subsidy cut lowers it only if Titan changes it)`,
    inputs: [...firstMonthFlux.inputs, { name: 'months', value: inputs.months, source: src('months') }],
  };
  const capitalFlux: Explained<number> = {
    value: satToFlux(o.capitalSat),
    formula: `min(${inputs.amountFlux}, ${inputs.titan.maxPerFluxIdFlux} per Flux ID) = ${formatFlux(o.capitalSat)} FLUX in ${o.nodes} stake${o.nodes > 1 ? 's' : ''} of at most ${inputs.titan.maxPerStakeFlux} (left over: ${formatFlux(o.leftoverSat)} FLUX)`,
    inputs: [
      { name: 'amount (FLUX)', value: inputs.amountFlux, source: src('amountFlux') },
      { name: 'minimum stake (FLUX)', value: inputs.titan.minFlux, source: src('titan') },
      { name: 'maximum per stake (FLUX)', value: inputs.titan.maxPerStakeFlux, source: src('titan') },
      { name: 'maximum per Flux ID (FLUX)', value: inputs.titan.maxPerFluxIdFlux, source: src('titan') },
    ],
  };
  return { totalFlux, capitalFlux, firstMonthFlux };
}
