import type { ActionOutput, ActionRun } from '../../../src-shared/contract/actions.contract';
import type { Capability } from '../capability';
import type { NodesRepo } from '../nodes/nodes.repo';
import type { SshPool } from '../ssh/ssh-pool';
import type { Db } from '../store/database';
import { ActionCatalogue } from './action-catalog';
import { ActionRunner } from './action-runner';
import { ActionsRepo } from './actions.repo';

export interface ActionsCapabilityDeps {
  db: Db;
  nodes: Pick<NodesRepo, 'get' | 'credentialRefs'>;
  pool: Pick<SshPool, 'exec'>;
  isArcane: (nodeId: number) => boolean;
  publish: (run: ActionRun) => void;
  publishOutput?: (output: ActionOutput) => void;
  now?: () => number;
}

/** Maintenance actions on nodes (`actions:*`): catalogue, preview, run over SSH, audit log. */
export function createActionsCapability(deps: ActionsCapabilityDeps): Capability & { runner: ActionRunner } {
  const catalogue = ActionCatalogue.load();
  const repo = new ActionsRepo(deps.db);
  repo.failUnfinished(deps.now?.() ?? Date.now());
  const runner = new ActionRunner({ catalogue, repo, nodes: deps.nodes, pool: deps.pool, isArcane: deps.isArcane, publish: deps.publish, publishOutput: deps.publishOutput, now: deps.now });
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
