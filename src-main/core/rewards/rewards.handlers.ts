import type { EventPayload } from '../../../src-shared/contract';
import type { CapabilityHandlers } from '../capability';
import type { LedgerQueries } from './ledger-query';
import type { RewardsSettingsStore } from './rewards-settings';
import type { RewardsService } from './rewards.service';

interface RewardsParts {
  settings: RewardsSettingsStore;
  rewards: RewardsService;
  queries: LedgerQueries;
  now: () => number;
  onChanged: (change: EventPayload<'rewards:onChanged'>) => void;
}

/** The `rewards:*` channels. */
export function rewardsHandlers(m: RewardsParts): CapabilityHandlers {
  return {
    'rewards:overview': () => m.rewards.overview(),
    'rewards:ledger': ({ limit, ...filter }) => m.queries.rows(filter, limit),
    'rewards:monthly': ({ groupBy, ...range }) => m.queries.monthly(groupBy, range),
    'rewards:exportCsv': (filter) => m.queries.csv(filter, m.now()),
    'rewards:settings': () => m.settings.view(),
    'rewards:saveSettings': (update) => {
      m.settings.save(update);
      m.onChanged({ reason: 'settings', nodeIds: [] });
      return m.settings.view();
    },
  };
}
