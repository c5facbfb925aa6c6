import type { ActionDef, ActionNodeResult, ActionRun } from '../../../src-shared/contract/actions.contract';
import type { Db } from '../store/database';

interface RunRow {
  id: number;
  action_id: string;
  label: string;
  kind: ActionRun['kind'];
  commands_json: string;
  started_at: number;
  finished_at: number | null;
  state: ActionRun['state'];
}

interface ResultRow {
  run_id: number;
  node_id: number;
  node_name: string;
  outcome: ActionNodeResult['outcome'];
  exit_code: number | null;
  output: string;
  finished_at: number | null;
}

/** The audit log of maintenance actions (migration 008). */
export class ActionsRepo {
  constructor(private readonly db: Db) {}

  /** Records the run and every node in it as pending, before anything is executed. */
  start(action: ActionDef, commands: readonly string[], nodes: readonly { nodeId: number; name: string }[], at: number): ActionRun {
    const insert = this.db.transaction(() => {
      const info = this.db
        .prepare(`INSERT INTO action_runs (action_id, label, kind, commands_json, started_at, state) VALUES (?, ?, ?, ?, ?, 'running')`)
        .run(action.id, action.label, action.kind, JSON.stringify(commands), at);
      const runId = Number(info.lastInsertRowid);
      const row = this.db.prepare(`INSERT INTO action_results (run_id, node_id, node_name, outcome) VALUES (?, ?, ?, 'pending')`);
      for (const node of nodes) row.run(runId, node.nodeId, node.name);
      return runId;
    });
    return this.get(insert())!;
  }

  setResult(runId: number, result: Omit<ActionNodeResult, 'name'>): void {
    this.db
      .prepare(`UPDATE action_results SET outcome = ?, exit_code = ?, output = ?, finished_at = ? WHERE run_id = ? AND node_id = ?`)
      .run(result.outcome, result.exitCode, result.output, result.finishedAt, runId, result.nodeId);
  }

  finish(runId: number, state: ActionRun['state'], at: number): void {
    this.db.prepare(`UPDATE action_runs SET state = ?, finished_at = ? WHERE id = ?`).run(state, at, runId);
  }

  /** A run left 'running' by a crash can never finish: mark it failed at start. */
  failUnfinished(at: number): void {
    this.db.prepare(`UPDATE action_results SET outcome = 'failed', output = 'FluxDeck stopped before this finished', finished_at = ? WHERE outcome IN ('pending', 'running')`).run(at);
    this.db.prepare(`UPDATE action_runs SET state = 'failed', finished_at = ? WHERE state = 'running'`).run(at);
  }

  get(runId: number): ActionRun | undefined {
    const row = this.db.prepare<[number], RunRow>(`SELECT * FROM action_runs WHERE id = ?`).get(runId);
    return row ? this.toRun(row) : undefined;
  }

  /** Newest first; only runs that touched `nodeId` when given. */
  list(limit: number, nodeId?: number): ActionRun[] {
    const rows =
      nodeId === undefined
        ? this.db.prepare<[number], RunRow>(`SELECT * FROM action_runs ORDER BY id DESC LIMIT ?`).all(limit)
        : this.db
            .prepare<[number, number], RunRow>(
              `SELECT r.* FROM action_runs r JOIN action_results n ON n.run_id = r.id WHERE n.node_id = ? ORDER BY r.id DESC LIMIT ?`,
            )
            .all(nodeId, limit);
    return rows.map((row) => this.toRun(row));
  }

  private toRun(row: RunRow): ActionRun {
    const results = this.db
      .prepare<[number], ResultRow>(`SELECT * FROM action_results WHERE run_id = ? ORDER BY node_name, node_id`)
      .all(row.id)
      .map((r) => ({ nodeId: r.node_id, name: r.node_name, outcome: r.outcome, exitCode: r.exit_code, output: r.output, finishedAt: r.finished_at }));
    return {
      id: row.id,
      actionId: row.action_id,
      label: row.label,
      kind: row.kind,
      commands: JSON.parse(row.commands_json) as string[],
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      state: row.state,
      results,
    };
  }
}
