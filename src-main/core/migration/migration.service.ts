import type { MigrationStep, NodeChecklist, NodeStatus } from '../../../src-shared/contract';
import type { ChainParams } from '../chain/chain-params';
import { fleetHeight } from '../chain/chain-height';
import type { NodeExec } from '../collateral/ssh-gettxout';
import type { Checklist } from './checklist';
import { evaluateAutoSteps, type CollateralKnowledge, type HardwareKnowledge, type StepVerdict } from './evaluate-steps';
import { readHardware } from './hardware-facts';
import { MigrationRepo, type StoredRun, type StoredStep } from './migration.repo';
import type { Db } from '../store/database';

export interface MigrationServiceDeps {
  db: Db;
  checklist: Checklist;
  params: () => ChainParams;
  latestStatuses: () => NodeStatus[];
  exec: NodeExec;
  collateral: (nodeId: number) => CollateralKnowledge | null;
  recordEvent: (nodeId: number, event: { kind: string; severity: 'info' | 'warning' | 'critical'; message: string }) => void;
  onChanged: (nodeIds: number[]) => void;
  now?: () => number;
}

/** A user-facing refusal (unknown node, no run, not a manual step). */
export class MigrationError extends Error {
  constructor(readonly code: 'NOT_FOUND' | 'CONFLICT' | 'BAD_INPUT', message: string) {
    super(message);
  }
}

const PRE_INSTALL_GROUPS = new Set(['hardware', 'identity', 'network', 'timing']);

/**
 * Per-node migration runs: evaluation of every step, persistence of what changed (re-running is
 * idempotent: unchanged verdicts write nothing and log nothing), events in the node's log, and
 * completion once the after-install steps pass.
 */
export class MigrationService {
  readonly repo: MigrationRepo;
  private readonly hardware = new Map<number, { knowledge: HardwareKnowledge; at: number | null }>();
  private readonly reading = new Map<number, Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly deps: MigrationServiceDeps) {
    this.repo = new MigrationRepo(deps.db);
    this.now = deps.now ?? Date.now;
  }

  private status(nodeId: number): NodeStatus {
    const s = this.deps.latestStatuses().find((x) => x.nodeId === nodeId);
    if (!s) throw new MigrationError('NOT_FOUND', `no node with id ${nodeId}`);
    return s;
  }

  private hardwareOf(nodeId: number): { knowledge: HardwareKnowledge; at: number | null } {
    const cached = this.hardware.get(nodeId);
    if (cached) return cached;
    const stored = this.repo.hardware(nodeId);
    const value = stored ? { knowledge: { kind: 'facts' as const, facts: stored.facts }, at: stored.at } : { knowledge: { kind: 'not-read' as const }, at: null };
    this.hardware.set(nodeId, value);
    return value;
  }

  /** Reads the node's hardware over SSH (one exec); concurrent calls share one read. */
  refreshHardware(nodeId: number): Promise<void> {
    const running = this.reading.get(nodeId);
    if (running) return running;
    const work = (async () => {
      const read = await readHardware(this.deps.exec, nodeId);
      const at = this.now();
      if (read.kind === 'facts') {
        this.repo.saveHardware(nodeId, read.facts, at);
        this.hardware.set(nodeId, { knowledge: read, at });
      } else {
        // Keep facts read earlier (an ArcaneOS node no longer answers the legacy commands).
        const before = this.hardwareOf(nodeId);
        if (before.knowledge.kind !== 'facts') this.hardware.set(nodeId, { knowledge: read, at: null });
      }
    })().finally(() => this.reading.delete(nodeId));
    this.reading.set(nodeId, work);
    return work;
  }

  private hardwareStale(nodeId: number): boolean {
    const h = this.hardwareOf(nodeId);
    if (h.knowledge.kind === 'no-ssh') return false;
    return h.at === null || this.now() - h.at > this.deps.checklist.hardwareMaxAgeMinutes * 60_000;
  }

  /** The verdict of every step for a node now (manual steps: `manual`, or the stored confirmation). */
  private evaluate(status: NodeStatus, run: StoredRun | undefined, stored: Map<string, StoredStep>) {
    const statuses = this.deps.latestStatuses();
    const params = this.deps.params();
    const { verdicts, window } = evaluateAutoSteps({
      checklist: this.deps.checklist,
      params,
      status,
      hardware: this.hardwareOf(status.nodeId).knowledge,
      collateral: this.deps.collateral(status.nodeId),
      fleet: statuses,
      height: fleetHeight(params, statuses, this.now()).value,
      baseline: run?.baseline ?? null,
      nowMs: this.now(),
    });
    const arcane = status.flux?.arcaneOS === true;
    const steps: MigrationStep[] = this.deps.checklist.steps.map((def) => {
      const prev = stored.get(def.id);
      let verdict: StepVerdict;
      if (def.kind === 'manual') verdict = prev?.state === 'confirmed' ? { state: 'confirmed', detail: prev.detail } : { state: 'manual', detail: def.manualCheck };
      // Once the node runs ArcaneOS the legacy checks cannot be re-read: keep what the run recorded.
      else if (arcane && run && prev && PRE_INSTALL_GROUPS.has(def.group)) verdict = { state: prev.state, detail: prev.detail };
      else verdict = verdicts[def.id] ?? { state: 'unknown', detail: def.manualCheck };
      const same = prev && prev.state === verdict.state && prev.detail === verdict.detail;
      return {
        id: def.id, group: def.group, kind: def.kind, title: def.title, why: def.why, guide: def.guideUrl,
        state: verdict.state, detail: verdict.detail, at: same ? prev.at : run ? this.now() : null, note: prev?.note ?? null,
      };
    });
    return { steps, window: window.window };
  }

  checklist(nodeId: number): NodeChecklist {
    const status = this.status(nodeId);
    const run = this.repo.activeRun(nodeId);
    const arcane = status.flux?.arcaneOS === true;
    const runs = this.repo.runs(nodeId);
    // A node migrated by a run keeps showing that run's checklist, its after-install steps passed.
    const shownRun = run ?? (arcane && runs[0]?.status === 'completed' ? runs[0] : undefined);
    const stored = shownRun ? this.repo.steps(shownRun.id) : new Map<string, StoredStep>();
    const { steps, window } = this.evaluate(status, shownRun, stored);
    const shown = arcane && !shownRun ? [] : steps;
    const ready = !arcane && !steps.some((s) => s.state === 'failed' || (s.group === 'hardware' && s.state === 'unknown'));
    const history = runs.map(({ id, status: st, startedAt, endedAt, startHeight }) => ({ id, status: st, startedAt, endedAt, startHeight }));
    return {
      nodeId, name: status.name, arcaneOS: arcane, ready, steps: shown, window,
      run: run ? { id: run.id, status: run.status, startedAt: run.startedAt, endedAt: run.endedAt, startHeight: run.startHeight } : null,
      hardwareAt: this.hardwareOf(nodeId).at,
      history,
    };
  }

  async check(nodeId: number, refresh: boolean): Promise<NodeChecklist> {
    this.status(nodeId);
    if (refresh || this.hardwareStale(nodeId)) await this.refreshHardware(nodeId);
    return this.checklist(nodeId);
  }

  async start(nodeId: number): Promise<NodeChecklist> {
    const status = this.status(nodeId);
    if (!this.repo.activeRun(nodeId)) {
      if (status.flux?.arcaneOS === true) throw new MigrationError('CONFLICT', `${status.name} already runs ArcaneOS`);
      await this.refreshHardware(nodeId);
      const params = this.deps.params();
      const f = status.fluxnode;
      this.repo.startRun(nodeId, this.now(), {
        startHeight: fleetHeight(params, this.deps.latestStatuses(), this.now()).value,
        txhash: f?.txhash ?? null, outidx: f?.outidx ?? null, ip: f?.ip ?? null,
      });
      this.deps.recordEvent(nodeId, { kind: 'migration-started', severity: 'info', message: 'ArcaneOS migration run started' });
    }
    this.persist(nodeId);
    return this.checklist(nodeId);
  }

  async rerun(nodeId: number): Promise<NodeChecklist> {
    const status = this.status(nodeId);
    if (status.flux?.arcaneOS !== true) await this.refreshHardware(nodeId);
    this.persist(nodeId);
    return this.checklist(nodeId);
  }

  confirmStep(nodeId: number, stepId: string, note: string): NodeChecklist {
    const run = this.repo.activeRun(nodeId);
    if (!run) throw new MigrationError('CONFLICT', 'start a migration run before confirming steps');
    const def = this.deps.checklist.steps.find((s) => s.id === stepId);
    if (!def || def.kind !== 'manual') throw new MigrationError('BAD_INPUT', `"${stepId}" is not a manual step`);
    this.repo.saveSteps(run.id, [{ stepId, state: 'confirmed', detail: 'confirmed by you', at: this.now(), note }]);
    this.deps.recordEvent(nodeId, { kind: 'migration-confirmed', severity: 'info', message: `Migration step "${def.title}" confirmed: ${note}` });
    this.deps.onChanged([nodeId]);
    return this.checklist(nodeId);
  }

  cancel(nodeId: number): NodeChecklist {
    const run = this.repo.activeRun(nodeId);
    if (run) {
      this.repo.endRun(run.id, 'cancelled', this.now());
      this.deps.recordEvent(nodeId, { kind: 'migration-cancelled', severity: 'info', message: 'ArcaneOS migration run cancelled (its steps stay in the history)' });
      this.deps.onChanged([nodeId]);
    }
    return this.checklist(nodeId);
  }

  /** Evaluates the active run's steps and writes only what changed; completes the run when every after step passed. */
  persist(nodeId: number, latest?: NodeStatus): void {
    const run = this.repo.activeRun(nodeId);
    if (!run) return;
    const status = latest ?? this.status(nodeId);
    const stored = this.repo.steps(run.id);
    const { steps } = this.evaluate(status, run, stored);
    const changed = steps.filter((s) => {
      const prev = stored.get(s.id);
      return !prev || prev.state !== s.state || prev.detail !== s.detail;
    });
    if (changed.length > 0) {
      this.repo.saveSteps(run.id, changed.map((s) => ({ stepId: s.id, state: s.state, detail: s.detail, at: this.now(), note: null })));
      for (const s of changed) {
        const prev = stored.get(s.id);
        if (prev && (s.state === 'passed' || s.state === 'failed')) {
          this.deps.recordEvent(nodeId, { kind: 'migration-step', severity: s.state === 'failed' ? 'warning' : 'info', message: `Migration step "${s.title}" ${s.state}: ${s.detail}` });
        }
      }
    }
    const after = steps.filter((s) => s.group === 'after');
    if (after.length > 0 && after.every((s) => s.state === 'passed')) {
      this.repo.endRun(run.id, 'completed', this.now());
      this.deps.recordEvent(nodeId, { kind: 'migration-completed', severity: 'info', message: 'ArcaneOS migration completed: the node runs ArcaneOS and is CONFIRMED' });
    }
    if (changed.length > 0) this.deps.onChanged([nodeId]);
  }

  /** One poll result: re-evaluate the active run; read hardware of legacy nodes when stale (in the background). */
  observe(next: NodeStatus): void {
    if (this.repo.activeRun(next.nodeId)) this.persist(next.nodeId, next);
    if (next.flux?.arcaneOS === false && this.hardwareStale(next.nodeId) && !this.reading.has(next.nodeId)) {
      void this.refreshHardware(next.nodeId).then(() => {
        this.persist(next.nodeId, next);
        this.deps.onChanged([next.nodeId]);
      }, () => undefined);
    }
  }

  forget(nodeIds: readonly number[]): void {
    for (const id of nodeIds) this.hardware.delete(id);
  }

  async idle(): Promise<void> {
    await Promise.allSettled([...this.reading.values()]);
  }
}
