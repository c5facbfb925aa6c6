import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testkit/temp-dir';
import type { Db } from '../store/database';
import { schemaVersion } from '../store/migrate';
import { migration001 } from '../store/migrations/001-initial';
import { migration002 } from '../store/migrations/002-host-keys';
import { migration003 } from '../store/migrations/003-history';
import { migrations } from '../store/migrations';
import { openDatabase } from '../store/database';
import { HistoryRepo } from './history.repo';
import { HistoryWriter } from './history-writer';
import { diffStatus } from './transitions';
import { addNodes, okStatus, openHistoryDb } from '../../testkit/history';
import path from 'node:path';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
let counter = 0;
const freshDb = () => openHistoryDb(temp.dir, `h${++counter}.db`);
const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('migration 003', () => {
  it('applies on top of a database that already has 001–002 and keeps its nodes', () => {
    const file = path.join(temp.dir, 'upgrade.db');
    const old = openDatabase(file, { migrations: [migration001, migration002] });
    addNodes(old, 2);
    old.close();
    const db = openDatabase(file, { migrations: [migration001, migration002, migration003] });
    expect(schemaVersion(db)).toBe(3);
    expect(count(db, 'nodes')).toBe(2);
    for (const t of ['node_status', 'samples', 'samples_hourly', 'samples_daily', 'events', 'history_rollups']) {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").get(t)).toBeTruthy();
    }
    db.close();
  });

  it('removing a node removes its history', () => {
    const db = freshDb();
    const [a, b] = addNodes(db, 2);
    const repo = new HistoryRepo(db);
    repo.record([okStatus(a!, 1000), okStatus(b!, 1000)]);
    repo.record([okStatus(a!, 2000, { health: 'critical' })]);
    expect(count(db, 'events')).toBe(1);
    db.prepare('DELETE FROM nodes WHERE id = ?').run(a);
    expect(count(db, 'samples')).toBe(1);
    expect(count(db, 'node_status')).toBe(1);
    expect(count(db, 'events')).toBe(0);
    db.close();
  });
});

describe('migration 015', () => {
  it('keeps every stored latest status and baseline: a restart shows them and fires no transition again', () => {
    const file = path.join(temp.dir, 'lean-status.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < 15) });
    const [a, b] = addNodes(old, 2);
    // What HistoryRepo stored then (today's repo writes its samples to migration 016's recent level).
    const latest = old.prepare('INSERT INTO node_status (node_id, status_json, health, polled_at, baseline_json) VALUES (?, ?, ?, ?, ?)');
    for (const status of [okStatus(a!, 1000), okStatus(b!, 1000, { health: 'critical' })]) {
      latest.run(status.nodeId, JSON.stringify(status), status.health, 1000, JSON.stringify(diffStatus(undefined, status, 1000).baseline));
    }
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(15);
    const repo = new HistoryRepo(db);
    expect(repo.latestAll().map((s) => [s.nodeId, s.health, s.lastPolledAt])).toEqual([[a, 'ok', 1000], [b, 'critical', 1000]]);
    expect(repo.record([okStatus(a!, 2000), okStatus(b!, 2000, { health: 'critical' })])).toEqual([]);
    expect(repo.record([okStatus(a!, 3000, { health: 'critical' })]).map((e) => e.kind)).toEqual(['health']);
    db.prepare('DELETE FROM nodes WHERE id = ?').run(a);
    expect(count(db, 'node_status')).toBe(1);
    db.close();
  });
});

describe('HistoryRepo.record', () => {
  let db: Db;
  let ids: number[];
  beforeEach(() => {
    db = freshDb();
    ids = addNodes(db, 1000);
  });

  it('refreshes a stored latest status at once on a transition, otherwise every few minutes', () => {
    const repo = new HistoryRepo(db, { latestEveryMs: 300_000 });
    const [id] = ids;
    repo.record([okStatus(id!, 1_000)]);
    repo.record([okStatus(id!, 61_000)]);
    expect(count(db, 'samples')).toBe(2);
    expect(repo.latestAll().find((s) => s.nodeId === id)!.lastPolledAt).toBe(1_000);
    repo.record([okStatus(id!, 301_000)]);
    expect(repo.latestAll().find((s) => s.nodeId === id)!.lastPolledAt).toBe(301_000);
    repo.record([okStatus(id!, 331_000, { health: 'critical', problems: [{ code: 'NODE_EXPIRED', severity: 'critical', message: 'expired' }] })]);
    expect(repo.latestAll().find((s) => s.nodeId === id)).toMatchObject({ health: 'critical', lastPolledAt: 331_000 });
    db.close();
  });

  it('stores every node\'s newest status on shutdown (writeLatest), so a restart starts from it', () => {
    const repo = new HistoryRepo(db, { latestEveryMs: 900_000 });
    const [a, b, gone] = ids;
    repo.record([okStatus(a!, 1_000), okStatus(b!, 1_000), okStatus(gone!, 1_000)]);
    repo.record([okStatus(a!, 61_000), okStatus(a!, 121_000), okStatus(gone!, 61_000)]);
    repo.forget([gone!]);
    expect(repo.latestAll().find((s) => s.nodeId === a)!.lastPolledAt).toBe(1_000);
    repo.writeLatest();
    const again = new HistoryRepo(db);
    const latest = again.latestAll();
    expect(latest.find((s) => s.nodeId === a)!.lastPolledAt).toBe(121_000);
    expect(latest.find((s) => s.nodeId === b)!.lastPolledAt).toBe(1_000);
    // A forgotten (removed) node's status is not written back.
    expect(latest.find((s) => s.nodeId === gone)!.lastPolledAt).toBe(1_000);
    // Its baseline came along: the restarted repo sees no transition for the same health.
    expect(again.record([okStatus(a!, 181_000)])).toEqual([]);
    db.close();
  });

  it('writeLatest skips a node another process removed and keeps the rest', () => {
    const repo = new HistoryRepo(db, { latestEveryMs: 900_000 });
    const [a, b] = ids;
    repo.record([okStatus(a!, 1_000), okStatus(b!, 1_000)]);
    repo.record([okStatus(a!, 61_000), okStatus(b!, 61_000)]);
    db.prepare('DELETE FROM nodes WHERE id = ?').run(a);
    repo.writeLatest();
    expect(new HistoryRepo(db).latestAll().find((s) => s.nodeId === b)!.lastPolledAt).toBe(61_000);
    db.close();
  });

  it('writes 1,000 statuses as samples plus latest status', () => {
    const repo = new HistoryRepo(db);
    repo.record(ids.map((id) => okStatus(id, 5000)));
    expect(count(db, 'samples')).toBe(1000);
    expect(count(db, 'node_status')).toBe(1000);
    const latest = repo.latestAll();
    expect(latest).toHaveLength(1000);
    expect(latest[0]).toMatchObject({ health: 'ok', lastPolledAt: 5000 });
    const sample = db.prepare('SELECT * FROM samples WHERE node_id = ?').get(ids[0]) as Record<string, unknown>;
    expect(sample).toMatchObject({ health: 0, status: 'CONFIRMED', eps: 300, disk_free_pct: 25, mem_used_pct: 75, blocks_behind: 0 });
    db.close();
  });

  it('is all or nothing: one failing row rolls back the whole batch of 1,000', () => {
    const repo = new HistoryRepo(db);
    repo.record(ids.slice(0, 10).map((id) => okStatus(id, 1000)));
    const poisoned = ids[700]!;
    db.exec(`CREATE TRIGGER poison BEFORE INSERT ON samples_recent WHEN NEW.node_id = ${poisoned} BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const batch = ids.map((id) => okStatus(id, 2000, { health: 'critical' }));
    expect(() => repo.record(batch)).toThrow(/disk full/);
    expect(count(db, 'samples')).toBe(10);
    expect(count(db, 'node_status')).toBe(10);
    expect(count(db, 'events')).toBe(0);
    db.exec('DROP TRIGGER poison');
    // The failed batch did not move the baselines: retrying it logs the transitions exactly once.
    expect(repo.record(batch.slice(0, 10)).map((e) => e.kind)).toEqual(Array(10).fill('health'));
    db.close();
  });

  it('skips statuses of nodes removed while their poll was in flight', () => {
    const repo = new HistoryRepo(db);
    repo.record([okStatus(ids[0]!, 1000), okStatus(999_999, 1000)]);
    expect(count(db, 'samples')).toBe(1);
    db.close();
  });

  it('keeps writing the rest of a batch when another process removed one of its nodes', () => {
    const repo = new HistoryRepo(db);
    repo.record([okStatus(ids[0]!, 1000), okStatus(ids[1]!, 1000)]);
    db.prepare('DELETE FROM nodes WHERE id = ?').run(ids[1]!); // the CLI, not this process: no forget()
    expect(() => repo.record([okStatus(ids[0]!, 2000), okStatus(ids[1]!, 2000)])).not.toThrow();
    expect(count(db, 'samples')).toBe(2);
    db.close();
  });

  it('HistoryWriter batches pushes into one record() per flush and reports a failed batch', () => {
    const batches: number[] = [];
    const fake = { record: (s: readonly unknown[]) => { batches.push(s.length); if (s.length === 3) throw new Error('x'); return []; } };
    const errors: number[] = [];
    const timers: (() => void)[] = [];
    const writer = new HistoryWriter(fake, {
      maxRows: 3,
      onError: (_e, n) => errors.push(n),
      clock: { now: () => 0, setTimeout: (fn) => timers.push(fn), clearTimeout: () => undefined },
    });
    writer.push(okStatus(1, 1));
    writer.push(okStatus(2, 1));
    expect(batches).toEqual([]);
    writer.push(okStatus(3, 1));
    expect(batches).toEqual([3]);
    expect(errors).toEqual([3]);
    writer.push(okStatus(4, 1));
    timers.at(-1)!();
    expect(batches).toEqual([3, 1]);
    db.close();
  });

  it('HistoryWriter keeps a batch the disk refused (read-only data dir), says so once, and writes it when it can', () => {
    let readOnly = true;
    const written: number[] = [];
    const fake = {
      record: (s: readonly { nodeId: number }[]) => {
        if (readOnly) throw Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
        written.push(...s.map((x) => x.nodeId));
        return [];
      },
    };
    const timers: (() => void)[] = [];
    const storage: unknown[] = [];
    const writer = new HistoryWriter(fake, {
      maxRows: 2,
      onError: () => { throw new Error('a storage failure is not a dropped batch'); },
      onStorage: (status) => storage.push(status),
      clock: { now: () => 7, setTimeout: (fn) => timers.push(fn), clearTimeout: () => undefined },
    });
    writer.push(okStatus(1, 1));
    writer.push(okStatus(2, 1));
    writer.push(okStatus(3, 1));
    writer.push(okStatus(4, 1));
    timers.at(-1)!();
    expect(storage).toEqual([{ saving: false, reason: 'history is not being saved: the data directory is read-only', since: 7, pending: 2 }]);
    expect(writer.status().pending).toBe(4);
    readOnly = false;
    timers.at(-1)!();
    expect(written).toEqual([1, 2, 3, 4]);
    expect(storage.at(-1)).toEqual({ saving: true, pending: 0 });
    expect(storage).toHaveLength(2);
    db.close();
  });
});

describe('transition events', () => {
  it('logs health, fluxnode status, bench status and problems once per change; payments are the ledger\'s', () => {
    const db = freshDb();
    const [id] = addNodes(db, 1) as [number];
    const repo = new HistoryRepo(db);
    expect(repo.record([okStatus(id, 1000)])).toEqual([]); // first poll: a baseline, nothing to transition from
    expect(repo.record([okStatus(id, 2000)])).toEqual([]);
    const problem = { code: 'BENCH_FAILED', severity: 'critical' as const, message: 'Benchmark failed' };
    const bad = okStatus(id, 3000, {
      health: 'critical',
      problems: [problem],
      fluxnode: { ...okStatus(id, 0).fluxnode!, status: 'DOS' },
      benchmark: { ...okStatus(id, 0).benchmark!, status: 'failed' },
    });
    const events = repo.record([bad]);
    expect(events.map((e) => [e.kind, e.severity])).toEqual([
      ['health', 'critical'],
      ['fluxnode-status', 'critical'],
      ['bench-status', 'warning'],
      ['problem', 'critical'],
    ]);
    expect(repo.record([{ ...bad, lastPolledAt: 4000 }])).toEqual([]);
    const recovered = repo.record([okStatus(id, 5000, { fluxnode: { ...okStatus(id, 0).fluxnode!, lastPaidHeight: 60 } })]);
    // A rising last_paid_height is logged once, by the rewards ledger (payment_received), not here too.
    expect(recovered.map((e) => e.kind)).toEqual(['health', 'fluxnode-status', 'bench-status', 'problem-cleared']);
    expect(repo.events(id, 100)).toHaveLength(8);
    expect(repo.events(id, 100)[0]!.at).toBe(5000);
    expect(repo.fleetEvents(5000, 100)).toHaveLength(4);
    db.close();
  });

  it('an outage does not clear problems it could not see, nor forget the fluxnode status', () => {
    const db = freshDb();
    const [id] = addNodes(db, 1) as [number];
    const repo = new HistoryRepo(db);
    const disk = { code: 'DISK_LOW', severity: 'warning' as const, message: 'Disk almost full' };
    repo.record([okStatus(id, 1000, { health: 'warning', problems: [disk] })]);
    const down = okStatus(id, 2000, {
      health: 'unreachable', fluxnode: null, benchmark: null, daemon: null, system: null,
      problems: [{ code: 'POLL_TIMEOUT', severity: 'critical', message: 'No answer' }],
    });
    expect(repo.record([down]).map((e) => e.kind)).toEqual(['health', 'problem']);
    const back = repo.record([okStatus(id, 3000, { health: 'warning', problems: [disk] })]);
    expect(back.map((e) => [e.kind, e.message])).toEqual([
      ['health', 'Health unreachable → warning'],
      ['problem-cleared', 'Resolved: poll timed out'],
    ]);
    db.close();
  });

  it('a restart does not re-emit transitions already logged', () => {
    const file = `restart-${++counter}.db`;
    let db = openHistoryDb(temp.dir, file);
    const [id] = addNodes(db, 1) as [number];
    new HistoryRepo(db).record([okStatus(id, 1000), okStatus(id, 2000, { health: 'warning' })]);
    db.close();
    db = openHistoryDb(temp.dir, file);
    const repo = new HistoryRepo(db);
    expect(repo.record([okStatus(id, 3000, { health: 'warning' })])).toEqual([]);
    expect(repo.record([okStatus(id, 4000)]).map((e) => e.kind)).toEqual(['health']);
    expect(count(db, 'events')).toBe(2);
    db.close();
  });

  it('records external events (host key change) and ignores unknown nodes', () => {
    const db = freshDb();
    const [id] = addNodes(db, 1) as [number];
    const seen: string[] = [];
    const repo = new HistoryRepo(db, { onEvents: (events) => seen.push(...events.map((e) => e.kind)) });
    expect(repo.recordEvent(id, { kind: 'host-key', severity: 'critical', message: 'Host key changed', at: 10, data: { fp: 'SHA256:x' } })).toMatchObject({ nodeId: id, kind: 'host-key' });
    expect(repo.recordEvent(424242, { kind: 'host-key', severity: 'critical', message: 'x' })).toBeUndefined();
    expect(seen).toEqual(['host-key']);
    db.close();
  });

  it('treats hostile problem codes as plain data, across a restart', () => {
    const file = `hostile-${++counter}.db`;
    let db = openHistoryDb(temp.dir, file);
    const [id] = addNodes(db, 1) as [number];
    const weird = [
      { code: '__proto__', severity: 'warning' as const, message: '\u001b[31mred' },
      { code: 'constructor', severity: 'critical' as const, message: 'x'.repeat(5000) },
    ];
    new HistoryRepo(db).record([okStatus(id, 1000)]);
    const events = new HistoryRepo(db).record([okStatus(id, 2000, { health: 'warning', problems: weird })]);
    expect(events.map((e) => e.kind)).toEqual(['health', 'problem', 'problem']);
    expect(events[2]!.message).toHaveLength(1000);
    expect(({} as Record<string, unknown>).severity).toBeUndefined();
    db.close();
    db = openHistoryDb(temp.dir, file);
    const repo = new HistoryRepo(db);
    expect(repo.record([okStatus(id, 3000, { health: 'warning', problems: weird })])).toEqual([]);
    expect(repo.record([okStatus(id, 4000)]).map((e) => e.kind)).toEqual(['health', 'problem-cleared', 'problem-cleared']);
    db.close();
  });

  it('latestAll lists never-polled nodes as unknown and tolerates a corrupt stored status', () => {
    const db = freshDb();
    const [a, b] = addNodes(db, 2) as [number, number];
    const repo = new HistoryRepo(db);
    repo.record([okStatus(a, 1000)]);
    db.prepare("UPDATE node_status SET status_json = '{\"__proto__\": {\"x\": 1}}' WHERE node_id = ?").run(a);
    const latest = repo.latestAll();
    expect(latest.map((s) => [s.nodeId, s.health])).toEqual([[a, 'unknown'], [b, 'unknown']]);
    db.close();
  });
});
