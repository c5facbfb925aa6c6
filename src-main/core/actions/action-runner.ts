import pLimit from 'p-limit';
import type { ActionNodeResult, ActionOutput, ActionPreview, ActionRun, ActionTarget } from '../../../src-shared/contract/actions.contract';
import { AppError } from '../errors';
import type { NodesRepo } from '../nodes/nodes.repo';
import { sshTargetFor } from '../nodes/ssh-target';
import { sanitizeOutput } from '../safety/sanitize';
import { SshError } from '../ssh/ssh-error';
import type { SshPool } from '../ssh/ssh-pool';
import { targetKey, type SshTarget } from '../ssh/ssh-types';
import type { ActionCatalogue } from './action-catalog';
import type { ActionsRepo } from './actions.repo';

/** What one node keeps of its output: enough for 1,000 log lines, small enough for a SQLite row. */
export const MAX_OUTPUT_BYTES = 128 * 1024;
const NODES_AT_ONCE = 8;

export interface ActionRunnerDeps {
  catalogue: ActionCatalogue;
  repo: ActionsRepo;
  nodes: Pick<NodesRepo, 'get' | 'credentialRefs'>;
  pool: Pick<SshPool, 'exec'>;
  /** From the node's latest poll (`/flux/isarcaneos`); ArcaneOS has no root shell. */
  isArcane: (nodeId: number) => boolean;
  /** Each change of a run (a node started or finished, the run ended). */
  publish: (run: ActionRun) => void;
  /** Lines as a node prints them, within the output cap; the finished result carries them all. */
  publishOutput?: (output: ActionOutput) => void;
  now?: () => number;
}

interface Planned extends ActionTarget {
  target: SshTarget | null;
}

/**
 * Runs catalogue actions on nodes over the SSH pool. The command lines come only from the
 * catalogue: node names, hosts, tags and anything a node answers are never part of them.
 */
export class ActionRunner {
  private readonly now: () => number;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: ActionRunnerDeps) {
    this.now = deps.now ?? Date.now;
  }

  preview(actionId: string, nodeIds: readonly number[], lines?: number): ActionPreview {
    const action = this.deps.catalogue.action(actionId);
    const commands = this.deps.catalogue.commands(actionId, lines);
    const targets = this.plan(nodeIds).map(({ target: _target, ...rest }) => rest);
    return { actionId: action.id, label: action.label, kind: action.kind, commands, targets };
  }

  /** Writes the audit entry, then runs in the background; the returned run is its first state. */
  run(actionId: string, nodeIds: readonly number[], lines?: number): ActionRun {
    const action = this.deps.catalogue.action(actionId);
    const commands = this.deps.catalogue.commands(actionId, lines);
    const planned = this.plan(nodeIds);
    const started = this.deps.repo.start(action, commands, planned, this.now());
    const job = this.execute(started.id, commands, action.timeoutSeconds * 1000, planned).finally(() => this.inFlight.delete(job));
    this.inFlight.add(job);
    return started;
  }

  /** Resolves when every run in flight has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private plan(nodeIds: readonly number[]): Planned[] {
    const unique = [...new Set(nodeIds)];
    return unique.map((nodeId) => {
      const node = this.deps.nodes.get(nodeId);
      if (!node) throw new AppError('NOT_FOUND', `Node ${nodeId} is not in the fleet`);
      const target = sshTargetFor(node, this.deps.nodes.credentialRefs(nodeId));
      const skipReason = this.deps.isArcane(nodeId)
        ? this.deps.catalogue.arcaneNote
        : target
          ? null
          : 'No SSH access is set up for this node (API only): add SSH credentials to run maintenance.';
      return { nodeId, name: node.name, sshTarget: target ? targetKey(target) : null, skipReason, target: skipReason ? null : target };
    });
  }

  private async execute(runId: number, commands: readonly string[], timeoutMs: number, planned: readonly Planned[]): Promise<void> {
    const limit = pLimit(NODES_AT_ONCE);
    const outcomes = await Promise.all(
      planned.map((node) =>
        limit(async () => {
          const result = node.target ? await this.runOn(runId, node.nodeId, node.target, commands, timeoutMs) : this.skip(node);
          this.deps.repo.setResult(runId, result);
          this.emit(runId);
          return result.outcome;
        }),
      ),
    );
    const ran = outcomes.filter((outcome) => outcome !== 'skipped');
    const failed = outcomes.filter((outcome) => outcome === 'failed').length;
    const state = ran.length === 0 || failed === ran.length ? 'failed' : failed > 0 ? 'partial' : 'ok';
    this.deps.repo.finish(runId, state, this.now());
    this.emit(runId);
  }

  private skip(node: Planned): Omit<ActionNodeResult, 'name'> {
    return { nodeId: node.nodeId, outcome: 'skipped', exitCode: null, output: node.skipReason ?? '', finishedAt: this.now() };
  }

  private async runOn(runId: number, nodeId: number, target: SshTarget, commands: readonly string[], timeoutMs: number): Promise<Omit<ActionNodeResult, 'name'>> {
    this.deps.repo.setResult(runId, { nodeId, outcome: 'running', exitCode: null, output: '', finishedAt: null });
    this.emit(runId);
    const parts: string[] = [];
    let exitCode: number | null = null;
    let outcome: ActionNodeResult['outcome'] = 'ok';
    for (const command of commands) {
      try {
        const publishOutput = this.deps.publishOutput;
        const onLines = publishOutput ? (lines: string[]) => publishOutput({ runId, nodeId, lines }) : undefined;
        publishOutput?.({ runId, nodeId, lines: [`$ ${command}`] });
        const result = await this.deps.pool.exec(target, command, { timeoutMs, maxOutputBytes: MAX_OUTPUT_BYTES, overflow: 'truncate', onLines });
        exitCode = result.code;
        parts.push(`$ ${command}\n${result.stdout}${result.stderr}`);
        if (result.code !== 0) {
          outcome = 'failed';
          parts.push(`(exit ${result.code ?? result.signal ?? 'unknown'}; the remaining commands were not run)`);
          break;
        }
      } catch (error) {
        outcome = 'failed';
        parts.push(`$ ${command}\n${error instanceof SshError ? error.message : 'The command could not be run'}`);
        break;
      }
    }
    const output = sanitizeOutput(parts.join('\n'), { maxBytes: MAX_OUTPUT_BYTES });
    return { nodeId, outcome, exitCode, output, finishedAt: this.now() };
  }

  private emit(runId: number): void {
    const run = this.deps.repo.get(runId);
    if (run) this.deps.publish(run);
  }
}
