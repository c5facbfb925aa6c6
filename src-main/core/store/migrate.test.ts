import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testkit/temp-dir';
import { openDatabase } from './database';
import { schemaVersion } from './migrate';
import { migrations } from './migrations';

describe('openDatabase and migrations', () => {
  const temp = makeTempDir();
  const file = (name: string) => path.join(temp.dir, name);
  afterEach(() => undefined);

  it('applies every migration to an empty database and records each one', () => {
    const db = openDatabase(file('fresh.db'));
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    db.close();
  });

  it('upgrades a database written by the previous schema without losing its nodes', () => {
    const older = openDatabase(file('older.db'), { migrations: migrations.slice(0, -1) });
    older.prepare("INSERT INTO nodes (name, host, created_at, updated_at) VALUES ('kept', '10.0.0.1', 1, 1)").run();
    older.close();
    const db = openDatabase(file('older.db'));
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(db.prepare('SELECT name FROM nodes').all()).toEqual([{ name: 'kept' }]);
    db.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    openDatabase(file('twice.db')).close();
    const db = openDatabase(file('twice.db'));
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length });
    db.close();
  });

  it('refuses a database from a newer FluxDeck with a clear message', () => {
    const raw = new Database(file('newer.db'));
    raw.pragma(`user_version = ${migrations.at(-1)!.version + 5}`);
    raw.close();
    expect(() => openDatabase(file('newer.db'))).toThrow(/written by a newer FluxDeck/);
  });

  it('rolls back a failing migration whole', () => {
    const broken = [...migrations, { version: migrations.at(-1)!.version + 1, name: 'broken', up: (db: Database.Database) => {
      db.exec('CREATE TABLE half_done (x INTEGER)');
      throw new Error('boom');
    } }];
    expect(() => openDatabase(file('broken.db'), { migrations: broken })).toThrow(/boom/);
    const db = openDatabase(file('broken.db'));
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
    temp.cleanup();
  });
});
