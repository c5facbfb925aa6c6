import type { Placement, PlacementGroup, PlacementWarning } from '../../../src-shared/contract/apps.contract';

/** What placement needs of one node. */
export interface PlacedNode {
  name: string;
  countryCode: string | null;
  org: string | null;
  /** The node's own `ip` from getfluxnodestatus (`a.b.c.d` or `a.b.c.d:port`). */
  fluxIp: string | null;
}

/** The address part of a fluxd `ip`: a UPnP `a.b.c.d:16137` counts as `a.b.c.d`; `[v6]:port` as `v6`. */
export function addressOf(ip: string | null): string | null {
  if (!ip) return null;
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (v6) return v6[1]!;
  const parts = ip.split(':');
  return parts.length === 2 ? parts[0]! : ip;
}

function groups(nodes: readonly PlacedNode[], keyOf: (n: PlacedNode) => string | null): PlacementGroup[] {
  const by = new Map<string, string[]>();
  for (const node of nodes) {
    const key = keyOf(node) ?? 'unknown';
    by.set(key, [...(by.get(key) ?? []), node.name]);
  }
  const total = nodes.length;
  return [...by]
    .map(([key, names]) => ({ key, nodes: names.length, share: total ? names.length / total : 0, nodeNames: names.sort() }))
    .sort((a, b) => b.nodes - a.nodes || a.key.localeCompare(b.key));
}

/**
 * The fleet by country (`geolocation.countryCode`), provider (`geolocation.org`) and public IP.
 * A warning is raised when more than `shareLimit` of the fleet shares a known country or provider,
 * or when more than `maxNodesPerIp` nodes share one IP. Nodes with unknown values are listed as
 * `unknown` and never warned about: not knowing is not a concentration.
 */
export function placementOf(nodes: readonly PlacedNode[], shareLimit: number, maxNodesPerIp: number): Placement {
  const byCountry = groups(nodes, (n) => n.countryCode);
  const byProvider = groups(nodes, (n) => n.org);
  const byIp = groups(nodes, (n) => addressOf(n.fluxIp));
  const warnings: PlacementWarning[] = [];
  const warn = (kind: PlacementWarning['kind'], list: PlacementGroup[], over: (g: PlacementGroup) => boolean) => {
    for (const g of list) if (g.key !== 'unknown' && over(g)) warnings.push({ kind, key: g.key, nodes: g.nodes, share: g.share });
  };
  // Concentration needs at least two nodes: a one-node fleet is 100 % everywhere by definition.
  warn('country', byCountry, (g) => g.nodes > 1 && g.share > shareLimit);
  warn('provider', byProvider, (g) => g.nodes > 1 && g.share > shareLimit);
  warn('ip', byIp, (g) => g.nodes > maxNodesPerIp);
  return { total: nodes.length, shareLimit, maxNodesPerIp, byCountry, byProvider, byIp, warnings };
}
