import type Database from 'better-sqlite3';
import { AppError } from '../errors';

/**
 * One forward-only schema step. Versions are increasing integers starting at 1; a number may be
 * reserved for a feature still on its branch, so a gap is allowed (never a repeat or a step back).
 */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

/** Highest schema version recorded in the database (0 for a new file). */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration newer than the database, each in its own IMMEDIATE transaction so a
 * concurrent writer fails early instead of half-applying, and records it in `schema_migrations`.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  assertIncreasing(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new AppError(
      'UNAVAILABLE',
      `This database has schema version ${current}, written by a newer FluxDeck (this one knows up to ${latest}). ` +
        'Update FluxDeck, or point it at another data directory.',
    );
  }
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      record.run(migration.version, migration.name, Date.now());
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}

function assertIncreasing(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : migrations[index - 1]!.version;
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`Migration ${migration.name} has version ${migration.version}, expected more than ${previous}`);
    }
  });
}
