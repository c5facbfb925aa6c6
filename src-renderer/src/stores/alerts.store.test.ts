import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setClient } from '../bridge';
import { FakeClient } from '../testkit/fake-client';
import { blankChannelForm, toSaveInput, useAlertsStore } from './alerts.store';

describe('alerts store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('builds save inputs that omit empty secret fields', () => {
    expect(toSaveInput({ ...blankChannelForm('discord'), name: ' Ops ', webhookUrl: '  ' })).toEqual({ kind: 'discord', name: 'Ops', enabled: true, webhookUrl: undefined });
    expect(toSaveInput({ ...blankChannelForm('webhook'), id: 4, name: 'Hook', url: ' https://h.example/x ' })).toEqual({ id: 4, kind: 'webhook', name: 'Hook', enabled: true, url: 'https://h.example/x' });
    expect(toSaveInput({ ...blankChannelForm('desktop'), name: 'PC', webhookUrl: 'ignored' })).toEqual({ kind: 'desktop', name: 'PC', enabled: true });
  });

  it('reports a failed test call as a result and keeps loading errors visible', async () => {
    const fake = new FakeClient()
      .handle('alerts:channels', () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'Lost the connection' } }))
      .handle('alerts:silences', () => ({ ok: true, value: [] }))
      .handle('alerts:log', () => ({ ok: true, value: [] }));
    setClient(fake);
    const store = useAlertsStore();
    await store.load();
    expect(store.loaded).toBe(false);
    expect(store.error?.message).toBe('Lost the connection');
    expect(await store.test(3)).toEqual({ ok: false, error: 'No handler for alerts:test', status: null });
    expect(store.testing[3]).toBe(false);
  });

  it('follows alerts:onFired while started, and stops listening after stop()', async () => {
    const fake = new FakeClient()
      .handle('alerts:channels', () => ({ ok: true, value: [] }))
      .handle('alerts:silences', () => ({ ok: true, value: [] }))
      .handle('alerts:log', () => ({ ok: true, value: [] }));
    setClient(fake);
    const store = useAlertsStore();
    store.start();
    store.start();
    expect(fake.listenerCount('alerts:onFired')).toBe(1);
    fake.emit('alerts:onFired', { title: 't', text: 'x', severity: 'info', at: 1, nodeId: null });
    expect(store.lastFired?.title).toBe('t');
    store.stop();
    expect(fake.listenerCount('alerts:onFired')).toBe(0);
  });
});
