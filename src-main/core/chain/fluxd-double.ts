/**
 * Exact integer emulation of the one place fluxd uses floating point in money math: the pre-PoN tier
 * payout `blockValue * (percentage * fMultiple)` (src/main.cpp GetFluxnodeSubsidy), where `percentage`
 * is a C++ double literal and the product is truncated to an int64 CAmount.
 *
 * We do not compute it with JS floats at run time: each IEEE-754 binary64 operation is reproduced with
 * BigInt (exact product, then round-to-nearest-even to 53 significant bits), so the result is the
 * satoshi amount fluxd produces on x86-64 (SSE2 doubles), independent of the JS engine.
 */

/** A finite binary64 value as mantissa * 2^exponent (mantissa < 2^53, sign kept in the mantissa). */
export interface ExactDouble {
  mantissa: bigint;
  exponent: number;
}

const MANTISSA_BITS = 53;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Decodes the double nearest to a decimal literal, e.g. "0.0375", exactly as a C++ compiler rounds it.
 * The one JS float use here is Number(), which IEEE requires to round correctly, same as the compiler.
 */
export function doubleFromDecimal(literal: string): ExactDouble {
  const value = Number(literal);
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${literal}`);
  return doubleFromNumber(value);
}

/** Decodes the bits of a JS number (binary64) into an exact mantissa/exponent pair. */
export function doubleFromNumber(value: number): ExactDouble {
  if (!Number.isFinite(value)) throw new RangeError('not a finite number');
  if (value === 0) return { mantissa: 0n, exponent: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // Subnormals have no hidden bit and a fixed exponent.
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return { mantissa: negative ? -mantissa : mantissa, exponent };
}

/** An integer (|n| < 2^53) as an exact double. */
export function doubleFromInteger(n: bigint): ExactDouble {
  if (n >= 1n << 53n || n <= -(1n << 53n)) throw new RangeError('integer not exactly representable as double');
  return { mantissa: n, exponent: 0 };
}

/** Rounds |m| * 2^e to 53 significant bits, ties to even (IEEE default rounding). */
function roundToDouble(mantissa: bigint, exponent: number): ExactDouble {
  const negative = mantissa < 0n;
  let m = negative ? -mantissa : mantissa;
  let e = exponent;
  const excess = bitLength(m) - MANTISSA_BITS;
  if (excess > 0) {
    const shift = BigInt(excess);
    const kept = m >> shift;
    const rest = m - (kept << shift);
    const half = 1n << (shift - 1n);
    let rounded = kept;
    if (rest > half || (rest === half && (kept & 1n) === 1n)) rounded += 1n;
    m = rounded;
    e += excess;
    if (bitLength(m) > MANTISSA_BITS) {
      m >>= 1n;
      e += 1;
    }
  }
  return { mantissa: negative ? -m : m, exponent: e };
}

/** IEEE binary64 multiplication, rounded to nearest even (no overflow/subnormal cases arise here). */
export function multiplyDoubles(a: ExactDouble, b: ExactDouble): ExactDouble {
  return roundToDouble(a.mantissa * b.mantissa, a.exponent + b.exponent);
}

/** C++ double -> int64 conversion: truncation toward zero. */
export function truncateDouble(d: ExactDouble): bigint {
  if (d.exponent >= 0) return d.mantissa << BigInt(d.exponent);
  const negative = d.mantissa < 0n;
  const magnitude = (negative ? -d.mantissa : d.mantissa) >> BigInt(-d.exponent);
  return negative ? -magnitude : magnitude;
}

/**
 * fluxd's pre-PoN payout: `(CAmount)(blockValueSat * (percentLiteral * multiplier))` with the same
 * rounding steps as the C++ expression (the inner product first, then the outer one).
 */
export function fluxdPercentOf(blockValueSat: bigint, percentLiteral: string, multiplier: number): bigint {
  const pct = multiplyDoubles(doubleFromDecimal(percentLiteral), doubleFromInteger(BigInt(multiplier)));
  return truncateDouble(multiplyDoubles(doubleFromInteger(blockValueSat), pct));
}
