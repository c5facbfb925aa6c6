import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';
import { SAMPLE_COLUMNS } from './metrics';

/** Where sample rows are written: the recent level, or the `samples` view, which puts a late row where its time belongs (sample-levels.ts). */
export type SampleTable = 'samples_recent' | 'samples';

const ROWS_PER_STATEMENT = 64;

/**
 * INSERT OR REPLACE of sample rows given as one flat array of positional values in SAMPLE_COLUMNS
 * order. Positional parameters (binding a dozen values by name costs an object per row), and one
 * statement per 64 rows: stepping a statement per row was most of the ingest's CPU after the B-tree
 * work itself.
 */
export class SampleInserts {
  /** By table and row count (at most ROWS_PER_STATEMENT, usually that or a batch's tail). */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  write(table: SampleTable, values: readonly (number | string | null)[]): void {
    const perRow = SAMPLE_COLUMNS.length;
    const rows = values.length / perRow;
    for (let done = 0; done < rows; done += ROWS_PER_STATEMENT) {
      const n = Math.min(ROWS_PER_STATEMENT, rows - done);
      this.statement(table, n).run(...(n === rows ? values : values.slice(done * perRow, (done + n) * perRow)));
    }
  }

  private statement(table: SampleTable, rows: number): Statement {
    const key = `${table}:${rows}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      const one = `(${new Array<string>(SAMPLE_COLUMNS.length).fill('?').join(', ')})`;
      stmt = this.db.prepare(`INSERT OR REPLACE INTO ${table} (${SAMPLE_COLUMNS.join(', ')}) VALUES ${new Array<string>(rows).fill(one).join(', ')}`);
      this.statements.set(key, stmt);
    }
    return stmt;
  }
}
