import { computed, ref, type ComputedRef } from 'vue';

/**
 * The first `step` items of a list and a "show more" that adds `step` at a time, so a fleet of
 * thousands renders a page's worth of rows instead of blocking on all of them.
 */
export function useShowMore<T>(list: () => readonly T[], step: number) {
  const limit = ref(step);
  const shown: ComputedRef<readonly T[]> = computed(() => list().slice(0, limit.value));
  const hidden = computed(() => Math.max(0, list().length - limit.value));
  return {
    shown,
    hidden,
    more: () => void (limit.value += step),
    reset: () => void (limit.value = step),
  };
}
