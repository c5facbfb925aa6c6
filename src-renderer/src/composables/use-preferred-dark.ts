import { onScopeDispose, ref, type Ref } from 'vue';

function darkQuery(): MediaQueryList | undefined {
  return typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
}

/** The operating system's dark-mode setting now (before any component exists, e.g. at start-up). */
export function systemPrefersDark(): boolean {
  return darkQuery()?.matches ?? false;
}

/** Follows the operating system's dark-mode setting while the calling component lives. */
export function usePreferredDark(): Ref<boolean> {
  const query = darkQuery();
  const dark = ref(query?.matches ?? false);
  const update = (event: MediaQueryListEvent) => (dark.value = event.matches);
  query?.addEventListener('change', update);
  onScopeDispose(() => query?.removeEventListener('change', update));
  return dark;
}
