import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testkit/temp-dir';
import { databasePath } from '../paths';
import { openDatabase } from './database';
import { writePrivateFile } from './private-files';

const modeOf = (file: string): number => statSync(file).mode & 0o777;
const posix = process.platform !== 'win32';

describe.runIf(posix)('data dir and database permissions', () => {
  let temp = makeTempDir('fluxdeck-modes-');
  afterEach(() => {
    temp.cleanup();
    temp = makeTempDir('fluxdeck-modes-');
  });
  afterAll(() => temp.cleanup());
  const previousUmask = process.umask(0o022);
  afterEach(() => process.umask(previousUmask));

  it('creates the data dir 0700 and the database, WAL and SHM 0600 under a permissive umask', () => {
    const dataDir = path.join(temp.dir, 'fresh', 'FluxDeck');
    const file = databasePath(dataDir);
    const db = openDatabase(file);
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('probe', '1', 0)").run();
    expect(modeOf(dataDir)).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect({ f: path.basename(f), mode: modeOf(f) }).toEqual({ f: path.basename(f), mode: 0o600 });
    db.close();
  });

  it('tightens a world-readable data dir and database left by an older FluxDeck on open', () => {
    const dataDir = path.join(temp.dir, 'old');
    const file = databasePath(dataDir);
    openDatabase(file).close();
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o755);
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o644);
    const db = openDatabase(file);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    db.close();
  });

  it('writes exported files 0600, also over an existing 0644 file', () => {
    const out = path.join(temp.dir, 'ledger.csv');
    writeFileSync(out, 'old');
    chmodSync(out, 0o644);
    writePrivateFile(out, 'a,b\n');
    expect(modeOf(out)).toBe(0o600);
  });
});
