import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { NodeStatus, Series } from '../../../src-shared/contract';
import { setClient } from '../bridge';
import { FakeClient, FakeFleet, makeStatus } from '../testkit/fake-client';
import { mountRoute, settle } from '../testkit/mount';

let wrapper: VueWrapper<unknown> | undefined;

const emptySeries = (metric: Series['metric']): Series => ({ metric, resolution: 'raw', t: [], min: [], avg: [], max: [] });

function client(statuses: NodeStatus[]): FakeClient {
  const fake = new FakeFleet(statuses)
    .install(new FakeClient())
    .handle('fleet:pollNow', (input) => ({ ok: true, value: { queued: input.nodeIds?.length ?? 0 } }))
    .handle('node:history', (input) => ({ ok: true, value: emptySeries(input.metric) }))
    .handle('node:events', () => ({
      ok: true,
      value: [
        { id: 1, nodeId: 1, at: 1_000, kind: 'health', severity: 'warning', message: 'older event' },
        { id: 2, nodeId: 1, at: 2_000, kind: 'health', severity: 'critical', message: 'newer event' },
      ],
    }));
  setClient(fake);
  return fake;
}

async function openNode(id: number): Promise<void> {
  ({ wrapper } = await mountRoute(`/nodes/${id}`));
  await settle(8);
}

const q = (selector: string) => document.querySelector(selector);
const byTestId = (id: string) => q(`[data-testid="${id}"]`);

describe('NodeView', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
  });

  it('shows the header, the problems with explanations, and an empty chart state', async () => {
    client([
      makeStatus(1, {
        name: 'stratus-fra-1',
        health: 'critical',
        problems: [
          { code: 'BENCH_FAILED', severity: 'critical', message: 'Benchmark failed', explanation: 'The node is not paid until it passes.' },
          { code: 'LOW_MAINTENANCE', severity: 'warning', message: 'Maintenance window closing' },
        ],
      }),
    ]);
    await openNode(1);
    expect(byTestId('node-view')).not.toBeNull();
    expect(byTestId('node-name-title')!.textContent).toBe('stratus-fra-1');
    expect(byTestId('node-health')!.textContent).toContain('Critical');
    expect(byTestId('problem-BENCH_FAILED')!.textContent).toContain('The node is not paid until it passes.');
    expect(byTestId('problem-LOW_MAINTENANCE')!.textContent).toContain('Maintenance window closing');
    expect(byTestId('node-chart-empty')).not.toBeNull();
    expect(byTestId('node-chart')).toBeNull();
  });

  it('says "never paid" for last_paid_height 0 and shows both sides of the confirmation window', async () => {
    const base = makeStatus(1);
    client([
      makeStatus(1, {
        fluxnode: { ...base.fluxnode!, status: 'CONFIRMED', lastPaidHeight: null, lastPaid: null },
        // 500 blocks since the last confirmation: one more until fluxd accepts the next, 140 until expiry.
        confirmInBlocks: 1,
        maintenanceWindowBlocks: 140,
        maintenanceWindowSeconds: 140 * 30,
      }),
    ]);
    await openNode(1);
    expect(byTestId('last-paid')!.textContent).toBe('never paid');
    expect(byTestId('confirm-in')!.textContent).toBe('in 1 blk');
    expect(byTestId('expires-in')!.textContent).toBe('140 blk · 1 h 10 min');
  });

  it('polls this node on request and hides its host in privacy mode', async () => {
    const fake = client([makeStatus(1, { host: '198.51.100.9' })]);
    await openNode(1);
    (byTestId('node-poll-now') as HTMLElement).click();
    await settle();
    expect(fake.callsTo('fleet:pollNow')).toEqual([{ nodeIds: [1] }]);
    expect(byTestId('node-host-title')!.textContent).toBe('198.51.100.9');
    (byTestId('privacy-toggle') as HTMLElement).click();
    await settle();
    expect(byTestId('node-host-title')!.textContent).not.toContain('198.51.100.9');
    expect(byTestId('node-cards')!.textContent).not.toContain('198.51.100.9');
    (byTestId('privacy-toggle') as HTMLElement).click();
    await settle();
  });

  it('lists events newest first and requests history for the chosen range', async () => {
    const fake = client([makeStatus(1)]);
    await openNode(1);
    const events = [...document.querySelectorAll('[data-testid="node-event"]')].map((el) => el.textContent);
    expect(events[0]).toContain('newer event');
    expect(events[1]).toContain('older event');
    const first = fake.callsTo('node:history') as { fromMs: number; toMs: number }[];
    // One request per charted metric (health, chain, benchmark, system and app metrics).
    expect(first).toHaveLength(9);
    expect(first[0]!.toMs - first[0]!.fromMs).toBe(24 * 3_600_000);
    (byTestId('range-7d')!.querySelector('input') ?? byTestId('range-7d')!).dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    const after = fake.callsTo('node:history') as { fromMs: number; toMs: number }[];
    expect(after).toHaveLength(18);
    expect(after[17]!.toMs - after[17]!.fromMs).toBe(7 * 24 * 3_600_000);
  });

  it('renders hostile app names, images and messages as text only', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    client([
      makeStatus(1, {
        name: hostile,
        apps: [{ name: hostile, image: hostile, state: hostile, ports: hostile }],
        problems: [{ code: 'X', severity: 'info', message: hostile, explanation: hostile }],
      }),
    ]);
    await openNode(1);
    expect(q('img')).toBeNull();
    const app = byTestId('node-app')!;
    expect(app.querySelector('.name')!.textContent).toBe(hostile);
    expect(app.textContent).toContain(hostile);
    expect(byTestId('node-name-title')!.textContent).toBe(hostile);
  });

  it('says when the node does not exist, and offers retry when events fail', async () => {
    const fake = client([makeStatus(1)]);
    fake.handle('node:events', () => ({ ok: false, error: { code: 'INTERNAL', message: 'events table missing' } }));
    await openNode(1);
    expect(byTestId('node-events')!.textContent).toContain('events table missing');
    wrapper!.unmount();
    await openNode(99);
    expect(byTestId('node-not-found')).not.toBeNull();
  });

  it('draws a chart per metric group when history exists', async () => {
    const fake = client([makeStatus(1)]);
    fake.handle('node:history', (input) => ({
      ok: true,
      value: input.metric === 'eps' || input.metric === 'blocksBehind' ? { metric: input.metric, resolution: 'raw', t: [1, 2], min: [1, 2], avg: [1, 2], max: [1, 2] } : emptySeries(input.metric),
    }));
    await openNode(1);
    const charts = [...document.querySelectorAll('[data-testid="node-chart"]')].map((el) => el.getAttribute('data-chart'));
    expect(charts).toEqual(['blocksBehind', 'bench']);
    expect(byTestId('node-chart-empty')).toBeNull();
    // Charts and lines without samples say so instead of vanishing.
    const empty = [...document.querySelectorAll('[data-testid="node-chart-nodata"]')].map((el) => el.getAttribute('data-chart'));
    expect(empty).toEqual(['health', 'system', 'apps']);
    expect(document.querySelector('[data-chart="health"]')!.textContent).toContain('No data yet');
    expect(byTestId('node-chart-missing')!.textContent).toBe('No data yet: Disk write (MB/s)');
  });
});
