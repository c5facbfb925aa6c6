import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { FleetHealthSeries } from '../../../src-shared/contract';
import type { AppErrorShape } from '../../../src-shared/result';
import { useClient } from '../bridge';
import { RANGE_MS, type LoadState } from './node.store';

export type FleetHealthRange = '24h' | '7d' | '30d';

/** The fleet page's aggregate charts: nodes per health level over a chosen range, from the roll-ups. */
export const useFleetHealthStore = defineStore('fleet-health', () => {
  const range = ref<FleetHealthRange>('24h');
  const series = shallowRef<FleetHealthSeries | null>(null);
  const state = ref<LoadState>('idle');
  const error = ref<AppErrorShape | null>(null);
  let seq = 0;

  async function load(): Promise<void> {
    const mine = ++seq;
    state.value = 'loading';
    const toMs = Date.now();
    const result = await useClient().call('fleet:healthHistory', { fromMs: toMs - RANGE_MS[range.value], toMs });
    if (mine !== seq) return;
    if (result.ok) {
      series.value = result.value;
      error.value = null;
      state.value = 'ready';
    } else {
      error.value = result.error;
      state.value = 'error';
    }
  }

  function setRange(next: FleetHealthRange): void {
    if (range.value === next) return;
    range.value = next;
    void load();
  }

  return { range, series, state, error, load, setRange };
});
