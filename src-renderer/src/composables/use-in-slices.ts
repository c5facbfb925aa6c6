import { computed, onBeforeUnmount, ref, watch, watchEffect, type ComputedRef, type WatchSource } from 'vue';

/**
 * A list mounted `slice` items per task: the first screenful paints in the task that brought the
 * data, the rest follows in later tasks, so a long page never blocks input for one long task.
 * Counts shown beside the list read the whole list, never this one, so they are final at once.
 * When `restartOn` changes (a filter, a sort) the list is a different one: it starts again at one
 * slice, or a filter that matches thousands would mount them all in its keystroke's task.
 */
export function useInSlices<T>(list: () => readonly T[], slice: number, restartOn?: WatchSource | WatchSource[]): ComputedRef<readonly T[]> {
  const count = ref(slice);
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (restartOn) watch(restartOn, () => (count.value = slice));
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
