import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { AppInfo } from '../../../src-shared/contract';
import { useClient } from '../bridge';

export type ThemeChoice = 'dark' | 'light' | 'system';

const THEME_KEY = 'fluxdeck.theme';

/** App-wide facts (version, data dir) and UI preferences that belong to this browser profile. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const theme = ref<ThemeChoice>(readTheme());

  watch(theme, (value) => localStorage.setItem(THEME_KEY, value));

  async function loadInfo(): Promise<void> {
    const result = await useClient().call('app:info', {});
    if (result.ok) info.value = result.value;
  }

  return { info, theme, loadInfo };
});

function readTheme(): ThemeChoice {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(THEME_KEY);
  return stored === 'light' || stored === 'dark' || stored === 'system' ? stored : 'system';
}
