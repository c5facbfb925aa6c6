import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type {
  AlertChannel,
  AlertChannelKind,
  AlertFired,
  AlertLogEntry,
  AlertRules,
  ChannelResult,
  HeartbeatState,
  SaveChannelInput as SaveChannelInputType,
  Silence,
  SilenceInput,
} from '../../../src-shared/contract/alerts.contract';
import type { Severity } from '../../../src-shared/contract/fleet.contract';
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
  smtpHost: string;
  smtpPort: number;
  from: string;
  to: string;
  username: string;
  password: string;
  allowSelfSigned: boolean;
}

export function blankChannelForm(kind: AlertChannelKind = 'discord'): ChannelForm {
  return { kind, name: '', enabled: true, webhookUrl: '', botToken: '', chatId: '', url: '', smtpHost: '', smtpPort: 587, from: '', to: '', username: '', password: '', allowSelfSigned: false };
}

export function channelFormFor(channel: AlertChannel): ChannelForm {
  const config = channel.config;
  return {
    ...blankChannelForm(channel.kind),
    id: channel.id,
    name: channel.name,
    enabled: channel.enabled,
    chatId: config.chatId ?? '',
    smtpHost: config.smtpHost ?? '',
    smtpPort: config.smtpPort ?? 587,
    from: config.from ?? '',
    to: config.to ?? '',
    username: config.username ?? '',
    allowSelfSigned: config.allowSelfSigned ?? false,
  };
}

/**
 * What is wrong with the form, in words for people (the schema's own messages, never a field
 * path), or null when it can be saved.
 */
// The channel schema is fetched when the channel list is first read (the Alerts page opens), not
// with the app's start: the contract's schemas bring zod with them, which the first table never needs.
let channelSchemas: Promise<typeof import('../../../src-shared/contract/alerts.contract')> | undefined;
const loadChannelSchemas = () => (channelSchemas ??= import('../../../src-shared/contract/alerts.contract'));

export async function formProblem(form: ChannelForm): Promise<string | null> {
  const { SaveChannelInput } = await loadChannelSchemas();
  const parsed = SaveChannelInput.safeParse(toSaveInput(form));
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Check the fields');
}

/** Builds the save input; an empty secret field means "keep the stored one". */
export function toSaveInput(form: ChannelForm): SaveChannelInputType {
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
    case 'slack':
      return { ...base, kind: 'slack', webhookUrl: secret(form.webhookUrl) };
    case 'ntfy':
      return { ...base, kind: 'ntfy', topicUrl: secret(form.url) };
    case 'email':
      return {
        ...base,
        kind: 'email',
        smtpHost: form.smtpHost.trim(),
        smtpPort: form.smtpPort,
        from: form.from.trim(),
        to: form.to.trim(),
        ...(form.username.trim() ? { username: form.username.trim() } : {}),
        password: secret(form.password),
        allowSelfSigned: form.allowSelfSigned,
      };
  }
}

export interface LogFilterForm {
  nodeId: number | null;
  minSeverity: Severity;
  unacknowledgedOnly: boolean;
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
  const rules = shallowRef<AlertRules | null>(null);
  const heartbeat = shallowRef<HeartbeatState | null>(null);
  const filter = ref<LogFilterForm>({ nodeId: null, minSeverity: 'info', unacknowledgedOnly: false });
  const loaded = ref(false);
  const error = ref<AppErrorShape | null>(null);
  let unsubscribe: (() => void) | undefined;

  function take<T>(result: Result<T>, apply: (value: T) => void): void {
    if (result.ok) apply(result.value);
    else error.value = result.error;
  }

  async function loadChannels(): Promise<void> {
    void loadChannelSchemas();
    take(await useClient().call('alerts:channels', {}), (value) => (channels.value = value));
  }
  async function loadSilences(): Promise<void> {
    take(await useClient().call('alerts:silences', {}), (value) => (silences.value = value));
  }
  async function loadLog(): Promise<void> {
    const { nodeId, minSeverity, unacknowledgedOnly } = filter.value;
    const input = { limit: 300, minSeverity, unacknowledgedOnly, ...(nodeId === null ? {} : { nodeId }) };
    take(await useClient().call('alerts:log', input), (value) => (log.value = value));
  }
  async function loadRules(): Promise<void> {
    take(await useClient().call('alerts:rules', {}), (value) => (rules.value = value));
  }
  async function loadHeartbeat(): Promise<void> {
    take(await useClient().call('alerts:heartbeat', {}), (value) => (heartbeat.value = value));
  }

  async function acknowledge(id: number): Promise<Result<{ acknowledged: number }>> {
    const result = await useClient().call('alerts:acknowledge', { id });
    if (result.ok) await loadLog();
    else error.value = result.error;
    return result;
  }

  async function saveRules(next: AlertRules): Promise<Result<AlertRules>> {
    const result = await useClient().call('alerts:saveRules', next);
    if (result.ok) rules.value = result.value;
    return result;
  }

  async function saveHeartbeat(url: string | null): Promise<Result<HeartbeatState>> {
    const result = await useClient().call('alerts:saveHeartbeat', { url });
    if (result.ok) heartbeat.value = result.value;
    return result;
  }

  async function testHeartbeat(): Promise<Result<HeartbeatState>> {
    const result = await useClient().call('alerts:testHeartbeat', {});
    if (result.ok) heartbeat.value = result.value;
    return result;
  }

  async function load(): Promise<void> {
    error.value = null;
    await Promise.all([loadChannels(), loadSilences(), loadLog(), loadRules(), loadHeartbeat()]);
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
    const problem = await formProblem(form);
    if (problem) return { ok: false, error: { code: 'BAD_INPUT', message: problem } };
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
    rules,
    heartbeat,
    filter,
    acknowledge,
    saveRules,
    saveHeartbeat,
    testHeartbeat,
    loadRules,
    loadSilences,
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
