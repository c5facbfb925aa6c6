import type { CostGroupRow, CostNodeRow, CostsReport, ExplainedNumber, NodeRecord, NodeStatus } from '../../../src-shared/contract';
import { fleetHeight } from '../chain/chain-height';
import type { Tier } from '../chain/chain-params';
import { AppError } from '../errors';
import { tierEstimates, tierOf } from '../rewards/earnings';
import type { NetworkCountsSource } from '../rewards/network-counts';
import { utcDay } from '../rewards/prices.repo';
import type { RewardsSettingsStore } from '../rewards/rewards-settings';
import type { Db } from '../store/database';
import { groupFigures, nodeFigures, type MonthPrices, type RowTotals } from './cost-figures';
import { earningPolls } from './uptime';

export interface CostsServiceDeps {
  db: Db;
  listNodes: () => NodeRecord[];
  latestStatuses: () => NodeStatus[];
  settings: RewardsSettingsStore;
  counts: Pick<NetworkCountsSource, 'get'>;
  now: () => number;
}

/** The UTC month of a ms timestamp, `YYYY-MM`. */
export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

function monthRange(month: string): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: Date.UTC(y, m - 1, 1), to: Date.UTC(y, m, 1) };
}

interface PaymentRow {
  nodeId: number;
  paidAt: number;
  sat: number;
}

/**
 * Costs and drop losses for one UTC month: what each node earned (ledger), cost (the monthly cost
 * entered, for the days it was registered), netted, what it lost while down or not CONFIRMED
 * (earning uptime from the history × the tier's payment interval), summed per provider and owner.
 */
export class CostsService {
  constructor(private readonly deps: CostsServiceDeps) {}

  async report(month?: string): Promise<CostsReport> {
    const now = this.deps.now();
    const m = month ?? monthOf(now);
    const range = monthRange(m);
    if (range.from > now) throw new AppError('BAD_INPUT', `${m} has not started yet`);
    const to = Math.min(range.to, now);
    const nodes = this.deps.listNodes();
    const statuses = new Map(this.deps.latestStatuses().map((s) => [s.nodeId, s]));
    const prices = this.prices(range.from, to);
    const tiers = await this.tiers(now, prices.mean?.value ?? null);
    const payments = this.payments(range.from, to);
    const polls = earningPolls(this.deps.db, range.from, to);
    const paidAs = this.lastPaidTiers();

    const rows: { node: NodeRecord; row: CostNodeRow; totals: RowTotals }[] = [];
    for (const node of nodes) {
      const status = statuses.get(node.id);
      // An expired node's status has no tier (fluxd answers only status and collateral): the ledger remembers it.
      const tier = (status ? tierOf(status) : null) ?? paidAs.get(node.id) ?? null;
      const est = tier ? tiers[tier] : null;
      const { figures, totals } = nodeFigures(
        {
          month: m,
          monthlyCostUsd: node.monthlyCostUsd ?? null,
          coveredMs: Math.max(0, to - Math.max(range.from, node.createdAt)),
          monthMs: range.to - range.from,
          payments: (payments.get(node.id) ?? []).map((p) => ({ sat: BigInt(p.sat), day: utcDay(p.paidAt) })),
          polls: polls.get(node.id),
          intervalSeconds: est?.paymentIntervalSeconds ?? null,
          tierPayoutFlux: est?.perPaymentFlux ?? null,
        },
        prices,
      );
      rows.push({ node, totals, row: { ...figures, nodeId: node.id, name: node.name, owner: node.owner ?? null, provider: node.provider ?? null, tier } });
    }
    return {
      month: m,
      fromMs: range.from,
      toMs: to,
      priceUsd: prices.mean,
      nodes: rows.map((r) => r.row),
      providers: groups(rows, (n) => n.provider ?? '', 'no provider'),
      owners: groups(rows, (n) => n.owner ?? '', 'no owner'),
      fleet: { ...groupFigures('fleet', rows.map((r) => ({ name: r.node.name, totals: r.totals }))), key: 'fleet', label: 'Fleet', nodes: rows.length },
    };
  }

  private prices(from: number, to: number): MonthPrices {
    const byDay = this.deps.settings.priceHistory(utcDay(from), utcDay(to - 1));
    if (byDay.size === 0) return { byDay, mean: null };
    const values = [...byDay.values()];
    const value = Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 1e6) / 1e6;
    const mean: ExplainedNumber = {
      value,
      formula: `mean of ${values.length} stored daily prices from ${utcDay(from)} to ${utcDay(to - 1)} = $${value}`,
      inputs: [...byDay].slice(0, 31).map(([day, usd]) => ({ name: day, value: usd, source: 'daily FLUX price history' })),
    };
    return { byDay, mean };
  }

  private async tiers(now: number, priceUsd: number | null) {
    const params = this.deps.settings.chainParams();
    const height = fleetHeight(params, this.deps.latestStatuses(), now);
    return tierEstimates(params, height.value, await this.deps.counts.get(), priceUsd, utcDay(now));
  }

  /** The tier of each node's newest payment (SQLite takes the bare column from the max() row). */
  private lastPaidTiers(): Map<number, Tier> {
    const rows = this.deps.db.prepare<[], { nodeId: number; tier: Tier }>('SELECT node_id AS nodeId, tier, max(height) FROM payments GROUP BY node_id').all();
    return new Map(rows.map((r) => [r.nodeId, r.tier]));
  }

  private payments(from: number, to: number): Map<number, PaymentRow[]> {
    const rows = this.deps.db
      .prepare<[number, number], PaymentRow>('SELECT node_id AS nodeId, paid_at AS paidAt, amount_sat AS sat FROM payments WHERE paid_at >= ? AND paid_at < ? ORDER BY paid_at')
      .all(from, to);
    const out = new Map<number, PaymentRow[]>();
    for (const row of rows) {
      const list = out.get(row.nodeId);
      if (list) list.push(row);
      else out.set(row.nodeId, [row]);
    }
    return out;
  }
}

function groups(rows: readonly { node: NodeRecord; row: CostNodeRow; totals: RowTotals }[], keyOf: (n: NodeRecord) => string, none: string): CostGroupRow[] {
  const byKey = new Map<string, { name: string; totals: RowTotals }[]>();
  for (const r of rows) {
    const key = keyOf(r.node);
    const member = { name: r.node.name, totals: r.totals };
    const list = byKey.get(key);
    if (list) list.push(member);
    else byKey.set(key, [member]);
  }
  return [...byKey]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([key, members]) => {
      const label = key || `(${none})`;
      return { ...groupFigures(label, members), key, label, nodes: members.length };
    });
}
