import { shallowRef } from 'vue';
import type { GlobalTheme } from 'naive-ui';

const loaded = shallowRef<GlobalTheme | null>(null);
let loading: Promise<GlobalTheme> | null = null;

/** Loads Naive UI's dark theme once (a chunk of its own); the app awaits it before mounting when dark. */
export function loadDarkTheme(): Promise<GlobalTheme> {
  loading ??= import('../lib/dark-theme').then(({ darkTheme }) => (loaded.value = darkTheme));
  return loading;
}

/** The dark theme, or null until loaded; asking for it starts the load (switching to dark at run time). */
export function darkThemeWhenLoaded(): GlobalTheme | null {
  if (!loaded.value) void loadDarkTheme();
  return loaded.value;
}
