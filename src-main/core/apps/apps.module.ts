import type { NodeStatus } from '../../../src-shared/contract';
import type { AppsInventory, OwnedApps, Placement } from '../../../src-shared/contract/apps.contract';
import type { InstalledApp } from '../../../src-shared/fluxos.types';
import type { Capability } from '../capability';
import type { PublicApiClient } from '../fluxos/fluxos-client';
import type { ProbeResult } from '../probe/probe-types';
import { capacityData } from './capacity';
import { fleetApps, walletUse } from './inventory';
import { appEvents, nodeAppsView, type AppsSnapshot } from './node-apps';
import { addressOf, placementOf } from './placement';
import { PortChecker } from './port-check';

export interface AppsDeps {
  latestStatuses: () => NodeStatus[];
  publicApi: () => PublicApiClient | null;
  /** Writes one entry into the node's event log. */
  recordEvent: (nodeId: number, event: { kind: string; severity: 'info' | 'warning'; message: string; at: number }) => void;
  now?: () => number;
  ports?: PortChecker;
  /** How long registry answers (specs, locations) are reused. */
  registryTtlMs?: number;
}

const valueOf = <T>(r: { ok: true; value: T } | { ok: false }): T | null => (r.ok ? r.value : null);

/**
 * The apps capability: keeps each node's latest app facts from the probe, turns changes into
 * node events, and answers the node page, the Apps page, placement and owned-app look-ups.
 */
export function createAppsCapability(deps: AppsDeps) {
  const now = deps.now ?? Date.now;
  const ports = deps.ports ?? new PortChecker();
  const ttl = deps.registryTtlMs ?? 5 * 60_000;
  const committed = new Map<number, AppsSnapshot>();
  const pending = new Map<number, AppsSnapshot>();
  const locations = new Map<string, { at: number; ips: string[] | null }>();
  let specs: { at: number; value: Promise<InstalledApp[]> } | null = null;

  /** Called with every probe result; the snapshot is committed when its status is observed. */
  const ingest = (probe: ProbeResult): void => {
    const api = probe.api;
    pending.set(probe.nodeId, {
      host: probe.host,
      installed: valueOf(api.installedApps),
      running: valueOf(api.runningApps),
      resources: valueOf(api.appsResources),
      geolocation: valueOf(api.geolocation) ?? committed.get(probe.nodeId)?.geolocation ?? null,
    });
  };

  const observe = (_previous: NodeStatus | undefined, next: NodeStatus): void => {
    const snapshot = pending.get(next.nodeId);
    if (!snapshot) return;
    pending.delete(next.nodeId);
    const before = committed.get(next.nodeId);
    // Keep the last known app list through a failed read, so the next good read diffs against it.
    const merged: AppsSnapshot = { ...snapshot, installed: snapshot.installed ?? before?.installed ?? null, running: snapshot.running ?? before?.running ?? null };
    if (snapshot.installed) for (const event of appEvents(before, snapshot)) deps.recordEvent(next.nodeId, { ...event, at: now() });
    committed.set(next.nodeId, merged);
  };

  /** Network-wide instance count of an app from the public locations (refreshed in the background). */
  const networkInstances = (name: string): number | null => {
    const api = deps.publicApi();
    if (!api) return null;
    const hit = locations.get(name);
    if (!hit || now() - hit.at >= ttl) {
      locations.set(name, { at: now(), ips: hit?.ips ?? null });
      void api
        .call('appLocation', { params: { appName: name } })
        .then((list) => locations.set(name, { at: now(), ips: list.map((l) => l.ip) }))
        .catch(() => undefined);
    }
    return hit?.ips ? hit.ips.length : null;
  };

  /** Fetches the network-wide locations of every app on my nodes now (the CLI waits for them). */
  const refreshNetwork = async (): Promise<void> => {
    const api = deps.publicApi();
    if (!api) return;
    const names = new Set<string>();
    for (const snapshot of committed.values()) for (const app of snapshot.installed ?? []) names.add(app.name);
    await Promise.all(
      [...names].map(async (name) => {
        const list = await api.call('appLocation', { params: { appName: name } }).catch(() => null);
        if (list) locations.set(name, { at: now(), ips: list.map((l) => l.ip) });
      }),
    );
  };

  const statusById = () => new Map(deps.latestStatuses().map((s) => [s.nodeId, s]));

  const inventory = (): AppsInventory => {
    const statuses = deps.latestStatuses();
    const nodes = statuses.map((status) => ({ status, installed: committed.get(status.nodeId)?.installed ?? null }));
    return { apps: fleetApps(nodes, networkInstances), wallets: walletUse(statuses), publicApi: deps.publicApi() !== null };
  };

  const placement = (shareLimit?: number): Placement => {
    const data = capacityData().placement;
    const nodes = deps.latestStatuses().map((s) => {
      const geo = committed.get(s.nodeId)?.geolocation;
      return { name: s.name, countryCode: geo?.countryCode ?? null, org: geo?.org ?? null, fluxIp: s.fluxnode?.ip ?? null };
    });
    return placementOf(nodes, shareLimit ?? data.defaultShare, data.maxNodesPerIp);
  };

  const registry = (): Promise<InstalledApp[]> => {
    const api = deps.publicApi();
    if (!api) return Promise.resolve([]);
    if (!specs || now() - specs.at >= ttl) {
      const value = api.call('globalAppsSpecs');
      specs = { at: now(), value };
      value.catch(() => (specs = null));
    }
    return specs.value;
  };

  const owned = async (owner: string): Promise<OwnedApps> => {
    const api = deps.publicApi();
    if (!api) return { owner, apps: [] };
    const mine = (await registry()).filter((s) => s.owner === owner);
    const statuses = deps.latestStatuses();
    const byIp = new Map<string, NodeStatus>();
    for (const s of statuses) {
      if (!s.fluxnode?.ip) continue;
      byIp.set(s.fluxnode.ip, s);
      const address = addressOf(s.fluxnode.ip);
      if (address && !byIp.has(address)) byIp.set(address, s);
    }
    const apps = await Promise.all(
      mine.map(async (spec) => {
        const list = await api.call('appLocation', { params: { appName: spec.name } }).catch(() => []);
        locations.set(spec.name, { at: now(), ips: list.map((l) => l.ip) });
        const specPorts = spec.components.flatMap((c) => c.ports ?? []);
        return {
          name: spec.name,
          instances: list.map((l) => {
            const node = byIp.get(l.ip) ?? byIp.get(addressOf(l.ip) ?? '');
            // A node of mine is checked where FluxDeck reaches it; others at their public address.
            const host = node?.host ?? addressOf(l.ip) ?? l.ip;
            return { ip: l.ip, node: node ? { id: node.nodeId, name: node.name } : null, ports: specPorts.map((port) => ({ port, answers: ports.answers(host, port) })) };
          }),
        };
      }),
    );
    return { owner, apps };
  };

  const capability = {
    name: 'apps',
    handlers: {
      'apps:node': ({ nodeId }) => nodeAppsView(nodeId, committed.get(nodeId), statusById().get(nodeId)?.fluxnode?.tier ?? null, (h, p) => ports.answers(h, p)),
      'apps:list': () => inventory(),
      'apps:placement': ({ shareLimit }) => placement(shareLimit),
      'apps:owned': ({ owner }) => owned(owner),
    },
    observe,
    forget(nodeIds: readonly number[]) {
      for (const id of nodeIds) {
        committed.delete(id);
        pending.delete(id);
      }
    },
  } satisfies Capability;

  return { ...capability, ingest, inventory, refreshNetwork, placement, owned, ports };
}

export type AppsCapability = ReturnType<typeof createAppsCapability>;
