import type { SortKey } from './fleet-query';

export type ColumnId =
  | 'name'
  | 'host'
  | 'tier'
  | 'status'
  | 'health'
  | 'why'
  | 'uptime'
  | 'rank'
  | 'owner'
  | 'wallet'
  | 'bench'
  | 'blockLag'
  | 'maintenance'
  | 'arcane'
  | 'apps'
  | 'lastSeen';

export interface ColumnDef {
  readonly id: ColumnId;
  readonly label: string;
  /** Absent: the column does not sort. */
  readonly sort?: SortKey;
  /** Default and smallest width in px; the name column also takes the free space. */
  readonly width: number;
  readonly minWidth: number;
  readonly shownByDefault: boolean;
  readonly numeric?: boolean;
}

/**
 * The fleet table's columns in display order. The defaults fit a 1440 px window with room for
 * longer names; the rest are one click away in the column picker.
 */
export const COLUMNS: readonly ColumnDef[] = [
  { id: 'name', label: 'Name', sort: 'name', width: 176, minWidth: 90, shownByDefault: true },
  { id: 'host', label: 'Host', sort: 'host', width: 116, minWidth: 60, shownByDefault: true },
  { id: 'tier', label: 'Tier', sort: 'tier', width: 72, minWidth: 44, shownByDefault: true },
  { id: 'status', label: 'Status', sort: 'status', width: 92, minWidth: 56, shownByDefault: true },
  { id: 'health', label: 'Health', sort: 'health', width: 104, minWidth: 64, shownByDefault: true },
  { id: 'why', label: 'Why', width: 190, minWidth: 90, shownByDefault: true },
  { id: 'uptime', label: 'Uptime 24 h', width: 118, minWidth: 110, shownByDefault: true },
  { id: 'rank', label: 'Rank · ETA', sort: 'rank', width: 96, minWidth: 60, shownByDefault: true, numeric: true },
  { id: 'owner', label: 'Owner', width: 96, minWidth: 56, shownByDefault: true },
  { id: 'wallet', label: 'Wallet', width: 130, minWidth: 60, shownByDefault: false },
  { id: 'bench', label: 'Bench', sort: 'bench', width: 88, minWidth: 50, shownByDefault: false },
  { id: 'blockLag', label: 'Block lag', sort: 'blockLag', width: 76, minWidth: 50, shownByDefault: false, numeric: true },
  { id: 'maintenance', label: 'Maint. window', sort: 'maintenance', width: 140, minWidth: 70, shownByDefault: false, numeric: true },
  { id: 'arcane', label: 'ArcaneOS', sort: 'arcane', width: 76, minWidth: 50, shownByDefault: false },
  { id: 'apps', label: 'Apps', sort: 'apps', width: 52, minWidth: 40, shownByDefault: false, numeric: true },
  { id: 'lastSeen', label: 'Last seen', sort: 'lastSeen', width: 90, minWidth: 60, shownByDefault: false },
];

/** The checkbox column and the sticky actions column around the data columns. */
export const CHECK_WIDTH = 24;
export const ACTIONS_WIDTH = 104;
export const COLUMN_GAP = 6;

/** The user's choice: which columns show and how wide they are (absent: the default). */
export interface ColumnPrefs {
  shown: Partial<Record<ColumnId, boolean>>;
  widths: Partial<Record<ColumnId, number>>;
}

export function isShown(column: ColumnDef, prefs: ColumnPrefs): boolean {
  return column.id === 'name' || (prefs.shown[column.id] ?? column.shownByDefault);
}

export function widthOf(column: ColumnDef, prefs: ColumnPrefs): number {
  return Math.max(column.minWidth, Math.round(prefs.widths[column.id] ?? column.width));
}

/** CSS grid columns: fixed widths, except the name, which grows into any free space. */
export function gridTemplate(columns: readonly ColumnDef[], prefs: ColumnPrefs): string {
  const data = columns.map((column) => (column.id === 'name' ? `minmax(${widthOf(column, prefs)}px, 1fr)` : `${widthOf(column, prefs)}px`));
  return [`${CHECK_WIDTH}px`, ...data, `${ACTIONS_WIDTH}px`].join(' ');
}

/** The narrowest the row can be before the table scrolls sideways. */
export function minRowWidth(columns: readonly ColumnDef[], prefs: ColumnPrefs, padding: number): number {
  const widths = columns.reduce((sum, column) => sum + widthOf(column, prefs), CHECK_WIDTH + ACTIONS_WIDTH);
  return widths + COLUMN_GAP * (columns.length + 1) + 2 * padding;
}

/** Reads stored prefs defensively: anything unknown or malformed is dropped, never trusted. */
export function parsePrefs(text: string | null): ColumnPrefs {
  const prefs: ColumnPrefs = { shown: {}, widths: {} };
  if (!text) return prefs;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return prefs;
  }
  if (typeof raw !== 'object' || raw === null) return prefs;
  const { shown, widths } = raw as { shown?: unknown; widths?: unknown };
  for (const column of COLUMNS) {
    const on = (shown as Record<string, unknown> | undefined)?.[column.id];
    if (typeof on === 'boolean') prefs.shown[column.id] = on;
    const width = (widths as Record<string, unknown> | undefined)?.[column.id];
    if (typeof width === 'number' && Number.isFinite(width)) prefs.widths[column.id] = Math.min(800, Math.max(column.minWidth, width));
  }
  return prefs;
}
