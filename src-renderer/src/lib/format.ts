/** Short, human formatting shared by the fleet table and the node view. Unknown values render as an em dash. */

export const DASH = '—';

/** "6 min", "3 h 26 min", "2 d 4 h"; whole units only, so a column of them stays narrow. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return DASH;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  // Past a week the hours are noise.
  if (days >= 7) return `${days} d`;
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "just now", "12 min ago", "never": how long since `thenMs`, seen from `nowMs`. */
export function formatRelative(nowMs: number, thenMs: number | null | undefined): string {
  if (thenMs == null) return 'never';
  const seconds = Math.round((nowMs - thenMs) / 1000);
  if (seconds < 0) return 'just now';
  if (seconds < 45) return 'just now';
  return `${formatDuration(seconds)} ago`;
}

/** Position in the tier's payment queue, 1-based for people, and its ETA: "#12 · 6 min". */
export function formatRankEta(rank: number | null | undefined, etaSeconds: number | null | undefined): string {
  if (rank == null) return DASH;
  const position = `#${rank + 1}`;
  return etaSeconds == null ? position : `${position} · ${formatDuration(etaSeconds)}`;
}

/**
 * Maintenance window left, counted to fluxd's expiry (640 blocks after the last confirmation):
 * "140 blk · 1 h 10 min", or "expiry reached" once it has run out.
 */
export function formatMaintenance(blocks: number | null | undefined, seconds: number | null | undefined): string {
  if (blocks == null) return DASH;
  if (blocks <= 0) return 'expiry reached';
  return seconds == null ? `${blocks} blk` : `${blocks} blk · ${formatDuration(seconds)}`;
}

// toLocaleString builds a new formatter on every call, which dominated table scrolling; reuse them.
const numberFormats = new Map<number, Intl.NumberFormat>();

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  let format = numberFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    numberFormats.set(digits, format);
  }
  return format.format(value);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Binary-prefixed sizes with decimal-looking units, as `df -h` users expect. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return DASH;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 || unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
}

export function formatDateTime(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return DASH;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? DASH : date.toLocaleString();
}

export function formatBool(value: boolean | null | undefined, yes = 'Yes', no = 'No'): string {
  return value == null ? DASH : value ? yes : no;
}

/** Shortens a long hash for a narrow card while keeping both ends recognisable. */
export function shortHash(hash: string | null | undefined, keep = 8): string {
  if (!hash) return DASH;
  return hash.length <= keep * 2 + 1 ? hash : `${hash.slice(0, keep)}…${hash.slice(-keep)}`;
}

/** When fluxd accepts the next confirmation: "now", or "in 401 blk" (more than 500 blocks after the last). */
export function formatConfirmIn(blocks: number | null | undefined): string {
  if (blocks == null) return DASH;
  return blocks <= 0 ? 'now' : `in ${blocks} blk`;
}

/**
 * Last payment: "3 h ago (block 2,199,000)"; "never paid" when fluxd's last_paid_height is 0 (the
 * status carries null then); the block alone when fluxd gave no time.
 */
export function formatLastPaid(
  now: number,
  node: { status: string; lastPaid: string | null; lastPaidHeight: number | null } | null | undefined,
): string {
  if (!node || node.status === 'EXPIRED') return DASH;
  if (node.lastPaidHeight == null) return 'never paid';
  const block = `block ${formatNumber(node.lastPaidHeight)}`;
  return node.lastPaid ? `${formatRelative(now, Date.parse(node.lastPaid))} (${block})` : block;
}
