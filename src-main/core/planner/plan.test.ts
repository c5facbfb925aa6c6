import { describe, expect, it } from 'vitest';
import type { ResolvedPlannerInputs } from '../../../src-shared/contract/planner.contract';
import { loadChainParams } from '../chain/chain-params';
import { computePlan, satToFlux } from './plan';

const params = loadChainParams();
const PON = 2_020_000;

/** One Stratus collateral, one year from the fork, 2,000 Stratus nodes: 388.8 FLUX per node per month. */
function inputs(over: Partial<ResolvedPlannerInputs> = {}): ResolvedPlannerInputs {
  return {
    amountFlux: 40_000,
    priceUsd: 0.5,
    priceChangePercentPerMonth: 0,
    months: 12,
    startHeight: PON,
    counts: { CUMULUS: 5000, NIMBUS: 1500, STRATUS: 2000 },
    countGrowthPercentPerMonth: 0,
    hostingUsd: { CUMULUS: 15, NIMBUS: 45, STRATUS: 100 },
    hardwareUsd: { CUMULUS: 0, NIMBUS: 0, STRATUS: 500 },
    uptimePercent: 100,
    managedFeePercent: 20,
    titan: { minFlux: 50, maxPerStakeFlux: 100_000, maxPerFluxIdFlux: 400_000, lockups: [{ months: 12, aprPercent: 12, feePercent: 10 }] },
    pnr: { monthlyRevenueUsd: 0, revenueSharePercent: null, eligibleNodes: null },
    parallelAssetValuePercent: 0,
    tiers: ['STRATUS'],
    ...over,
  };
}

const option = (plan: ReturnType<typeof computePlan>, id: string) => {
  const found = plan.options.find((o) => o.id === id);
  if (!found) throw new Error(`no option ${id}`);
  return found;
};

describe('planner option math (hand-computed)', () => {
  it('self-hosted Stratus: 9 FLUX × 86,400 blocks ÷ 2,000 = 388.8 FLUX/month, $94.40 net a month, $500 hardware', () => {
    const o = option(computePlan(params, inputs()), 'stratus-legacy');
    expect(o.nodes).toBe(1);
    expect(satToFlux(o.capitalSat)).toBe(40_000);
    expect(o.monthly[0]).toMatchObject({ month: 1, height: PON, fluxSat: 38_880_000_000n, usd: 194.4, costUsd: 100, netUsd: 94.4 });
    expect(o.monthly[1]!.height).toBe(PON + 86_400);
    expect(satToFlux(o.totalSat)).toBe(4665.6);
    // 12 × 94.40 − 500 = 632.80; ROI = 100 × 632.80 ÷ (40,000 × 0.5 + 500).
    expect(o.netUsd).toBe(632.8);
    expect(o.roiPercent).toBe(3.09);
    // 5 × 94.40 = 472 < 500 ≤ 6 × 94.40 = 566.40.
    expect(o.breakEvenMonth).toBe(6);
    expect(o.monthly[5]!.cumulativeNetUsd).toBe(66.4);
  });

  it('uptime scales FLUX in satoshis, floored: 99 % of 388.8 = 384.912 FLUX', () => {
    const o = option(computePlan(params, inputs({ uptimePercent: 99, months: 1 })), 'stratus-legacy');
    expect(o.monthly[0]!.fluxSat).toBe(38_491_200_000n);
  });

  it('managed: the fee is a share of rewards instead of hosting, no hardware', () => {
    const o = option(computePlan(params, inputs({ months: 1 })), 'stratus-managed');
    expect(o.monthly[0]).toMatchObject({ usd: 194.4, costUsd: 38.88, netUsd: 155.52 });
    expect(o.upfrontUsd).toBe(0);
    expect(o.breakEvenMonth).toBe(1);
  });

  it('ArcaneOS adds the PNR what-if per node: $1,000,000 × 25 % × 80 % ÷ 8,500 nodes = $23.53', () => {
    const o = option(computePlan(params, inputs({ months: 1, pnr: { monthlyRevenueUsd: 1_000_000, revenueSharePercent: null, eligibleNodes: null } })), 'stratus-arcane');
    expect(o.monthly[0]!.usd).toBe(cents(194.4 + 23.53));
    expect(o.pnrUsd).toBe(23.53);
    expect(o.risks.join(' ')).toMatch(/PNR is not implemented/);
  });

  it('Titan: 10,000 FLUX × 12 % ÷ 12 × (1 − 10 %) = 90 FLUX a month', () => {
    const plan = computePlan(params, inputs({ amountFlux: 10_000 }));
    const t = option(plan, 'titan-12');
    expect(satToFlux(t.monthly[0]!.fluxSat)).toBe(90);
    expect(satToFlux(t.totalSat)).toBe(1080);
    expect(t.netUsd).toBe(540);
    expect(t.roiPercent).toBe(10.8);
    expect(t.lockupMonths).toBe(12);
    // 10,000 FLUX is below a Stratus collateral: no Stratus option, and the page says why.
    expect(plan.options.map((o) => o.id)).toEqual(['titan-12']);
    expect(plan.notes.join(' ')).toMatch(/Stratus: 40000\.00000000 FLUX collateral needed/);
  });

  it('Titan caps at 400,000 FLUX per Flux ID in stakes of at most 100,000', () => {
    const t = option(computePlan(params, inputs({ amountFlux: 450_000 })), 'titan-12');
    expect(satToFlux(t.capitalSat)).toBe(400_000);
    expect(t.nodes).toBe(4);
    expect(satToFlux(t.leftoverSat)).toBe(50_000);
  });

  it('combines own nodes with Titan for the FLUX left over: 50,000 = one Stratus + 10,000 on Titan', () => {
    const plan = computePlan(params, inputs({ amountFlux: 50_000 }));
    const alone = option(plan, 'stratus-legacy');
    const combined = option(plan, 'stratus-legacy+titan-12');
    expect(satToFlux(alone.leftoverSat)).toBe(10_000);
    expect(satToFlux(combined.capitalSat)).toBe(50_000);
    expect(satToFlux(combined.leftoverSat)).toBe(0);
    // 632.80 (node) + 10,000 × 0.9 % × 12 × $0.5 = 540.
    expect(combined.netUsd).toBe(1172.8);
    expect(combined.monthly[0]!.fluxSat).toBe(38_880_000_000n + 9_000_000_000n);
    expect(combined.lockupMonths).toBe(12);
    expect(combined.explain.totalFlux.formula).toContain('Titan on the 10000.00000000 FLUX left over');
  });

  it('ranks by net USD: Titan beats a hosted Stratus at $100/month, a free-hosted Stratus beats Titan', () => {
    expect(computePlan(params, inputs({ hardwareUsd: { CUMULUS: 0, NIMBUS: 0, STRATUS: 0 } })).best).toBe('titan-12');
    const cheap = computePlan(params, inputs({ hostingUsd: { CUMULUS: 0, NIMBUS: 0, STRATUS: 0 }, hardwareUsd: { CUMULUS: 0, NIMBUS: 0, STRATUS: 0 } }));
    // 388.8 × 12 × $0.5 = $2,332.80 against Titan's 360 × 12 × $0.5 = $2,160.
    // With no PNR assumed, ArcaneOS and legacy tie (same capital): the id decides, stably.
    expect(cheap.options.map((o) => o.id).slice(0, 3)).toEqual(['stratus-arcane', 'stratus-legacy', 'titan-12']);
  });

  it('breaks a tie in net USD with less capital', () => {
    const plan = computePlan(params, inputs({ amountFlux: 80_000, priceUsd: 0, hardwareUsd: { CUMULUS: 0, NIMBUS: 0, STRATUS: 0 }, hostingUsd: { CUMULUS: 0, NIMBUS: 0, STRATUS: 0 } }));
    // At price 0 every option nets $0, so capital alone orders them.
    expect(plan.options.every((o) => o.netUsd === 0)).toBe(true);
    const capitals = plan.options.map((o) => o.capitalSat);
    expect([...capitals].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(capitals);
  });

  it('marks a subsidy cut inside the horizon and lowers the months after it', () => {
    const start = 3_071_200 - 3 * 86_400;
    const plan = computePlan(params, inputs({ startHeight: start, months: 6 }));
    expect(plan.cuts).toEqual([{ month: 4, height: 3_071_200, subsidySat: 1_260_000_000n }]);
    const o = option(plan, 'stratus-legacy');
    expect(o.monthly[2]!.fluxSat).toBe(38_880_000_000n);
    expect(o.monthly[3]!.fluxSat).toBe(34_992_000_000n); // 8.1 × 86,400 ÷ 2,000
    expect(o.explain.totalFlux.formula).toContain('3071200');
  });

  it('explains each figure with its formula and inputs', () => {
    const o = option(computePlan(params, inputs(), { uptimePercent: 'user input' }), 'stratus-legacy');
    expect(o.explain.netUsd.formula).toContain('$2,332.80 − $1,200.00 − $500.00 = $632.80');
    expect(o.explain.firstMonthFlux.formula).toContain('÷ 2000 = 388.80000000 FLUX per node');
    expect(o.explain.totalFlux.inputs.find((i) => i.name === 'uptime (%)')?.source).toBe('user input');
    expect(o.explain.roiPercent.value).toBe(3.09);
  });
});

function cents(n: number): number {
  return Math.round(n * 100) / 100;
}
