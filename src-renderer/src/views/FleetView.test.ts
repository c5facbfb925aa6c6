import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { setClient } from '../bridge';
import { FakeClient, FakeFleet, makeFleet, makeStatus } from '../testkit/fake-client';
import { giveElementsSize, mountRoute, settle } from '../testkit/mount';
import type { NodeStatus } from '../../../src-shared/contract';

let restoreSize: () => void;
let wrapper: VueWrapper | undefined;

function client(statuses: NodeStatus[]): FakeClient {
  const fake = new FakeFleet(statuses)
    .install(new FakeClient())
    .handle('fleet:pollNow', (input) => ({ ok: true, value: { queued: input.nodeIds?.length ?? statuses.length } }))
    .handle('nodes:list', () => ({ ok: true, value: [] }))
    .handle('alerts:silences', () => ({ ok: true, value: [] }))
    .handle('fleet:uptime', ({ nodeIds }) => ({ ok: true, value: nodeIds.map((nodeId) => ({ nodeId, uptimePct: null, bars: [] })) }));
  setClient(fake);
  return fake;
}

async function openFleet(): Promise<VueWrapper> {
  ({ wrapper } = await mountRoute('/fleet'));
  await settle();
  return wrapper;
}

const rows = () => [...document.querySelectorAll('[data-testid="fleet-row"]')];

describe('FleetView', () => {
  beforeEach(() => {
    localStorage.clear();
    restoreSize = giveElementsSize();
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    restoreSize();
  });

  it('renders only a window of rows for 5,000 nodes', async () => {
    client(makeFleet(5000));
    await openFleet();
    const count = rows().length;
    expect(count).toBeGreaterThan(10);
    expect(count).toBeLessThan(80);
    expect(document.querySelector('[data-testid="summary-total"]')!.textContent).toContain('5000');
  });

  it('renders a hostile node name and app data as text, creating no element', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    client([makeStatus(1, { name: hostile, tags: [hostile], apps: [{ name: hostile, image: hostile, state: 'running', ports: '80' }] })]);
    await openFleet();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('[data-testid="fleet-row-name"]')!.textContent).toBe(hostile);
    expect(document.querySelector('[data-testid="fleet-row"]')!.getAttribute('data-node-name')).toBe(hostile);
  });

  it('shows counters, filters by a health chip, and sorts from the header', async () => {
    client([
      makeStatus(1, { name: 'alpha', health: 'ok' }),
      makeStatus(2, { name: 'bravo', health: 'critical' }),
      makeStatus(3, { name: 'charlie', health: 'critical' }),
    ]);
    await openFleet();
    expect(document.querySelector('[data-testid="summary-critical"]')!.textContent).toContain('2');
    const names = () => [...document.querySelectorAll('[data-testid="fleet-row-name"]')].map((el) => el.textContent);
    expect(names()).toEqual(['bravo', 'charlie', 'alpha']);
    (document.querySelector('[data-testid="filter-health-ok"]') as HTMLElement).click();
    await settle();
    expect(names()).toEqual(['alpha']);
    (document.querySelector('[data-testid="filter-health-ok"]') as HTMLElement).click();
    (document.querySelector('[data-testid="sort-name"]') as HTMLElement).click();
    await settle();
    (document.querySelector('[data-testid="sort-name"]') as HTMLElement).click();
    await settle();
    expect(names()).toEqual(['charlie', 'bravo', 'alpha']);
    expect(document.querySelector('[data-testid="sort-name"]')!.parentElement!.getAttribute('aria-sort')).toBe('descending');
  });

  it('selects with checkboxes and shift-click, then polls the selection', async () => {
    const fake = client(makeFleet(6).map((status) => ({ ...status, health: 'ok' as const })));
    await openFleet();
    const checks = () => [...document.querySelectorAll<HTMLInputElement>('[data-testid="fleet-row-check"]')];
    checks()[0]!.click();
    await settle();
    checks()[3]!.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    await settle();
    expect(checks().map((box) => box.checked)).toEqual([true, true, true, true, false, false]);
    (document.querySelector('[data-testid="poll-now"]') as HTMLElement).click();
    await settle();
    expect(fake.callsTo('fleet:pollNow')).toEqual([{ nodeIds: [1, 2, 3, 4] }]);
    fake.emit('fleet:onPollProgress', { running: true, done: 1, total: 4, failed: 0 });
    await settle();
    expect(document.querySelector('[data-testid="poll-progress"]')!.textContent).toContain('1 / 4');
  });

  it('moves the focused row with the keyboard and toggles it with Space', async () => {
    client(makeFleet(5).map((status) => ({ ...status, health: 'ok' as const })));
    await openFleet();
    const table = document.querySelector('[data-testid="fleet-table"]') as HTMLElement;
    table.focus();
    table.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    table.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    await settle();
    const selected = rows().filter((row) => row.getAttribute('aria-selected') === 'true');
    expect(selected.map((row) => row.getAttribute('data-node-name'))).toEqual(['node-2']);
  });

  it('opens the focused node with Enter, focuses the filter with /, and polls one row', async () => {
    const fake = client(makeFleet(3).map((status) => ({ ...status, health: 'ok' as const })));
    let router: Awaited<ReturnType<typeof mountRoute>>['router'];
    ({ wrapper, router } = await mountRoute('/fleet'));
    await settle();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));
    await settle();
    expect(document.activeElement?.closest('[data-testid="fleet-filter"]')).not.toBeNull();
    (document.querySelector('[data-testid="poll-now-node-2"]') as HTMLElement).click();
    await settle();
    expect(fake.callsTo('fleet:pollNow')).toEqual([{ nodeIds: [2] }]);
    (document.querySelector('[data-testid="select-all"]') as HTMLInputElement).click();
    await settle();
    expect(rows().every((row) => row.getAttribute('aria-selected') === 'true')).toBe(true);
    const table = document.querySelector('[data-testid="fleet-table"]') as HTMLElement;
    table.focus();
    table.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    table.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    // The node route's component is lazy: navigation completes once its chunk is loaded.
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/nodes/2'), { timeout: 10_000 });
  });

  it('a clicked Poll button does not pass to the node that a tick moves into its place', async () => {
    const statuses = [makeStatus(1, { name: 'alpha', health: 'ok' }), makeStatus(2, { name: 'bravo', health: 'ok' })];
    const fleet = new FakeFleet(statuses);
    const fake = fleet.install(new FakeClient())
      .handle('fleet:pollNow', (input) => ({ ok: true, value: { queued: input.nodeIds?.length ?? 0 } }))
      .handle('nodes:list', () => ({ ok: true, value: [] }))
      .handle('alerts:silences', () => ({ ok: true, value: [] }))
      .handle('fleet:uptime', ({ nodeIds }) => ({ ok: true, value: nodeIds.map((nodeId) => ({ nodeId, uptimePct: null, bars: [] })) }));
    setClient(fake);
    await openFleet();
    const pollAlpha = document.querySelector('[data-testid="poll-now-alpha"]') as HTMLElement;
    pollAlpha.focus();
    pollAlpha.click();
    await settle();
    // Sorted by health, bravo turning critical puts it first: alpha's old place.
    fake.emit('fleet:onStatus', fleet.diff([makeStatus(2, { name: 'bravo', health: 'critical' })]));
    await settle();
    expect(rows().map((row) => row.getAttribute('data-node-name'))).toEqual(['bravo', 'alpha']);
    expect(document.activeElement?.getAttribute('data-testid')).toBe('fleet-table');
    expect(fake.callsTo('fleet:pollNow')).toEqual([{ nodeIds: [1] }]);
  });

  it('hides hosts in privacy mode and remembers it', async () => {
    client([makeStatus(1, { host: '198.51.100.42' })]);
    await openFleet();
    const host = () => document.querySelector('[data-testid="fleet-row-host"]')!.textContent;
    expect(host()).toBe('198.51.100.42');
    (document.querySelector('[data-testid="privacy-toggle"]') as HTMLElement).click();
    await settle();
    expect(host()).not.toContain('198.51.100.42');
    expect(localStorage.getItem('fluxdeck.privacy')).toBe('1');
    (document.querySelector('[data-testid="privacy-toggle"]') as HTMLElement).click();
    await settle();
  });

  it('shows the empty state when there are no nodes, and an error with retry', async () => {
    client([]);
    await openFleet();
    expect(document.querySelector('[data-testid="fleet-empty"]')).not.toBeNull();
    wrapper!.unmount();
    setClient(new FakeClient().handle('fleet:status', () => ({ ok: false, error: { code: 'INTERNAL', message: 'boom' } })));
    await openFleet();
    expect(document.querySelector('[data-testid="fleet-error"]')!.textContent).toContain('boom');
  });
});
