import type Database from 'better-sqlite3';
import { z } from 'zod';
import { TIERS } from '../chain/chain-params';
import type { PaymentRow } from './ledger';

/** A stored payment. */
export interface PaymentRecord extends PaymentRow {
  id: number;
}

export interface PaymentFilter {
  nodeId?: number;
  /** Inclusive lower bound on paid_at (ms). */
  fromMs?: number;
  /** Exclusive upper bound on paid_at (ms). */
  toMs?: number;
  /** Newest first; default 10,000. */
  limit?: number;
}

/** Sum of payments in one UTC calendar month, for one node or (nodeId null) the whole fleet. */
export interface MonthlyTotal {
  /** 'YYYY-MM' (UTC). */
  month: string;
  nodeId: number | null;
  count: number;
  totalSat: bigint;
}

const paymentRowSchema = z.object({
  nodeId: z.number().int().positive(),
  height: z.number().int().positive().max(2 ** 31 - 1),
  paidAt: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  amountSat: z.bigint().nonnegative().max(BigInt(Number.MAX_SAFE_INTEGER)),
  tier: z.enum(TIERS),
  source: z.literal('last_paid_height'),
});

const storedSchema = z.object({
  id: z.bigint(),
  node_id: z.bigint(),
  height: z.bigint(),
  paid_at: z.bigint(),
  amount_sat: z.bigint(),
  tier: z.enum(TIERS),
  source: z.literal('last_paid_height'),
});

const monthSchema = z.object({ month: z.string(), node_id: z.bigint().nullable(), count: z.bigint(), total: z.bigint() });

/** Thrown when a payment row is malformed (never written). */
export class PaymentRowError extends Error {
  override name = 'PaymentRowError';
}

/** Payments ledger on the app database (tables from migration 004). */
export class PaymentsRepo {
  private readonly insertStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO payments (node_id, height, paid_at, amount_sat, tier, source)
       VALUES (@nodeId, @height, @paidAt, @amountSat, @tier, @source)
       ON CONFLICT (node_id, height) DO NOTHING`,
    );
  }

  /** Every node's payments so far: how many and their total in satoshis (the ledger keeps them until the node is removed). */
  totalsByNode(): Map<number, { count: number; sat: bigint }> {
    const rows = this.db.prepare('SELECT node_id AS nodeId, count(*) AS count, sum(amount_sat) AS sat FROM payments GROUP BY node_id').safeIntegers(true).all() as { nodeId: bigint; count: bigint; sat: bigint }[];
    return new Map(rows.map((r) => [Number(r.nodeId), { count: Number(r.count), sat: r.sat }]));
  }

  /** Inserts rows, silently skipping ones already stored (same node and height). Returns how many were new. */
  insert(rows: readonly PaymentRow[]): number {
    const valid = rows.map((row) => {
      const parsed = paymentRowSchema.safeParse(row);
      if (!parsed.success) throw new PaymentRowError(`invalid payment row: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
      return parsed.data;
    });
    return this.db.transaction(() => valid.reduce((n, row) => n + this.insertStmt.run(row).changes, 0))();
  }

  /** Payments matching the filter, newest first. */
  list(filter: PaymentFilter = {}): PaymentRecord[] {
    const { where, params } = whereClause(filter);
    const limit = Math.max(1, Math.min(filter.limit ?? 10_000, 1_000_000));
    const stmt = this.db
      .prepare(`SELECT id, node_id, height, paid_at, amount_sat, tier, source FROM payments ${where} ORDER BY paid_at DESC, id DESC LIMIT ${limit}`)
      .safeIntegers(true);
    return stmt.all(params).map((raw) => {
      const r = storedSchema.parse(raw);
      return {
        id: Number(r.id),
        nodeId: Number(r.node_id),
        height: Number(r.height),
        paidAt: Number(r.paid_at),
        amountSat: r.amount_sat,
        tier: r.tier,
        source: r.source,
      };
    });
  }

  /** Monthly totals per node (UTC months), oldest first. */
  monthlyTotalsByNode(filter: PaymentFilter = {}): MonthlyTotal[] {
    return this.monthly(filter, true);
  }

  /** Monthly totals for the whole fleet (or the filtered node), oldest first. */
  monthlyTotalsFleet(filter: PaymentFilter = {}): MonthlyTotal[] {
    return this.monthly(filter, false);
  }

  private monthly(filter: PaymentFilter, perNode: boolean): MonthlyTotal[] {
    const { where, params } = whereClause(filter);
    const month = `strftime('%Y-%m', paid_at / 1000, 'unixepoch')`;
    const sql = perNode
      ? `SELECT ${month} AS month, node_id, COUNT(*) AS count, SUM(amount_sat) AS total FROM payments ${where} GROUP BY month, node_id ORDER BY month, node_id`
      : `SELECT ${month} AS month, NULL AS node_id, COUNT(*) AS count, SUM(amount_sat) AS total FROM payments ${where} GROUP BY month ORDER BY month`;
    return this.db
      .prepare(sql)
      .safeIntegers(true)
      .all(params)
      .map((raw) => {
        const r = monthSchema.parse(raw);
        return { month: r.month, nodeId: r.node_id === null ? null : Number(r.node_id), count: Number(r.count), totalSat: r.total };
      });
  }
}

/**
 * The node and time conditions of every read of payments, as SQL conditions (to be joined with
 * AND) and their named parameters; `alias` is how the query names the payments table (`p.`), if at all.
 */
export function paymentConditions(filter: Pick<PaymentFilter, 'nodeId' | 'fromMs' | 'toMs'>, alias = ''): { parts: string[]; params: Record<string, number> } {
  const parts: string[] = [];
  const params: Record<string, number> = {};
  if (filter.nodeId !== undefined) {
    parts.push(`${alias}node_id = @nodeId`);
    params.nodeId = filter.nodeId;
  }
  if (filter.fromMs !== undefined) {
    parts.push(`${alias}paid_at >= @fromMs`);
    params.fromMs = filter.fromMs;
  }
  if (filter.toMs !== undefined) {
    parts.push(`${alias}paid_at < @toMs`);
    params.toMs = filter.toMs;
  }
  return { parts, params };
}

function whereClause(filter: PaymentFilter): { where: string; params: Record<string, number> } {
  const { parts, params } = paymentConditions(filter);
  for (const value of Object.values(params)) {
    if (!Number.isSafeInteger(value)) throw new PaymentRowError('payment filter values must be integers');
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
