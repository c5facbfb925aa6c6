import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type { Capability } from '../capability';
import type { ChainParams } from '../chain/chain-params';
import type { Db } from '../store/database';
import { collateralOverview } from './collateral-overview';
import { CollateralWatch, type CollateralEvent } from './collateral-watch';
import { sshTxOutFetcher, type NodeExec } from './ssh-gettxout';

export interface CollateralModuleDeps {
  db: Db;
  /** The chain parameters with the user's overrides, and the FLUX price for the USD total. */
  params: () => ChainParams;
  priceUsd: () => number | null;
  latestStatuses: () => NodeStatus[];
  /** SSH exec for `flux-cli gettxout` on legacy nodes with credentials; resolve null when a node has none. */
  exec?: NodeExec;
  /** collateral_spent, for history events and alerts. */
  onEvent?: (event: CollateralEvent) => void;
  /** A node's collateral verdict changed. */
  onChanged?: (nodeId: number) => void;
  clock?: { now(): number };
}

export interface CollateralModule extends Capability {
  watch: CollateralWatch;
}

/** The collateral watch fed by every poll result (COLLATERAL_SPENT, tier mismatch) and `collateral:*`. */
export function createCollateralModule(deps: CollateralModuleDeps): CollateralModule {
  const watch = new CollateralWatch(deps.db, {
    params: deps.params,
    ...(deps.exec ? { fetchTxOut: sshTxOutFetcher(deps.exec) } : {}),
    ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
    ...(deps.onChanged ? { onChange: deps.onChanged } : {}),
    now: () => (deps.clock ?? Date).now(),
  });
  return {
    name: 'collateral',
    watch,
    handlers: {
      'collateral:overview': () => collateralOverview(deps.params(), deps.latestStatuses(), watch, deps.priceUsd()),
    },
    observe: (previous, next) => watch.observe(previous, next),
    problems: (status) => watch.problems(status.nodeId),
    forget: (nodeIds) => {
      for (const id of nodeIds) watch.forget(id);
    },
    close: () => watch.idle(),
  };
}
