import type { CallOptions } from '../fluxos/fetch-route';
import type { FluxosNode } from '../fluxos/fluxos-client';
import { FLUXOS_ROUTES, type FluxosRouteName, type FluxosRouteResult } from '../fluxos/routes';
import { LOOPBACK_SOURCES } from './cli-facts';
import { toProbeError } from './probe-error';
import type { ApiFacts, ApiSourceName, SourceResult } from './probe-types';
import type { RouteCache } from './route-cache';

/** The part of FluxosClient the probe uses (tests may count or fake calls). */
export interface FluxosCaller {
  call<R extends FluxosRouteName>(route: R, node: FluxosNode, options?: CallOptions): Promise<FluxosRouteResult<R>>;
  /** A poll of `node` is done: its kept-alive sockets may go. */
  endPoll?(node: FluxosNode): void;
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
  // The height is judged against the fleet's highest: two nodes' heights read up to a TTL apart
  // would differ by the blocks in between (a demo chain makes a block a second), so it is read on
  // every poll, over the node's SSH exec where it has one.
  daemonInfo: 0,
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
  /**
   * Sources this poll reads another way (the SSH exec). Each promise settles to a result, or to
   * undefined when that way failed: then the source is asked over HTTP after all.
   */
  elsewhere?: Partial<Record<ApiSourceName, Promise<SourceResult<unknown> | undefined>>>;
  /**
   * Asked even when its value is fresh if FluxOS is asked nothing else this poll: one answer from
   * FluxOS per poll is what tells "FluxOS is down" from "nothing was due".
   */
  liveness?: ApiSourceName;
}

type ValueOf<S extends ApiSourceName> = ApiFacts[S] extends SourceResult<infer T> ? T : never;

/** A source's value: from the cache when fresh (no promise, no microtask: most sources on most polls), else asked. */
function readSource<S extends ApiSourceName>(
  source: S,
  nodeId: number,
  endpoint: string,
  target: FluxosNode,
  o: ApiProbeOptions,
  force: boolean,
): SourceResult<ValueOf<S>> | Promise<SourceResult<ValueOf<S>>> {
  const hit = force ? undefined : o.cache.fresh(nodeId, endpoint, source, o.ttlFor(source), o.now());
  if (hit) return { ok: true, value: hit.value as ValueOf<S>, at: hit.at, cached: true };
  return askSource(source, nodeId, endpoint, target, o);
}

async function askSource<S extends ApiSourceName>(source: S, nodeId: number, endpoint: string, target: FluxosNode, o: ApiProbeOptions): Promise<SourceResult<ValueOf<S>>> {
  const elsewhere = o.elsewhere?.[source];
  const other = elsewhere ? await elsewhere : undefined;
  if (other?.ok) {
    o.cache.store(nodeId, endpoint, source, other.value, other.at);
    return other as SourceResult<ValueOf<S>>;
  }
  try {
    const value = (await o.fluxos.call(source, target, { timeoutMs: o.timeoutMs, signal: o.signal })) as ValueOf<S>;
    const at = o.now();
    o.cache.store(nodeId, endpoint, source, value, at);
    return { ok: true, value, at, cached: false };
  } catch (err) {
    return { ok: false, error: toProbeError(err, FLUXOS_ROUTES[source].path), at: o.now() };
  }
}

/**
 * Reads every API source of one node in parallel over its keep-alive agent, each settling on its
 * own (value or typed error), reusing values younger than their TTL and taking the ones read
 * `elsewhere` from there.
 */
export async function probeApi(nodeId: number, target: FluxosNode, options: ApiProbeOptions): Promise<ApiFacts> {
  const endpoint = `${target.host}:${target.apiPort}`;
  const startedAt = options.now();
  // FluxOS is asked this poll over HTTP, or on the node's loopback in the SSH exec (whose failure
  // sends that source over HTTP after all).
  const asksFluxos = API_SOURCES.some((s) => {
    const elsewhere = options.elsewhere?.[s];
    const due = !options.cache.fresh(nodeId, endpoint, s, options.ttlFor(s), startedAt);
    return due && (elsewhere === undefined || (LOOPBACK_SOURCES as ReadonlySet<string>).has(s));
  });
  const force = (s: ApiSourceName): boolean => !asksFluxos && s === options.liveness;
  // Every read starts at once; only the ones actually asked are waited for.
  const reads = API_SOURCES.map((s) => readSource(s, nodeId, endpoint, target, options, force(s)));
  const facts: Partial<Record<ApiSourceName, SourceResult<unknown>>> = {};
  for (let i = 0; i < API_SOURCES.length; i++) {
    const read = reads[i]!;
    facts[API_SOURCES[i]!] = read instanceof Promise ? await read : read;
  }
  return facts as ApiFacts;
}
