import type { ExplainedNumber, NodeStatus, RewardsOverview } from '../../../src-shared/contract';
import type { Capability } from '../capability';
import type { Handler } from '../contract-server/dispatcher';
import type { migrationChannels } from '../../../src-shared/contract/migration.contract';
import type { ChainParams } from '../chain/chain-params';
import type { CollateralWatch } from '../collateral/collateral-watch';
import type { NodeExec } from '../collateral/ssh-gettxout';
import { AppError } from '../errors';
import type { Db } from '../store/database';
import { loadChecklist } from './checklist';
import { buildBoard, type PnrSource } from './migration-board';
import { MigrationError, MigrationService } from './migration.service';

export interface MigrationCapabilityDeps {
  db: Db;
  params: () => ChainParams;
  latestStatuses: () => NodeStatus[];
  /** SSH exec over the app's pool (null for nodes without SSH). */
  exec: NodeExec;
  /** The collateral watch (unspent / confirmations / spent per node). */
  collateral: Pick<CollateralWatch, 'state'>;
  /** The rewards overview: its PNR estimate is what a legacy node forgoes. */
  rewardsOverview: () => Promise<RewardsOverview>;
  /** The node's event log (history repo). */
  recordEvent: (nodeId: number, event: { kind: string; severity: 'info' | 'warning' | 'critical'; message: string }) => void;
  publish: (nodeIds: number[]) => void;
  now?: () => number;
}

type MigrationHandlers = { [C in keyof typeof migrationChannels]: Handler<C> };
export type MigrationCapability = Capability & { service: MigrationService; handlers: MigrationHandlers };

function pnrSource(overview: RewardsOverview): PnrSource {
  const explain: Record<string, ExplainedNumber> = {};
  for (const v of overview.pnr) if (v.migrationWouldAddUsd) explain[v.key] = v.migrationWouldAddUsd;
  return { byNode: new Map(overview.nodes.map((n) => [n.nodeId, { usd: n.pnrMigrationWouldAddUsd, key: n.pnrKey }])), explain };
}

/** Service errors become the contract's error codes (the dispatcher turns AppError into a Result). */
async function guarded<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MigrationError) throw new AppError(error.code, error.message);
    throw error;
  }
}

/** ArcaneOS migration as one capability: `migration:*` handlers, a look at every poll, cleanup. */
export function createMigrationCapability(deps: MigrationCapabilityDeps): MigrationCapability {
  const now = deps.now ?? Date.now;
  const service = new MigrationService({
    db: deps.db,
    checklist: loadChecklist(),
    params: deps.params,
    latestStatuses: deps.latestStatuses,
    exec: deps.exec,
    collateral: (nodeId) => {
      const c = deps.collateral.state(nodeId);
      return c ? { unspent: c.verdict?.unspent ?? null, confirmations: c.verdict?.confirmations ?? null, spent: c.spent } : null;
    },
    recordEvent: deps.recordEvent,
    onChanged: deps.publish,
    now,
  });
  return {
    name: 'migration',
    service,
    handlers: {
      'migration:board': () =>
        guarded(async () => {
          const pnr = await deps.rewardsOverview().then(pnrSource, () => ({ byNode: new Map(), explain: {} }));
          return buildBoard(deps.latestStatuses(), (id) => service.checklist(id), pnr, now());
        }),
      'migration:check': ({ nodeId, refreshHardware }) => guarded(() => service.check(nodeId, refreshHardware)),
      'migration:start': ({ nodeId }) => guarded(() => service.start(nodeId)),
      'migration:rerun': ({ nodeId }) => guarded(() => service.rerun(nodeId)),
      'migration:confirmStep': ({ nodeId, stepId, note }) => guarded(() => service.confirmStep(nodeId, stepId, note)),
      'migration:cancel': ({ nodeId }) => guarded(() => service.cancel(nodeId)),
    },
    observe(previous, next) {
      service.observe(next);
      // The board's legacy/ArcaneOS counts follow the flag: tell an open board when it flips.
      if ((previous?.flux?.arcaneOS ?? null) !== (next.flux?.arcaneOS ?? null)) deps.publish([next.nodeId]);
    },
    forget(nodeIds) {
      service.forget(nodeIds);
    },
    close: () => service.idle(),
  };
}
