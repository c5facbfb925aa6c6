import type { AlertFired } from '../../../src-shared/contract/alerts.contract';
import type { Capability } from '../capability';
import type { SecretStore } from '../secrets/secret-store';
import type { Db } from '../store/database';
import { AlertDelivery, type DeliveryOptions } from './alert-delivery';
import { AlertEngine, type AlertEngineOptions } from './alert-engine';
import { alertsHandlers } from './alerts.handlers';
import { AlertsRepo } from './alerts.repo';
import { AlertsService } from './alerts.service';
import type { Notifier } from './notifier';

export interface CreateAlertsOptions {
  db: Db;
  secrets: SecretStore;
  /** Electron: a Notification-backed notifier; serve: `inAppNotifier`. */
  notifier?: Notifier;
  /** Usually `(payload) => events.publish('alerts:onFired', payload)`. */
  onFired?: (payload: AlertFired) => void;
  delivery?: Omit<DeliveryOptions, 'repo' | 'secrets' | 'notifier'>;
  engine?: Pick<AlertEngineOptions, 'rules' | 'digest' | 'autoFlush' | 'log'>;
  clock?: () => number;
}

/** Wires the alerts feature: repo, delivery, engine (sees every poll result) and service (answers `alerts:*`). */
export function createAlerts(options: CreateAlertsOptions) {
  const repo = new AlertsRepo(options.db);
  const delivery = new AlertDelivery({ ...options.delivery, repo, secrets: options.secrets, notifier: options.notifier });
  const engine = new AlertEngine({ ...options.engine, repo, delivery, onFired: options.onFired });
  const service = new AlertsService(repo, options.secrets, delivery, options.clock);
  const capability: Capability = {
    name: 'alerts',
    handlers: alertsHandlers(service),
    observe: (previous, next) => void engine.observe(previous, next, Date.now()),
    forget: (nodeIds) => {
      for (const id of nodeIds) engine.forget(id);
    },
    // Sends what is still waiting in a digest window before the database closes.
    close: () => engine.close(),
  };
  return { repo, delivery, engine, service, ...capability };
}

export type Alerts = ReturnType<typeof createAlerts>;
