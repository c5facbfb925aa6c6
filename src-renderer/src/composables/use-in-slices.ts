import { computed, onBeforeUnmount, ref, watchEffect, type ComputedRef } from 'vue';

/**
 * A list mounted `slice` items per task: the first screenful paints in the task that brought the
 * data, the rest follows in later tasks, so a long page never blocks input for one long task.
 * Counts shown beside the list read the whole list, never this one, so they are final at once.
 */
export function useInSlices<T>(list: () => readonly T[], slice: number): ComputedRef<readonly T[]> {
  const count = ref(slice);
  let timer: ReturnType<typeof setTimeout> | undefined;
  watchEffect(() => {
    if (count.value >= list().length || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      count.value += slice;
    }, 0);
  });
  onBeforeUnmount(() => clearTimeout(timer));
  return computed(() => list().slice(0, count.value));
}
