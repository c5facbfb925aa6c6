import type { CollateralOverview, ExplainedNumber, LedgerResult, MonthlyReport, RewardsOverview, RewardsSettingsView } from '../../../src-shared/contract';

/** Fixtures for renderer tests of the rewards and collateral pages (never imported by the app). */

export const ex = (value: number, formula = `formula for ${value}`, source = 'fluxd src/main.cpp'): ExplainedNumber => ({
  value,
  formula,
  inputs: [{ name: 'input', value, source }],
});

export function overviewFixture(over: Partial<RewardsOverview> = {}): RewardsOverview {
  const cut = {
    reduction: 1, height: 3_071_200, estimatedAt: ex(1_900_000_000_000), subsidyFlux: 12.6,
    tiersFlux: { CUMULUS: 0.9, NIMBUS: 3.15, STRATUS: 8.1 },
    fleetMonthlyBeforeFlux: 129.6, fleetMonthlyAfterFlux: 116.64, fleetMonthlyChangeFlux: ex(-12.96),
  };
  const tier = (name: 'CUMULUS' | 'NIMBUS' | 'STRATUS', day: number) => ({
    tier: name,
    enabled: 1000,
    perPaymentFlux: ex(1),
    perDayFlux: ex(day, `1 FLUX × 2880 blocks/day ÷ 1000 nodes = ${day} FLUX/day`),
    perMonthFlux: ex(day * 30),
    perMonthUsd: null,
    paymentIntervalSeconds: ex(30_000),
    apyPercent: ex(12.5),
    parallelPerMonthFlux: ex(day * 30),
  });
  return {
    generatedAt: 1_800_000_000_000,
    height: ex(2_200_000, 'highest height reported by 2 nodes = 2200000'),
    overridden: [],
    network: {
      enabled: { CUMULUS: 1000, NIMBUS: 1000, STRATUS: null },
      sources: { CUMULUS: 'getfluxnodecount', NIMBUS: 'getfluxnodecount', STRATUS: null },
      fetchedAt: 1_800_000_000_000,
      error: null,
    },
    priceUsd: null,
    fleet: {
      nodes: 2,
      estimatedNodes: 2,
      perDayFlux: ex(4.32),
      perMonthFlux: ex(129.6, 'CUMULUS 1 × 86.4 + NIMBUS 1 × 43.2 = 129.6 FLUX/month', 'user override'),
      perMonthUsd: null,
      parallelPerMonthFlux: ex(129.6),
      pnrPerMonthUsd: ex(12.5),
      pnrMigrationWouldAddUsd: ex(3.2),
      ledgerThisMonthFlux: ex(7),
    },
    parallelAssets: [{ id: 'kadena', name: 'Kadena', active: true, perMonthFlux: ex(12.96) }],
    tiers: { CUMULUS: tier('CUMULUS', 2.88), NIMBUS: tier('NIMBUS', 1.44), STRATUS: null },
    pnr: [
      { key: 'arcane', perMonthUsd: ex(12.5), migrationWouldAddUsd: null },
      { key: 'legacy', perMonthUsd: ex(0, 'legacy nodes receive no PNR (ArcaneOS only)'), migrationWouldAddUsd: ex(3.2) },
    ],
    nodes: [
      {
        nodeId: 1, name: 'alpha', tags: ['eu'], tier: 'CUMULUS', status: 'CONFIRMED', arcaneOS: true, estimated: true,
        perDayFlux: 2.88, perMonthFlux: 86.4, perMonthUsd: null, nextPaymentSeconds: ex(330), nextPaymentAt: 1_800_000_330_000,
        pnrKey: 'arcane', pnrPerMonthUsd: 12.5, pnrMigrationWouldAddUsd: null, lastPaidHeight: 2_199_000, ledgerThisMonthFlux: 5, note: null,
      },
      {
        nodeId: 2, name: 'beta', tags: ['us'], tier: 'NIMBUS', status: 'DOS', arcaneOS: false, estimated: false,
        perDayFlux: null, perMonthFlux: null, perMonthUsd: null, nextPaymentSeconds: null, nextPaymentAt: null,
        pnrKey: 'legacy', pnrPerMonthUsd: null, pnrMigrationWouldAddUsd: null, lastPaidHeight: null, ledgerThisMonthFlux: 2, note: 'status DOS: only confirmed nodes are paid',
      },
    ],
    nextPayments: [{ nodeId: 1, name: 'alpha', tier: 'CUMULUS', at: 1_800_000_330_000, amountFlux: 1 }],
    upcomingCut: cut,
    upcomingCuts: [cut, { ...cut, reduction: 2, height: 4_122_400, subsidyFlux: 11.34 }],
    ...over,
  };
}

export const ledgerFixture = (): LedgerResult => ({
  rows: [
    { id: 2, nodeId: 2, node: 'beta', tags: ['us'], height: 2_199_500, paidAt: Date.parse('2026-03-01T10:00:00Z'), tier: 'NIMBUS', amountSat: '350000000', amountFlux: 3.5, usd: 1.75, source: 'last_paid_height' },
    { id: 1, nodeId: 1, node: 'alpha', tags: ['eu'], height: 2_199_000, paidAt: Date.parse('2026-02-10T10:00:00Z'), tier: 'CUMULUS', amountSat: '100000000', amountFlux: 1, usd: null, source: 'last_paid_height' },
  ],
  truncated: false,
  totalSat: '450000000',
  totalFlux: 4.5,
});

export const monthlyFixture = (): MonthlyReport => ({
  months: ['2026-02', '2026-03'],
  groupBy: 'fleet',
  series: [{ key: 'fleet', label: 'Fleet', flux: [1, 3.5], count: [1, 1] }],
  fleetFlux: [1, 3.5],
  fleetUsd: [null, 1.75],
});

export const settingsFixture = (): RewardsSettingsView => ({
  fluxPriceUsd: null,
  pnrMonthlyRevenueUsd: 50_000,
  pnrRevenueSharePercent: null,
  pnrEligibleNodes: null,
  pnrHostingNodes: null,
  enabledOverride: { CUMULUS: null, NIMBUS: null, STRATUS: null },
  chainOverrides: null,
  overridden: [],
  defaults: { pnrMonthlyRevenueUsd: 50_000, pnrRevenueSharePercent: 25, note: 'illustrative default' },
});

export const collateralFixture = (): CollateralOverview => ({
  rows: [
    {
      nodeId: 1, name: 'alpha', tags: [], status: 'CONFIRMED', txid: 'ab'.repeat(32), vout: 0, amountFlux: 1000, reportedTier: 'CUMULUS', impliedTier: 'CUMULUS',
      mismatch: false, confirmations: 500, unspent: true, spent: false, checkedAt: 1_800_000_000_000, method: 'gettxout', problems: [],
    },
    {
      nodeId: 2, name: 'beta', tags: [], status: 'EXPIRED', txid: 'cd'.repeat(32), vout: 1, amountFlux: 12500, reportedTier: 'STRATUS', impliedTier: 'NIMBUS',
      mismatch: true, confirmations: null, unspent: false, spent: true, checkedAt: null, method: 'reported',
      problems: [{ code: 'COLLATERAL_SPENT', message: 'beta: collateral spent or gone' }, { code: 'TIER_MISMATCH', message: 'the amount implies NIMBUS but the node reports STRATUS' }],
    },
  ],
  minConfirmations: 100,
  priceUsd: 0.5,
  totalFlux: ex(1000, 'CUMULUS 1 nodes 1000 FLUX = 1000 FLUX'),
  totalUsd: ex(500),
  byTier: { CUMULUS: { nodes: 1, flux: 1000 }, NIMBUS: { nodes: 0, flux: 0 }, STRATUS: { nodes: 0, flux: 0 } },
});
