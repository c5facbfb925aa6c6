import { z } from 'zod';
import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type {
  ExplainedNumber,
  NetworkCounts,
  NextPayment,
  NodeEarnings,
  RewardsOverview,
  TierEstimate,
  UpcomingCut,
} from '../../../src-shared/contract/rewards.contract';
import type { Db } from '../store/database';
import type { ChainParams, Tier } from '../chain/chain-params';
import { TIERS } from '../chain/chain-params';
import { fleetHeight } from '../chain/chain-height';
import { fleetSum, fluxExplained, pnrKeyOf, pnrVariants, round2, satFlux, tierEstimates, tierOf, usdExplained, type PnrContext } from './earnings';
import { nativeRewardPerMonth, nextPaymentEtaSeconds } from './estimates';
import type { NetworkCountsSource } from './network-counts';
import { parallelAssetsEstimate } from './parallel-assets';
import { utcDay } from './prices.repo';
import type { RewardsSettingsStore } from './rewards-settings';
import { upcomingSubsidyCuts, type SubsidyCut } from '../chain/schedule';
import { formatFlux } from '../chain/subsidy';

export interface RewardsServiceDeps {
  db: Db;
  settings: RewardsSettingsStore;
  counts: Pick<NetworkCountsSource, 'get'>;
  latestStatuses: () => NodeStatus[];
  now: () => number;
}

const NEXT_PAYMENTS = 20;

function startOfUtcMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Expected earnings (native, parallel assets, PNR what-if), next payments and the next subsidy cut. */
export class RewardsService {
  constructor(private readonly deps: RewardsServiceDeps) {}

  async overview(): Promise<RewardsOverview> {
    const { settings, now: clock } = this.deps;
    const now = clock();
    const params = settings.chainParams();
    const s = settings.get();
    const statuses = this.deps.latestStatuses();
    const height = fleetHeight(params, statuses, now);
    const counts = await this.deps.counts.get();
    const price = s.fluxPriceUsd;
    const day = utcDay(now);
    const tiers = tierEstimates(params, height.value, counts, price, day);
    const pnr = pnrVariants(params, this.pnrContext(s, counts, statuses));
    const pnrByKey = new Map(pnr.map((v) => [v.key, v]));
    const ledgerMonth = this.ledgerSince(startOfUtcMonth(now));

    const fleetCounts: Record<Tier, number> = { CUMULUS: 0, NIMBUS: 0, STRATUS: 0 };
    const pnrCounts = new Map<string, number>();
    const nextPayments: NextPayment[] = [];
    const nodes = statuses.map((status): NodeEarnings => {
      const tier = tierOf(status);
      const f = status.fluxnode;
      const est = tier ? tiers[tier] : null;
      const confirmed = f?.status === 'CONFIRMED';
      const estimated = confirmed && est !== null;
      const key = pnrKeyOf(status);
      const variant = key ? pnrByKey.get(key) : undefined;
      if (estimated && tier) fleetCounts[tier]++;
      if (key && confirmed) pnrCounts.set(key, (pnrCounts.get(key) ?? 0) + 1);
      let eta: ExplainedNumber | null = null;
      let at: number | null = null;
      if (estimated && tier && f.rank !== null) {
        eta = nextPaymentEtaSeconds(params, height.value, f.rank);
        at = (status.lastPolledAt ?? now) + eta.value * 1000;
        nextPayments.push({ nodeId: status.nodeId, name: status.name, tier, at, amountFlux: est.perPaymentFlux.value });
      }
      return {
        nodeId: status.nodeId,
        name: status.name,
        tags: status.tags,
        tier,
        status: f?.status ?? null,
        arcaneOS: status.flux?.arcaneOS ?? null,
        estimated,
        perDayFlux: estimated ? est.perDayFlux.value : null,
        perMonthFlux: estimated ? est.perMonthFlux.value : null,
        perMonthUsd: estimated ? (est.perMonthUsd?.value ?? null) : null,
        nextPaymentSeconds: eta,
        nextPaymentAt: at,
        pnrKey: key,
        pnrPerMonthUsd: confirmed && variant ? variant.perMonthUsd.value : null,
        pnrMigrationWouldAddUsd: confirmed && variant ? (variant.migrationWouldAddUsd?.value ?? null) : null,
        lastPaidHeight: f?.lastPaidHeight ?? null,
        ledgerThisMonthFlux: satFlux(BigInt(ledgerMonth.get(status.nodeId)?.sat ?? 0)),
        note: noteFor(status, tier, confirmed, est),
      };
    });
    nextPayments.sort((a, b) => a.at - b.at);

    const perMonth = fleetSum('FLUX per month', 'FLUX/month', fleetCounts, (t) => tiers[t]?.perMonthFlux ?? null);
    const fleetMonthSat = TIERS.reduce((sum, t) => (tiers[t] ? sum + BigInt(fleetCounts[t]) * nativeRewardPerMonth(params, height.value, t, tiers[t].enabled).value : sum), 0n);
    const parallel = parallelAssetsEstimate(params, fleetMonthSat, day);
    const estimatedNodes = TIERS.reduce((n, t) => n + fleetCounts[t], 0);
    // Dates count forward from the live tip at this moment, not from the params' fixed checkpoint,
    // so they stay right however far the real chain drifted from its target spacing.
    const tip = { height: height.value, timeUnix: Math.floor(now / 1000) };
    const cuts = upcomingSubsidyCuts(params, height.value, 3, tip).map((cut) => cutEffect(params, cut, tiers, fleetCounts, perMonth.value));

    return {
      generatedAt: now,
      height,
      overridden: [...params.overridden],
      network: counts,
      priceUsd: price,
      fleet: {
        nodes: statuses.length,
        estimatedNodes,
        perDayFlux: fleetSum('FLUX per day', 'FLUX/day', fleetCounts, (t) => tiers[t]?.perDayFlux ?? null),
        perMonthFlux: perMonth,
        perMonthUsd: price === null ? null : usdExplained(perMonth, price, 'per month'),
        parallelPerMonthFlux: fluxExplained(parallel.total),
        pnrPerMonthUsd: pnrSum(pnrCounts, pnrByKey, 'perMonthUsd', 'PNR per month (ArcaneOS nodes)'),
        pnrMigrationWouldAddUsd: pnrSum(pnrCounts, pnrByKey, 'migrationWouldAddUsd', 'PNR migrating legacy nodes would add per month'),
        ledgerThisMonthFlux: ledgerMonthExplained(ledgerMonth, startOfUtcMonth(now)),
      },
      parallelAssets: parallel.chains.map((c) => ({ id: c.id, name: c.name, active: c.active, perMonthFlux: fluxExplained(c.amountSat) })),
      tiers,
      pnr,
      nodes,
      nextPayments: nextPayments.slice(0, NEXT_PAYMENTS),
      upcomingCut: cuts[0] ?? null,
      upcomingCuts: cuts,
    };
  }

  private pnrContext(s: ReturnType<RewardsSettingsStore['get']>, counts: NetworkCounts, statuses: NodeStatus[]): PnrContext {
    const networkTotal = TIERS.every((t) => counts.enabled[t] !== null) ? TIERS.reduce((n, t) => n + (counts.enabled[t] ?? 0), 0) : null;
    const fleetArcane = Math.max(1, statuses.filter((st) => st.flux?.arcaneOS === true).length);
    const eligible =
      s.pnrEligibleNodes !== null
        ? { value: s.pnrEligibleNodes, source: 'your input (Settings)' }
        : networkTotal !== null
          ? { value: networkTotal, source: 'all enabled nodes (getfluxnodecount): assumes every node runs ArcaneOS, so a lower bound per node' }
          : { value: fleetArcane, source: 'your ArcaneOS nodes only (network count unknown): an upper bound per node' };
    const hosting =
      s.pnrHostingNodes !== null
        ? { value: s.pnrHostingNodes, source: 'your input (Settings)' }
        : { value: eligible.value, source: 'assumed equal to the eligible nodes (every ArcaneOS node hosts apps): a lower bound' };
    return { monthlyRevenueUsd: s.pnrMonthlyRevenueUsd, revenueSharePercent: s.pnrRevenueSharePercent, eligible, hosting };
  }

  /** Ledger satoshis and payment counts per node since `fromMs`. */
  private ledgerSince(fromMs: number): Map<number, { sat: number; count: number }> {
    const rows = this.deps.db
      .prepare('SELECT node_id AS nodeId, SUM(amount_sat) AS total, COUNT(*) AS count FROM payments WHERE paid_at >= ? GROUP BY node_id')
      .all(fromMs);
    const parsed = z.array(z.object({ nodeId: z.number().int(), total: z.number().int(), count: z.number().int() })).parse(rows);
    return new Map(parsed.map((r) => [r.nodeId, { sat: r.total, count: r.count }]));
  }
}

function noteFor(status: NodeStatus, tier: Tier | null, confirmed: boolean, est: TierEstimate | null): string | null {
  if (!status.fluxnode) return 'no FluxNode status yet (not polled, or unreachable)';
  if (!tier) return 'tier unknown';
  if (!confirmed) return `status ${status.fluxnode.status}: only confirmed nodes are paid`;
  if (!est) return `${tier} enabled-node count unknown: set a public API or enter the count in the settings`;
  return null;
}

function pnrSum(
  counts: Map<string, number>,
  byKey: Map<string, { perMonthUsd: ExplainedNumber; migrationWouldAddUsd: ExplainedNumber | null }>,
  field: 'perMonthUsd' | 'migrationWouldAddUsd',
  label: string,
): ExplainedNumber {
  let total = 0;
  const parts: string[] = [];
  const inputs: ExplainedNumber['inputs'] = [];
  for (const [key, n] of counts) {
    const e = byKey.get(key)?.[field];
    if (!e || n === 0 || e.value === 0) continue;
    total += n * e.value;
    parts.push(`${n} ${key} × $${e.value}`);
    inputs.push({ name: `${key} nodes`, value: n, source: 'your fleet (confirmed nodes)' });
    inputs.push({ name: `${key} per node (USD/month)`, value: e.value, source: e.formula });
  }
  const value = round2(total);
  return { value, formula: parts.length ? `${label}: ${parts.join(' + ')} = $${value.toFixed(2)}` : `${label}: $0 (no matching nodes)`, inputs };
}

function ledgerMonthExplained(perNode: Map<number, { sat: number; count: number }>, fromMs: number): ExplainedNumber {
  let sat = 0;
  let count = 0;
  for (const v of perNode.values()) {
    sat += v.sat;
    count += v.count;
  }
  const value = satFlux(BigInt(sat));
  const since = new Date(fromMs).toISOString().slice(0, 10);
  return {
    value,
    formula: `sum of ${count} payments recorded since ${since} (UTC) = ${value} FLUX`,
    inputs: [
      { name: 'payments', value: count, source: 'FluxDeck ledger: last_paid_height changes seen by polls' },
      { name: 'paid nodes', value: perNode.size, source: 'FluxDeck ledger' },
      { name: 'total (sat)', value: String(sat), source: 'exact tier payout at each payment height (fluxd GetFluxnodeSubsidy)' },
    ],
  };
}

function cutEffect(
  params: ChainParams,
  cut: SubsidyCut,
  tiers: Record<Tier, TierEstimate | null>,
  fleetCounts: Record<Tier, number>,
  beforeFlux: number,
): UpcomingCut {
  let afterSat = 0n;
  for (const t of TIERS) {
    const est = tiers[t];
    if (est && fleetCounts[t] > 0) afterSat += BigInt(fleetCounts[t]) * nativeRewardPerMonth(params, cut.height, t, est.enabled).value;
  }
  const after = satFlux(afterSat);
  const change = Number((after - beforeFlux).toFixed(8));
  return {
    reduction: cut.reduction,
    height: cut.height,
    estimatedAt: cut.estimatedAt,
    subsidyFlux: satFlux(cut.subsidySat),
    tiersFlux: { CUMULUS: satFlux(cut.tiersSat.CUMULUS), NIMBUS: satFlux(cut.tiersSat.NIMBUS), STRATUS: satFlux(cut.tiersSat.STRATUS) },
    fleetMonthlyBeforeFlux: beforeFlux,
    fleetMonthlyAfterFlux: after,
    fleetMonthlyChangeFlux: {
      value: change,
      formula: `${after} − ${beforeFlux} FLUX/month = ${change} FLUX/month (subsidy ${formatFlux(cut.subsidySat)} FLUX from block ${cut.height}, same enabled counts)`,
      inputs: [
        { name: 'cut', value: cut.reduction, source: 'fluxd src/main.cpp GetBlockSubsidy: −10% per 1,051,200 blocks after PoN' },
        { name: 'cut height', value: cut.height, source: 'PoN fork + k × reduction interval' },
        { name: 'fleet FLUX/month now', value: beforeFlux, source: 'fleet native estimate' },
        { name: 'fleet FLUX/month after', value: after, source: 'same formula at the cut height' },
      ],
    },
  };
}
