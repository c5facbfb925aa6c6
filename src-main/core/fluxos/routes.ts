import {
  normalizeBlockCount,
  normalizeBlockSubsidy,
  normalizeDaemonInfo,
  normalizeDeterministicList,
  normalizeFluxnodeCount,
  normalizeFluxnodeStatus,
} from './schemas/daemon.schemas';
import { normalizeBenchInfo, normalizeBenchStatus, normalizeBenchmarks, normalizeDaemonBenchmarks } from './schemas/benchmark.schemas';
import { normalizeFluxVersion, normalizeIsArcaneOs, normalizeModulesMinimumVersions, normalizeUptimeSeconds, normalizeVotePower } from './schemas/flux.schemas';
import { normalizeAppLocations, normalizeAppsResources, normalizeGeolocation, normalizeGlobalAppsSpecs, normalizeInstalledApps, normalizeRunningApps } from './schemas/apps.schemas';

/** Optional route parameters. */
export interface RouteParams {
  /** Deterministic list: substring of txhash, pubkey, ip or payment address. */
  filter?: string;
  /** Block subsidy at this height (default: the tip). */
  height?: number;
  /** App name for `/apps/location/<name>`. */
  appName?: string;
  /** Flux ID for stats' `/proposals/votepower/<zelid>`. */
  zelid?: string;
}

/** One FluxOS GET route: its path and how its `data` becomes a domain object. */
export interface RouteDef<T> {
  path: string;
  /** Overrides the client's body cap (the full deterministic list is ~7 MiB). */
  maxBytes?: number;
  /** Builds the request path + query from params (default: `path`). */
  build?: (params: RouteParams) => string;
  /** Throws (ZodError or FluxosError) when `data` is not what the node should answer. */
  normalize: (data: unknown, parseJson: (text: string) => unknown) => T;
}

const MiB = 1024 * 1024;

/** Every route FluxDeck reads, keyed by a stable name. */
export const FLUXOS_ROUTES = {
  fluxnodeStatus: { path: '/daemon/getfluxnodestatus', normalize: normalizeFluxnodeStatus },
  daemonInfo: { path: '/daemon/getinfo', normalize: normalizeDaemonInfo },
  blockCount: { path: '/daemon/getblockcount', normalize: normalizeBlockCount },
  deterministicList: {
    path: '/daemon/viewdeterministicfluxnodelist',
    maxBytes: 32 * MiB,
    build: (p: RouteParams) =>
      p.filter ? `/daemon/viewdeterministicfluxnodelist?filter=${encodeURIComponent(p.filter)}` : '/daemon/viewdeterministicfluxnodelist',
    normalize: normalizeDeterministicList,
  },
  fluxnodeCount: { path: '/daemon/getfluxnodecount', normalize: normalizeFluxnodeCount },
  blockSubsidy: {
    path: '/daemon/getblocksubsidy',
    build: (p: RouteParams) =>
      p.height !== undefined && Number.isSafeInteger(p.height) && p.height >= 0
        ? `/daemon/getblocksubsidy/${p.height}`
        : '/daemon/getblocksubsidy',
    normalize: normalizeBlockSubsidy,
  },
  daemonBenchmarks: { path: '/daemon/getbenchmarks', normalize: normalizeDaemonBenchmarks },
  benchmarks: { path: '/benchmark/getbenchmarks', normalize: normalizeBenchmarks },
  benchStatus: { path: '/benchmark/getstatus', normalize: normalizeBenchStatus },
  benchInfo: { path: '/benchmark/getinfo', normalize: normalizeBenchInfo },
  fluxVersion: { path: '/flux/version', normalize: normalizeFluxVersion },
  isArcaneOs: { path: '/flux/isarcaneos', normalize: normalizeIsArcaneOs },
  uptime: { path: '/flux/uptime', normalize: normalizeUptimeSeconds },
  runningApps: { path: '/apps/listrunningapps', normalize: normalizeRunningApps },
  installedApps: { path: '/apps/installedapps', normalize: normalizeInstalledApps },
  appsResources: { path: '/apps/appsresources', normalize: normalizeAppsResources },
  geolocation: { path: '/flux/geolocation', normalize: normalizeGeolocation },
  /** Public API: every registered app spec (a few MiB network-wide). */
  globalAppsSpecs: { path: '/apps/globalappsspecifications', maxBytes: 64 * MiB, normalize: normalizeGlobalAppsSpecs },
  appLocation: {
    path: '/apps/location',
    build: (p: RouteParams) => `/apps/location/${encodeURIComponent(p.appName ?? '')}`,
    normalize: normalizeAppLocations,
  },
  /** stats.runonflux.io (not a node route): the live Syncthing and Docker minimums. */
  modulesMinimumVersions: { path: '/getmodulesminimumversions', maxBytes: 64 * 1024, normalize: normalizeModulesMinimumVersions },
  /** stats.runonflux.io: the nodes whose FluxOS runs under a Flux ID (wallet discovery). */
  votePower: {
    path: '/proposals/votepower',
    build: (p: RouteParams) => `/proposals/votepower/${encodeURIComponent(p.zelid ?? '')}`,
    normalize: normalizeVotePower,
  },
} satisfies Record<string, RouteDef<unknown>>;

export type FluxosRouteName = keyof typeof FLUXOS_ROUTES;

/** The domain type a route resolves to. */
export type FluxosRouteResult<R extends FluxosRouteName> = ReturnType<(typeof FLUXOS_ROUTES)[R]['normalize']>;
