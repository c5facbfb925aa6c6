/** Display formatting for rewards figures. Unknown values are an em dash, never a guessed zero. */

const DASH = '—';

export function flux(value: number | null | undefined, digits = 2): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return `${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} FLUX`;
}

export function usd(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function percent(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return `${value.toFixed(2)} %`;
}

/** UTC day of a ms time, "2026-03-01". */
export function day(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return DASH;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Saves text as a file through a Blob link (works in Electron and in the browser). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
