import { computed, ref } from 'vue';
import { COLUMNS, isShown, parsePrefs, type ColumnDef, type ColumnId, type ColumnPrefs } from '../lib/fleet-columns';

const KEY = 'fluxdeck.fleet.columns';

function load(): ColumnPrefs {
  try {
    return parsePrefs(typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY));
  } catch {
    return parsePrefs(null);
  }
}

// One choice per window, kept across reloads (and restarts: localStorage lives in the data of the app's origin).
const prefs = ref<ColumnPrefs>(load());

function save(): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs.value));
  } catch {
    // Storage can be unavailable (quota, policy); the choice still holds for this session.
  }
}

/** The fleet table's columns as the user chose them: the picker shows/hides, header grips resize. */
export function useFleetColumns() {
  const visible = computed<readonly ColumnDef[]>(() => COLUMNS.filter((column) => isShown(column, prefs.value)));
  return {
    prefs,
    visible,
    setShown(id: ColumnId, on: boolean): void {
      prefs.value = { ...prefs.value, shown: { ...prefs.value.shown, [id]: on } };
      save();
    },
    /** During a drag: no storage write per pixel. */
    setWidth(id: ColumnId, width: number): void {
      prefs.value = { ...prefs.value, widths: { ...prefs.value.widths, [id]: width } };
    },
    commit: save,
    reset(): void {
      prefs.value = parsePrefs(null);
      save();
    },
  };
}
