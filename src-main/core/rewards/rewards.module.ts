import type { EventPayload } from '../../../src-shared/contract';
import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type { Capability } from '../capability';
import type { Db } from '../store/database';
import { LedgerQueries } from './ledger-query';
import { LedgerService, type LedgerEvent } from './ledger.service';
import { NetworkCountsSource, type FluxnodeCountSource } from './network-counts';
import { RewardsSettingsStore, type SettingsStore } from './rewards-settings';
import { rewardsHandlers } from './rewards.handlers';
import { RewardsService } from './rewards.service';

/** What `rewards:onChanged` carries. */
export type RewardsChanged = EventPayload<'rewards:onChanged'>;

/** Plain dependencies; the composition root (services.ts) supplies them. */
export interface RewardsModuleDeps {
  db: Db;
  /** The settings table (SettingsRepo). */
  settings: SettingsStore;
  /** Latest poll result of every registered node. */
  latestStatuses: () => NodeStatus[];
  /** An api.runonflux.io-like client (PublicApiClient), or null when none is configured. Called per refresh. */
  publicApi: () => FluxnodeCountSource | null;
  clock?: { now(): number };
  /** payment_missed / payment_received, for history events and alerts. */
  onEvent?: (event: LedgerEvent) => void;
  /** Publish as `rewards:onChanged` so open rewards views refresh. */
  onChanged?: (change: RewardsChanged) => void;
}

/**
 * Rewards, wired: the payment ledger fed by every poll result, expected earnings, the user's
 * rewards settings (price, chain overrides) and the `rewards:*` channels.
 */
export interface RewardsModule extends Capability {
  settings: RewardsSettingsStore;
  counts: NetworkCountsSource;
  ledger: LedgerService;
  rewards: RewardsService;
  queries: LedgerQueries;
  now: () => number;
  onChanged: (change: RewardsChanged) => void;
  /** Feed one poll result (previous = the node's status before this poll). Never throws. */
  observe(previous: NodeStatus | undefined, next: NodeStatus): void;
}

export function createRewardsModule(deps: RewardsModuleDeps): RewardsModule {
  const now = () => (deps.clock ?? Date).now();
  const onChanged = deps.onChanged ?? (() => undefined);
  const settings = new RewardsSettingsStore(deps.settings, deps.db, now);
  const counts = new NetworkCountsSource({ publicApi: deps.publicApi, overrides: () => settings.get().enabledOverride, now });
  const ledger = new LedgerService(deps.db, {
    params: () => settings.chainParams(),
    enabledNodes: (tier) => counts.enabled(tier),
    ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
    onPayments: (rows) => onChanged({ reason: 'payments', nodeIds: [...new Set(rows.map((r) => r.nodeId))] }),
    now,
  });
  const rewards = new RewardsService({ db: deps.db, settings, counts, latestStatuses: deps.latestStatuses, now });
  const parts = { settings, counts, ledger, rewards, queries: new LedgerQueries(deps.db), now, onChanged };
  return {
    name: 'rewards',
    ...parts,
    handlers: rewardsHandlers(parts),
    observe(previous, next) {
      try {
        settings.recordDailyPrice();
      } catch (error) {
        console.error('[rewards] daily price failed:', error instanceof Error ? error.message : error);
      }
      ledger.observe(previous, next);
    },
    /** PAYMENT_MISSED warnings. */
    problems: (status) => ledger.problems(status.nodeId),
    forget: (nodeIds) => {
      for (const id of nodeIds) ledger.forget(id);
    },
  };
}
