import { appLocations, appsResourcesAt, geolocationView, globalSpecs, installedAppsAt, runningAppsAt } from './apps-view';
import type { SimChain } from './chain';
import type { SimNode } from './sim-node';
import {
  blockSubsidy,
  daemonInfoView,
  deterministicListView,
  fluxInfoView,
  fluxnodeStatusView,
  nodeCountView,
  votePowerView,
} from './views';

/**
 * FluxOS route table for a simulated node and for the fleet's public API stand-in. Handlers return
 * the `data` of the FluxOS envelope; the HTTP layer wraps, overrides and breaks it (faults).
 */

export type ApiAnswer =
  | { kind: 'data'; data: unknown }
  | { kind: 'unauthorized' }
  | { kind: 'notFound' };

export interface RouteContext {
  chain: SimChain;
  /** getfluxnodecount data given in the fleet file, if any. */
  fluxnodeCount: Record<string, unknown> | undefined;
  /** Apps on nodes outside the fleet (`network.apps`), for the public app registry. */
  networkApps?: readonly { spec: Record<string, unknown>; locations: string[] }[];
  /** What the stats stand-in serves at /getmodulesminimumversions (default: FluxOS's config values). */
  modulesMinimumVersions?: Record<string, unknown>;
}

/** stats.runonflux.io's answer shape (fluxstats config/modulesMinVersions.json). */
export const DEFAULT_MODULES_MINIMUM_VERSIONS = { syncthing: '2.0.10', docker: '26.1.2' };

type Handler = (params: { rest: string; query: URLSearchParams }, node: SimNode | undefined, ctx: RouteContext) => unknown;

function listFilter(rest: string, query: URLSearchParams): string {
  return rest || query.get('filter') || '';
}

/** Routes both a node and the public API answer. */
const CHAIN_ROUTES: Record<string, Handler> = {
  '/daemon/viewdeterministicfluxnodelist': ({ rest, query }, _n, ctx) => deterministicListView(ctx.chain, listFilter(rest, query)),
  '/daemon/listfluxnodes': ({ rest, query }, _n, ctx) => deterministicListView(ctx.chain, listFilter(rest, query)),
  '/daemon/getfluxnodecount': (_p, _n, ctx) => nodeCountView(ctx.chain, ctx.fluxnodeCount),
  '/daemon/getzelnodecount': (_p, _n, ctx) => nodeCountView(ctx.chain, ctx.fluxnodeCount),
  '/daemon/getblocksubsidy': ({ rest, query }, node, ctx) => {
    const raw = rest || query.get('height');
    const h = raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : (node?.state.blockCount ?? ctx.chain.height);
    return { miner: blockSubsidy(h) };
  },
};

function benchString(node: SimNode, value: unknown): string {
  return node.state.benchStatus['status'] === 'online' ? JSON.stringify(value, null, 2) : 'Benchmark not running';
}

/** Node-only routes (need a node's own state). */
const NODE_ROUTES: Record<string, (node: SimNode, ctx: RouteContext, rest: string) => unknown> = {
  '/daemon/getfluxnodestatus': (node, ctx) => fluxnodeStatusView(node, ctx.chain),
  '/daemon/getzelnodestatus': (node, ctx) => fluxnodeStatusView(node, ctx.chain),
  '/daemon/getinfo': (node) => daemonInfoView(node),
  '/daemon/getblockcount': (node) => node.state.blockCount,
  // fluxd passes fluxbench-cli's stdout through, so these are JSON *strings*.
  '/daemon/getbenchmarks': (node) => benchString(node, node.state.benchmarks),
  '/daemon/getbenchstatus': (node) => benchString(node, node.state.benchStatus),
  '/benchmark/getbenchmarks': (node) => node.state.benchmarks,
  '/benchmark/getstatus': (node) => node.state.benchStatus,
  '/benchmark/getinfo': (node) => node.state.benchInfo,
  '/flux/version': (node) => node.state.fluxVersion,
  '/flux/isarcaneos': (node) => node.state.isArcaneOS,
  '/flux/uptime': (node) => node.state.uptime,
  '/flux/systemuptime': (node) => node.state.systemUptime,
  '/flux/info': (node, ctx) => fluxInfoView(node, ctx.chain),
  '/flux/nodetier': (node) => `${node.state.fluxnodeStatus.tier.toLowerCase()}_new`,
  '/flux/dosstate': (node) => node.state.fluxInfo['dos'] ?? { dosState: 0, dosMessage: null },
  '/flux/ip': (node) => node.state.fluxnodeStatus.ip.split(':')[0],
  '/apps/listrunningapps': (node, ctx) => runningAppsAt(node, ctx.chain.height, ctx.chain.blockTime(ctx.chain.height)),
  '/apps/installedapps': (node, ctx, rest) => {
    const apps = installedAppsAt(node, ctx.chain.height);
    return rest ? apps.filter((app) => app['name'] === rest) : apps;
  },
  '/apps/appsresources': (node, ctx) => appsResourcesAt(node, ctx.chain.height),
  '/flux/geolocation': (node) => geolocationView(node),
};

/** The public API's app registry: what the whole fleet (and `network.apps`) runs. */
const PUBLIC_APP_ROUTES: Record<string, (ctx: RouteContext, rest: string) => unknown> = {
  '/apps/globalappsspecifications': (ctx) => globalSpecs(ctx.chain.nodes, ctx.chain.height, ctx.networkApps ?? []),
  '/apps/location': (ctx, rest) => appLocations(ctx.chain.nodes, ctx.chain.height, ctx.networkApps ?? [], rest),
};

/** Protected routes a node answers with FluxOS's HTTP-200 unauthorized envelope. */
const PROTECTED = new Set([
  '/flux/restart', '/flux/updateflux', '/flux/updatedaemon', '/flux/updatebenchmark', '/flux/reindexdaemon',
  '/daemon/restart', '/daemon/start', '/daemon/stop', '/benchmark/start', '/benchmark/restart', '/benchmark/stop',
  '/benchmark/restartnodebenchmarks', '/flux/errorlog', '/flux/warnlog', '/flux/infolog', '/flux/debuglog',
  '/flux/daemondebug', '/flux/benchmarkdebug', '/apps/appremove', '/apps/restartapp', '/apps/appstart', '/apps/appstop',
]);

/** Base routes ordered longest first so `/apps/installedapps/x` finds `/apps/installedapps`. */
function splitRoute(path: string, routes: readonly string[]): { route: string; rest: string } | undefined {
  for (const route of routes) {
    if (path === route) return { route, rest: '' };
    if (path.startsWith(`${route}/`)) {
      const rest = path.slice(route.length + 1);
      if (!rest.includes('/')) return { route, rest: safeDecode(rest) };
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const WITH_PARAM = new Set([
  '/daemon/viewdeterministicfluxnodelist', '/daemon/listfluxnodes', '/daemon/getblocksubsidy', '/apps/installedapps', '/apps/location', '/proposals/votepower',
]);
const NODE_ROUTE_NAMES = [...Object.keys(NODE_ROUTES), ...Object.keys(CHAIN_ROUTES), ...Object.keys(PUBLIC_APP_ROUTES)].sort((a, b) => b.length - a.length);
const PUBLIC_ROUTE_NAMES = [...Object.keys(CHAIN_ROUTES), ...Object.keys(PUBLIC_APP_ROUTES), '/daemon/getblockcount', '/flux/version', '/getmodulesminimumversions', '/proposals/votepower'].sort(
  (a, b) => b.length - a.length,
);

/** Resolves a request path for `node`, or for the public API when `node` is undefined. */
export function answerRoute(path: string, query: URLSearchParams, node: SimNode | undefined, ctx: RouteContext): ApiAnswer {
  if (node && PROTECTED.has(path)) return { kind: 'unauthorized' };
  const names = node ? NODE_ROUTE_NAMES : PUBLIC_ROUTE_NAMES;
  const hit = splitRoute(path, names);
  // Only routes declared with an optional `:param` in FluxOS accept a trailing segment.
  if (!hit || (hit.rest && !WITH_PARAM.has(hit.route))) return { kind: 'notFound' };
  const chainHandler = CHAIN_ROUTES[hit.route];
  if (chainHandler) return { kind: 'data', data: chainHandler({ rest: hit.rest, query }, node, ctx) };
  if (!node) {
    if (hit.route === '/daemon/getblockcount') return { kind: 'data', data: ctx.chain.height };
    if (hit.route === '/flux/version') return { kind: 'data', data: '8.17.0' };
    // The public API stand-in also plays stats.runonflux.io.
    if (hit.route === '/getmodulesminimumversions') return { kind: 'data', data: ctx.modulesMinimumVersions ?? DEFAULT_MODULES_MINIMUM_VERSIONS };
    if (hit.route === '/proposals/votepower') return { kind: 'data', data: votePowerView(ctx.chain, hit.rest || query.get('zelid') || '') };
    const appRoute = PUBLIC_APP_ROUTES[hit.route];
    if (appRoute) return { kind: 'data', data: appRoute(ctx, hit.rest) };
    return { kind: 'notFound' };
  }
  // Every FluxOS node also answers the registry routes from its own copy of the global database.
  const registryRoute = PUBLIC_APP_ROUTES[hit.route];
  if (registryRoute) return { kind: 'data', data: registryRoute(ctx, hit.rest) };
  const nodeHandler = NODE_ROUTES[hit.route];
  if (!nodeHandler) return { kind: 'notFound' };
  return { kind: 'data', data: nodeHandler(node, ctx, hit.rest) };
}
