import type { Capability } from '../capability';
import type { Db } from '../store/database';
import { ActionCatalogue } from './action-catalog';
import { ActionRunner, type ActionRunnerDeps } from './action-runner';
import { ActionsRepo } from './actions.repo';

/** The runner's own needs, less what the capability builds itself (catalogue, audit repo). */
export type ActionsCapabilityDeps = Omit<ActionRunnerDeps, 'catalogue' | 'repo'> & { db: Db };

/** Maintenance actions on nodes (`actions:*`): catalogue, preview, run over SSH, audit log. */
export function createActionsCapability(deps: ActionsCapabilityDeps): Capability & { runner: ActionRunner } {
  const catalogue = ActionCatalogue.load();
  const repo = new ActionsRepo(deps.db);
  repo.failUnfinished(deps.now?.() ?? Date.now());
  const { db: _db, ...runnerDeps } = deps;
  const runner = new ActionRunner({ ...runnerDeps, catalogue, repo });
  return {
    name: 'actions',
    runner,
    handlers: {
      'actions:catalog': () => catalogue.describe(),
      'actions:preview': ({ actionId, nodeIds, lines }) => runner.preview(actionId, nodeIds, lines),
      'actions:run': ({ actionId, nodeIds, lines }) => runner.run(actionId, nodeIds, lines),
      'actions:log': ({ nodeId, limit }) => repo.list(limit, nodeId),
    },
    close: () => runner.idle(),
  };
}
