import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { AppsInventory, FleetApp, Placement, PlacementGroup } from '../../../src-shared/contract/apps.contract';
import { setClient } from '../bridge';
import { FakeClient } from '../testkit/fake-client';
import { mountRoute, settle } from '../testkit/mount';

let wrapper: VueWrapper<unknown> | undefined;
const all = (id: string) => document.querySelectorAll(`[data-testid="${id}"]`);
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

/** A fleet of `n` nodes, each with its own app and IP; app-0 runs on all of them. */
function fleet(n: number): { inventory: AppsInventory; placement: Placement } {
  const nodes = Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `node-${i + 1}` }));
  const app = (name: string, on: typeof nodes): FleetApp => ({ name, enterprise: false, nodes: on, instancesOnMyNodes: on.length, instancesNetwork: null, instancesWanted: 3, cpu: 0.5, ramMb: 500, hddGb: 5 });
  const apps = [app('app-0', nodes), ...nodes.map((node, i) => app(`app-${i + 1}`, [node]))];
  const group = (key: string, count: number): PlacementGroup => ({ key, nodes: count, share: count / n, nodeNames: nodes.slice(0, count).map((x) => x.name) });
  return {
    inventory: { apps, wallets: [], publicApi: false },
    placement: { total: n, shareLimit: 0.5, maxNodesPerIp: 8, byCountry: [group('DE', n)], byProvider: [group('Hetzner', n)], byIp: nodes.map((x) => group(`198.51.100.${x.id}`, 1)), warnings: [] },
  };
}

describe('AppsView at fleet scale', () => {
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
  });

  // Mounting 150 rows in happy-dom is slow on a loaded machine: a generous timeout, no timing asserted.
  it('shows a page of apps, IPs and nodes at a time, more on request, and the filter finds the rest', { timeout: 30_000 }, async () => {
    const { inventory, placement } = fleet(150);
    setClient(new FakeClient().handle('apps:list', () => ({ ok: true, value: inventory })).handle('apps:placement', () => ({ ok: true, value: placement })));
    ({ wrapper } = await mountRoute('/apps'));
    await settle(10);
    expect(byTestId('apps-count')?.textContent).toContain('151 apps on 150 of my nodes');
    expect(all('apps-row')).toHaveLength(100);
    // app-0 runs on every node: five links, then the count of the others.
    const first = document.querySelector('[data-testid="apps-row"][data-app-name="app-0"]')!;
    expect(first.querySelectorAll('[data-testid="apps-row-node"]')).toHaveLength(5);
    expect(first.querySelector('[data-testid="apps-row-more"]')?.textContent).toBe('+145 more');
    expect(byTestId('placement-ip')?.querySelectorAll('[data-testid="placement-group"]')).toHaveLength(10);

    byTestId('apps-more')!.click();
    (first.querySelector('[data-testid="apps-row-more"]') as HTMLElement).click();
    byTestId('placement-ip-more')!.click();
    await settle();
    expect(all('apps-row')).toHaveLength(151);
    expect(first.querySelectorAll('[data-testid="apps-row-node"]')).toHaveLength(10);
    expect(byTestId('placement-ip')?.querySelectorAll('[data-testid="placement-group"]')).toHaveLength(20);

    const input = document.querySelector<HTMLInputElement>('[data-testid="apps-filter"] input')!;
    input.value = 'app-149';
    input.dispatchEvent(new Event('input'));
    await settle();
    expect([...all('apps-row')].map((r) => r.getAttribute('data-app-name'))).toEqual(['app-149']);
    expect(byTestId('apps-more')).toBeNull();
  });
});
