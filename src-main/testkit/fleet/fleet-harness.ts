import type { NodeStatus, PollProgress } from '../../../src-shared/contract';
import { API_SOURCES, type RouteTtls } from '../../core/probe/api-probe';
import { createServices, type Services, type ServicesOptions } from '../../core/services';
import { startSimFleet, type SimFleet } from '../../sim';
import type { FleetSpecInput } from '../../sim';
import { makeTempDir } from '../temp-dir';

/**
 * The whole app's core (createServices on a real SQLite file in a temp dir) wired to an in-process
 * simulated fleet, for end-to-end tests of the poll pipeline without a browser.
 */

type Overrides = NonNullable<ServicesOptions['overrides']>;

export interface FleetHarnessOptions {
  /** Poller settings; default: a 24 h interval, so only `pollCycle` polls. */
  poller?: Overrides['poller'];
  /** Probe settings; default: no route caching, short API/SSH deadlines. */
  probe?: Overrides['probe'];
  rewardsClock?: Overrides['rewardsClock'];
  alertDelivery?: Overrides['alertDelivery'];
}

export interface FleetHarness {
  sim: SimFleet;
  dataDir: string;
  services: Services;
  /** The node id the import gave `name`. */
  idOf(name: string): number;
  /** `monitor.status()` of one node, as the CLI and the fleet table read it. */
  statusOf(name: string): NodeStatus;
  /** `monitor.status()` as a name → status map. */
  statuses(): Map<string, NodeStatus>;
  /** Polls the given nodes (default all) now and resolves when that run ends; history is flushed. */
  pollCycle(names?: readonly string[], timeoutMs?: number): Promise<PollProgress>;
  /** Closes the services and opens new ones on the same data dir (monitor started again). */
  restart(): Promise<void>;
  /** Closes services, sim and temp dir. Idempotent. */
  close(): Promise<void>;
}

/** Every API route asked again on every poll: tests poll twice within FluxOS's 30 s cache. */
export const NO_ROUTE_CACHE: RouteTtls = Object.fromEntries(API_SOURCES.map((source) => [source, 0]));

export const FAST_PROBE: NonNullable<Overrides['probe']> = {
  prober: { apiTimeoutMs: 1_500, sshTimeoutMs: 3_000, routeTtls: NO_ROUTE_CACHE },
  sshTarget: { readyTimeoutMs: 1_500, keepalive: { intervalMs: 300, countMax: 2 } },
};

/** Rejects with `what` when `promise` has not settled within `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`deadline: ${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Resolves with the first `event` payload that `match` accepts (subscribed at call time). */
export function nextEvent<T>(subscribe: (listener: (payload: T) => void) => () => void, match: (payload: T) => boolean, ms: number, what: string): Promise<T> {
  let dispose: () => void = () => undefined;
  const found = new Promise<T>((resolve) => {
    dispose = subscribe((payload) => {
      if (match(payload)) resolve(payload);
    });
  });
  return withDeadline(found, ms, what).finally(() => dispose());
}

export async function startFleetHarness(spec: FleetSpecInput, options: FleetHarnessOptions = {}): Promise<FleetHarness> {
  const sim = await startSimFleet(spec, { blockMs: 0 });
  const temp = makeTempDir('fluxdeck-fleet-it-');
  const open = (): Services =>
    createServices({
      dataDir: temp.dir,
      mode: 'serve',
      overrides: {
        poller: { intervalMs: 24 * 3_600_000, ...options.poller },
        probe: options.probe ?? FAST_PROBE,
        ...(options.rewardsClock ? { rewardsClock: options.rewardsClock } : {}),
        alertDelivery: { timeoutMs: 3_000, log: () => undefined, ...options.alertDelivery },
      },
    });
  let services = open();
  services.importer.import(sim.inventory, { setPublicApi: true });
  services.monitor.start();
  let closed = false;

  const ids = (): Map<string, number> => new Map(services.nodesRepo.list().map((node) => [node.name, node.id]));
  const idOf = (name: string): number => {
    const id = ids().get(name);
    if (id === undefined) throw new Error(`no imported node named ${name}`);
    return id;
  };
  const statuses = (): Map<string, NodeStatus> => new Map(services.monitor.status().map((s) => [s.name, s]));

  const pollCycle = async (names?: readonly string[], timeoutMs = 30_000): Promise<PollProgress> => {
    const current = services;
    const finished = nextEvent<PollProgress>(
      (listener) => current.events.subscribe('fleet:onPollProgress', listener),
      (progress) => !progress.running && progress.done >= progress.total,
      timeoutMs,
      'poll cycle',
    );
    current.monitor.pollNow(names?.map(idOf));
    const progress = await finished;
    current.monitor.writer.flush();
    return progress;
  };

  return {
    sim,
    dataDir: temp.dir,
    get services() {
      return services;
    },
    idOf,
    statusOf(name) {
      const status = statuses().get(name);
      if (!status) throw new Error(`no status for ${name}`);
      return status;
    },
    statuses,
    pollCycle,
    async restart() {
      await services.close();
      services = open();
      services.monitor.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await services.close();
      } finally {
        await sim.handle.close();
        temp.cleanup();
      }
    },
  };
}
