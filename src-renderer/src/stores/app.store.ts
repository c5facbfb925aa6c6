import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { AlertFired, AppInfo, StorageStatus } from '../../../src-shared/contract';
import { useClient } from '../bridge';

export type ThemeChoice = 'dark' | 'light' | 'system';

const THEME_KEY = 'fluxdeck.theme';

/** App-wide facts (version, data dir) and UI preferences that belong to this browser profile. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const theme = ref<ThemeChoice>(readTheme());
  /** Alerts fired while the app is open, newest first; shown as an in-app banner (serve mode has no OS notifications). */
  const firedAlerts = ref<AlertFired[]>([]);
  /** Whether history is being saved; null until main answered. One banner when it is not. */
  const storage = ref<StorageStatus | null>(null);
  let unfollow: (() => void) | undefined;
  let unfollowStorage: (() => void) | undefined;

  watch(theme, (value) => localStorage.setItem(THEME_KEY, value));

  async function loadInfo(): Promise<void> {
    const result = await useClient().call('app:info', {});
    if (result.ok) info.value = result.value;
  }

  function followAlerts(): void {
    unfollow ??= useClient().on('alerts:onFired', (alert) => {
      firedAlerts.value = [alert, ...firedAlerts.value].slice(0, 5);
    });
  }

  /** Current storage state, then every change main pushes (subscribed first so none is missed). */
  async function followStorage(): Promise<void> {
    unfollowStorage ??= useClient().on('app:onStorage', (status) => {
      storage.value = status;
    });
    const result = await useClient().call('app:storage', {});
    if (result.ok && storage.value === null) storage.value = result.value;
  }

  function dismissAlert(alert: AlertFired): void {
    firedAlerts.value = firedAlerts.value.filter((entry) => entry !== alert);
  }

  return { info, theme, firedAlerts, storage, loadInfo, followAlerts, followStorage, dismissAlert };
});

/** Whether the window shows the dark theme for this choice, given the system's own setting. */
export function isDark(choice: ThemeChoice, systemDark: boolean): boolean {
  return choice === 'dark' || (choice === 'system' && systemDark);
}

function readTheme(): ThemeChoice {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(THEME_KEY);
  return stored === 'light' || stored === 'dark' || stored === 'system' ? stored : 'system';
}
