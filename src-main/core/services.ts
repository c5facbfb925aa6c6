import type { AppInfo } from '../../src-shared/contract';
import { createActionsCapability } from './actions/actions.module';
import { createAlerts } from './alerts/alerts.module';
import { createAppsCapability } from './apps/apps.module';
import { inAppNotifier, type Notifier } from './alerts/notifier';
import type { Capability } from './capability';
import { createCollateralModule } from './collateral/collateral.module';
import { createCostsModule } from './costs/costs.module';
import { createMetricsCapability } from './metrics/metrics.capability';
import { PaymentsRepo } from './rewards/payments.repo';
import { poolNodeExec } from './collateral/pool-exec';
import { createAppInfoCapability } from './contract-server/app-info';
import { EventHub } from './contract-server/event-hub';
import { PublicApiSource } from './fluxos/public-api-source';
import { loadHealthRules } from './health';
import { HistoryRepo } from './history/history.repo';
import { createFleetCapability } from './monitor/fleet.module';
import { FleetMonitor, type FleetMonitorOptions } from './monitor/fleet-monitor';
import { LatestStatuses } from './monitor/latest-statuses';
import { ProbePipeline, type ProbePipelineOptions } from './monitor/probe-pipeline';
import { recordHostKeyEvents } from './nodes/host-key-events';
import { InventoryImporter, PUBLIC_API_SETTING } from './nodes/inventory-import';
import { createNodesCapability } from './nodes/nodes.module';
import { NodeEditor } from './nodes/node-editor';
import { NodesRepo } from './nodes/nodes.repo';
import { OwnersRepo } from './nodes/owners.repo';
import { WalletDiscovery } from './nodes/import/wallet-discovery';
import { NodesService } from './nodes/nodes.service';
import { SshCheckService } from './nodes/ssh-check.service';
import { databasePath } from './paths';
import { createMigrationCapability } from './migration/migration.module';
import { createPlannerCapability } from './planner/planner.module';
import { createRewardsModule, type RewardsModuleDeps } from './rewards/rewards.module';
import { headlessSecretStore } from './secrets/headless-secrets';
import type { SecretStore } from './secrets/secret-store';
import { HostKeys, type UnknownHostKeyPolicy } from './ssh/host-keys';
import { HostKeysRepo } from './ssh/host-keys.repo';
import { RevokedKeysRepo } from './ssh/revoked-keys.repo';
import { SshPool, type SshPoolOptions } from './ssh/ssh-pool';
import { openDatabase, type Db } from './store/database';
import { schemaVersion } from './store/migrate';
import { SettingsRepo } from './store/settings.repo';
import { APP_VERSION } from './version';

export interface ServicesOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  /**
   * What background polls do with a host key never seen before. The app and `serve` ask
   * (the node shows HOST_KEY_UNKNOWN until the user compares and trusts the fingerprint); the CLI,
   * which has nobody to ask, trusts on first use and records the key.
   */
  hostKeyPolicy?: UnknownHostKeyPolicy;
  /** Swap any part in tests or in the Electron shell (safeStorage secrets, desktop notifications). */
  overrides?: Partial<{
    db: Db;
    events: EventHub;
    secrets: (db: Db) => SecretStore;
    notifier: Notifier;
    poller: FleetMonitorOptions['poller'];
    sshPool: Omit<SshPoolOptions, 'hostKeys' | 'secrets'>;
    alertDelivery: Parameters<typeof createAlerts>[0]['delivery'];
    /** Probe deadlines, route cache ages and SSH handshake timeouts (integration tests shorten them). */
    probe: Pick<ProbePipelineOptions, 'prober' | 'sshTarget'>;
    /** The rewards/collateral clock (tests step it past the 10-minute gettxout interval). */
    rewardsClock: RewardsModuleDeps['clock'];
  }>;
}

/**
 * The one composition root: plain classes wired by hand, in dependency order. The Electron shell,
 * the CLI and `serve` all call this, so they run the same core. Each feature is a capability
 * (capability.ts): listed once below, its handlers join the table, and the monitor hands every
 * poll result to each of them once. Nothing polls until `monitor.start()`.
 */
export function createServices(options: ServicesOptions) {
  const overrides = options.overrides ?? {};
  const dbFile = databasePath(options.dataDir);
  const db = overrides.db ?? openDatabase(dbFile);
  const events = overrides.events ?? new EventHub();
  const secrets = overrides.secrets?.(db) ?? headlessSecretStore(db, process.env);
  const settings = new SettingsRepo(db);
  const nodesRepo = new NodesRepo(db);
  const nodes = new NodesService(nodesRepo, secrets, events);
  const history = new HistoryRepo(db);
  const latest = LatestStatuses.of(history.latestAll());
  // Ledger and collateral events join the node's event log (kind, severity, message and time only).
  const recordEvent = (event: { nodeId: number; kind: string; severity: 'info' | 'warning' | 'critical'; message: string; at: number }) =>
    void history.recordEvent(event.nodeId, { kind: event.kind, severity: event.severity, message: event.message, at: event.at });

  const hostKeysRepo = new HostKeysRepo(db);
  const revokedKeys = new RevokedKeysRepo(db);
  const hostKeys = new HostKeys(hostKeysRepo, {
    policy: options.hostKeyPolicy ?? 'ask',
    onHostKeyEvent: recordHostKeyEvents(nodesRepo, history),
    isRevoked: (fingerprint) => revokedKeys.isRevoked(fingerprint),
  });
  const sshPool = new SshPool({ ...overrides.sshPool, hostKeys, secrets });
  const importer = new InventoryImporter(nodesRepo, hostKeys, settings, events);
  const owners = new OwnersRepo(db);
  const editor = new NodeEditor(nodesRepo, owners, events);
  const publicApiUrl = () => {
    const value = settings.get(PUBLIC_API_SETTING);
    return typeof value === 'string' ? value : null;
  };
  const publicApi = new PublicApiSource(publicApiUrl);
  const discovery = new WalletDiscovery(importer.pipeline, publicApiUrl);

  const alerts = createAlerts({
    db,
    secrets,
    settings,
    notifier: overrides.notifier ?? inAppNotifier,
    onFired: (payload) => events.publish('alerts:onFired', payload),
    delivery: overrides.alertDelivery,
  });
  const rewards = createRewardsModule({
    db,
    settings,
    latestStatuses: () => monitor.status(),
    publicApi: publicApi.client,
    onEvent: recordEvent,
    onChanged: (change) => events.publish('rewards:onChanged', change),
    clock: overrides.rewardsClock,
  });
  // One source of chain parameters (with the user's overrides, parsed once per change) for health and money.
  const chainParams = () => rewards.settings.chainParams();
  // One SSH exec for capabilities that ask a legacy node something (gettxout, hardware facts).
  const nodeExec = poolNodeExec({ nodes: nodesRepo, pool: sshPool });
  const collateral = createCollateralModule({
    db,
    params: chainParams,
    priceUsd: () => rewards.settings.get().fluxPriceUsd,
    latestStatuses: () => monitor.status(),
    exec: nodeExec,
    onEvent: recordEvent,
    onChanged: (nodeId) => events.publish('rewards:onChanged', { reason: 'collateral', nodeIds: [nodeId] }),
    clock: overrides.rewardsClock,
  });
  const migration = createMigrationCapability({
    db,
    params: chainParams,
    latestStatuses: () => monitor.status(),
    exec: nodeExec,
    collateral: collateral.watch,
    rewardsOverview: () => rewards.rewards.overview(),
    recordEvent: (id, e) => void history.recordEvent(id, e),
    publish: (nodeIds) => events.publish('migration:onChanged', { nodeIds }),
  });
  const apps = createAppsCapability({
    latestStatuses: () => monitor.status(),
    publicApi: publicApi.client,
    recordEvent: (id, e) => void history.recordEvent(id, e),
  });
  const costs = createCostsModule({ db, settings, rewards, listNodes: () => nodesRepo.list(), latestStatuses: () => monitor.status() });
  // The capabilities that judge and watch every poll result, in the order they see it.
  const watchers: Capability[] = [collateral, rewards, alerts, migration, apps, costs];

  const pipeline = new ProbePipeline({
    nodes: nodesRepo,
    sshPool,
    publicApi: publicApi.client,
    params: chainParams,
    rules: loadHealthRules(),
    latest,
    problemSources: watchers,
    onProbe: apps.ingest,
    ...overrides.probe,
  });
  const monitor = new FleetMonitor({
    db,
    events,
    historyRepo: history,
    latest,
    listNodes: () => nodesRepo.list(),
    listIdentities: () => nodesRepo.identities(),
    pollNode: pipeline.pollNode,
    poller: overrides.poller,
    observers: watchers,
  });
  // Once the user trusts a key, the pool forgets its refusal and the node is polled again at once.
  const sshCheck = new SshCheckService(nodesRepo, hostKeysRepo, hostKeys, secrets, (target, nodeId) => {
    sshPool.resetBackoff(target);
    sshPool.evict(target);
    monitor.pollNow([nodeId]);
  });

  const appInfo = (): AppInfo => ({
    name: 'FluxDeck',
    version: APP_VERSION,
    dataDir: options.dataDir,
    databasePath: dbFile,
    schemaVersion: schemaVersion(db),
    mode: options.mode,
    secretBackend: secrets.describe(),
  });

  const metrics = createMetricsCapability({
    events,
    settings,
    secrets,
    listNodes: () => nodesRepo.list(),
    statuses: () => monitor.status(),
    payments: new PaymentsRepo(db),
  });
  const planner = createPlannerCapability({ settings, rewardsSettings: rewards.settings, counts: rewards.counts, latestStatuses: () => monitor.status() });
  const capabilities: readonly Capability[] = [
    createAppInfoCapability(appInfo, () => monitor.writer.status()),
    createNodesCapability({ nodes, importer: importer.pipeline, editor, sshCheck, owners, discovery }),
    createFleetCapability(monitor),
    { name: 'probe', handlers: {}, forget: (ids) => pipeline.forget(ids) },
    ...watchers,
    planner,
    metrics,
    createActionsCapability({
      db,
      nodes: nodesRepo,
      pool: sshPool,
      isArcane: (id) => latest.get(id)?.flux?.arcaneOS === true,
      publish: (run) => events.publish('actions:onProgress', { run }),
      publishOutput: (output) => events.publish('actions:onOutput', output),
    }),
  ];

  const unsubscribe = events.subscribe('fleet:onChanged', ({ reason, nodeIds }) => {
    if (reason === 'removed') for (const capability of capabilities) capability.forget?.(nodeIds);
    monitor.refresh();
  });

  return {
    db,
    events,
    secrets,
    settings,
    nodes,
    nodesRepo,
    hostKeys,
    sshCheck,
    sshPool,
    importer,
    owners,
    discovery,
    editor,
    alerts,
    rewards,
    collateral,
    planner,
    migration,
    apps,
    costs,
    metrics,
    monitor,
    chainParams,
    appInfo,
    capabilities,
    /** Stops polling and writes buffered history, closes each capability (last built first), then every socket and the DB. */
    async close(): Promise<void> {
      unsubscribe();
      monitor.stop();
      for (const capability of [...capabilities].reverse()) await capability.close?.();
      pipeline.close();
      publicApi.close();
      await sshPool.close();
      db.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
