/**
 * SQLite errors that mean "the disk will not take writes right now", as opposed to a bug in our
 * SQL: the database is fine and stays readable, so FluxDeck keeps polling from memory and tries
 * again later. better-sqlite3 reports SQLite's extended result code name in `error.code`.
 */

const REASONS: ReadonlyArray<[RegExp, string]> = [
  [/^SQLITE_FULL$/, 'disk full'],
  [/^SQLITE_READONLY/, 'the data directory is read-only'],
  [/^SQLITE_IOERR/, 'disk I/O error'],
  [/^SQLITE_CANTOPEN$/, 'the database file cannot be opened'],
];

/** The user-facing reason when `error` is a storage failure, else undefined. */
export function storageFailureReason(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  for (const [pattern, reason] of REASONS) if (pattern.test(code)) return reason;
  return undefined;
}
