import { describe, expect, it } from 'vitest';
import type { InstalledApp, RunningApp } from '../../../src-shared/fluxos.types';
import { appEvents, nodeAppsView, type AppsSnapshot } from './node-apps';

const web: InstalledApp = {
  name: 'shop',
  specVersion: 7,
  owner: '1Owner',
  description: 'a shop',
  instances: 3,
  hash: null,
  height: null,
  components: [
    { name: 'web', repotag: 'acme/web:1', cpu: 0.5, ramMb: 500, hddGb: 5, ports: [31000] },
    {
      name: 'db',
      repotag: 'acme/db:1',
      cpu: 1,
      ramMb: 1000,
      hddGb: 10,
      ports: [],
      tiers: { basic: { cpu: 0.5, ramMb: 800, hddGb: 0 }, super: { cpu: 2, ramMb: 4000, hddGb: 40 }, bamf: { cpu: 4, ramMb: 8000, hddGb: 80 } },
    },
  ],
};
const legacy: InstalledApp = { name: 'oldie', specVersion: 2, owner: null, description: null, instances: 3, hash: null, height: null, components: [{ name: 'oldie', repotag: 'acme/old:2', cpu: 1, ramMb: 1000, hddGb: 10, ports: [] }] };

const container = (containerName: string, appName: string, componentName: string | null, state = 'running'): RunningApp => ({
  id: containerName,
  containerName,
  appName,
  componentName,
  image: null,
  created: 1_700_000_000,
  state,
  statusText: state === 'running' ? 'Up 5 days' : 'Exited (1) 2 minutes ago',
  ports: [],
});

const snapshot = (installed: InstalledApp[] | null, running: RunningApp[] | null = [], resources: AppsSnapshot['resources'] = null): AppsSnapshot => ({
  host: '127.0.0.5',
  installed,
  running,
  resources,
  geolocation: null,
});

describe('nodeAppsView', () => {
  const running = [container('fluxweb_shop', 'shop', 'web'), container('fluxdb_shop', 'shop', 'db', 'exited'), container('fluxoldie', 'oldie', null)];

  it('pairs each component with its flux<component>_<app> container and checks its ports at the node’s host', () => {
    const asked: string[] = [];
    const view = nodeAppsView(7, snapshot([web, legacy], running), 'CUMULUS', (host, port) => (asked.push(`${host}:${port}`), true));
    expect(asked).toEqual(['127.0.0.5:31000']);
    const [shop, oldie] = view.apps;
    expect(shop?.components.map((c) => [c.name, c.state, c.statusText])).toEqual([
      ['web', 'running', 'Up 5 days'],
      ['db', 'exited', 'Exited (1) 2 minutes ago'],
    ]);
    expect(shop?.components[0]?.ports).toEqual([{ port: 31000, answers: true }]);
    // A flat v1–v3 spec runs as flux<app>.
    expect(oldie?.components[0]).toMatchObject({ state: 'running', since: 1_700_000_000 });
  });

  it('shows a tiered component’s figures for the node’s tier, falling back to the plain figure where the tier’s is zero', () => {
    const figures = (tier: string | null) => nodeAppsView(1, snapshot([web]), tier, () => null).apps[0]!.components[1]!;
    expect(figures('NIMBUS')).toMatchObject({ cpu: 2, ramMb: 4000, hddGb: 40, tier: 'super' });
    expect(figures('CUMULUS')).toMatchObject({ cpu: 0.5, ramMb: 800, hddGb: 10, tier: 'basic' });
    expect(figures(null)).toMatchObject({ cpu: 1, ramMb: 1000, hddGb: 10, tier: null });
    expect(nodeAppsView(1, snapshot([web]), 'STRATUS', () => null).apps[0]!.components[0]!.tier).toBeNull();
  });

  it('compares what apps lock with FluxOS’s capacity for the tier, explained', () => {
    const view = nodeAppsView(1, snapshot([web], [], { cpu: 1.5, ramMb: 1500, hddGb: 29 }), 'NIMBUS', () => null);
    expect(view.locked).toEqual({ cpu: 1.5, ramMb: 1500, hddGb: 29 });
    expect(view.capacity?.cpu.value).toBe(7);
    expect(view.capacity?.ramMb.value).toBe(28_000);
    expect(view.capacity?.hddGb.value).toBe(380);
    expect(view.capacity?.hddGb.inputs).toEqual([
      expect.objectContaining({ name: 'fluxSpecifics.hdd.nimbus', value: 440 }),
      expect.objectContaining({ name: 'lockedSystemResources.hdd', value: 60 }),
    ]);
    // Without /apps/appsresources, the components' figures at the node's tier are summed.
    expect(nodeAppsView(1, snapshot([web]), 'NIMBUS', () => null).locked).toEqual({ cpu: 2.5, ramMb: 4500, hddGb: 45 });
  });

  it('says the apps are not known yet until the node answered installedapps, and has no capacity for an unknown tier', () => {
    const view = nodeAppsView(1, snapshot(null, null, { cpu: 1, ramMb: 100, hddGb: 1 }), null, () => null);
    expect(view).toMatchObject({ known: false, apps: [], locked: { cpu: 1 }, capacity: null });
  });
});

describe('appEvents', () => {
  it('reports apps installed and removed, and images changed per component', () => {
    const upgraded: InstalledApp = { ...web, components: [{ ...web.components[0]!, repotag: 'acme/web:2' }, web.components[1]!] };
    const events = appEvents(snapshot([web, legacy]), snapshot([upgraded, { ...legacy, name: 'fresh' }]));
    expect(events.map((e) => [e.kind, e.message])).toEqual([
      ['app-image-changed', 'App shop/web image changed: acme/web:1 → acme/web:2'],
      ['app-installed', 'App installed: fresh (acme/old:2)'],
      ['app-removed', 'App removed: oldie'],
    ]);
  });

  it('reports containers of kept apps that started, stopped or vanished', () => {
    const before = snapshot([web], [container('fluxweb_shop', 'shop', 'web'), container('fluxdb_shop', 'shop', 'db', 'exited')]);
    const after = snapshot([web], [container('fluxdb_shop', 'shop', 'db')]);
    expect(appEvents(before, after).map((e) => [e.kind, e.severity, e.message])).toEqual([
      ['app-started', 'info', 'App container started: fluxdb_shop'],
      ['app-stopped', 'warning', 'App container stopped: fluxweb_shop (no longer listed)'],
    ]);
  });

  it('says nothing when either read failed or there is no earlier read, so an outage is never "every app removed"', () => {
    expect(appEvents(undefined, snapshot([web]))).toEqual([]);
    expect(appEvents(snapshot(null), snapshot([web]))).toEqual([]);
    expect(appEvents(snapshot([web]), snapshot(null))).toEqual([]);
    // The container list failing keeps the app list's events, and invents no stop.
    expect(appEvents(snapshot([web], [container('fluxweb_shop', 'shop', 'web')]), snapshot([web], null))).toEqual([]);
  });
});
