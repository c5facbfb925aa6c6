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
  /** Default and smallest width in px (the name's default fits the longest name). */
  readonly width: number;
  readonly minWidth: number;
  readonly shownByDefault: boolean;
  readonly numeric?: boolean;
}

/**
 * The fleet table's columns in display order. The defaults fit a 1440 px window with names of up
 * to about 24 characters whole; the rest are one click away in the column picker.
 */
export const COLUMNS: readonly ColumnDef[] = [
  { id: 'name', label: 'Name', sort: 'name', width: 150, minWidth: 90, shownByDefault: true },
  { id: 'host', label: 'Host', sort: 'host', width: 104, minWidth: 60, shownByDefault: true },
  { id: 'tier', label: 'Tier', sort: 'tier', width: 64, minWidth: 44, shownByDefault: true },
  { id: 'status', label: 'Status', sort: 'status', width: 88, minWidth: 56, shownByDefault: true },
  { id: 'health', label: 'Health', sort: 'health', width: 96, minWidth: 64, shownByDefault: true },
  { id: 'why', label: 'Why', width: 140, minWidth: 90, shownByDefault: true },
  { id: 'uptime', label: 'Uptime 24 h', width: 112, minWidth: 108, shownByDefault: true },
  { id: 'rank', label: 'Rank · ETA', sort: 'rank', width: 92, minWidth: 60, shownByDefault: true, numeric: true },
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
export const ACTIONS_WIDTH = 100;
export const COLUMN_GAP = 6;

/** The user's choice: which columns show and how wide they are (absent: the default). */
export interface ColumnPrefs {
  shown: Partial<Record<ColumnId, boolean>>;
  widths: Partial<Record<ColumnId, number>>;
}

export function isShown(column: ColumnDef, prefs: ColumnPrefs): boolean {
  return column.id === 'name' || (prefs.shown[column.id] ?? column.shownByDefault);
}

/** A column's width: the user's, else (for the name) what fits the longest name, else the default. */
export function widthOf(column: ColumnDef, prefs: ColumnPrefs, nameFit = column.width): number {
  const fallback = column.id === 'name' ? Math.max(column.width, nameFit) : column.width;
  return Math.max(column.minWidth, Math.round(prefs.widths[column.id] ?? fallback));
}

/** About what a name of `chars` characters takes at the table's 13 px (names are mostly lower case and digits). */
export function nameWidthFor(chars: number): number {
  return Math.min(320, Math.ceil(chars * 7.6) + 4);
}

/**
 * CSS grid columns: fixed widths, except one that takes the free space — the why column when shown
 * (its text is the longest), else the name.
 */
export function gridTemplate(columns: readonly ColumnDef[], prefs: ColumnPrefs, nameFit?: number): string {
  const flexible = columns.some((column) => column.id === 'why') ? 'why' : 'name';
  const data = columns.map((column) => {
    const width = widthOf(column, prefs, nameFit);
    return column.id === flexible ? `minmax(${width}px, 1fr)` : `${width}px`;
  });
  return [`${CHECK_WIDTH}px`, ...data, `${ACTIONS_WIDTH}px`].join(' ');
}

/** The narrowest the row can be before the table scrolls sideways. */
export function minRowWidth(columns: readonly ColumnDef[], prefs: ColumnPrefs, padding: number, nameFit?: number): number {
  const widths = columns.reduce((sum, column) => sum + widthOf(column, prefs, nameFit), CHECK_WIDTH + ACTIONS_WIDTH);
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
