import type { CallOptions } from '../fluxos/fetch-route';
import type { FluxosNode } from '../fluxos/fluxos-client';
import { FLUXOS_ROUTES, type FluxosRouteName, type FluxosRouteResult } from '../fluxos/routes';
import { toProbeError } from './probe-error';
import type { ApiFacts, ApiSourceName, SourceResult } from './probe-types';
import type { RouteCache } from './route-cache';

/** The part of FluxosClient the probe uses (tests may count or fake calls). */
export interface FluxosCaller {
  call<R extends FluxosRouteName>(route: R, node: FluxosNode, options?: CallOptions): Promise<FluxosRouteResult<R>>;
}

/** Minimum age before a route is asked again, per route (default {@link DEFAULT_ROUTE_TTL_MS}). */
export type RouteTtls = Partial<Record<ApiSourceName, number>>;

export const DEFAULT_ROUTE_TTL_MS = 30_000;

/**
 * How long each answer is reused, by how fast it changes. Status and height: every poll (FluxOS
 * itself caches `getfluxnodestatus` 60 s and the rest 30 s, flux-facts §1.1). Benchmarks change
 * only when the node re-benchmarks (about daily, or after a restart), versions on an update, the
 * ArcaneOS flag never: asking them every minute was most of a poll's requests for nothing. A
 * failed benchmark is therefore seen within 5 minutes, a FluxOS update within 10.
 */
export const DEFAULT_ROUTE_TTLS: RouteTtls = {
  fluxnodeStatus: 30_000,
  benchmarks: 10 * 60_000,
  benchStatus: 5 * 60_000,
  fluxVersion: 10 * 60_000,
  isArcaneOs: 10 * 60_000,
  // The fluxbench daemon version changes only with an apt upgrade, like FluxOS's own.
  benchInfo: 10 * 60_000,
  uptime: 5 * 60_000,
  runningApps: 2 * 60_000,
  // Installed apps are asked like the node status: an app that comes and goes within a minute
  // must still show as installed and removed in the node's event log. Their locked resources
  // change only with them and feed bars, not events.
  installedApps: 30_000,
  appsResources: 2 * 60_000,
  // Where a node sits changes with its IP only; its provider lookup is an outside call on the node.
  geolocation: 60 * 60_000,
};

/** Source name → FluxOS route; the names are the client's route names. */
export const API_SOURCES = [
  'fluxnodeStatus',
  'daemonInfo',
  'benchmarks',
  'benchStatus',
  'benchInfo',
  'fluxVersion',
  'isArcaneOs',
  'uptime',
  'runningApps',
  'installedApps',
  'appsResources',
  'geolocation',
] as const satisfies readonly (ApiSourceName & FluxosRouteName)[];

export interface ApiProbeOptions {
  fluxos: FluxosCaller;
  cache: RouteCache;
  now: () => number;
  ttlFor: (source: ApiSourceName) => number;
  /** Per-route deadline; undefined = the client's default. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

async function readSource<S extends ApiSourceName>(
  source: S,
  nodeId: number,
  target: FluxosNode,
  o: ApiProbeOptions,
): Promise<SourceResult<ApiFacts[S] extends SourceResult<infer T> ? T : never>> {
  type Value = ApiFacts[S] extends SourceResult<infer T> ? T : never;
  const endpoint = `${target.host}:${target.apiPort}`;
  const startedAt = o.now();
  const hit = o.cache.fresh(nodeId, endpoint, source, o.ttlFor(source), startedAt);
  if (hit) return { ok: true, value: hit.value as Value, at: hit.at, cached: true };
  try {
    const value = (await o.fluxos.call(source, target, { timeoutMs: o.timeoutMs, signal: o.signal })) as Value;
    const at = o.now();
    o.cache.store(nodeId, endpoint, source, value, at);
    return { ok: true, value, at, cached: false };
  } catch (err) {
    return { ok: false, error: toProbeError(err, FLUXOS_ROUTES[source].path), at: o.now() };
  }
}

/**
 * Reads every API source of one node in parallel over its keep-alive agent, each settling on its
 * own (value or typed error), reusing values younger than their TTL.
 */
export async function probeApi(nodeId: number, target: FluxosNode, options: ApiProbeOptions): Promise<ApiFacts> {
  const [fluxnodeStatus, daemonInfo, benchmarks, benchStatus, benchInfo, fluxVersion, isArcaneOs, uptime, runningApps, installedApps, appsResources, geolocation] = await Promise.all([
    readSource('fluxnodeStatus', nodeId, target, options),
    readSource('daemonInfo', nodeId, target, options),
    readSource('benchmarks', nodeId, target, options),
    readSource('benchStatus', nodeId, target, options),
    readSource('benchInfo', nodeId, target, options),
    readSource('fluxVersion', nodeId, target, options),
    readSource('isArcaneOs', nodeId, target, options),
    readSource('uptime', nodeId, target, options),
    readSource('runningApps', nodeId, target, options),
    readSource('installedApps', nodeId, target, options),
    readSource('appsResources', nodeId, target, options),
    readSource('geolocation', nodeId, target, options),
  ]);
  return { fluxnodeStatus, daemonInfo, benchmarks, benchStatus, benchInfo, fluxVersion, isArcaneOs, uptime, runningApps, installedApps, appsResources, geolocation };
}
