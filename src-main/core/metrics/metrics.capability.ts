import type { MetricsSettingsView } from '../../../src-shared/contract';
import type { NodeRecord, NodeStatus } from '../../../src-shared/contract';
import type { Capability } from '../capability';
import type { EventHub } from '../contract-server/event-hub';
import { AppError } from '../errors';
import type { PaymentsRepo } from '../rewards/payments.repo';
import type { SettingsStore } from '../rewards/rewards-settings';
import type { SecretStore } from '../secrets/secret-store';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { createMetrics } from './metrics.module';

export const METRICS_SETTINGS_KEY = 'metrics';
const TOKEN_REF = 'metrics-token:app';
/** The port Prometheus exporters conventionally pick for a new exporter in this range. */
export const DEFAULT_METRICS_PORT = 9464;

export interface MetricsCapabilityDeps {
  events: EventHub;
  settings: SettingsStore;
  secrets: SecretStore;
  listNodes: () => NodeRecord[];
  statuses: () => NodeStatus[];
  payments: Pick<PaymentsRepo, 'totalsByNode'>;
}

export interface MetricsCapability extends Capability {
  /** Starts `/metrics` when the app setting says so (the app and `serve` call it once at start). */
  startFromSettings(): Promise<MetricsServer | null>;
  /** Starts it with a token and port from the command line (`serve --metrics`), whatever the setting. */
  startWith(options: { token?: string; port?: number }): Promise<MetricsServer>;
}

interface Stored {
  enabled: boolean;
  port: number;
}

/**
 * The Prometheus endpoint as a setting of the app (`metrics:*`): on or off, its port and its bearer
 * token, kept in the secret store and never sent back to the renderer. `serve --metrics` starts the
 * same endpoint from its flags instead.
 */
export function createMetricsCapability(deps: MetricsCapabilityDeps): MetricsCapability {
  const metrics = createMetrics({ events: deps.events, listNodes: deps.listNodes, statuses: deps.statuses, payments: () => deps.payments.totalsByNode() });
  let server: MetricsServer | null = null;
  let error: string | null = null;

  const stored = (): Stored => {
    const raw = deps.settings.get(METRICS_SETTINGS_KEY) as Partial<Stored> | null | undefined;
    return { enabled: raw?.enabled === true, port: typeof raw?.port === 'number' ? raw.port : DEFAULT_METRICS_PORT };
  };
  const stop = async () => {
    await server?.close();
    server = null;
  };
  const startWith = async (options: { token?: string; port?: number }) => {
    await stop();
    server = await startMetricsServer({ render: metrics.render, ...options });
    return server;
  };
  const startFromSettings = async (): Promise<MetricsServer | null> => {
    const { enabled, port } = stored();
    error = null;
    if (!enabled) {
      await stop();
      return null;
    }
    const token = await deps.secrets.get(TOKEN_REF).catch(() => undefined);
    if (!token) {
      error = 'No token is stored (this session\'s secrets are gone, or none was set): enter one';
      await stop();
      return null;
    }
    try {
      return await startWith({ token, port });
    } catch (e) {
      error = `Could not listen on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}`;
      return null;
    }
  };
  const view = async (): Promise<MetricsSettingsView> => ({
    ...stored(),
    tokenSet: Boolean(await deps.secrets.get(TOKEN_REF).catch(() => undefined)),
    tokenPersistent: deps.secrets.describe().persistent,
    url: server?.url ?? null,
    error,
  });

  return {
    name: 'metrics',
    startFromSettings,
    startWith,
    handlers: {
      'metrics:settings': () => view(),
      'metrics:save': async ({ enabled, port, token }) => {
        if (token) await deps.secrets.set(TOKEN_REF, token);
        const next = { ...stored(), ...(enabled !== undefined ? { enabled } : {}), ...(port !== undefined ? { port } : {}) };
        if (next.enabled && !(await deps.secrets.get(TOKEN_REF).catch(() => undefined))) {
          throw new AppError('BAD_INPUT', 'Enter a token first: Prometheus sends it as its bearer token');
        }
        deps.settings.set(METRICS_SETTINGS_KEY, next);
        await startFromSettings();
        return view();
      },
    },
    async close() {
      metrics.close();
      await stop();
    },
  };
}
