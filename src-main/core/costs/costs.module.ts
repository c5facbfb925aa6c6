import type { NodeRecord, NodeStatus } from '../../../src-shared/contract';
import type { Capability } from '../capability';
import type { RewardsModule } from '../rewards/rewards.module';
import type { SettingsStore } from '../rewards/rewards-settings';
import type { Db } from '../store/database';
import { CostsService } from './costs.service';
import { PriceFeed } from './price-feed';
import { ownerStatementCsv, statementFilename } from './statement-csv';

export interface CostsModuleDeps {
  db: Db;
  settings: SettingsStore;
  rewards: Pick<RewardsModule, 'settings' | 'counts' | 'now' | 'onChanged'>;
  listNodes: () => NodeRecord[];
  latestStatuses: () => NodeStatus[];
}

export interface CostsModule extends Capability {
  costs: CostsService;
  priceFeed: PriceFeed;
}

/** Costs and drop losses (`costs:*`): the MSP view of the month, owner statements and the FLUX price source. */
export function createCostsModule(deps: CostsModuleDeps): CostsModule {
  const { rewards } = deps;
  const costs = new CostsService({ db: deps.db, listNodes: deps.listNodes, latestStatuses: deps.latestStatuses, settings: rewards.settings, counts: rewards.counts, now: rewards.now });
  const priceFeed = new PriceFeed(deps.settings, rewards.settings, deps.db, rewards.now, () => rewards.onChanged({ reason: 'settings', nodeIds: [] }));
  return {
    name: 'costs',
    costs,
    priceFeed,
    handlers: {
      'costs:report': ({ month }) => costs.report(month),
      'costs:statementCsv': async ({ owner, month }) => ({ filename: statementFilename(owner, month), ...ownerStatementCsv(await costs.report(month), owner) }),
      'costs:priceSource': () => priceFeed.view(),
      'costs:savePriceSource': (update) => priceFeed.save(update),
      'costs:refreshPrice': () => priceFeed.refresh(),
    },
    observe: () => priceFeed.maybeRefresh(),
  };
}
