import { defineStore } from 'pinia';
import type { ChannelInput, MetricsSettingsView } from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/result';
import { useClient } from '../bridge';
import { fill, section } from './remote-section';

/** Settings → Prometheus: the app's own `/metrics` endpoint (on/off, port, write-only token). */
export const useMetricsStore = defineStore('metrics', () => {
  const settings = section<MetricsSettingsView>();
  const load = () => fill(settings, () => useClient().call('metrics:settings', {}));

  async function save(update: ChannelInput<'metrics:save'>): Promise<Result<MetricsSettingsView>> {
    const result = await useClient().call('metrics:save', update);
    if (result.ok) settings.data.value = result.value;
    return result;
  }

  return { settings: settings.data, error: settings.error, load, save };
});
