import { onScopeDispose, ref, type Ref } from 'vue';

/** Follows the operating system's dark-mode setting while the calling component lives. */
export function usePreferredDark(): Ref<boolean> {
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
  const dark = ref(query?.matches ?? false);
  const update = (event: MediaQueryListEvent) => (dark.value = event.matches);
  query?.addEventListener('change', update);
  onScopeDispose(() => query?.removeEventListener('change', update));
  return dark;
}
