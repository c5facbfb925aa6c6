import type { NodeStatus } from '../../../src-shared/contract';
import type { Db } from '../store/database';
import { blankStatus } from '../../../src-shared/node-status';
import { HEALTH_CODE, healthFromCode } from './metrics';
import { DEFAULT_RETENTION } from './retention';
import { DAY_MS, HOUR_MS, floor, rollUp } from './rollup';
import { advanceSamplesSplit } from './sample-levels';

export interface GenerateHistoryOptions {
  /** How many simulated nodes to create (named gen-00001…), or the ids of existing nodes. */
  nodes: number | readonly number[];
  days: number;
  /** Poll interval of the simulated raw samples. */
  intervalMs: number;
  /** End of the history (exclusive). Default now. */
  endMs?: number;
  /** Raw and hourly windows, as retention would leave them. Default 14 and 90 days. */
  rawMs?: number;
  hourlyMs?: number;
  seed?: number;
  /** Rows per transaction. Default 5,000. */
  chunkRows?: number;
}

export interface GenerateHistoryResult {
  nodeIds: number[];
  samples: number;
  hourly: number;
  daily: number;
  events: number;
}

const SAMPLE_SQL = `INSERT OR REPLACE INTO samples_by_node
  (node_id, at, health, status, bench_status, height, blocks_behind, eps, ddwrite, disk_free_pct, mem_used_pct, problem_count)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const ROLLUP_COLUMNS = `(node_id, bucket_start, count, worst_health, up_count, earning_count, health_min, health_avg, health_max,
  blocks_behind_min, blocks_behind_avg, blocks_behind_max, eps_min, eps_avg, eps_max, ddwrite_min, ddwrite_avg, ddwrite_max,
  disk_free_pct_min, disk_free_pct_avg, disk_free_pct_max, mem_used_pct_min, mem_used_pct_avg, mem_used_pct_max)`;
/** The roll-up's default grace: the hour still open at `end` stays raw-only, as in the app. */
const ROLLUP_GRACE_MS = 120_000;

const ROLLUP_VALUES = `VALUES (${Array(ROLLUP_COLUMNS.split(",").length).fill("?").join(", ")})`;

interface Profile {
  tier: 'CUMULUS' | 'NIMBUS' | 'STRATUS';
  eps: number;
  ddwrite: number;
  diskFree: number;
  mem: number;
  /** Chance that one poll finds the node unreachable. */
  outage: number;
}

/**
 * Writes simulated history the way the app leaves it after retention: raw samples for the last
 * `rawMs`, hourly roll-ups (generated directly) back to `hourlyMs`, daily ones beyond, then runs the
 * real roll-up over the raw window so hourly/daily rows there are exactly what the app computes.
 * Deterministic for a given seed. For benchmarks and tests.
 */
export function generateHistory(db: Db, options: GenerateHistoryOptions): GenerateHistoryResult {
  const rand = mulberry32(options.seed ?? 1);
  const chunk = Math.max(100, options.chunkRows ?? 5000);
  const end = floor(options.endMs ?? Date.now(), options.intervalMs);
  const start = end - options.days * DAY_MS;
  const rawStart = Math.max(start, floor(end - (options.rawMs ?? DEFAULT_RETENTION.rawMs), HOUR_MS));
  const hourCut = floor(end - ROLLUP_GRACE_MS, HOUR_MS);
  const hourlyStart = Math.min(rawStart, Math.max(start, floor(end - (options.hourlyMs ?? DEFAULT_RETENTION.hourlyMs), DAY_MS)));
  const nodeIds = typeof options.nodes === 'number' ? createNodes(db, options.nodes) : [...options.nodes];
  const profiles = nodeIds.map(() => profile(rand));
  const result: GenerateHistoryResult = { nodeIds, samples: 0, hourly: 0, daily: 0, events: 0 };

  const daily = db.prepare(`INSERT OR REPLACE INTO samples_daily ${ROLLUP_COLUMNS} ${ROLLUP_VALUES}`);
  const hourly = db.prepare(`INSERT OR REPLACE INTO samples_hourly ${ROLLUP_COLUMNS} ${ROLLUP_VALUES}`);
  const sample = db.prepare(SAMPLE_SQL);
  const event = db.prepare("INSERT INTO events (node_id, at, kind, severity, message, data_json) VALUES (?, ?, 'health', ?, ?, '{}')");
  const latest = db.prepare(`INSERT OR REPLACE INTO node_status (node_id, status_json, health, polled_at, baseline_json) VALUES (?, ?, ?, ?, ?)`);

  const span = (t: number) => (t - start) / Math.max(1, end - start);
  // One transaction per node per chunk of rows: a few thousand rows per commit.
  const inChunks = (from: number, to: number, step: number, write: (t: number) => void) => {
    for (let t0 = from; t0 < to; t0 += step * chunk) {
      db.transaction(() => {
        for (let t = t0; t < Math.min(to, t0 + step * chunk); t += step) write(t);
      }).immediate();
    }
  };
  nodeIds.forEach((id, i) => {
    const p = profiles[i]!;
    inChunks(floor(start, DAY_MS), hourlyStart, DAY_MS, (t) => {
      daily.run(bucket(id, t, Math.round(DAY_MS / options.intervalMs), p, span(t), rand));
      result.daily++;
    });
    inChunks(hourlyStart, rawStart, HOUR_MS, (t) => {
      hourly.run(bucket(id, t, Math.round(HOUR_MS / options.intervalMs), p, span(t), rand));
      result.hourly++;
    });
    let health = -1;
    let lastAt = 0;
    // Hours of the raw window are aggregated here exactly as the SQL roll-up would (min/avg/max over
    // known values, count of all polls): re-reading millions of rows afterwards would dominate the run.
    const hour = new HourAggregate();
    const flushHour = () => {
      if (hour.count > 0 && hour.start + HOUR_MS <= hourCut) {
        hourly.run(hour.row(id));
        result.hourly++;
      }
      hour.reset();
    };
    inChunks(rawStart, end, options.intervalMs, (t) => {
      const next = rand() < p.outage ? HEALTH_CODE.unreachable : rand() < 0.01 ? HEALTH_CODE.warning : HEALTH_CODE.ok;
      const up = next !== HEALTH_CODE.unreachable;
      const values = [
        next,
        up ? (rand() < 0.02 ? 1 + Math.floor(rand() * 3) : 0) : null,
        up ? jitter(p.eps, 0.03, rand) : null,
        up ? jitter(p.ddwrite, 0.08, rand) : null,
        up ? disk(p, span(t)) : null,
        up ? jitter(p.mem, 0.1, rand) : null,
      ];
      const height = up ? 2_000_000 + Math.floor((t - start) / 120_000) : null;
      sample.run(id, t, next, up ? 'CONFIRMED' : null, up ? p.tier : null, height, values[1], values[2], values[3], values[4], values[5], next === 0 ? 0 : 1);
      result.samples++;
      if (floor(t, HOUR_MS) !== hour.start) {
        flushHour();
        hour.start = floor(t, HOUR_MS);
      }
      hour.add(values);
      if (health >= 0 && next !== health) {
        const severity = next === HEALTH_CODE.unreachable ? 'critical' : next === HEALTH_CODE.warning ? 'warning' : 'info';
        event.run(id, t, severity, `Health ${healthFromCode(health)} → ${healthFromCode(next)}`);
        result.events++;
      }
      health = next;
      lastAt = t;
    });
    db.transaction(flushHour).immediate();
    if (health >= 0) {
      const status = simulatedStatus(id, p, healthFromCode(health), lastAt);
      latest.run(id, JSON.stringify(status), status.health, lastAt, JSON.stringify({ health: status.health, problems: {} }));
    }
  });
  // Written straight to the node-clustered level, as history the app has already moved there.
  advanceSamplesSplit(db, end);
  db.prepare(`INSERT INTO history_rollups (level, done_until) VALUES ('hour', ?)
    ON CONFLICT (level) DO UPDATE SET done_until = max(done_until, excluded.done_until)`).run(rawStart >= end ? rawStart : hourCut);
  // Days come from the hourly rows through the app's own roll-up.
  rollUp(db, end);
  return result;
}

/** Running min/sum/max per metric for one hour of one node (metric order as in ROLLUP_COLUMNS). */
class HourAggregate {
  start = Number.NaN;
  count = 0;
  /** Polls the node answered (health below unreachable). */
  private up = 0;
  private readonly min: (number | null)[] = [];
  private readonly max: (number | null)[] = [];
  private readonly sum: number[] = [];
  private readonly known: number[] = [];

  constructor() {
    this.reset();
  }

  reset(): void {
    this.count = 0;
    this.up = 0;
    for (let m = 0; m < 6; m++) {
      this.min[m] = null;
      this.max[m] = null;
      this.sum[m] = 0;
      this.known[m] = 0;
    }
  }

  add(values: (number | null)[]): void {
    this.count++;
    if ((values[0] ?? HEALTH_CODE.unreachable) < HEALTH_CODE.unreachable) this.up++;
    for (let m = 0; m < values.length; m++) {
      const v = values[m];
      if (v === null || v === undefined) continue;
      const lo = this.min[m];
      const hi = this.max[m];
      this.min[m] = lo === null || lo === undefined ? v : Math.min(lo, v);
      this.max[m] = hi === null || hi === undefined ? v : Math.max(hi, v);
      this.sum[m]! += v;
      this.known[m]!++;
    }
  }

  row(nodeId: number): unknown[] {
    const metrics = [0, 1, 2, 3, 4, 5].flatMap((m) => [this.min[m], this.known[m] ? this.sum[m]! / this.known[m] : null, this.max[m]]);
    // Every answering simulated node is CONFIRMED: its earning count is its up count.
    return [nodeId, this.start, this.count, this.max[0], this.up, this.up, ...metrics];
  }
}

function createNodes(db: Db, count: number): number[] {
  const insert = db.prepare<[string, string, number, number], { id: number }>(
    "INSERT INTO nodes (name, host, api_port, tags, created_at, updated_at) VALUES (?, ?, 16127, '[\"generated\"]', ?, ?) RETURNING id",
  );
  const now = Date.now();
  return db.transaction(() => {
    const ids: number[] = [];
    for (let i = 1; i <= count; i++) {
      const name = `gen-${String(i).padStart(5, '0')}`;
      const existing = db.prepare<[string], { id: number }>('SELECT id FROM nodes WHERE name = ?').get(name);
      ids.push(existing?.id ?? insert.get(name, `100.${64 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`, now, now)!.id);
    }
    return ids;
  })();
}

function profile(rand: () => number): Profile {
  const r = rand();
  const tier = r < 0.6 ? 'CUMULUS' : r < 0.9 ? 'NIMBUS' : 'STRATUS';
  const base = tier === 'CUMULUS' ? 300 : tier === 'NIMBUS' ? 800 : 1800;
  return {
    tier,
    eps: base * (0.9 + rand() * 0.6),
    ddwrite: 180 + rand() * 800,
    diskFree: 30 + rand() * 60,
    mem: 20 + rand() * 60,
    outage: rand() < 0.1 ? 0.02 : 0.001,
  };
}

/** Simulated roll-up row (one hour or day of `count` polls). */
function bucket(id: number, t: number, count: number, p: Profile, span: number, rand: () => number): unknown[] {
  const out = 1 - (1 - p.outage) ** count;
  const worst = rand() < out ? HEALTH_CODE.unreachable : rand() < 0.3 ? HEALTH_CODE.warning : HEALTH_CODE.ok;
  const triple = (v: number, spread: number) => [v * (1 - spread), v, v * (1 + spread)];
  const up = worst === HEALTH_CODE.unreachable ? count - 1 : count;
  return [
    // An unreachable bucket lost one poll: its up (and earning) count says so.
    id, t, count, worst, up, up, 0, worst / count, worst,
    0, 0.02, worst === 0 ? 0 : 3,
    ...triple(jitter(p.eps, 0.02, rand), 0.05), ...triple(jitter(p.ddwrite, 0.05, rand), 0.15),
    ...triple(disk(p, span), 0.01), ...triple(jitter(p.mem, 0.05, rand), 0.2),
  ];
}

function disk(p: Profile, span: number): number {
  // Disks fill slowly over the simulated period.
  return Math.max(1, p.diskFree - span * 15);
}

function jitter(v: number, fraction: number, rand: () => number): number {
  return v * (1 + (rand() * 2 - 1) * fraction);
}

function simulatedStatus(id: number, p: Profile, health: NodeStatus['health'], at: number): NodeStatus {
  const base = blankStatus({ id, name: `gen-${String(id).padStart(5, '0')}`, host: '0.0.0.0', tags: ['generated'] }, health);
  if (health === 'unreachable') return { ...base, lastPolledAt: at };
  return {
    ...base,
    benchmark: { status: p.tier, cores: null, ramGb: null, ssdGb: null, eps: p.eps, ddwrite: p.ddwrite, downloadMbps: null, uploadMbps: null, error: null, version: null },
    blocksBehind: 0,
    lastPolledAt: at,
    lastOkAt: at,
  };
}

/** Small fast seeded PRNG (deterministic generated data). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
