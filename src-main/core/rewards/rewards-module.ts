import type { NodeStatus, Problem } from '../../../src-shared/contract/fleet.contract';
import { CollateralWatch, type CollateralEvent } from '../collateral/collateral-watch';
import { sshTxOutFetcher, type NodeExec } from '../collateral/ssh-gettxout';
import type { Db } from '../store/database';
import { LedgerQueries } from './ledger-query';
import { LedgerService, type LedgerEvent } from './ledger.service';
import { NetworkCountsSource, type FluxnodeCountSource } from './network-counts';
import { RewardsSettingsStore, type SettingsStore } from './rewards-settings';
import { RewardsService } from './rewards.service';

/** What `rewards:onChanged` carries. */
export interface RewardsChanged {
  reason: 'payments' | 'collateral' | 'settings';
  nodeIds: number[];
}

/** Plain dependencies; the composition root (services.ts) supplies them. */
export interface RewardsModuleDeps {
  db: Db;
  /** The settings table (SettingsRepo). */
  settings: SettingsStore;
  /** Latest poll result of every registered node. */
  latestStatuses: () => NodeStatus[];
  /** An api.runonflux.io-like client (PublicApiClient), or null when none is configured. Called per refresh. */
  publicApi: () => FluxnodeCountSource | null;
  /** SSH exec for `flux-cli gettxout` on legacy nodes with credentials; resolve null when a node has none. */
  exec?: NodeExec;
  clock?: { now(): number };
  /** payment_missed / payment_received / collateral_spent, for history events and alerts. */
  onEvent?: (event: LedgerEvent | CollateralEvent) => void;
  /** Publish as `rewards:onChanged` so open rewards views refresh. */
  onChanged?: (change: RewardsChanged) => void;
}

/**
 * Rewards and collateral, wired: one instance per app. The poll pipeline calls `observe` for every
 * result and merges `problems(nodeId)` into the node's problems; handlers answer the contract.
 */
export interface RewardsModule {
  settings: RewardsSettingsStore;
  counts: NetworkCountsSource;
  ledger: LedgerService;
  collateral: CollateralWatch;
  rewards: RewardsService;
  queries: LedgerQueries;
  latestStatuses: () => NodeStatus[];
  now: () => number;
  onChanged: (change: RewardsChanged) => void;
  /** Feed one poll result (previous = the node's status before this poll). Never throws. */
  observe(previous: NodeStatus | undefined, next: NodeStatus): void;
  /** Rewards/collateral problems of a node (COLLATERAL_SPENT critical; COLLATERAL_TIER_MISMATCH, PAYMENT_MISSED warnings). */
  problems(nodeId: number): Problem[];
  /** A node was removed. */
  forget(nodeId: number): void;
}

export function createRewardsModule(deps: RewardsModuleDeps): RewardsModule {
  const now = () => (deps.clock ?? Date).now();
  const onChanged = deps.onChanged ?? (() => undefined);
  const settings = new RewardsSettingsStore(deps.settings, deps.db, now);
  const counts = new NetworkCountsSource({ publicApi: deps.publicApi, overrides: () => settings.get().enabledOverride, now });
  const params = () => settings.chainParams();
  const ledger = new LedgerService(deps.db, {
    params,
    enabledNodes: (tier) => counts.enabled(tier),
    ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
    onPayments: (rows) => onChanged({ reason: 'payments', nodeIds: [...new Set(rows.map((r) => r.nodeId))] }),
    now,
  });
  const collateral = new CollateralWatch(deps.db, {
    params,
    ...(deps.exec ? { fetchTxOut: sshTxOutFetcher(deps.exec) } : {}),
    ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
    onChange: (nodeId) => onChanged({ reason: 'collateral', nodeIds: [nodeId] }),
    now,
  });
  const rewards = new RewardsService({ db: deps.db, settings, counts, latestStatuses: deps.latestStatuses, now });
  return {
    settings,
    counts,
    ledger,
    collateral,
    rewards,
    queries: new LedgerQueries(deps.db),
    latestStatuses: deps.latestStatuses,
    now,
    onChanged,
    observe(previous, next) {
      try {
        settings.recordDailyPrice();
      } catch (error) {
        console.error('[rewards] daily price failed:', error instanceof Error ? error.message : error);
      }
      ledger.observe(previous, next);
      collateral.observe(previous, next);
    },
    problems: (nodeId) => [...collateral.problems(nodeId), ...ledger.problems(nodeId)],
    forget(nodeId) {
      ledger.forget(nodeId);
      collateral.forget(nodeId);
    },
  };
}
