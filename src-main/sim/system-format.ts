import type { SystemState } from './state.schema';
import type { CommandResult } from './ssh-shell';

/** coreutils/procps output formats for `df`, `free` and `uptime`, from the node's system state. */

const UNITS = ['', 'K', 'M', 'G', 'T', 'P'];

function human(bytes: number, iec: boolean): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes}${iec ? 'B' : ''}`;
  const shown = value < 10 ? (Math.ceil(value * 10) / 10).toFixed(1) : String(Math.ceil(value));
  return `${shown}${UNITS[unit]}${iec ? 'i' : ''}`;
}

function parseBlockSize(args: string[]): { size: number | 'human'; error?: string } {
  let size: number | 'human' = 1024;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-h' || a === '--human-readable') size = 'human';
    else if (a === '-k') size = 1024;
    else if (a === '-m') size = 1024 * 1024;
    else if (a === '-B' || a === '--block-size') {
      size = blockValue(args[++i] ?? '');
    } else if (a.startsWith('--block-size=')) size = blockValue(a.slice(13));
    else if (/^-B.+/.test(a)) size = blockValue(a.slice(2));
    else if (/^-[PTlax]+$/.test(a) || !a.startsWith('-')) continue;
    else if (/^-[Ph]+$/.test(a)) size = 'human';
    else return { size, error: `df: invalid option -- '${a.replace(/^-+/, '')}'\n` };
    if (Number.isNaN(size)) return { size: 1024, error: `df: invalid block size\n` };
  }
  return { size };
}

function blockValue(text: string): number {
  const m = /^(\d*)([KMG]?)$/.exec(text);
  if (!m) return Number.NaN;
  const base = m[1] ? Number(m[1]) : 1;
  const mult = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2] as '' | 'K' | 'M' | 'G'];
  return base * mult;
}

function blockLabel(size: number, posix: boolean): string {
  if (size === 1024) return posix ? '1024-blocks' : '1K-blocks';
  if (size === 1024 ** 2) return '1M-blocks';
  return `${size}-blocks`;
}

/** `df [-P] [-k|-m|-h|-B SIZE] [path…]`: one filesystem, the node's root disk. */
export function formatDf(args: string[], sys: SystemState): CommandResult {
  const { size, error } = parseBlockSize(args);
  if (error) return { stdout: '', stderr: error, code: 1 };
  const posix = args.some((a) => /^-[A-Za-z]*P/.test(a) || a === '--portability');
  const d = sys.disk;
  const avail = Math.max(0, d.sizeBytes - d.usedBytes);
  const pct = d.sizeBytes === 0 ? 0 : Math.ceil((d.usedBytes / (d.usedBytes + avail)) * 100);
  const fmt = (bytes: number): string => (size === 'human' ? human(bytes, false) : String(Math.ceil(bytes / size)));
  const sizeLabel = size === 'human' ? 'Size' : blockLabel(size, posix);
  const cols = [
    ['Filesystem', d.filesystem],
    [sizeLabel, fmt(d.sizeBytes)],
    ['Used', fmt(d.usedBytes)],
    ['Avail' + (size === 'human' ? '' : 'able'), fmt(avail)],
    [posix ? 'Capacity' : 'Use%', `${pct}%`],
    ['Mounted on', d.mount],
  ] as const;
  const widths = cols.map(([h, v]) => Math.max(h.length, v.length));
  const line = (pick: 0 | 1): string =>
    cols.map((c, i) => (i === 0 || i === cols.length - 1 ? c[pick].padEnd(widths[i]!) : c[pick].padStart(widths[i]!))).join(' ').trimEnd();
  return { stdout: `${line(0)}\n${line(1)}\n`, stderr: '', code: 0 };
}

/** `free [-b|-k|-m|-g|-h]` in procps-ng layout. */
export function formatFree(args: string[], sys: SystemState): CommandResult {
  let div: number | 'human' = 1024;
  for (const a of args) {
    if (a === '-b' || a === '--bytes') div = 1;
    else if (a === '-k' || a === '--kibi') div = 1024;
    else if (a === '-m' || a === '--mebi') div = 1024 ** 2;
    else if (a === '-g' || a === '--gibi') div = 1024 ** 3;
    else if (a === '-h' || a === '--human') div = 'human';
    else if (a === '-w' || a === '--wide' || a === '-t') continue;
    else return { stdout: '', stderr: `free: invalid option -- '${a.replace(/^-+/, '')}'\n`, code: 1 };
  }
  const m = sys.memory;
  const fmt = (bytes: number): string => (div === 'human' ? human(bytes, true) : String(Math.floor(bytes / div)));
  const free = Math.max(0, m.totalBytes - m.usedBytes - m.buffCacheBytes);
  const available = Math.max(0, m.totalBytes - m.usedBytes);
  const row = (label: string, values: string[]): string => label.padEnd(7) + values.map((v) => v.padStart(12)).join('');
  const header = row('', ['total', 'used', 'free', 'shared', 'buff/cache', 'available']);
  const mem = row('Mem:', [m.totalBytes, m.usedBytes, free, m.sharedBytes, m.buffCacheBytes, available].map(fmt));
  const swap = row('Swap:', [m.swapTotalBytes, m.swapUsedBytes, Math.max(0, m.swapTotalBytes - m.swapUsedBytes)].map(fmt));
  return { stdout: `${header}\n${mem}\n${swap}\n`, stderr: '', code: 0 };
}

/** `uptime`: ` 14:03:01 up 10 days,  3:02,  1 user,  load average: 0.42, 0.51, 0.48`. */
export function formatUptime(seconds: number, load: readonly number[], now = new Date()): string {
  const clock = now.toISOString().slice(11, 19);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const dayPart = days > 0 ? `${days} day${days === 1 ? '' : 's'}, ` : '';
  const timePart = hours > 0 ? `${String(hours).padStart(2)}:${String(minutes).padStart(2, '0')}` : `${minutes} min`;
  const loads = load.map((l) => l.toFixed(2)).join(', ');
  return ` ${clock} up ${dayPart}${timePart},  1 user,  load average: ${loads}\n`;
}
