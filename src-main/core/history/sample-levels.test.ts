import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addNodes, okStatus, openHistoryDb } from '../../testkit/history';
import { makeTempDir } from '../../testkit/temp-dir';
import { earningPolls } from '../costs/uptime';
import { openDatabase, type Db } from '../store/database';
import { migrations } from '../store/migrations';
import { queryFleetHealth } from './fleet-health';
import { HistoryMaintenance } from './history-maintenance';
import { HistoryRepo } from './history.repo';
import { prune } from './retention';
import { HOUR_MS, rollUp } from './rollup';
import { moveRecentSteps, rawSamplesOfNodes, rawSamplesWhere, samplesSplitAt } from './sample-levels';
import { runSteps } from './steps';
import { queryUptime } from './uptime';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
let counter = 0;
const freshDb = () => openHistoryDb(temp.dir, `levels${++counter}.db`);
const T0 = Date.UTC(2025, 0, 1);
const MIN = 60_000;
const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const rows = (db: Db) => db.prepare('SELECT * FROM samples ORDER BY node_id, at').all();
/** Rows in the levels a move carries samples to (node-clustered, or per move period). */
const moved = (db: Db) => count(db, 'samples_by_node') + count(db, 'samples_by_period');

/** Three hours of polls of three nodes every 5 minutes, node 1 unreachable for part of hour 1. */
function seed(db: Db): number[] {
  const ids = addNodes(db, 3);
  const repo = new HistoryRepo(db);
  const batch = [];
  for (let i = 0; i < 36; i++) {
    for (const id of ids) {
      const down = id === ids[0] && i >= 14 && i < 20;
      batch.push(okStatus(id, T0 + i * 5 * MIN, { health: down ? 'unreachable' : 'ok', benchmark: { ...okStatus(id, 0).benchmark!, eps: 100 + i } }));
    }
  }
  repo.record(batch);
  return ids;
}

/** Everything the readers answer, with the roll-ups first computed from whatever level holds the rows. */
function readAll(db: Db, ids: number[]) {
  const now = T0 + 3 * HOUR_MS - 10 * MIN;
  rollUp(db, now);
  return {
    hourly: db.prepare('SELECT * FROM samples_hourly ORDER BY node_id, bucket_start').all(),
    raw: querySeries(db, ids[0]!, T0, T0 + 3 * HOUR_MS),
    uptime: queryUptime(db, ids, now, 4),
    fleet: queryFleetHealth(db, T0, T0 + 3 * HOUR_MS),
    earning: [...earningPolls(db, T0, T0 + 3 * HOUR_MS)],
  };
}

function querySeries(db: Db, id: number, from: number, to: number) {
  return new HistoryRepo(db).series(id, 'eps', from, to);
}

describe('two levels of raw samples', () => {
  it('readers answer the same whether rows are recent, moved, or split across both levels', () => {
    const answers = [undefined, T0 + 100 * MIN, T0 + 4 * HOUR_MS].map((moveAt) => {
      const db = freshDb();
      const ids = seed(db);
      if (moveAt !== undefined) runSteps(moveRecentSteps(db, moveAt, { marginMs: 0 }));
      const levels = { moved: moved(db), recent: count(db, 'samples_recent') };
      const answer = readAll(db, ids);
      db.close();
      return { levels, answer };
    });
    expect(answers.map((a) => a.levels)).toEqual([
      { moved: 0, recent: 108 },
      { moved: 60, recent: 48 },
      { moved: 108, recent: 0 },
    ]);
    const [recent, split, whole] = answers.map((a) => a.answer);
    expect(recent!.hourly).toHaveLength(6);
    expect(recent!.raw.t).toHaveLength(36);
    expect(recent!.uptime[0]!.uptimePct).toBeCloseTo((100 * 30) / 36);
    expect(split).toEqual(recent);
    expect(whole).toEqual(recent);
  });

  it('moves by copying first, then advancing the split, then deleting in time order: cut short anywhere, every row is read once and the next move finishes', () => {
    const levels = (db: Db) => ({ moved: moved(db), recent: count(db, 'samples_recent') });
    const first = freshDb();
    seed(first);
    const before = rows(first);
    // A whole move, step by step: copies appear (unread), then the recent level empties.
    const seen: { moved: number; recent: number }[] = [];
    const whole = moveRecentSteps(first, T0 + 4 * HOUR_MS, { marginMs: 0, rowsPerStep: 10 });
    let steps = 0;
    for (let step = whole.next(); !step.done; step = whole.next(), steps++) {
      expect(rows(first)).toEqual(before);
      seen.push(levels(first));
    }
    expect(seen.some((l) => l.moved > 0 && l.moved < 108 && l.recent === 108)).toBe(true); // copying
    expect(seen.some((l) => l.moved === 108 && l.recent > 0 && l.recent < 108)).toBe(true); // deleting
    expect(levels(first)).toEqual({ moved: 108, recent: 0 });
    expect(rows(first)).toEqual(before);
    first.close();

    // Cut at points spread over all three phases (listing keys, copying, deleting).
    for (let cut = 1; cut < steps; cut += Math.ceil(steps / 24)) {
      const db = freshDb();
      seed(db);
      const work = moveRecentSteps(db, T0 + 4 * HOUR_MS, { marginMs: 0, rowsPerStep: 10 });
      for (let i = 0; i < cut; i++) work.next();
      work.return(0); // the process stops here
      expect(rows(db)).toEqual(before);
      // The next run, at any later time, finishes the job.
      runSteps(moveRecentSteps(db, T0 + 4 * HOUR_MS + MIN, { marginMs: 0 }));
      expect(levels(db)).toEqual({ moved: 108, recent: 0 });
      expect(rows(db)).toEqual(before);
      db.close();
    }
  });

  it('keeps one row per (node, time) across both levels: a repeated poll replaces the stored one wherever it is', () => {
    const db = freshDb();
    const [id] = addNodes(db, 1) as [number];
    const repo = new HistoryRepo(db);
    const at = [T0, T0 + MIN, T0 + 2 * MIN];
    repo.record(at.map((t) => okStatus(id, t)));
    runSteps(moveRecentSteps(db, T0 + MIN, { marginMs: 0 })); // T0 moved
    // A move of T0 + 1 min cut short after its copy: the copy is above the split, not yet read.
    const work = moveRecentSteps(db, T0 + 2 * MIN, { marginMs: 0, rowsPerStep: 1 });
    while (moved(db) < 2) work.next();
    work.return(0);
    repo.record(at.map((t) => okStatus(id, t, { health: 'critical' })));
    runSteps(moveRecentSteps(db, T0 + 2 * MIN, { marginMs: 0 }));
    expect(db.prepare('SELECT at, health FROM samples ORDER BY at').all()).toEqual(at.map((t) => ({ at: t, health: 3 })));
    expect({ moved: moved(db), recent: count(db, 'samples_recent') }).toEqual({ moved: 2, recent: 1 });
    db.close();
  });

  it('removing a node removes its rows from both levels; retention prunes both', () => {
    const db = freshDb();
    const ids = seed(db);
    runSteps(moveRecentSteps(db, T0 + 100 * MIN, { marginMs: 0 }));
    db.prepare('DELETE FROM nodes WHERE id = ?').run(ids[0]);
    expect(db.prepare('SELECT count(*) AS n FROM samples WHERE node_id = ?').get(ids[0])).toEqual({ n: 0 });
    expect({ moved: moved(db), recent: count(db, 'samples_recent') }).toEqual({ moved: 40, recent: 32 });
    rollUp(db, T0 + 4 * HOUR_MS);
    const pruned = prune(db, T0 + 3 * HOUR_MS, { rawMs: 30 * MIN });
    // Raw rows before 2.5 h (rolled up, past 30 min) go from both levels: 30 per node.
    expect(pruned.samples).toBe(60);
    expect(moved(db)).toBe(0);
    expect(count(db, 'samples_periods')).toBe(0);
    expect(count(db, 'samples_recent')).toBe(12);
    db.close();
  });

  it('history maintenance moves the recent samples before it rolls up, every 30 minutes', async () => {
    const db = freshDb();
    seed(db);
    const report = await new HistoryMaintenance(db).run(T0 + 3 * HOUR_MS + 2 * MIN);
    expect(report.moved).toBe(108);
    expect(report.rolledUp.hour).toBe(9);
    expect(samplesSplitAt(db)).toBe(T0 + 3 * HOUR_MS);
    // The next runs (every 10 minutes) leave the recent level alone until 30 minutes have passed.
    const [id] = addNodes(db, 1, 9) as [number];
    new HistoryRepo(db).record([okStatus(id, T0 + 3 * HOUR_MS + 5 * MIN)]);
    const maintenance = new HistoryMaintenance(db);
    expect((await maintenance.run(T0 + 3 * HOUR_MS + 12 * MIN)).moved).toBe(0);
    expect((await maintenance.run(T0 + 3 * HOUR_MS + 22 * MIN)).moved).toBe(0);
    expect((await maintenance.run(T0 + 3 * HOUR_MS + 32 * MIN)).moved).toBe(1);
    db.close();
  });

  it('walks each level by its own key, never the whole node-clustered table', () => {
    const db = freshDb();
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT node_id, count(*) FROM (${rawSamplesOfNodes(['node_id', 'health'], { nodeRange: true })}) GROUP BY node_id`)
      .all({ from: 0, to: 1, lo: 1, hi: 2 })
      .map((r) => (r as { detail: string }).detail);
    expect(plan).toContain('SEARCH s USING PRIMARY KEY (node_id=? AND at>? AND at<?)');
    expect(plan).toContain('SEARCH s USING PRIMARY KEY (period=? AND node_id>? AND node_id<?)');
    expect(plan).toContain('SEARCH s USING PRIMARY KEY (at>? AND at<?)');
    expect(plan.some((d) => /SCAN s\b|MATERIALIZE/.test(d))).toBe(false);
    // One node through the view: a seek per period, never a scan of a period's other nodes.
    const node = db
      .prepare('EXPLAIN QUERY PLAN SELECT at, eps FROM samples WHERE node_id = ? AND at >= ? AND at < ?')
      .all(1, 0, 1)
      .map((r) => (r as { detail: string }).detail);
    expect(node).toContain('SEARCH s USING PRIMARY KEY (period=? AND node_id=? AND at>? AND at<?)');
    expect(node.some((d) => /SCAN (s|samples_by_node|samples_recent)\b/.test(d))).toBe(false);
    // The readers of a few nodes (series, uptime) seek the same keys and walk only the periods before their end.
    const few = db
      .prepare(`EXPLAIN QUERY PLAN SELECT at, eps FROM (${rawSamplesWhere(['at', 'eps'], 's.node_id = @node')})`)
      .all({ node: 1, from: 0, to: 1 })
      .map((r) => (r as { detail: string }).detail);
    expect(few).toContain('SEARCH p USING INTEGER PRIMARY KEY (rowid<?)');
    expect(few).toContain('SEARCH s USING PRIMARY KEY (period=? AND node_id=? AND at>? AND at<?)');
    expect(few.some((d) => /SCAN (s|p)\b/.test(d))).toBe(false);
    db.close();
  });

  it('a move appends its rows as one period, in node order, and a later move starts the next', () => {
    const db = freshDb();
    const ids = seed(db);
    runSteps(moveRecentSteps(db, T0 + 100 * MIN, { marginMs: 0, rowsPerStep: 7 }));
    runSteps(moveRecentSteps(db, T0 + 4 * HOUR_MS, { marginMs: 0, rowsPerStep: 7 }));
    expect(db.prepare('SELECT start, until FROM samples_periods ORDER BY start').all()).toEqual([
      { start: 0, until: T0 + 100 * MIN },
      { start: T0 + 100 * MIN, until: T0 + 4 * HOUR_MS },
    ]);
    const keys = db.prepare('SELECT period, node_id, at FROM samples_by_period').all() as { period: number; node_id: number; at: number }[];
    expect(keys).toHaveLength(108);
    expect(keys.filter((k) => k.period === 0)).toHaveLength(60); // 20 polls of 3 nodes before 1 h 40 min
    expect(keys.every((k) => k.at >= k.period && k.at < (k.period === 0 ? T0 + 100 * MIN : T0 + 4 * HOUR_MS))).toBe(true);
    expect(count(db, 'samples_by_node')).toBe(0);
    expect(count(db, 'samples_recent')).toBe(0);
    expect(new HistoryRepo(db).series(ids[1]!, 'eps', T0, T0 + 3 * HOUR_MS).avg).toEqual(Array.from({ length: 36 }, (_, i) => 100 + i));
    db.close();
  });
});

describe('migration 017', () => {
  /** A seeded database at migration 016, its file, and its nodes. */
  function seededBefore017(name: string) {
    const file = path.join(temp.dir, name);
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < 17) });
    return { file, old, ids: seed(old) };
  }

  it('keeps every row of a two-level database readable once, and the next move writes a period', () => {
    const { file, old, ids } = seededBefore017('upgrade-017.db');
    // What a migration-016 move left: the rows before the split in samples_by_node.
    old.exec(`INSERT INTO samples_by_node SELECT * FROM samples_recent WHERE at < ${T0 + 100 * MIN};
      UPDATE samples_moves SET until = ${T0 + 100 * MIN}; DELETE FROM samples_recent WHERE at < ${T0 + 100 * MIN}`);
    const before = rows(old);
    old.close();

    const db = openDatabase(file);
    expect(rows(db)).toEqual(before);
    expect({ byNode: count(db, 'samples_by_node'), recent: count(db, 'samples_recent') }).toEqual({ byNode: 60, recent: 48 });
    runSteps(moveRecentSteps(db, T0 + 4 * HOUR_MS, { marginMs: 0 }));
    expect({ byNode: count(db, 'samples_by_node'), byPeriod: count(db, 'samples_by_period'), recent: count(db, 'samples_recent') }).toEqual({ byNode: 60, byPeriod: 48, recent: 0 });
    expect(rows(db)).toEqual(before);
    db.prepare('DELETE FROM nodes WHERE id = ?').run(ids[0]);
    expect({ byNode: count(db, 'samples_by_node'), byPeriod: count(db, 'samples_by_period') }).toEqual({ byNode: 40, byPeriod: 32 });
    db.close();
  });

  it('after a migration-016 move cut short, reads every row once: the old copies above the split go, a row written during that move stays', () => {
    const { file, old, ids } = seededBefore017('upgrade-017-cut.db');
    const before = rows(old);
    // A 016 move to 1 h 40 min stopped after copying the first node's rows; then a late row landed.
    old.exec(`UPDATE samples_moves SET moving_until = ${T0 + 100 * MIN};
      INSERT INTO samples_by_node SELECT * FROM samples_recent WHERE node_id = ${ids[0]} AND at < ${T0 + 100 * MIN}`);
    old.prepare('INSERT INTO samples_by_node (node_id, at, health, problem_count) VALUES (?, ?, 0, 0)').run(ids[1], T0 + 7);
    old.close();

    const db = openDatabase(file);
    expect(count(db, 'samples_by_node')).toBe(1);
    runSteps(moveRecentSteps(db, T0 + 4 * HOUR_MS, { marginMs: 0 }));
    const late = db.prepare('SELECT * FROM samples WHERE at = ?').all(T0 + 7);
    expect(late).toHaveLength(1);
    expect(rows(db).filter((r) => (r as { at: number }).at !== T0 + 7)).toEqual(before);
    db.close();
  });
});

describe('migration 016', () => {
  it('keeps the rows of an existing database where they are and splits after the newest', () => {
    const file = path.join(temp.dir, 'upgrade-016.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < 16) });
    const [a, b] = addNodes(old, 2) as [number, number];
    const insert = old.prepare('INSERT INTO samples (node_id, at, health, eps, problem_count) VALUES (?, ?, 0, ?, 0)');
    for (let i = 0; i < 10; i++) {
      insert.run(a, T0 + i * MIN, i);
      insert.run(b, T0 + i * 2 * MIN, i);
    }
    const before = old.prepare('SELECT * FROM samples ORDER BY node_id, at').all();
    old.close();

    const db = openDatabase(file);
    expect(rows(db)).toEqual(before);
    expect({ moved: moved(db), recent: count(db, 'samples_recent') }).toEqual({ moved: 20, recent: 0 });
    expect(samplesSplitAt(db)).toBe(T0 + 18 * MIN + 1);
    const repo = new HistoryRepo(db);
    // A repeat of a stored time replaces it in place; a new poll goes to the recent level.
    repo.record([okStatus(a, T0 + 5 * MIN, { health: 'critical' }), okStatus(a, T0 + 30 * MIN)]);
    expect(db.prepare('SELECT at, health FROM samples WHERE node_id = ? AND at IN (?, ?)').all(a, T0 + 5 * MIN, T0 + 30 * MIN)).toEqual([
      { at: T0 + 5 * MIN, health: 3 },
      { at: T0 + 30 * MIN, health: 0 },
    ]);
    expect({ moved: moved(db), recent: count(db, 'samples_recent') }).toEqual({ moved: 20, recent: 1 });
    expect(querySeries(db, b, T0, T0 + HOUR_MS).avg).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    db.close();
  });
});
