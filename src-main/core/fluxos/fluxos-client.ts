import http from 'node:http';
import https from 'node:https';
import { LastParseMemo } from '../last-parse-memo';
import type { FluxosRouteName, FluxosRouteResult } from './routes';
import { fetchRoute, nodeBaseUrl, type CallOptions } from './fetch-route';
import { FluxosError } from './fluxos-error';

/** Where a node's FluxOS API listens. */
export interface FluxosNode {
  host: string;
  apiPort: number;
}

/** Client limits; every default is per request. */
export interface FluxosClientOptions {
  /** Deadline covering connect, headers and body. Default 8000 ms. */
  timeoutMs?: number;
  /** Body cap. Default 2 MiB (routes may allow more, e.g. the deterministic list). */
  maxBytes?: number;
  /** Sockets per node. Default 2: FluxOS is a small Node process on a busy box. */
  maxSockets?: number;
}

export const FLUXOS_DEFAULTS = { timeoutMs: 8_000, maxBytes: 2 * 1024 * 1024, maxSockets: 2 } as const;

/**
 * Reads FluxOS's public API on many nodes. One keep-alive agent per node so polls reuse sockets;
 * every call ends in a domain object or a {@link FluxosError}.
 */
export class FluxosClient {
  private readonly agents = new Map<string, http.Agent>();
  private readonly memo = new LastParseMemo<string>();
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly maxSockets: number;
  private closed = false;

  constructor(options: FluxosClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? FLUXOS_DEFAULTS.timeoutMs;
    this.maxBytes = options.maxBytes ?? FLUXOS_DEFAULTS.maxBytes;
    this.maxSockets = options.maxSockets ?? FLUXOS_DEFAULTS.maxSockets;
  }

  /** Calls `route` on `node` and returns its normalised answer. */
  call<R extends FluxosRouteName>(route: R, node: FluxosNode, options?: CallOptions): Promise<FluxosRouteResult<R>> {
    const endpoint = `${node.host}:${node.apiPort}`;
    if (this.closed) {
      return Promise.reject(new FluxosError('UNREACHABLE', 'Client is closed', { endpoint, route }));
    }
    return fetchRoute(
      route,
      {
        baseUrl: nodeBaseUrl(node.host, node.apiPort),
        endpoint,
        agent: this.agentFor(endpoint),
        timeoutMs: this.timeoutMs,
        maxBytes: this.maxBytes,
        memo: this.memo,
      },
      options,
    );
  }

  getFluxnodeStatus(node: FluxosNode, o?: CallOptions) {
    return this.call('fluxnodeStatus', node, o);
  }
  getDaemonInfo(node: FluxosNode, o?: CallOptions) {
    return this.call('daemonInfo', node, o);
  }
  getBlockCount(node: FluxosNode, o?: CallOptions) {
    return this.call('blockCount', node, o);
  }
  getDeterministicList(node: FluxosNode, o?: CallOptions) {
    return this.call('deterministicList', node, o);
  }
  getFluxnodeCount(node: FluxosNode, o?: CallOptions) {
    return this.call('fluxnodeCount', node, o);
  }
  getBlockSubsidy(node: FluxosNode, o?: CallOptions) {
    return this.call('blockSubsidy', node, o);
  }
  getDaemonBenchmarks(node: FluxosNode, o?: CallOptions) {
    return this.call('daemonBenchmarks', node, o);
  }
  getBenchmarks(node: FluxosNode, o?: CallOptions) {
    return this.call('benchmarks', node, o);
  }
  getBenchStatus(node: FluxosNode, o?: CallOptions) {
    return this.call('benchStatus', node, o);
  }
  getFluxVersion(node: FluxosNode, o?: CallOptions) {
    return this.call('fluxVersion', node, o);
  }
  getIsArcaneOs(node: FluxosNode, o?: CallOptions) {
    return this.call('isArcaneOs', node, o);
  }
  getUptime(node: FluxosNode, o?: CallOptions) {
    return this.call('uptime', node, o);
  }
  getRunningApps(node: FluxosNode, o?: CallOptions) {
    return this.call('runningApps', node, o);
  }
  getInstalledApps(node: FluxosNode, o?: CallOptions) {
    return this.call('installedApps', node, o);
  }

  /**
   * A poll of `node` is over: its sockets served that poll's requests and FluxOS closes idle ones
   * after 5 s, long before the next poll, so they are closed now instead of lingering (at 10,000
   * nodes they and their agents were a good part of the memory). A request still running (another
   * caller's) keeps the agent.
   */
  endPoll(node: FluxosNode): void {
    const key = `${node.host}:${node.apiPort}`;
    const agent = this.agents.get(key);
    if (!agent) return;
    const busy = Object.keys(agent.sockets).length > 0 || Object.keys(agent.requests).length > 0;
    if (busy) return;
    agent.destroy();
    this.agents.delete(key);
  }

  /** Drops the pooled sockets of one node (e.g. after it was removed or changed address). */
  forget(node: FluxosNode): void {
    const key = `${node.host}:${node.apiPort}`;
    this.agents.get(key)?.destroy();
    this.agents.delete(key);
    this.memo.forget(key);
  }

  /** Destroys every pooled socket; later calls fail with UNREACHABLE. */
  close(): void {
    this.closed = true;
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
    this.memo.clear();
  }

  private agentFor(key: string): http.Agent {
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new http.Agent({ keepAlive: true, maxSockets: this.maxSockets, maxFreeSockets: this.maxSockets });
      this.agents.set(key, agent);
    }
    return agent;
  }
}

/** Routes the public aggregate API (api.runonflux.io or a stand-in) serves like a node. */
export type PublicRouteName = 'fluxnodeCount' | 'blockCount' | 'deterministicList' | 'fluxVersion' | 'blockSubsidy' | 'modulesMinimumVersions' | 'globalAppsSpecs' | 'appLocation' | 'votePower';

/**
 * Client for an api.runonflux.io-like public API: same routes and envelope as one node, one
 * keep-alive agent.
 */
export class PublicApiClient {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;

  constructor(baseUrl: string, options: FluxosClientOptions = {}) {
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') {
      throw new TypeError('Public API URL must be http(s)');
    }
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 4 };
    this.agent = this.base.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxBytes = options.maxBytes ?? FLUXOS_DEFAULTS.maxBytes;
  }

  call<R extends PublicRouteName>(route: R, options?: CallOptions): Promise<FluxosRouteResult<R>> {
    return fetchRoute(
      route,
      { baseUrl: this.base, endpoint: this.base.origin, agent: this.agent, timeoutMs: this.timeoutMs, maxBytes: this.maxBytes },
      options,
    );
  }

  getFluxnodeCount(o?: CallOptions) {
    return this.call('fluxnodeCount', o);
  }
  getBlockCount(o?: CallOptions) {
    return this.call('blockCount', o);
  }
  /** Pass `params.filter` (e.g. a payment address) to fetch only matching nodes. */
  getDeterministicList(o?: CallOptions) {
    return this.call('deterministicList', o);
  }
  getFluxVersion(o?: CallOptions) {
    return this.call('fluxVersion', o);
  }
  getBlockSubsidy(o?: CallOptions) {
    return this.call('blockSubsidy', o);
  }
  /** Served by stats.runonflux.io (or a stand-in), not by api.runonflux.io. */
  getModulesMinimumVersions(o?: CallOptions) {
    return this.call('modulesMinimumVersions', o);
  }
  /** Served by stats.runonflux.io: the nodes of a Flux ID (`params.zelid`). */
  getFluxIdNodes(o?: CallOptions) {
    return this.call('votePower', o);
  }

  /** The base URL this client asks. */
  get url(): string {
    return this.base.href;
  }

  close(): void {
    this.agent.destroy();
  }
}
