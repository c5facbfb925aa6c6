import type { MigrationRun, StepState } from '../../../src-shared/contract/migration.contract';
import type { Db } from '../store/database';
import { hardwareFactsSchema, type HardwareFacts } from './hardware-facts';
import type { RunBaseline } from './evaluate-steps';

/** Persistence of migration runs, their steps and the last hardware facts per node. */

export interface StoredStep {
  stepId: string;
  state: StepState;
  detail: string;
  at: number;
  note: string | null;
}

export interface StoredRun extends MigrationRun {
  nodeId: number;
  baseline: RunBaseline;
}

interface RunRow {
  id: number;
  node_id: number;
  status: MigrationRun['status'];
  started_at: number;
  ended_at: number | null;
  start_height: number | null;
  baseline_json: string;
}

function toRun(row: RunRow): StoredRun {
  const raw = JSON.parse(row.baseline_json) as Partial<RunBaseline>;
  return {
    id: row.id,
    nodeId: row.node_id,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    startHeight: row.start_height,
    baseline: { startHeight: raw.startHeight ?? null, txhash: raw.txhash ?? null, outidx: raw.outidx ?? null, ip: raw.ip ?? null },
  };
}

export class MigrationRepo {
  // Asked for every poll result (migration observe): prepared once.
  private readonly activeOf;

  constructor(private readonly db: Db) {
    this.activeOf = db.prepare<[number], RunRow>("SELECT * FROM migration_runs WHERE node_id = ? AND status = 'active'");
  }

  activeRun(nodeId: number): StoredRun | undefined {
    const row = this.activeOf.get(nodeId);
    return row ? toRun(row) : undefined;
  }

  activeRuns(): StoredRun[] {
    return (this.db.prepare("SELECT * FROM migration_runs WHERE status = 'active'").all() as RunRow[]).map(toRun);
  }

  runs(nodeId: number): StoredRun[] {
    return (this.db.prepare('SELECT * FROM migration_runs WHERE node_id = ? ORDER BY started_at DESC, id DESC').all(nodeId) as RunRow[]).map(toRun);
  }

  startRun(nodeId: number, at: number, baseline: RunBaseline): StoredRun {
    const info = this.db
      .prepare("INSERT INTO migration_runs (node_id, status, started_at, start_height, baseline_json) VALUES (?, 'active', ?, ?, ?)")
      .run(nodeId, at, baseline.startHeight, JSON.stringify(baseline));
    return toRun(this.db.prepare('SELECT * FROM migration_runs WHERE id = ?').get(info.lastInsertRowid) as RunRow);
  }

  endRun(runId: number, status: 'completed' | 'cancelled', at: number): void {
    this.db.prepare("UPDATE migration_runs SET status = ?, ended_at = ? WHERE id = ? AND status = 'active'").run(status, at, runId);
  }

  steps(runId: number): Map<string, StoredStep> {
    const rows = this.db.prepare('SELECT step_id, state, detail, at, note FROM migration_steps WHERE run_id = ?').all(runId) as {
      step_id: string; state: StepState; detail: string; at: number; note: string | null;
    }[];
    return new Map(rows.map((r) => [r.step_id, { stepId: r.step_id, state: r.state, detail: r.detail, at: r.at, note: r.note }]));
  }

  /** Writes the steps that changed (state or detail); the note is kept unless given. */
  saveSteps(runId: number, steps: readonly StoredStep[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO migration_steps (run_id, step_id, state, detail, at, note) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, step_id) DO UPDATE SET state = excluded.state, detail = excluded.detail, at = excluded.at,
         note = COALESCE(excluded.note, migration_steps.note)`,
    );
    this.db.transaction(() => {
      for (const s of steps) upsert.run(runId, s.stepId, s.state, s.detail, s.at, s.note);
    })();
  }

  hardware(nodeId: number): { facts: HardwareFacts; at: number } | undefined {
    const row = this.db.prepare('SELECT facts_json, read_at FROM migration_hardware WHERE node_id = ?').get(nodeId) as { facts_json: string; read_at: number } | undefined;
    if (!row) return undefined;
    const parsed = hardwareFactsSchema.safeParse(JSON.parse(row.facts_json));
    return parsed.success ? { facts: parsed.data, at: row.read_at } : undefined;
  }

  saveHardware(nodeId: number, facts: HardwareFacts, at: number): void {
    this.db
      .prepare('INSERT INTO migration_hardware (node_id, facts_json, read_at) VALUES (?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET facts_json = excluded.facts_json, read_at = excluded.read_at')
      .run(nodeId, JSON.stringify(facts), at);
  }

  nodeExists(nodeId: number): boolean {
    return this.db.prepare('SELECT 1 FROM nodes WHERE id = ?').get(nodeId) !== undefined;
  }
}
