/**
 * Last good value per node and route. FluxOS caches its answers server-side (apicache: 30 s for
 * most routes, 60 s for the node status, a day for `isarcaneos`), so asking sooner only costs the
 * node work and returns the same bytes. Failures are never cached: the next poll retries them.
 */

interface Entry {
  value: unknown;
  at: number;
}

interface NodeEntries {
  /** `host:port` the values came from; a changed address drops them. */
  endpoint: string;
  routes: Map<string, Entry>;
}

export class RouteCache {
  private readonly nodes = new Map<number, NodeEntries>();

  /** The cached value of `route` when it is younger than `ttlMs` at `now`. */
  fresh(nodeId: number, endpoint: string, route: string, ttlMs: number, now: number): Entry | undefined {
    const node = this.nodes.get(nodeId);
    if (!node || node.endpoint !== endpoint) return undefined;
    const entry = node.routes.get(route);
    if (!entry) return undefined;
    // A clock that went backwards must not make a value look fresh forever.
    if (now < entry.at || now - entry.at >= ttlMs) return undefined;
    return entry;
  }

  store(nodeId: number, endpoint: string, route: string, value: unknown, at: number): void {
    let node = this.nodes.get(nodeId);
    if (!node || node.endpoint !== endpoint) {
      node = { endpoint, routes: new Map() };
      this.nodes.set(nodeId, node);
    }
    node.routes.set(route, { value, at });
  }

  /** The last good value regardless of age (e.g. the ArcaneOS flag to decide on SSH early). */
  last(nodeId: number, endpoint: string, route: string): Entry | undefined {
    const node = this.nodes.get(nodeId);
    return node && node.endpoint === endpoint ? node.routes.get(route) : undefined;
  }

  forget(nodeId: number): void {
    this.nodes.delete(nodeId);
  }

  clear(): void {
    this.nodes.clear();
  }
}
