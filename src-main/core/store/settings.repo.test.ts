import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';
import { SettingsRepo } from './settings.repo';

let dir: string;
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(file: string): Db {
  const db = openDatabase(file);
  open.push(db);
  return db;
}

describe('settings read on every poll', () => {
  it('see a value another process wrote, and their own writes, never a stale copy', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fluxdeck-settings-'));
    const file = path.join(dir, 'fluxdeck.db');
    const app = new SettingsRepo(connect(file));
    const cli = new SettingsRepo(connect(file));

    expect(app.get('publicApi')).toBeUndefined();
    cli.set('publicApi', 'https://api.runonflux.io');
    expect(app.get('publicApi')).toBe('https://api.runonflux.io');

    const source = { kind: 'url', url: 'https://example.test/price' };
    app.set('priceSource', source);
    source.url = 'changed after saving';
    expect(app.get('priceSource')).toEqual({ kind: 'url', url: 'https://example.test/price' });
    expect(cli.get('priceSource')).toEqual({ kind: 'url', url: 'https://example.test/price' });

    cli.set('publicApi', 'https://other.test');
    expect(app.get('publicApi')).toBe('https://other.test');
  });
});

describe('a kept setting', () => {
  it('cannot be changed in place by one caller behind the others’ backs', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fluxdeck-settings-'));
    const repo = new SettingsRepo(connect(path.join(dir, 'fluxdeck.db')));
    repo.set('alerts', { quietHours: { from: 22, to: 7 } });
    const read = repo.get('alerts') as { quietHours: { from: number } };
    expect(() => {
      read.quietHours.from = 0;
    }).toThrow(TypeError);
    expect(repo.get('alerts')).toEqual({ quietHours: { from: 22, to: 7 } });
  });
});
