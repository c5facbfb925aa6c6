import { watch, type Ref } from 'vue';

/**
 * Rows on screen are keyed by their place, so a reordering tick hands a row's elements to another
 * node. A button focused by a click (Poll, Remove) would then act on whichever node moved into its
 * place when Enter or Space is pressed: when that happens, focus goes back to the table itself.
 */
export function useFocusStaysWithNode(options: {
  /** The element whose children are the rows on screen, in slot order. */
  container: Ref<HTMLElement | null>;
  /** What each slot shows (a node id, or 0 for a group header), in slot order. */
  slots: () => readonly number[];
  /** Where focus goes instead. */
  fallback: Ref<HTMLElement | null>;
}): void {
  watch(
    () => options.slots().join(','),
    (now, before) => {
      const container = options.container.value;
      const active = document.activeElement;
      if (!container || !(active instanceof HTMLElement) || active === container || !container.contains(active)) return;
      const row = [...container.children].find((child) => child.contains(active));
      if (!row) return;
      const slot = [...container.children].indexOf(row);
      if (now.split(',')[slot] !== before.split(',')[slot]) options.fallback.value?.focus();
    },
    { flush: 'post' },
  );
}
