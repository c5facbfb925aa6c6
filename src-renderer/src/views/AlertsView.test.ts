import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { NDialogProvider, NMessageProvider } from 'naive-ui';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { AlertChannel, AlertLogEntry, Silence } from '../../../src-shared/contract/alerts.contract';
import type { NodeRecord } from '../../../src-shared/contract';
import { setClient } from '../bridge';
import { FakeClient } from '../testkit/fake-client';
import AlertsView from './AlertsView.vue';

// Not imported from testing/mount: that pulls in every route; this view needs only its links resolved.
async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const HOSTILE = '<img src=x onerror=alert(1)>';

function channel(id: number, overrides: Partial<AlertChannel> = {}): AlertChannel {
  return { id, kind: 'discord', name: `Channel ${id}`, enabled: true, config: {}, hasSecret: true, createdAt: 1, updatedAt: 1, ...overrides };
}

function node(id: number, tags: string[] = []): NodeRecord {
  return { id, name: `fra-${id}`, host: `10.0.0.${id}`, sshPort: 22, apiPort: 16127, username: null, auth: { kind: 'none' }, tags, createdAt: 1, updatedAt: 1 };
}

interface World {
  channels: AlertChannel[];
  silences: Silence[];
  log: AlertLogEntry[];
}

function fakeClient(world: World): FakeClient {
  const fake = new FakeClient()
    .handle('alerts:channels', () => ({ ok: true, value: world.channels }))
    .handle('alerts:silences', () => ({ ok: true, value: world.silences }))
    .handle('alerts:log', () => ({ ok: true, value: world.log }))
    .handle('alerts:acknowledge', ({ id }) => {
      world.log = world.log.map((entry) => (entry.id === id ? { ...entry, acknowledgedAt: 2 } : entry));
      return { ok: true, value: { acknowledged: 1 } };
    })
    .handle('nodes:list', () => ({ ok: true, value: [node(1, ['frankfurt']), node(2)] }))
    .handle('alerts:test', ({ channelId }) =>
      channelId === 1
        ? { ok: true, value: { channelId, channelName: 'Channel 1', kind: 'discord', ok: true, status: 204, error: null, attempts: 1 } }
        : { ok: true, value: { channelId, channelName: 'Channel 2', kind: 'telegram', ok: false, status: 401, error: 'HTTP 401: Unauthorized', attempts: 1 } },
    )
    .handle('alerts:saveChannel', (input) => {
      const saved = channel(input.id ?? 99, { kind: input.kind, name: input.name, enabled: input.enabled ?? true });
      world.channels = [...world.channels.filter((existing) => existing.id !== saved.id), saved];
      return { ok: true, value: saved };
    })
    .handle('alerts:removeChannel', ({ id }) => {
      world.channels = world.channels.filter((existing) => existing.id !== id);
      return { ok: true, value: { removed: true } };
    })
    .handle('alerts:silence', (input) => {
      const silence: Silence = { id: 7, scope: input.scope, target: input.target ?? null, untilMs: 1_900_000_000_000, reason: input.reason ?? null, createdAt: 1 };
      world.silences = [silence];
      return { ok: true, value: silence };
    })
    .handle('alerts:unsilence', () => {
      world.silences = [];
      return { ok: true, value: { removed: true } };
    });
  setClient(fake);
  return fake;
}

const $ = (selector: string) => document.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)];

function type(selector: string, value: string): void {
  const input = $(`${selector} input`) ?? $(`${selector} textarea`);
  if (!input) throw new Error(`no input in ${selector}`);
  (input as HTMLInputElement).value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('AlertsView', () => {
  let wrapper: VueWrapper | undefined;
  let world: World;

  async function open(): Promise<FakeClient> {
    const fake = fakeClient(world);
    const pinia = createPinia();
    setActivePinia(pinia);
    const Shell = defineComponent({ setup: () => () => h(NMessageProvider, () => h(NDialogProvider, () => h(AlertsView))) });
    // A bare router: the view links to nodes and Settings, and only the links need resolving.
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { render: () => null } }] });
    wrapper = mount(Shell, { attachTo: document.body, global: { plugins: [pinia, router] } });
    await settle();
    return fake;
  }

  beforeEach(() => {
    world = {
      channels: [channel(1, { name: HOSTILE }), channel(2, { kind: 'telegram', config: { chatId: '-100123' } })],
      silences: [],
      log: [
        { id: 1, at: 1_800_000_000_000, nodeId: 1, code: 'DOS', severity: 'critical', title: `${HOSTILE} is in DOS`, text: HOSTILE, silenced: false, acknowledgedAt: null, results: [{ channelId: 1, channelName: 'Channel 1', kind: 'discord', ok: false, status: null, error: 'No answer within 10 s', attempts: 1 }] },
        { id: 2, at: 1_799_000_000_000, nodeId: 2, code: 'NODE_UNREACHABLE', severity: 'critical', title: 'fra-2 is unreachable', text: '', silenced: true, acknowledgedAt: null, results: [] },
      ],
    };
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
  });

  it('lists channels, silences and the log, rendering hostile names as text', async () => {
    await open();
    expect($('[data-testid="alerts-view"]')).not.toBeNull();
    expect($$('[data-testid="alert-channel"]')).toHaveLength(2);
    expect(document.querySelector('img')).toBeNull();
    expect($('[data-testid="alert-channel"]')!.textContent).toContain(HOSTILE);
    expect($$('[data-testid="alert-channel"]')[1]!.textContent).toContain('chat -100123');
    expect($$('[data-testid="alert-channel"]')[1]!.textContent).toContain('token stored');
    const entries = $$('[data-testid="alert-log-entry"]');
    expect(entries).toHaveLength(2);
    expect(entries[0]!.textContent).toContain('No answer within 10 s');
    expect(entries[1]!.textContent).toContain('silenced');
  });

  it('sends a test per channel and shows each result', async () => {
    const fake = await open();
    $('[data-testid="alert-test-1"]')!.click();
    $('[data-testid="alert-test-2"]')!.click();
    await settle();
    expect(fake.callsTo('alerts:test')).toEqual([{ channelId: 1 }, { channelId: 2 }]);
    expect($$('[data-testid="alert-test-result"]').map((el) => el.textContent)).toEqual(['Sent (HTTP 204)', 'Failed: HTTP 401: Unauthorized']);
  });

  it('adds a Telegram channel, sending the secret once', async () => {
    const fake = await open();
    $('[data-testid="add-channel"]')!.click();
    await settle();
    $('[data-testid="channel-kind-telegram"] input')!.click();
    await settle();
    type('[data-testid="channel-name"]', 'Ops TG');
    type('[data-testid="channel-bot-token"]', '123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0');
    type('[data-testid="channel-chat-id"]', '-1001');
    $('[data-testid="channel-submit"]')!.click();
    await settle();
    expect(fake.callsTo('alerts:saveChannel')).toEqual([
      { kind: 'telegram', name: 'Ops TG', enabled: true, chatId: '-1001', botToken: '123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0' },
    ]);
    expect($$('[data-testid="alert-channel"]')).toHaveLength(3);
  });

  it('edits without echoing the stored secret, and leaves it untouched when left empty', async () => {
    const fake = await open();
    $('[data-testid="alert-edit-2"]')!.click();
    await settle();
    expect($('[data-testid="secret-stored"]')).not.toBeNull();
    expect(($('[data-testid="channel-bot-token"] input') as HTMLInputElement).value).toBe('');
    expect(($('[data-testid="channel-bot-token"] input') as HTMLInputElement).placeholder).toContain('stored');
    type('[data-testid="channel-name"]', 'Renamed');
    $('[data-testid="channel-submit"]')!.click();
    await settle();
    expect(fake.callsTo('alerts:saveChannel')).toEqual([{ id: 2, kind: 'telegram', name: 'Renamed', enabled: true, chatId: '-100123' }]);
  });

  it('toggles a channel off through saveChannel', async () => {
    const fake = await open();
    $('[data-testid="alert-enabled-1"]')!.click();
    await settle();
    expect(fake.callsTo('alerts:saveChannel')).toEqual([{ id: 1, kind: 'discord', name: HOSTILE, enabled: false }]);
  });

  it('removes a channel only after confirmation', async () => {
    const fake = await open();
    $('[data-testid="alert-remove-1"]')!.click();
    await settle();
    expect(fake.callsTo('alerts:removeChannel')).toEqual([]);
    $('[data-testid="confirm-remove-channel"]')!.click();
    await settle();
    expect(fake.callsTo('alerts:removeChannel')).toEqual([{ id: 1 }]);
    expect($$('[data-testid="alert-channel"]')).toHaveLength(1);
  });

  it('silences everything for a preset duration and lifts it again', async () => {
    const fake = await open();
    $('[data-testid="silence-add"]')!.click();
    await settle();
    $('[data-testid="silence-submit"]')!.click();
    await settle();
    expect($('[data-testid="silence-error"]')!.textContent).toBe('Pick a node');
    $('[data-testid="silence-scope-all"] input')!.click();
    $('[data-testid="silence-duration-480"] input')!.click();
    await settle();
    $('[data-testid="silence-submit"]')!.click();
    await settle();
    expect(fake.callsTo('alerts:silence')).toEqual([{ scope: 'all', minutes: 480 }]);
    expect($('[data-testid="silence"]')!.textContent).toContain('All nodes');
    $('[data-testid="silence-remove-7"]')!.click();
    await settle();
    expect(fake.callsTo('alerts:unsilence')).toEqual([{ id: 7 }]);
    expect($$('[data-testid="silence"]')).toHaveLength(0);
  });

  it('refreshes the log when an alert fires, without a second banner of its own (the app shows one)', async () => {
    const fake = await open();
    const before = fake.callsTo('alerts:log').length;
    fake.emit('alerts:onFired', { title: `${HOSTILE} is unreachable`, text: 'no answer', severity: 'critical', at: 1, nodeId: 1 });
    await settle();
    expect($('[data-testid="alert-banner"]')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(fake.callsTo('alerts:log').length).toBe(before + 1);
  });

  it('acknowledges an alert, filters the history and groups it by node', async () => {
    const fake = await open();
    $('[data-testid="alert-acknowledge"]')!.click();
    await settle();
    expect(fake.callsTo('alerts:acknowledge')).toEqual([{ id: 1 }]);
    expect($('[data-testid="alert-log-entry"]')!.getAttribute('data-acknowledged')).toBe('true');
    $('[data-testid="alert-filter-unacked"]')!.click();
    await settle();
    expect(fake.callsTo('alerts:log').at(-1)).toMatchObject({ unacknowledgedOnly: true });
    $('[data-testid="alert-group-by-node"]')!.click();
    await settle();
    expect($$('[data-testid="alert-group"]').map((group) => group.querySelector('h3')?.textContent?.trim().split(' ·')[0])).toEqual(['fra-1', 'fra-2']);
  });

  it('says in words what is wrong with a channel, never a field path', async () => {
    const fake = await open();
    $('[data-testid="add-channel"]')!.click();
    await settle();
    const name = $('[data-testid="channel-name"] input') as HTMLInputElement;
    name.value = 'Ops';
    name.dispatchEvent(new Event('input'));
    $('[data-testid="channel-kind-discord"] input')!.click();
    await settle();
    const url = $('[data-testid="channel-webhook-url"] input') as HTMLInputElement;
    url.value = 'https://example.com/not-discord';
    url.dispatchEvent(new Event('input'));
    await settle();
    $('[data-testid="channel-submit"]')!.click();
    await settle();
    expect($('[data-testid="channel-error"]')!.textContent).toMatch(/^That is not a Discord webhook URL/);
    expect(fake.callsTo('alerts:saveChannel')).toEqual([]);
  });
});
