import type { AppInfo, NodeStatus } from '../../src-shared/contract';
import { createAlerts } from './alerts/alerts.module';
import { createAppsCapability } from './apps/apps.module';
import { inAppNotifier, type Notifier } from './alerts/notifier';
import { poolNodeExec } from './collateral/pool-exec';
import { EventHub } from './contract-server/event-hub';
import { ProbePipeline, type ProbePipelineOptions } from './monitor/probe-pipeline';
import { loadHealthRules } from './health';
import { InventoryImporter, PUBLIC_API_SETTING } from './nodes/inventory-import';
import { NodesRepo } from './nodes/nodes.repo';
import { NodesService } from './nodes/nodes.service';
import { SshCheckService } from './nodes/ssh-check.service';
import { databasePath } from './paths';
import { FleetMonitor, type FleetMonitorOptions } from './monitor/fleet-monitor';
import { PublicApiClient } from './fluxos/fluxos-client';
import { createRewardsModule, type RewardsModuleDeps } from './rewards/rewards-module';
import { withRewardsProblems } from './rewards/status-problems';
import { headlessSecretStore } from './secrets/headless-secrets';
import type { SecretStore } from './secrets/secret-store';
import { SettingsRepo } from './store/settings.repo';
import { HostKeys, type HostKeyEvent, type UnknownHostKeyPolicy } from './ssh/host-keys';
import { HostKeysRepo } from './ssh/host-keys.repo';
import { SshPool, type SshPoolOptions } from './ssh/ssh-pool';
import { openDatabase, type Db } from './store/database';
import { schemaVersion } from './store/migrate';
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
 * The one composition root: plain classes wired by hand. The Electron shell, the CLI and `serve`
 * all call this, so they run the same core. Nothing polls until `monitor.start()`.
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

  // Host-key changes become node events; the monitor exists only after the pool that needs the keys.
  let onHostKeyEvent: (event: HostKeyEvent) => void = () => undefined;
  const hostKeysRepo = new HostKeysRepo(db);
  const hostKeys = new HostKeys(hostKeysRepo, { policy: options.hostKeyPolicy ?? 'ask', onHostKeyEvent: (event) => onHostKeyEvent(event) });
  const sshPool = new SshPool({ ...overrides.sshPool, hostKeys, secrets });
  const importer = new InventoryImporter(nodesRepo, hostKeys, settings, events);

  const alerts = createAlerts({
    db,
    secrets,
    notifier: overrides.notifier ?? inAppNotifier,
    onFired: (payload) => events.publish('alerts:onFired', payload),
    delivery: overrides.alertDelivery,
  });

  const publicApiUrl = () => {
    const value = settings.get(PUBLIC_API_SETTING);
    return typeof value === 'string' ? value : null;
  };
  // One public API client for the whole app (ranks, network height, node counts), rebuilt only when
  // the configured URL changes.
  let publicApiClient: { url: string; client: PublicApiClient } | null = null;
  const publicApi = () => {
    const url = publicApiUrl();
    if ((publicApiClient?.url ?? null) !== url) {
      publicApiClient?.client.close();
      publicApiClient = url ? { url, client: new PublicApiClient(url) } : null;
    }
    return publicApiClient?.client ?? null;
  };
  // Rewards needs the monitor's statuses and history, and the monitor needs rewards' problems:
  // the two late-bound functions below close that loop once both exist.
  let latestStatuses: () => NodeStatus[] = () => [];
  let recordEvent: (nodeId: number, event: { kind: string; severity: 'info' | 'warning' | 'critical'; message: string; at: number }) => void = () => undefined;
  const rewards = createRewardsModule({
    db,
    settings,
    latestStatuses: () => latestStatuses(),
    publicApi,
    exec: poolNodeExec({ nodes: nodesRepo, pool: sshPool }),
    onEvent: (event) => recordEvent(event.nodeId, { kind: event.kind, severity: event.severity, message: event.message, at: event.at }),
    onChanged: (change) => events.publish('rewards:onChanged', change),
    clock: overrides.rewardsClock,
  });

  // One source of chain parameters (with the user's overrides, parsed once per change) for health and money.
  const chainParams = () => rewards.settings.chainParams();
  const apps = createAppsCapability({ latestStatuses: () => latestStatuses(), publicApi, recordEvent: (id, event) => recordEvent(id, event) });
  const pipeline = new ProbePipeline({ nodes: nodesRepo, sshPool, publicApi, params: chainParams, rules: loadHealthRules(), onProbe: apps.ingest, ...overrides.probe });
  const monitor = new FleetMonitor({
    db,
    events,
    listNodes: () => nodesRepo.list(),
    pollNode: async (node, signal) => withRewardsProblems(await pipeline.pollNode(node, signal), rewards.problems(node.id)),
    poller: overrides.poller,
    observe: (previous, next) => {
      rewards.observe(previous, next);
      apps.observe(previous, next);
      alerts.engine.observe(previous, next, Date.now());
    },
  });
  pipeline.seed(monitor.history.latestAll());
  // Once the user trusts a key, the pool forgets its refusal and the node is polled again at once.
  const sshCheck = new SshCheckService(nodesRepo, hostKeysRepo, hostKeys, secrets, (target, nodeId) => {
    sshPool.resetBackoff(target);
    sshPool.evict(target);
    monitor.pollNow([nodeId]);
  });
  latestStatuses = () => monitor.status();
  recordEvent = (nodeId, event) => void monitor.history.recordEvent(nodeId, event);
  onHostKeyEvent = (event) => {
    const severity = event.kind === 'mismatch' ? 'critical' : 'info';
    const message =
      event.kind === 'mismatch'
        ? `Host key changed: ${event.keyType} ${event.fingerprint} (pinned ${event.previousFingerprint ?? 'unknown'}); connection refused`
        : `Host key ${event.kind}: ${event.keyType} ${event.fingerprint}`;
    // An index lookup, not a scan: importing thousands of pinned keys must stay linear.
    for (const id of nodesRepo.idsAtSshEndpoint(event.host, event.port)) monitor.history.recordEvent(id, { kind: `hostkey-${event.kind}`, severity, message });
  };
  const unsubscribe = events.subscribe('fleet:onChanged', ({ reason, nodeIds }) => {
    if (reason === 'removed') {
      pipeline.forget(nodeIds);
      apps.forget(nodeIds);
      for (const id of nodeIds) {
        alerts.engine.forget(id);
        rewards.forget(id);
      }
    }
    monitor.refresh();
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
    alerts,
    rewards,
    apps,
    monitor,
    chainParams,
    appInfo,
    /** Stops polling, sends pending alerts, writes buffered history, then closes every socket and the DB. */
    async close(): Promise<void> {
      unsubscribe();
      monitor.stop();
      await alerts.engine.close();
      pipeline.close();
      await rewards.collateral.idle();
      publicApiClient?.client.close();
      await sshPool.close();
      db.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
