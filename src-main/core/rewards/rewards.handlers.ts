import type { z } from 'zod';
import type { rewardsChannels } from '../../../src-shared/contract/rewards.contract';
import { collateralOverview } from '../collateral/collateral-overview';
import type { CallContext } from '../contract-server/dispatcher';
import { createRewardsModule, type RewardsModule, type RewardsModuleDeps } from './rewards-module';

type RewardsChannels = typeof rewardsChannels;
export type RewardsChannelName = keyof RewardsChannels;

/** Handlers for the rewards channels, typed from the rewards contract alone (spread into createHandlers). */
export type RewardsHandlers = {
  [C in RewardsChannelName]: (
    input: z.output<RewardsChannels[C]['input']>,
    context: CallContext,
  ) => Promise<z.output<RewardsChannels[C]['output']>> | z.output<RewardsChannels[C]['output']>;
};

function isModule(value: RewardsModuleDeps | RewardsModule): value is RewardsModule {
  return 'ledger' in value && 'collateral' in value;
}

/**
 * The rewards and collateral channels. Pass the app's RewardsModule (so the poll pipeline and the
 * handlers share one ledger and collateral watch), or plain dependencies to build one.
 */
export function createRewardsHandlers(source: RewardsModuleDeps | RewardsModule): RewardsHandlers {
  const m = isModule(source) ? source : createRewardsModule(source);
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
    'collateral:overview': () => collateralOverview(m.settings.chainParams(), m.latestStatuses(), m.collateral, m.settings.get().fluxPriceUsd),
  };
}
