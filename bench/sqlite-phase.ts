import { statSync } from 'node:fs';
import path from 'node:path';
import type { HistoryMetric, NodeStatus } from '../src-shared/contract';
import { blankStatus } from '../src-shared/node-status';
import { generateHistory } from '../src-main/core/history/generate-history';
import { HistoryRepo } from '../src-main/core/history/history.repo';
import { HistoryWriter } from '../src-main/core/history/history-writer';
import { MAINTENANCE_INTERVAL_MS } from '../src-main/core/history/history-maintenance';
import { DAY_MS, floor } from '../src-main/core/history/rollup';
import { moveIsDue, moveRecentSteps } from '../src-main/core/history/sample-levels';
import { NodesRepo } from '../src-main/core/nodes/nodes.repo';
import { openDatabase, type Db } from '../src-main/core/store/database';
import { profiled } from './profile';
import { loopbackHost } from './seed-fleet';

/**
 * Raw-sample interval of the generated year. A 30-day chart reads hourly roll-ups (plus the hour not
 * yet rolled up), which do not depend on it; it only sets how many raw rows the last 14 days hold.
 * 15 minutes keeps generating 5,000 nodes × 365 days within about three minutes on two cores.
 */
export const HISTORY_INTERVAL_MS = 900_000;
const INGEST_NODES = 5000;
/**
 * History each ingest node already has: a day of samples at the app's default 60 s poll interval
 * (1,440 rows per node, 7.2M rows, ≈ 690 MB). A real fleet's database holds 14 days of raw samples;
 * what decides a row's cost is already true after a day: each node's rows span dozens of pages, so
 * a poll writes into a page of its own node, and the fleet's hot pages (20 MB) no longer fit the page
 * cache. Fourteen days would take minutes to seed for the same behaviour.
 */
const SEEDED_DAYS = 1;
const POLL_INTERVAL_MS = 60_000;
/** One simulated hour of polls: long enough to hold whatever the write path does hourly. */
const INGEST_ROUNDS = 60;
const CHART_READS = 25;
const METRICS: HistoryMetric[] = ['eps', 'diskFreePct', 'memUsedPct', 'health', 'blocksBehind', 'ddwrite'];

export interface SqliteFigures {
  ingestRowsPerSec: number;
  ingestRows: number;
  /** Bytes one raw sample row adds to the database (file growth over the ingest). */
  bytesPerSample: number;
  /** Of the ingest's time, the final `wal_checkpoint(TRUNCATE)`: copying the WAL back and its fsyncs. */
  checkpointMs: number;
  /** WAL written by the timed rounds (its size before that checkpoint): pages dirtied, counted once per commit. */
  walMb: number;
  /** The moves of recent samples into the node-clustered level the hour held (timed with the ingest). */
  moves: number;
  movedRows: number;
  moveMs: number;
  /** The longest single move transaction: what one step blocks the app's main process for. */
  moveLongestStepMs: number;
  /** History the ingest's nodes had before the timed rounds, and how long generating it took (not timed). */
  seededRows: number;
  seedMs: number;
  chart30dMs: number;
  chart30dMaxMs: number;
  dbMb: number;
  historyNodes: number;
  generateMs: number;
}

/** Size of the database and its WAL, or of the WAL alone. */
function fileMb(file: string, part: 'both' | 'wal' = 'both'): number {
  let bytes = 0;
  for (const f of part === 'both' ? [file, `${file}-wal`] : [`${file}-wal`]) {
    try {
      bytes += statSync(f).size;
    } catch {
      // No WAL after a clean close.
    }
  }
  return bytes / (1024 * 1024);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Registered nodes for the ingest, through the app's own repo. */
function registerNodes(db: Db, count: number): number[] {
  const nodes = new NodesRepo(db);
  const fresh = Array.from({ length: count }, (_, i) => ({
    name: `ingest-${i + 1}`,
    host: loopbackHost(i),
    sshPort: 22,
    apiPort: 16127,
    username: 'flux',
    authKind: 'none' as const,
    keyPath: null,
    secretRef: null,
    passphraseRef: null,
    tags: ['bench'],
  }));
  return nodes.insertMany(fresh).map((n) => n.id);
}

/**
 * Ingest: 5,000 nodes with a day of history each, then an hour of poll rounds of real statuses (the
 * poll phase's, re-addressed) pushed through HistoryWriter → HistoryRepo.record, the app's own write
 * path (batches of 500 rows in one transaction each, sample + latest status + transitions per row).
 */
type IngestFigures = Pick<
  SqliteFigures,
  'ingestRowsPerSec' | 'ingestRows' | 'bytesPerSample' | 'checkpointMs' | 'walMb' | 'moves' | 'movedRows' | 'moveMs' | 'moveLongestStepMs' | 'seededRows' | 'seedMs'
>;

/** How early in its minute node `i` polls in round `r` (0 ms to just under a minute): a hash, new each round. */
function pollOffset(i: number, r: number): number {
  return ((Math.imul(i + 1, 2654435761) ^ Math.imul(r, 40503)) >>> 0) % POLL_INTERVAL_MS;
}

/** What the app's history maintenance moves at `now`, step by step as it would (timed, not yielding). */
function moveRecent(db: Db, now: number, steps: number[]): number {
  const work = moveRecentSteps(db, now);
  for (let t = performance.now(); ; t = performance.now()) {
    const step = work.next();
    steps.push(performance.now() - t);
    if (step.done) return step.value;
  }
}

function ingest(dir: string, templates: readonly NodeStatus[]): IngestFigures {
  const file = path.join(dir, 'ingest.db');
  const db = openDatabase(file);
  try {
    const ids = registerNodes(db, INGEST_NODES);
    const start = floor(Date.now(), POLL_INTERVAL_MS) - INGEST_ROUNDS * POLL_INTERVAL_MS;
    const s0 = performance.now();
    const seeded = generateHistory(db, { nodes: ids, days: SEEDED_DAYS, intervalMs: POLL_INTERVAL_MS, endMs: start });
    const seedMs = performance.now() - s0;
    const repo = new HistoryRepo(db);
    const statusOf = (i: number, at: number): NodeStatus => {
      const template = templates.length ? templates[i % templates.length]! : blankStatus({ id: 0, name: '', host: '', tags: [] }, 'ok');
      return { ...template, nodeId: ids[i]!, name: `ingest-${i + 1}`, lastPolledAt: at, lastOkAt: at };
    };
    // Round 0 writes each node's first latest-status row; the timed rounds then grow only samples.
    const first = new HistoryWriter(repo);
    for (let i = 0; i < ids.length; i++) first.push(statusOf(i, start));
    first.close();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const sizeBefore = fileMb(file);

    // Each node polls at its own moment of the minute, a different one each round (the scheduler's
    // jitter), and results reach the writer in time order, as they do in the app. Rounds that share
    // one timestamp would keep a node range's rows together in the time-keyed recent level.
    const rounds: NodeStatus[][] = [];
    for (let r = 1; r <= INGEST_ROUNDS; r++) {
      const round = ids.map((_, i) => statusOf(i, start + r * POLL_INTERVAL_MS - pollOffset(i, r)));
      rounds.push(round.sort((a, b) => a.lastPolledAt! - b.lastPolledAt!));
    }
    const writer = new HistoryWriter(repo);
    const moveSteps: number[] = [];
    let moves = 0;
    let movedRows = 0;
    const t0 = performance.now();
    rounds.forEach((round, r) => {
      for (const status of round) writer.push(status);
      // History maintenance runs every 10 minutes of the rounds' own clock and moves the recent
      // samples when that is due, as in the app: the moves' cost is the ingest's, not deferred.
      const now = start + (r + 1) * POLL_INTERVAL_MS;
      if ((now - start) % MAINTENANCE_INTERVAL_MS !== 0 || !moveIsDue(db, now)) return;
      writer.flush();
      movedRows += moveRecent(db, now, moveSteps);
      moves++;
    });
    writer.close();
    const walMb = fileMb(file, 'wal');
    const t1 = performance.now();
    // The checkpoint is inside the timer: a sustained write rate pays for writing the WAL back,
    // so a larger auto-checkpoint threshold cannot make the figure look better by deferring work.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const t2 = performance.now();
    const rows = INGEST_NODES * INGEST_ROUNDS;
    return {
      ingestRowsPerSec: rows / ((t2 - t0) / 1000),
      ingestRows: rows,
      bytesPerSample: ((fileMb(file) - sizeBefore) * 1024 * 1024) / rows,
      checkpointMs: t2 - t1,
      walMb,
      moves,
      movedRows,
      moveMs: moveSteps.reduce((a, b) => a + b, 0),
      moveLongestStepMs: Math.max(0, ...moveSteps),
      seededRows: seeded.samples,
      seedMs,
    };
  } finally {
    db.close();
  }
}

/** A year of `nodes` nodes' history, then 30-day series reads of random nodes and metrics. */
function chart(dir: string, nodes: number): Pick<SqliteFigures, 'chart30dMs' | 'chart30dMaxMs' | 'dbMb' | 'historyNodes' | 'generateMs'> {
  const file = path.join(dir, 'history.db');
  let db = openDatabase(file);
  const end = Date.now();
  const t0 = performance.now();
  const { nodeIds } = generateHistory(db, { nodes, days: 365, intervalMs: HISTORY_INTERVAL_MS, endMs: end });
  const generateMs = performance.now() - t0;
  db.close();
  // A fresh connection, as the app has after a restart: no statement or page cache from generating.
  db = openDatabase(file);
  try {
    const repo = new HistoryRepo(db);
    const times: number[] = [];
    let seed = 7;
    for (let i = 0; i < CHART_READS; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const nodeId = nodeIds[seed % nodeIds.length]!;
      const metric = METRICS[i % METRICS.length]!;
      const r0 = performance.now();
      const series = repo.series(nodeId, metric, end - 30 * DAY_MS, end);
      times.push(performance.now() - r0);
      if (series.t.length < 24 * 29) throw new Error(`a 30-day ${metric} series had only ${series.t.length} points`);
    }
    return { chart30dMs: median(times), chart30dMaxMs: Math.max(...times), dbMb: fileMb(file), historyNodes: nodes, generateMs };
  } finally {
    db.close();
  }
}

export async function runSqlitePhase(options: {
  dir: string;
  historyNodes: number;
  templates: readonly NodeStatus[];
  log: (line: string) => void;
  profileDir?: string;
}): Promise<SqliteFigures> {
  const ingested = await profiled(options.profileDir, 'sqlite-ingest', async () => ingest(options.dir, options.templates));
  options.log(
    `ingest ${Math.round(ingested.ingestRowsPerSec).toLocaleString('en-US')} rows/s over ${ingested.seededRows.toLocaleString('en-US')} seeded rows ` +
      `(seeded in ${(ingested.seedMs / 1000).toFixed(0)} s; ${ingested.walMb.toFixed(1)} MB of WAL, ` +
      `final checkpoint ${ingested.checkpointMs.toFixed(0)} ms; ${ingested.moves} moves of ${ingested.movedRows.toLocaleString('en-US')} recent samples took ` +
      `${ingested.moveMs.toFixed(0)} ms, longest step ${ingested.moveLongestStepMs.toFixed(1)} ms); generating a year of ${options.historyNodes}-node history`,
  );
  return { ...ingested, ...chart(options.dir, options.historyNodes) };
}
