import type { CostFigures, CostsReport } from '../../../src-shared/contract';
import { toCsv, type CsvCell } from '../rewards/csv';

/** Columns of an owner's monthly statement: one row per node, then the owner's total. */
export const STATEMENT_CSV_HEADER = [
  'month', 'owner', 'node', 'provider', 'tier', 'payments', 'income_flux', 'income_usd', 'cost_usd', 'net_usd',
  'missed_payments', 'missed_flux', 'missed_usd', 'uptime_percent',
] as const;

function figureCells(f: CostFigures): CsvCell[] {
  return [
    f.payments, f.incomeFlux.value, f.incomeUsd?.value ?? null, f.costUsd?.value ?? null, f.netUsd?.value ?? null,
    f.missedPayments?.value ?? null, f.missedFlux?.value ?? null, f.missedUsd?.value ?? null, f.uptimePercent?.value ?? null,
  ];
}

/**
 * One owner's month as CSV for an MSP's client: the same figures as the costs view, through the
 * ledger export's formula-safe writer (names are user text). Empty cells are unknown, never 0.
 */
export function ownerStatementCsv(report: CostsReport, owner: string): { csv: string; rows: number } {
  const key = owner.toLowerCase();
  const nodes = report.nodes.filter((n) => (n.owner ?? '').toLowerCase() === key);
  const total = report.owners.find((g) => g.key.toLowerCase() === key);
  const rows: CsvCell[][] = nodes.map((n) => [report.month, n.owner, n.name, n.provider, n.tier, ...figureCells(n)]);
  if (total) rows.push([report.month, total.label, 'TOTAL', null, null, ...figureCells(total)]);
  return { csv: toCsv(STATEMENT_CSV_HEADER, rows), rows: nodes.length };
}

/** `fluxdeck-statement-acme-hosting-2026-11.csv`: owner names may hold spaces and `&`. */
export function statementFilename(owner: string, month: string): string {
  const slug = owner.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'owner';
  return `fluxdeck-statement-${slug}-${month}.csv`;
}
