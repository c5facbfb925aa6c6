import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeApps } from '../../src-shared/contract';
import { startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';

/**
 * App hosting through the wired pipeline: installed apps and their containers, locked resources
 * against the tier's capacity, app events as apps come and go with the chain, the fleet
 * inventory, placement warnings and an owner's apps across the network.
 */

const component = (name: string, port: number) => ({ name, repotag: 'runonflux/website:latest', ports: [port], containerPorts: [80], cpu: 0.5, ram: 500, hdd: 5 });
const spec = (name: string, port: number, owner = '1OwnerA') => ({ version: 8, name, owner, description: 'd', instances: 3, enterprise: '', compose: [component('web', port)] });

let h: FleetHarness;
let listener: net.Server;
let openPort = 0;

beforeAll(async () => {
  h = await startFleetHarness({
    network: { height: 2_100_000, apps: [{ spec: spec('shared', 31001), locations: ['203.0.113.5'] }] },
    nodes: [
      { name: 'a', preset: 'healthy-cumulus-legacy', state: { installedApps: [spec('shared', 31001)], geolocation: { countryCode: 'DE', org: 'Hetzner' } } },
      { name: 'b', preset: 'healthy-nimbus-legacy', state: { installedApps: [spec('shared', 31001)], geolocation: { countryCode: 'DE', org: 'Hetzner' } } },
      { name: 'c', preset: 'healthy-stratus-legacy', state: { installedApps: [], geolocation: { countryCode: 'FR', org: 'OVH' } } },
    ],
  });
  // An app port that answers, on the address FluxDeck reaches node a at.
  listener = net.createServer((socket) => socket.end());
  await new Promise<void>((resolve) => listener.listen(0, h.sim.handle.node('a').host, resolve));
  openPort = (listener.address() as net.AddressInfo).port;
  h.sim.handle.setState('a', { installedApps: [spec('shared', 31001), spec('mine', openPort)] });
  await h.pollCycle();
}, 60_000);

afterAll(async () => {
  await h?.close();
  listener?.close();
}, 30_000);

describe('apps through the wired pipeline', () => {
  it('shows a node’s apps with containers, locked resources and FluxOS capacity', () => {
    const view: NodeApps = h.services.apps.handlers['apps:node']({ nodeId: h.idOf('a') });
    expect(view.known).toBe(true);
    expect(view.apps.map((a) => a.name).sort()).toEqual(['mine', 'shared']);
    expect(view.apps[0]!.components[0]).toMatchObject({ state: 'running', image: 'runonflux/website:latest' });
    expect(view.locked).toEqual({ cpu: 1, ramMb: 1000, hddGb: 10 });
    // Cumulus: (40 − 10) / 10 cores, 7000 − 2000 MB, 220 − 60 GB.
    expect(view.capacity).toMatchObject({ cpu: { value: 3 }, ramMb: { value: 5000 }, hddGb: { value: 160 } });
    expect(h.statuses().get('a')?.appsLocked).toEqual({ count: 2, cpu: 1, ramMb: 1000, hddGb: 10 });
  });

  it('lists every app on my nodes with network-wide instances and per-wallet use', async () => {
    await h.services.apps.refreshNetwork();
    const inventory = h.services.apps.inventory();
    const shared = inventory.apps.find((a) => a.name === 'shared')!;
    expect(shared.nodes.map((n) => n.name)).toEqual(['a', 'b']);
    expect(shared.instancesOnMyNodes).toBe(2);
    expect(shared.instancesNetwork).toBe(3);
    expect(shared).toMatchObject({ cpu: 1, ramMb: 1000, hddGb: 10 });
    expect(inventory.wallets.reduce((n, w) => n + w.nodesWithApps, 0)).toBe(2);
  });

  it('groups the fleet by country and provider and warns above the share', () => {
    const placement = h.services.apps.placement();
    expect(placement.byProvider[0]).toMatchObject({ key: 'Hetzner', nodes: 2 });
    expect(placement.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'provider', key: 'Hetzner', nodes: 2 }), expect.objectContaining({ kind: 'country', key: 'DE' })]),
    );
    expect(h.services.apps.placement(0.9).warnings).toEqual([]);
  });

  it('records an app appearing and disappearing in the node’s event log', async () => {
    const id = h.idOf('c');
    h.sim.handle.setState('c', { installedApps: [spec('newcomer', 31222)] });
    await h.pollCycle();
    h.sim.handle.setState('c', { installedApps: [] });
    await h.pollCycle();
    const events = h.services.monitor.events(id, 50).map((e) => e.kind);
    expect(events).toEqual(expect.arrayContaining(['app-installed', 'app-removed']));
  });

  it('finds where an owner’s apps run and whether each answers', async () => {
    const first = await h.services.apps.owned('1OwnerA');
    await h.services.apps.ports.idle();
    const owned = await h.services.apps.owned('1OwnerA');
    const mine = owned.apps.find((a) => a.name === 'mine')!;
    expect(first.apps.length).toBeGreaterThan(0);
    expect(mine.instances).toHaveLength(1);
    expect(mine.instances[0]!.node?.name).toBe('a');
    expect(mine.instances[0]!.ports).toEqual([{ port: openPort, answers: true }]);
  });
});
