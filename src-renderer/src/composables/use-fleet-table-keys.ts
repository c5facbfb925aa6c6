import { ref, watch } from 'vue';
import type { FleetRow } from '../lib/fleet-query';
import { useFleetStore } from '../stores/fleet.store';

/**
 * The fleet table's focus and keyboard: one focused row (the grid's active descendant) moved with
 * the arrows, Home and End; Enter opens it, Space selects it. Shift-click on a checkbox extends the
 * selection from the last plainly clicked row, like a file manager.
 */
export function useFleetTableKeys(options: {
  /** The rows in table order. */
  rows: () => readonly FleetRow[];
  /** Brings row `index` into view (group headers sit between rows, so the table maps it). */
  scrollToRow: (index: number) => void;
  open: (row: FleetRow) => void;
}) {
  const fleet = useFleetStore();
  const focusedIndex = ref(-1);
  let anchorId: number | null = null;

  watch(
    () => options.rows().length,
    (length) => {
      if (focusedIndex.value >= length) focusedIndex.value = length - 1;
    },
  );

  function focusRow(index: number): void {
    const count = options.rows().length;
    if (count === 0) return;
    focusedIndex.value = Math.max(0, Math.min(count - 1, index));
    options.scrollToRow(focusedIndex.value);
  }

  function onKeydown(event: KeyboardEvent): void {
    // Keys on the header's own controls (sort buttons, column picker) are theirs, not the rows'.
    if (event.target instanceof Element && event.target.closest('[data-testid="fleet-head"]')) return;
    const row = options.rows()[focusedIndex.value];
    switch (event.key) {
      case 'ArrowDown':
        focusRow(focusedIndex.value + 1);
        break;
      case 'ArrowUp':
        focusRow(focusedIndex.value - 1);
        break;
      case 'Home':
        focusRow(0);
        break;
      case 'End':
        focusRow(options.rows().length - 1);
        break;
      case 'Enter':
        if (row) options.open(row);
        break;
      case ' ':
        if (row) {
          fleet.toggleSelected(row.id);
          anchorId = row.id;
        }
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  function onFocus(): void {
    if (focusedIndex.value < 0 && options.rows().length) focusedIndex.value = 0;
  }

  function onCheck(row: FleetRow, index: number, event: MouseEvent): void {
    focusedIndex.value = index;
    if (event.shiftKey && anchorId !== null) fleet.selectRange(anchorId, row.id, !fleet.selected.has(row.id));
    else fleet.toggleSelected(row.id);
    anchorId = row.id;
  }

  return { focusedIndex, onKeydown, onFocus, onCheck };
}
