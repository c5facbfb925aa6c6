import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setClient } from '../bridge';
import { FakeClient } from '../testkit/fake-client';
import { ledgerFixture, monthlyFixture, overviewFixture, settingsFixture } from '../testkit/rewards-fixtures';
import { useRewardsStore } from './rewards.store';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const client = new FakeClient()
    .handle('rewards:overview', () => ({ ok: true, value: overviewFixture() }))
    .handle('rewards:ledger', () => ({ ok: true, value: ledgerFixture() }))
    .handle('rewards:monthly', (input) => ({ ok: true, value: { ...monthlyFixture(), groupBy: input.groupBy ?? 'fleet' } }))
    .handle('rewards:settings', () => ({ ok: true, value: settingsFixture() }))
    .handle('rewards:saveSettings', (input) =>
      input.fluxPriceUsd === -1
        ? { ok: false, error: { code: 'BAD_INPUT', message: 'fluxPriceUsd: Too small' } }
        : { ok: true, value: { ...settingsFixture(), fluxPriceUsd: input.fluxPriceUsd ?? null } },
    );
  setClient(client);
  setActivePinia(createPinia());
  return { client, store: useRewardsStore() };
}

describe('rewards store', () => {
  afterEach(() => vi.useRealTimers());
  beforeEach(() => localStorage.clear());

  it('loads the page sections and passes ledger filters and grouping to main', async () => {
    const { client, store } = setup();
    store.start();
    await flush();
    expect(store.overview?.fleet.perMonthFlux.value).toBe(129.6);
    expect(store.ledger?.rows).toHaveLength(2);
    await store.setFilter({ nodeId: 2, tag: 'us' });
    expect(client.callsTo('rewards:ledger').at(-1)).toEqual({ nodeId: 2, tag: 'us', limit: 2000 });
    await store.setGroupBy('tag');
    expect(store.monthly?.groupBy).toBe('tag');
    store.stop();
  });

  it('saves settings, reloads the figures, and reports main errors', async () => {
    const { client, store } = setup();
    store.start();
    await flush();
    const before = client.callsTo('rewards:overview').length;
    const ok = await store.saveSettings({ fluxPriceUsd: 0.5 });
    expect(ok.ok).toBe(true);
    expect(store.settings?.fluxPriceUsd).toBe(0.5);
    expect(client.callsTo('rewards:overview').length).toBe(before + 1);
    const bad = await store.saveSettings({ fluxPriceUsd: -1 });
    expect(bad).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: 'fluxPriceUsd: Too small' } });
    store.stop();
  });

  it('refreshes once per burst of rewards:onChanged pushes', async () => {
    vi.useFakeTimers();
    const { client, store } = setup();
    store.start();
    await vi.runAllTimersAsync();
    const before = client.callsTo('rewards:ledger').length;
    const overviews = client.callsTo('rewards:overview').length;
    for (let i = 0; i < 5; i++) client.emit('rewards:onChanged', { reason: 'payments', nodeIds: [i] });
    await vi.advanceTimersByTimeAsync(1100);
    expect(client.callsTo('rewards:ledger').length).toBe(before + 1);
    // The large overview follows payments at most once a minute; settings changes reload it at once.
    expect(client.callsTo('rewards:overview').length).toBe(overviews);
    client.emit('rewards:onChanged', { reason: 'settings', nodeIds: [] });
    await vi.advanceTimersByTimeAsync(1100);
    expect(client.callsTo('rewards:overview').length).toBe(overviews + 1);
    store.stop();
    expect(client.listenerCount('rewards:onChanged')).toBe(0);
  });
});
