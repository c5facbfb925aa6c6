import { describe, it, expect } from 'vitest';
import { doubleFromDecimal, doubleFromNumber, fluxdPercentOf, multiplyDoubles, truncateDouble } from './fluxd-double';

describe('fluxd double emulation (pre-PoN tier payout)', () => {
  it('decodes literals exactly', () => {
    // 0.5 = 1 * 2^-1 after normalisation to a 53-bit mantissa.
    const half = doubleFromDecimal('0.5');
    expect(half.mantissa * 2n).toBe(1n << BigInt(-half.exponent));
    expect(truncateDouble(doubleFromNumber(123456789))).toBe(123456789n);
  });

  it('matches the JS engine (also binary64, round-to-nearest) for every slow-start and halving value', () => {
    const values: bigint[] = [15_000_000_000n, 7_500_000_000n, 3_750_000_000n];
    for (let h = 1n; h <= 5001n; h++) values.push(3_000_000n * h);
    for (const bv of values) {
      for (const pct of ['0.0375', '0.0625', '0.15']) {
        for (const mult of [1, 2]) {
          const oracle = BigInt(Math.trunc(Number(bv) * (Number(pct) * mult)));
          expect(fluxdPercentOf(bv, pct, mult)).toBe(oracle);
        }
      }
    }
  });

  it('rounds ties to even', () => {
    // (2^53 - 1) * 0.5 is exact; (2^53 + 1) is not representable, so build a tie via multiplication.
    const a = doubleFromNumber(2 ** 52 + 1);
    const b = doubleFromNumber(3);
    const product = multiplyDoubles(a, b);
    expect(truncateDouble(product)).toBe(BigInt((2 ** 52 + 1) * 3));
  });
});
