import type { FleetApp, WalletUse } from '../../../src-shared/contract/apps.contract';
import type { NodeStatus } from '../../../src-shared/contract/fleet.contract';
import type { InstalledApp } from '../../../src-shared/fluxos.types';
import { figuresOn, specTierOf } from './tier-figures';

/** One node as the fleet inventory sees it. */
export interface InventoryNode {
  status: NodeStatus;
  installed: InstalledApp[] | null;
}

/**
 * Every app on any of my nodes: on how many, its resources summed over my nodes (a tiered spec at
 * each node's tier), and (when the public registry answered) its instance count network-wide.
 */
export function fleetApps(nodes: readonly InventoryNode[], networkInstances: (name: string) => number | null): FleetApp[] {
  const apps = new Map<string, FleetApp>();
  for (const { status, installed } of nodes) {
    const tier = specTierOf(status.fluxnode?.tier);
    for (const app of installed ?? []) {
      let entry = apps.get(app.name);
      if (!entry) {
        entry = { name: app.name, enterprise: false, nodes: [], instancesOnMyNodes: 0, instancesNetwork: null, instancesWanted: app.instances, cpu: 0, ramMb: 0, hddGb: 0 };
        apps.set(app.name, entry);
      }
      entry.enterprise ||= app.enterprise ?? false;
      entry.nodes.push({ id: status.nodeId, name: status.name });
      entry.instancesOnMyNodes++;
      for (const c of app.components) {
        const figures = figuresOn(c, tier);
        entry.cpu += figures.cpu ?? 0;
        entry.ramMb += figures.ramMb ?? 0;
        entry.hddGb += figures.hddGb ?? 0;
      }
    }
  }
  return [...apps.values()]
    .map((a) => ({ ...a, cpu: round(a.cpu), instancesNetwork: networkInstances(a.name), nodes: a.nodes.sort((x, y) => x.name.localeCompare(y.name)) }))
    .sort((a, b) => b.instancesOnMyNodes - a.instancesOnMyNodes || a.name.localeCompare(b.name));
}

/** Per payment address: locked vs benchmarked CPU/RAM/SSD and the share of nodes with apps. */
export function walletUse(statuses: readonly NodeStatus[]): WalletUse[] {
  const wallets = new Map<string, WalletUse>();
  for (const s of statuses) {
    const wallet = s.fluxnode?.paymentAddress;
    if (!wallet) continue;
    let w = wallets.get(wallet);
    if (!w) {
      w = { wallet, nodes: 0, nodesWithApps: 0, locked: { cpu: 0, ramMb: 0, hddGb: 0 }, benchmarked: { cpu: 0, ramMb: 0, hddGb: 0 } };
      wallets.set(wallet, w);
    }
    w.nodes++;
    const locked = s.appsLocked;
    if (locked && locked.count > 0) w.nodesWithApps++;
    w.locked.cpu = round(w.locked.cpu + (locked?.cpu ?? 0));
    w.locked.ramMb += locked?.ramMb ?? 0;
    w.locked.hddGb += locked?.hddGb ?? 0;
    w.benchmarked.cpu += s.benchmark?.cores ?? 0;
    w.benchmarked.ramMb += (s.benchmark?.ramGb ?? 0) * 1000;
    w.benchmarked.hddGb += s.benchmark?.ssdGb ?? 0;
  }
  return [...wallets.values()].sort((a, b) => b.nodes - a.nodes || a.wallet.localeCompare(b.wallet));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
