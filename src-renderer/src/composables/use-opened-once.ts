import { readonly, ref, watch, type Ref } from 'vue';

/**
 * Turns true the first time `open()` is, and stays true: a dialog mounts when it is first opened
 * (its code and set-up are then no part of the page's start) and is kept, so it closes with its
 * transition and opens again at once. Synchronous, so it mounts in the same update that opens it.
 */
export function useOpenedOnce(open: () => boolean): Readonly<Ref<boolean>> {
  const opened = ref(open());
  if (!opened.value) {
    const stop = watch(open, (now) => {
      if (!now) return;
      opened.value = true;
      stop();
    }, { flush: 'sync' });
  }
  return readonly(opened);
}
