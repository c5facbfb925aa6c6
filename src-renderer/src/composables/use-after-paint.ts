import { onScopeDispose, readonly, ref, watch, type Ref } from 'vue';

/**
 * Turns true once `ready()` is true and the frame showing it has been painted: a task queued from
 * `requestAnimationFrame` runs after that frame. Secondary parts of a view (the fleet health charts'
 * uPlot set-up) mount then, so they do not delay the first rows on screen.
 */
export function useAfterPaint(ready: () => boolean): Readonly<Ref<boolean>> {
  const painted = ref(false);
  let frame: number | undefined;
  let task: ReturnType<typeof setTimeout> | undefined;
  const stop = watch(
    ready,
    (now) => {
      if (!now || frame !== undefined) return;
      frame = requestAnimationFrame(() => (task = setTimeout(() => (painted.value = true))));
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    stop();
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(task);
  });
  return readonly(painted);
}
