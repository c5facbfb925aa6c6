import { z } from 'zod';
import type { LedgerResult, LedgerRow, MonthlyReport } from '../../../src-shared/contract/rewards.contract';
import type { Db } from '../store/database';
import { TIERS } from '../chain/chain-params';
import { paymentsToCsv } from './csv';
import { paymentConditions, type PaymentRecord } from './payments.repo';
import { FluxPricesRepo, utcDay } from './prices.repo';
import { formatFlux } from '../chain/subsidy';
import { parseTagsColumn } from '../nodes/tags-column';

/** Filters every ledger read accepts (all optional). */
export interface LedgerQueryFilter {
  nodeId?: number;
  /** Inclusive, ms. */
  fromMs?: number;
  /** Exclusive, ms. */
  toMs?: number;
  tag?: string;
  /** An owner's nodes only (an MSP's client), by name. */
  owner?: string;
}

const rowSchema = z.object({
  id: z.number().int(),
  node_id: z.number().int(),
  name: z.string(),
  tags: z.string(),
  height: z.number().int(),
  paid_at: z.number().int(),
  amount_sat: z.number().int(),
  tier: z.enum(TIERS),
  source: z.string(),
  price: z.number().nullable(),
});

const monthRowSchema = z.object({
  month: z.string(),
  node_id: z.number().int(),
  name: z.string(),
  tags: z.string(),
  count: z.number().int(),
  total: z.number().int(),
  usd: z.number().nullable(),
});

const satToFlux = (sat: number) => Number(formatFlux(BigInt(sat)));
const cents = (usd: number) => Math.round(usd * 100) / 100;

function where(filter: LedgerQueryFilter): { sql: string; params: Record<string, string | number> } {
  const conditions = paymentConditions(filter, 'p.');
  const parts = conditions.parts;
  const params: Record<string, string | number> = conditions.params;
  if (filter.tag !== undefined) {
    parts.push('EXISTS (SELECT 1 FROM json_each(n.tags) t WHERE t.value = @tag)');
    params.tag = filter.tag;
  }
  if (filter.owner !== undefined) {
    parts.push('n.owner_id = (SELECT id FROM owners WHERE name = @owner COLLATE NOCASE)');
    params.owner = filter.owner;
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const FROM = `FROM payments p JOIN nodes n ON n.id = p.node_id
  LEFT JOIN flux_prices fp ON fp.day = strftime('%Y-%m-%d', p.paid_at / 1000, 'unixepoch')`;

/** Read side of the payments ledger: rows with node names and tags, USD at each day's price, months, CSV. */
export class LedgerQueries {
  constructor(private readonly db: Db) {}

  /** Payments matching the filter, newest first, at most `limit`. */
  rows(filter: LedgerQueryFilter, limit = 2000): LedgerResult {
    const w = where(filter);
    const raw = this.db
      .prepare(
        `SELECT p.id, p.node_id, n.name, n.tags, p.height, p.paid_at, p.amount_sat, p.tier, p.source, fp.usd AS price ${FROM}
         ${w.sql} ORDER BY p.paid_at DESC, p.id DESC LIMIT @limit`,
      )
      .all({ ...w.params, limit: limit + 1 });
    const rows: LedgerRow[] = raw.slice(0, limit).map((value) => {
      const r = rowSchema.parse(value);
      const flux = satToFlux(r.amount_sat);
      return {
        id: r.id,
        nodeId: r.node_id,
        node: r.name,
        tags: parseTagsColumn(r.tags),
        height: r.height,
        paidAt: r.paid_at,
        tier: r.tier,
        amountSat: String(r.amount_sat),
        amountFlux: flux,
        usd: r.price === null ? null : cents(flux * r.price),
        source: r.source,
      };
    });
    const total = z
      .object({ total: z.number().int().nullable() })
      .parse(this.db.prepare(`SELECT SUM(p.amount_sat) AS total ${FROM} ${w.sql}`).get(w.params)).total ?? 0;
    return { rows, truncated: raw.length > limit, totalSat: String(total), totalFlux: satToFlux(total) };
  }

  /** Ledger totals per UTC month, grouped by fleet, node or tag (a node counts under each of its tags). */
  monthly(groupBy: 'fleet' | 'node' | 'tag', filter: Omit<LedgerQueryFilter, 'nodeId' | 'tag'> = {}): MonthlyReport {
    const w = where(filter);
    const raw = this.db
      .prepare(
        `SELECT strftime('%Y-%m', p.paid_at / 1000, 'unixepoch') AS month, p.node_id, n.name, n.tags,
                COUNT(*) AS count, SUM(p.amount_sat) AS total, SUM(p.amount_sat * fp.usd) AS usd
         ${FROM} ${w.sql} GROUP BY month, p.node_id ORDER BY month, n.name`,
      )
      .all(w.params)
      .map((value) => monthRowSchema.parse(value));
    const months = [...new Set(raw.map((r) => r.month))].sort();
    const index = new Map(months.map((m, i) => [m, i]));
    const series = new Map<string, { key: string; label: string; sat: number[]; count: number[] }>();
    const add = (key: string, label: string, month: string, sat: number, count: number) => {
      let s = series.get(key);
      if (!s) series.set(key, (s = { key, label, sat: months.map(() => 0), count: months.map(() => 0) }));
      const i = index.get(month) ?? 0;
      s.sat[i] = (s.sat[i] ?? 0) + sat;
      s.count[i] = (s.count[i] ?? 0) + count;
    };
    const fleetSat = months.map(() => 0);
    const fleetUsd: (number | null)[] = months.map(() => null);
    for (const r of raw) {
      const i = index.get(r.month) ?? 0;
      fleetSat[i] = (fleetSat[i] ?? 0) + r.total;
      if (r.usd !== null) fleetUsd[i] = (fleetUsd[i] ?? 0) + r.usd / 1e8;
      if (groupBy === 'fleet') add('fleet', 'Fleet', r.month, r.total, r.count);
      else if (groupBy === 'node') add(`node:${r.node_id}`, r.name, r.month, r.total, r.count);
      else {
        const tags = parseTagsColumn(r.tags);
        for (const tag of tags.length ? tags : ['(untagged)']) add(`tag:${tag}`, tag, r.month, r.total, r.count);
      }
    }
    return {
      months,
      groupBy,
      series: [...series.values()].map((s) => ({ key: s.key, label: s.label, flux: s.sat.map(satToFlux), count: s.count })),
      fleetFlux: fleetSat.map(satToFlux),
      fleetUsd: fleetUsd.map((usd) => (usd === null ? null : cents(usd))),
    };
  }

  /** The filtered ledger as spreadsheet-safe CSV (oldest first), USD at each day's stored price. */
  csv(filter: LedgerQueryFilter, now: number): { filename: string; csv: string; rows: number } {
    const result = this.rows(filter, 1_000_000);
    const ordered = [...result.rows].reverse();
    const records: PaymentRecord[] = ordered.map((r) => ({
      id: r.id,
      nodeId: r.nodeId,
      height: r.height,
      paidAt: r.paidAt,
      amountSat: BigInt(r.amountSat),
      tier: r.tier,
      source: 'last_paid_height',
    }));
    const names = new Map(ordered.map((r) => [r.nodeId, r.node]));
    const prices = ordered.length ? new FluxPricesRepo(this.db).range(utcDay(ordered[0]!.paidAt), utcDay(ordered.at(-1)!.paidAt)) : new Map<string, number>();
    const scope = filter.nodeId !== undefined ? `-${names.get(filter.nodeId) ?? `node-${filter.nodeId}`}` : filter.tag ? `-${filter.tag}` : filter.owner ? `-${filter.owner}` : '';
    const safeScope = scope.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 60);
    return { filename: `fluxdeck-payments${safeScope}-${utcDay(now)}.csv`, csv: paymentsToCsv(records, names, prices), rows: records.length };
  }
}
