import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type {
  AlertChannel,
  AlertChannelKind,
  AlertFired,
  AlertLogEntry,
  ChannelResult,
  SaveChannelInput,
  Silence,
  SilenceInput,
} from '../../../src-shared/contract/alerts.contract';
import type { AppErrorShape, Result } from '../../../src-shared/result';
import { useClient } from '../bridge';

/** The add/edit dialog's fields. Secret fields start empty: a stored secret is never sent back. */
export interface ChannelForm {
  id?: number;
  kind: AlertChannelKind;
  name: string;
  enabled: boolean;
  webhookUrl: string;
  botToken: string;
  chatId: string;
  url: string;
}

export function blankChannelForm(kind: AlertChannelKind = 'discord'): ChannelForm {
  return { kind, name: '', enabled: true, webhookUrl: '', botToken: '', chatId: '', url: '' };
}

export function channelFormFor(channel: AlertChannel): ChannelForm {
  return { ...blankChannelForm(channel.kind), id: channel.id, name: channel.name, enabled: channel.enabled, chatId: channel.config.chatId ?? '' };
}

/** Builds the save input; an empty secret field means "keep the stored one". */
export function toSaveInput(form: ChannelForm): SaveChannelInput {
  const base = { ...(form.id === undefined ? {} : { id: form.id }), name: form.name.trim(), enabled: form.enabled };
  const secret = (value: string) => (value.trim() ? value.trim() : undefined);
  switch (form.kind) {
    case 'desktop':
      return { ...base, kind: 'desktop' };
    case 'discord':
      return { ...base, kind: 'discord', webhookUrl: secret(form.webhookUrl) };
    case 'telegram':
      return { ...base, kind: 'telegram', chatId: form.chatId.trim(), botToken: secret(form.botToken) };
    case 'webhook':
      return { ...base, kind: 'webhook', url: secret(form.url) };
  }
}

/** A test's outcome as the view shows it: the channel's answer, or why the call itself failed. */
export type TestOutcome = ChannelResult | { ok: false; error: string; status: null };

/** Alert channels, silences and the recent alert log; `alerts:onFired` refreshes the log live. */
export const useAlertsStore = defineStore('alerts', () => {
  const channels = shallowRef<AlertChannel[]>([]);
  const silences = shallowRef<Silence[]>([]);
  const log = shallowRef<AlertLogEntry[]>([]);
  const testResults = ref<Record<number, TestOutcome>>({});
  const testing = ref<Record<number, boolean>>({});
  const lastFired = ref<AlertFired | null>(null);
  const loaded = ref(false);
  const error = ref<AppErrorShape | null>(null);
  let unsubscribe: (() => void) | undefined;

  function take<T>(result: Result<T>, apply: (value: T) => void): void {
    if (result.ok) apply(result.value);
    else error.value = result.error;
  }

  async function loadChannels(): Promise<void> {
    take(await useClient().call('alerts:channels', {}), (value) => (channels.value = value));
  }
  async function loadSilences(): Promise<void> {
    take(await useClient().call('alerts:silences', {}), (value) => (silences.value = value));
  }
  async function loadLog(): Promise<void> {
    take(await useClient().call('alerts:log', { limit: 100 }), (value) => (log.value = value));
  }

  async function load(): Promise<void> {
    error.value = null;
    await Promise.all([loadChannels(), loadSilences(), loadLog()]);
    if (!error.value) loaded.value = true;
  }

  function start(): void {
    unsubscribe ??= useClient().on('alerts:onFired', (payload) => {
      lastFired.value = payload;
      void loadLog();
    });
    void load();
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = undefined;
  }

  async function saveChannel(form: ChannelForm): Promise<Result<AlertChannel>> {
    const result = await useClient().call('alerts:saveChannel', toSaveInput(form));
    if (result.ok) await loadChannels();
    return result;
  }

  function setEnabled(channel: AlertChannel, enabled: boolean): Promise<Result<AlertChannel>> {
    return saveChannel({ ...channelFormFor(channel), enabled });
  }

  async function removeChannel(id: number): Promise<Result<{ removed: boolean }>> {
    const result = await useClient().call('alerts:removeChannel', { id });
    if (result.ok) {
      const { [id]: _dropped, ...rest } = testResults.value;
      testResults.value = rest;
      await loadChannels();
    }
    return result;
  }

  async function test(channelId: number): Promise<TestOutcome> {
    testing.value = { ...testing.value, [channelId]: true };
    const result = await useClient().call('alerts:test', { channelId });
    const outcome: TestOutcome = result.ok ? result.value : { ok: false, error: result.error.message, status: null };
    testResults.value = { ...testResults.value, [channelId]: outcome };
    testing.value = { ...testing.value, [channelId]: false };
    return outcome;
  }

  async function silence(input: SilenceInput): Promise<Result<Silence>> {
    const result = await useClient().call('alerts:silence', input);
    if (result.ok) await loadSilences();
    return result;
  }

  async function unsilence(id: number): Promise<Result<{ removed: boolean }>> {
    const result = await useClient().call('alerts:unsilence', { id });
    if (result.ok) await loadSilences();
    return result;
  }

  function dismissFired(): void {
    lastFired.value = null;
  }

  return {
    channels,
    silences,
    log,
    testResults,
    testing,
    lastFired,
    loaded,
    error,
    load,
    loadLog,
    start,
    stop,
    saveChannel,
    setEnabled,
    removeChannel,
    test,
    silence,
    unsilence,
    dismissFired,
  };
});
