import { z } from 'zod';
import type { Db } from '../store/database';
import type { CollateralVerdict } from './verdict';
import { parseFluxAmount } from '../chain/amount';

/** The newest stored check of one node (table `collateral_checks`, migration 004). */
export interface StoredCheck {
  nodeId: number;
  checkedAt: number;
  txid: string;
  vout: number;
  unspent: boolean | null;
  problemCodes: string[];
}

const rowSchema = z.object({
  node_id: z.number().int(),
  checked_at: z.number().int(),
  txid: z.string(),
  vout: z.number().int(),
  unspent: z.number().int().nullable(),
  problems: z.string(),
});

const problemsSchema = z.array(z.object({ code: z.string(), message: z.string() }));

/** Collateral check results; a row is written when a node's verdict changes, not on every poll. */
export class CollateralChecksRepo {
  constructor(private readonly db: Db) {}

  insert(nodeId: number, checkedAt: number, verdict: CollateralVerdict, extraProblems: { code: string; message: string }[] = []): void {
    const amount = verdict.amountFlux === null ? null : parseFluxAmount(verdict.amountFlux);
    this.db
      .prepare(
        `INSERT INTO collateral_checks (node_id, checked_at, txid, vout, amount_sat, implied_tier, reported_tier, mismatch, confirmations, unspent, problems)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        nodeId,
        checkedAt,
        verdict.outpoint.txid,
        verdict.outpoint.n,
        amount === null ? null : amount,
        verdict.impliedTier,
        verdict.reportedTier,
        verdict.mismatch ? 1 : 0,
        verdict.confirmations,
        verdict.unspent === null ? null : verdict.unspent ? 1 : 0,
        JSON.stringify([...verdict.problems, ...extraProblems]),
      );
  }

  /** The newest check per node. */
  latest(): StoredCheck[] {
    const rows = this.db
      .prepare(
        `SELECT c.node_id, c.checked_at, c.txid, c.vout, c.unspent, c.problems FROM collateral_checks c
         JOIN (SELECT node_id, MAX(id) AS id FROM collateral_checks GROUP BY node_id) newest ON newest.id = c.id`,
      )
      .all();
    return rows.flatMap((raw) => {
      const r = rowSchema.safeParse(raw);
      if (!r.success) return [];
      let codes: string[] = [];
      try {
        const parsed = problemsSchema.safeParse(JSON.parse(r.data.problems));
        codes = parsed.success ? parsed.data.map((p) => p.code) : [];
      } catch {
        codes = [];
      }
      return [{
        nodeId: r.data.node_id,
        checkedAt: r.data.checked_at,
        txid: r.data.txid,
        vout: r.data.vout,
        unspent: r.data.unspent === null ? null : r.data.unspent === 1,
        problemCodes: codes,
      }];
    });
  }
}
