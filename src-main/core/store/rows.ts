/** `first_seen` → `firstSeen`, as a type. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** A row with its snake_case SQL column names turned into the camelCase names of the domain types. */
export type Camelized<Row> = { [K in keyof Row as K extends string ? CamelCase<K> : K]: Row[K] };

/**
 * The one row mapper the repos share: SQLite columns are snake_case, our types camelCase. Values
 * pass through untouched; a repo converts the few that need it (JSON text, 0/1 flags) itself.
 */
export function camelized<Row extends object>(row: Row): Camelized<Row> {
  const out: Record<string, unknown> = {};
  for (const key in row) out[camelName(key)] = row[key];
  return out as Camelized<Row>;
}

// A repo's columns are a few dozen names: each is converted once, not once per row (a 5,000-node
// list converted 85,000 names with a regex on every `fleet:status`).
const camelNames = new Map<string, string>();

function camelName(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    camelNames.set(column, name);
  }
  return name;
}
