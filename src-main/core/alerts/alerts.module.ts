import type { AlertFired } from '../../../src-shared/contract/alerts.contract';
import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type { Capability } from '../capability';
import type { SecretStore } from '../secrets/secret-store';
import type { Db } from '../store/database';
import type { SettingsRepo } from '../store/settings.repo';
import { AlertDelivery, type DeliveryOptions } from './alert-delivery';
import { AlertEngine, type AlertEngineOptions } from './alert-engine';
import { AlertPolicy } from './alert-policy';
import { alertsHandlers } from './alerts.handlers';
import { AlertsRepo } from './alerts.repo';
import { AlertsService } from './alerts.service';
import { Heartbeat } from './heartbeat';
import type { Notifier } from './notifier';

export interface CreateAlertsOptions {
  db: Db;
  secrets: SecretStore;
  /** Where the user's alert rules live; without it the defaults apply. */
  settings?: Pick<SettingsRepo, 'get' | 'set'>;
  /** Electron: a Notification-backed notifier; serve: `inAppNotifier`. */
  notifier?: Notifier;
  /** Usually `(payload) => events.publish('alerts:onFired', payload)`. */
  onFired?: (payload: AlertFired) => void;
  delivery?: Omit<DeliveryOptions, 'repo' | 'secrets' | 'notifier' | 'accepts'>;
  engine?: Pick<AlertEngineOptions, 'rules' | 'digest' | 'autoFlush' | 'log'>;
  /** Shortest time between two heartbeat calls (about one poll cycle). */
  heartbeatIntervalMs?: number;
  clock?: () => number;
}

/** In-memory settings for callers that pass none (unit tests). */
function memorySettings(): Pick<SettingsRepo, 'get' | 'set'> {
  const values = new Map<string, unknown>();
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) };
}

/**
 * Wires the alerts feature: repo, rules, delivery, engine (for the poller), heartbeat and service,
 * as one Capability (handlers, observe, forget, close).
 */
export function createAlerts(options: CreateAlertsOptions) {
  const repo = new AlertsRepo(options.db);
  const policy = new AlertPolicy(options.settings ?? memorySettings(), { list: () => repo.listChannels(), revision: () => repo.channelsRevision });
  const delivery = new AlertDelivery({ ...options.delivery, repo, secrets: options.secrets, notifier: options.notifier, accepts: (channel, message) => policy.accepts(channel, message) });
  const engine = new AlertEngine({ rules: () => policy.ruleOptions(), ...options.engine, repo, delivery, onFired: options.onFired });
  const service = new AlertsService(repo, options.secrets, delivery, options.clock);
  const heartbeat = new Heartbeat(options.secrets, { minIntervalMs: options.heartbeatIntervalMs, clock: options.clock });
  const parts = { repo, policy, delivery, engine, service, heartbeat };
  const capability = {
    name: 'alerts',
    handlers: alertsHandlers(parts),
    observe(previous: NodeStatus | undefined, next: NodeStatus): void {
      heartbeat.tick();
      engine.observe(previous, next, (options.clock ?? Date.now)());
    },
    forget(nodeIds: readonly number[]): void {
      for (const id of nodeIds) engine.forget(id);
    },
    async close(): Promise<void> {
      await engine.close();
      await heartbeat.idle();
    },
  } satisfies Capability;
  return { ...parts, ...capability };
}

/** The same wiring under the capability naming the composition root uses. */
export const createAlertsCapability = createAlerts;

export type Alerts = ReturnType<typeof createAlerts>;
