/**
 * FLUX amounts from fluxd text into exact satoshis. fluxd prints amounts as JSON numbers with 8
 * decimals (gettxout `value`) or as strings (`getfluxnodestatus.amount`, e.g. "1000.00").
 */

const DECIMAL = /^(\d{1,12})(?:\.(\d{1,8}))?$/;

/** Parses "1000", "1000.00", "12500.00000000" or a JSON number into satoshis; null when not an amount. */
export function parseFluxAmount(value: unknown): bigint | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0 || value > 1e12) return null;
    // toFixed gives the correctly rounded 8-decimal text of the double fluxd printed, no float math.
    text = value.toFixed(8);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return null;
  }
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const whole = BigInt(m[1] ?? '0');
  const frac = BigInt((m[2] ?? '').padEnd(8, '0'));
  return whole * 100_000_000n + frac;
}
