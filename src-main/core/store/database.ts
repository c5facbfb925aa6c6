import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors';
import { migrate, type Migration } from './migrate';
import { migrations as allMigrations } from './migrations';
import { ensurePrivateDir, ensurePrivateFile, tightenDatabaseFiles } from './private-files';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Defaults to every migration the app knows; tests pass a prefix to build an older schema. */
  migrations?: readonly Migration[];
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the FluxDeck database and brings its schema up to date.
 * Refuses a database written by a newer FluxDeck instead of guessing at its schema.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  // 0700 dir, 0600 database before SQLite first writes to it (see private-files.ts).
  if (file !== ':memory:') {
    ensurePrivateDir(path.dirname(file));
    if (!options.readonly) ensurePrivateFile(file);
  }
  // timeout is SQLite's busy_timeout: wait for another writer (the CLI next to the app) instead of
  // failing at once with SQLITE_BUSY.
  const db = new Database(file, { timeout: 5000, readonly: options.readonly ?? false });
  try {
    // WAL lets the UI read history while the poller writes, and survives app crashes intact.
    db.pragma('journal_mode = WAL');
    // NORMAL syncs at checkpoints, not every commit: an OS crash may lose the last seconds of
    // samples, never consistency. That trade is right for poll history written many times a minute.
    db.pragma('synchronous = NORMAL');
    // SQLite leaves foreign keys off by default; without them removing a node would orphan history.
    db.pragma('foreign_keys = ON');
    // Cap the WAL file left behind after checkpoints so a busy fleet does not grow it without bound.
    db.pragma('journal_size_limit = 67108864');
    // A fleet's samples land on one B-tree page per node per poll round: a 16 MB page cache keeps the
    // pages of a few thousand nodes hot. Those same pages are rewritten every round, so a checkpoint
    // copies each back once however many rounds the WAL holds: checkpointing at 16,000 WAL pages
    // (64 MB, the journal_size_limit) instead of SQLite's 1,000 writes a hot page back (and fsyncs)
    // once per several rounds of 5,000 nodes instead of about once per round.
    db.pragma('cache_size = -16384');
    db.pragma('wal_autocheckpoint = 16000');
    if (!options.readonly) migrate(db, options.migrations ?? allMigrations);
    // SQLite gives -wal and -shm the main file's mode, but ones left by an older FluxDeck keep theirs.
    if (file !== ':memory:') tightenDatabaseFiles(file);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw new AppError('UNAVAILABLE', `Cannot open the database at ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
