import { parse } from 'csv-parse/sync';
import { AppError } from '../../errors';
import { emptySource, type ImportSource } from './import-source';

const COLUMNS = ['name', 'host', 'sshPort', 'apiPort', 'username', 'privateKeyPath', 'tags', 'owner', 'provider', 'monthlyCostUsd'] as const;
const NUMERIC = new Set(['sshPort', 'apiPort', 'monthlyCostUsd']);

/** `;` when the header has more of them than commas (spreadsheets in comma-decimal locales). */
function delimiterOf(text: string): string {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/**
 * A spreadsheet export with a header row naming the columns in any order (case-insensitive).
 * Unknown columns are reported and ignored; a row with the wrong number of fields is skipped.
 */
export function csvSource(text: string): ImportSource {
  const source = emptySource('csv');
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new AppError('BAD_INPUT', `CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new AppError('BAD_INPUT', 'CSV: the file is empty');
  const byLower = new Map(COLUMNS.map((c) => [c.toLowerCase(), c]));
  const columns = header.map((cell) => byLower.get(cell.toLowerCase()) ?? null);
  const unknown = header.filter((_, i) => columns[i] === null && header[i] !== '');
  if (unknown.length) source.notes.push(`Unknown column(s) ignored: ${unknown.join(', ')}`);
  for (const needed of ['name', 'host'] as const) {
    if (!columns.includes(needed)) throw new AppError('BAD_INPUT', `CSV: the header has no "${needed}" column`);
  }
  rows.forEach((cells, index) => {
    const line = index + 2;
    const nameCell = cells[columns.indexOf('name')] ?? '';
    const label = nameCell || `row ${line}`;
    if (cells.length !== header.length) {
      source.skip.push({ name: label, reason: `line ${line} has ${cells.length} fields, the header has ${header.length}` });
      return;
    }
    const values: Record<string, unknown> = {};
    const bad: string[] = [];
    columns.forEach((column, i) => {
      if (!column) return;
      const cell = cells[i] ?? '';
      if (column === 'tags') values.tags = cell === '' ? [] : cell.split(/[\s|,]+/).filter(Boolean);
      else if (NUMERIC.has(column) && cell !== '') {
        const number = Number(cell.replace(/^\$/, ''));
        if (Number.isFinite(number)) values[column] = number;
        else bad.push(`${column} "${cell.slice(0, 32)}" is not a number`);
      } else values[column] = cell;
    });
    if (bad.length) source.skip.push({ name: label, reason: bad.join('; ') });
    else source.candidates.push({ label, values });
  });
  return source;
}
