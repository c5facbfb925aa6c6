import { describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../../src-shared/contract';
import type { InstalledApp } from '../../../src-shared/fluxos.types';
import { blankStatus } from '../../../src-shared/node-status';
import { fleetApps, walletUse } from './inventory';

type Fluxnode = NonNullable<NodeStatus['fluxnode']>;

function status(id: number, tier: string, wallet: string, extra: Partial<NodeStatus> = {}): NodeStatus {
  const fluxnode = { status: 'CONFIRMED', tier, paymentAddress: wallet, ip: `203.0.113.${id}` } as Partial<Fluxnode> as Fluxnode;
  return { ...blankStatus({ id, name: `node-${id}`, host: `127.0.0.${id}`, tags: [] }, 'ok'), fluxnode, ...extra };
}

const tiered: InstalledApp = {
  name: 'grid',
  specVersion: 7,
  owner: null,
  description: null,
  instances: 5,
  hash: null,
  height: null,
  components: [{ name: 'db', repotag: 'x/db', cpu: 1, ramMb: 1000, hddGb: 10, tiers: { basic: { cpu: 0.5, ramMb: 500, hddGb: 5 }, super: { cpu: 2, ramMb: 2000, hddGb: 20 }, bamf: { cpu: 4, ramMb: 4000, hddGb: 40 } } }],
};
const site: InstalledApp = { ...tiered, name: 'site', enterprise: true, instances: 3, components: [{ name: 'web', repotag: 'x/web', cpu: 0.3, ramMb: 300, hddGb: 3 }] };

describe('fleetApps', () => {
  it('lists each app once with my nodes, instances, network count and resources summed at each node’s tier', () => {
    const apps = fleetApps(
      [
        { status: status(2, 'NIMBUS', 'w1'), installed: [tiered, site] },
        { status: status(1, 'CUMULUS', 'w1'), installed: [tiered] },
        { status: status(3, 'STRATUS', 'w2'), installed: null },
      ],
      (name) => (name === 'grid' ? 12 : null),
    );
    expect(apps).toEqual([
      { name: 'grid', enterprise: false, nodes: [{ id: 1, name: 'node-1' }, { id: 2, name: 'node-2' }], instancesOnMyNodes: 2, instancesNetwork: 12, instancesWanted: 5, cpu: 2.5, ramMb: 2500, hddGb: 25 },
      { name: 'site', enterprise: true, nodes: [{ id: 2, name: 'node-2' }], instancesOnMyNodes: 1, instancesNetwork: null, instancesWanted: 3, cpu: 0.3, ramMb: 300, hddGb: 3 },
    ]);
  });
});

describe('walletUse', () => {
  it('sums locked against benchmarked hardware per payment address and counts the nodes with apps', () => {
    const bench = (cores: number, ramGb: number, ssdGb: number) => ({ benchmark: { status: 'NIMBUS', cores, ramGb, ssdGb, eps: null, ddwrite: null, downloadMbps: null, uploadMbps: null, error: null, version: null } });
    const wallets = walletUse([
      status(1, 'NIMBUS', 'w1', { ...bench(8, 32, 440), appsLocked: { count: 2, cpu: 1.5, ramMb: 1500, hddGb: 29 } }),
      status(2, 'NIMBUS', 'w1', { ...bench(8, 32, 440), appsLocked: { count: 0, cpu: 0, ramMb: 0, hddGb: 0 } }),
      status(3, 'CUMULUS', 'w2', { ...bench(4, 8, 220), appsLocked: null }),
      { ...blankStatus({ id: 4, name: 'no-fluxnode', host: 'h', tags: [] }) },
    ]);
    expect(wallets).toEqual([
      { wallet: 'w1', nodes: 2, nodesWithApps: 1, locked: { cpu: 1.5, ramMb: 1500, hddGb: 29 }, benchmarked: { cpu: 16, ramMb: 64_000, hddGb: 880 } },
      { wallet: 'w2', nodes: 1, nodesWithApps: 0, locked: { cpu: 0, ramMb: 0, hddGb: 0 }, benchmarked: { cpu: 4, ramMb: 8000, hddGb: 220 } },
    ]);
  });
});
