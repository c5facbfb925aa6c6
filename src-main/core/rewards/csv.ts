import type { PaymentRecord } from './payments.repo';
import { utcDay } from './prices.repo';
import { formatFlux } from '../chain/subsidy';

/**
 * CSV writing (RFC 4180) that is safe to open in spreadsheets: cells that a spreadsheet would run as a
 * formula (starting with = + - @ tab or CR) get a leading apostrophe (OWASP "CSV injection" advice).
 * Numbers we produce ourselves are written as plain numerals, not text, so they stay numbers.
 */

export type CsvCell = string | number | bigint | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: neutralises formula triggers in text, quotes per RFC 4180. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    // Our own numbers are never formulas; a negative number stays a number. NaN/Infinity become empty.
    return Number.isFinite(value) ? String(value) : '';
  }
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Whole document: header plus rows, CRLF line endings as RFC 4180 specifies. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Columns of the payments export. */
export const PAYMENTS_CSV_HEADER = ['date_utc', 'paid_at_iso', 'node', 'tier', 'height', 'amount_flux', 'amount_sat', 'usd_price', 'amount_usd', 'source'] as const;

/**
 * Payments as CSV. `nodeNames` maps node ids to user-chosen names (untrusted text, hence the escaping);
 * `pricesByDay` (YYYY-MM-DD -> USD) fills the USD columns when known.
 */
export function paymentsToCsv(
  payments: readonly PaymentRecord[],
  nodeNames: ReadonlyMap<number, string>,
  pricesByDay: ReadonlyMap<string, number> = new Map(),
): string {
  const rows = payments.map((p) => {
    const day = utcDay(p.paidAt);
    const price = pricesByDay.get(day);
    const flux = formatFlux(p.amountSat);
    // USD is a report figure (float is fine here); rounded to cents.
    const usd = price === undefined ? null : Math.round(Number(flux) * price * 100) / 100;
    return [day, new Date(p.paidAt).toISOString(), nodeNames.get(p.nodeId) ?? `#${p.nodeId}`, p.tier, p.height, flux, p.amountSat, price ?? null, usd, p.source];
  });
  return toCsv(PAYMENTS_CSV_HEADER, rows);
}
