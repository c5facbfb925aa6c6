import { describe, it, expect } from 'vitest';
import { loadChainParams } from '../chain/chain-params';
import { parseFluxAmount } from '../chain/amount';
import { parseGetTxOut } from './gettxout';
import { formatOutPoint, OutPointError, outPoint, parseOutPoint, tryParseOutPoint } from './outpoint';
import { collateralAmountsAt, impliedTierOf, normalizeTier } from '../chain/tiers';
import { collateralVerdict } from './verdict';

const params = loadChainParams();
const TXID = '5179622de68f00000000000000000000000000000000000000000000000055b6';
const COIN = 100_000_000n;
const NOW = 2_200_000;

describe('parseFluxAmount', () => {
  it('reads fluxd strings and numbers exactly', () => {
    expect(parseFluxAmount('1000.00')).toBe(1000n * COIN);
    expect(parseFluxAmount(12500)).toBe(12500n * COIN);
    expect(parseFluxAmount(0.29)).toBe(29_000_000n);
    expect(parseFluxAmount(40000.12345678)).toBe(4_000_012_345_678n);
  });
  it('rejects junk', () => {
    for (const bad of ['', '1e3', '-5', '1,000', 'abc', '1.123456789', Number.NaN, -1, null, {}]) expect(parseFluxAmount(bad)).toBeNull();
  });
});

describe('outpoints', () => {
  it('parses fluxd COutPoint text and txid:n', () => {
    expect(parseOutPoint(`COutPoint(${TXID}, 0)`)).toEqual({ txid: TXID, n: 0 });
    expect(parseOutPoint(`  COutPoint(${TXID.toUpperCase()},12) `)).toEqual({ txid: TXID, n: 12 });
    expect(parseOutPoint(`${TXID}:3`)).toEqual({ txid: TXID, n: 3 });
    expect(formatOutPoint({ txid: TXID, n: 1 })).toBe(`COutPoint(${TXID}, 1)`);
    expect(outPoint(TXID, '7')).toEqual({ txid: TXID, n: 7 });
  });
  it('rejects malformed text with a typed error', () => {
    expect(() => parseOutPoint('COutPoint(abc, 0)')).toThrow(OutPointError);
    expect(() => parseOutPoint(`COutPoint(${TXID}, -1)`)).toThrow(OutPointError);
    expect(() => parseOutPoint(`\u001b[31mCOutPoint(${TXID}, 0)`)).toThrow(OutPointError);
    expect(() => outPoint(TXID, 2 ** 32)).toThrow(OutPointError);
    expect(tryParseOutPoint('garbage')).toBeNull();
  });
});

describe('tiers by collateral (era-aware, fluxd GetCoinAmountsByTier)', () => {
  it('accepts V1 before, both inside the window, V2 after', () => {
    expect(collateralAmountsAt(params, 1_000_000, 'CUMULUS')).toEqual([10_000n * COIN]);
    expect(collateralAmountsAt(params, 1_076_532, 'CUMULUS')).toEqual([10_000n * COIN, 1_000n * COIN]);
    expect(collateralAmountsAt(params, 1_086_611, 'CUMULUS')).toEqual([10_000n * COIN, 1_000n * COIN]);
    expect(collateralAmountsAt(params, 1_086_612, 'CUMULUS')).toEqual([1_000n * COIN]);
  });
  it('maps amounts to tiers at a height', () => {
    expect(impliedTierOf(params, NOW, 1_000n * COIN)).toBe('CUMULUS');
    expect(impliedTierOf(params, NOW, 12_500n * COIN)).toBe('NIMBUS');
    expect(impliedTierOf(params, NOW, 40_000n * COIN)).toBe('STRATUS');
    expect(impliedTierOf(params, NOW, 10_000n * COIN)).toBeNull();
    expect(impliedTierOf(params, 1_000_000, 10_000n * COIN)).toBe('CUMULUS');
    expect(impliedTierOf(params, 1_090_000, 100_000n * COIN)).toBe('STRATUS');
    expect(impliedTierOf(params, NOW, 1_000n * COIN + 1n)).toBeNull();
  });
  it('normalises reported tiers', () => {
    expect(normalizeTier('cumulus')).toBe('CUMULUS');
    expect(normalizeTier('bamf')).toBe('STRATUS');
    expect(normalizeTier('NIMMBUS')).toBeNull();
  });
});

describe('parseGetTxOut', () => {
  const sample = JSON.stringify({
    bestblock: '00'.repeat(32),
    confirmations: 123456,
    value: 12500.0,
    scriptPubKey: { asm: 'x', hex: 'y', reqSigs: 1, type: 'pubkeyhash', addresses: ['t1abc'] },
    version: 4,
    coinbase: false,
  });
  it('reads an unspent output', () => {
    expect(parseGetTxOut(`${sample}\n`)).toEqual({ kind: 'unspent', confirmations: 123456, valueSat: 12_500n * COIN, addresses: ['t1abc'] });
  });
  it('treats empty output and null as spent or unknown', () => {
    expect(parseGetTxOut('')).toEqual({ kind: 'spent-or-unknown' });
    expect(parseGetTxOut('  null\n')).toEqual({ kind: 'spent-or-unknown' });
  });
  it('survives ANSI junk, garbage and prototype pollution attempts', () => {
    expect(parseGetTxOut(`\u001b[0m${sample}`).kind).toBe('unspent');
    expect(parseGetTxOut('error: {"code":-8}').kind).toBe('invalid');
    expect(parseGetTxOut('{"confirmations":"a","value":1}').kind).toBe('invalid');
    expect(parseGetTxOut('{"__proto__":{"x":1},"confirmations":1,"value":1}').kind).toBe('invalid');
  });
});

describe('collateralVerdict', () => {
  const op = { txid: TXID, n: 0 };
  it('is clean for a confirmed, matching, unspent collateral', () => {
    const v = collateralVerdict(params, {
      outpoint: op,
      height: NOW,
      reportedTier: 'NIMBUS',
      reportedAmount: '12500.00',
      txOut: { kind: 'unspent', confirmations: 5000, valueSat: 12_500n * COIN, addresses: [] },
    });
    expect(v).toEqual({
      outpoint: op,
      amountFlux: '12500.00000000',
      impliedTier: 'NIMBUS',
      reportedTier: 'NIMBUS',
      mismatch: false,
      confirmations: 5000,
      unspent: true,
      problems: [],
    });
  });

  it('flags a tier mismatch and too few confirmations', () => {
    const v = collateralVerdict(params, {
      outpoint: op,
      height: NOW,
      reportedTier: 'CUMULUS',
      txOut: { kind: 'unspent', confirmations: 40, valueSat: 40_000n * COIN, addresses: [] },
    });
    expect(v.impliedTier).toBe('STRATUS');
    expect(v.mismatch).toBe(true);
    expect(v.problems.map((p) => p.code)).toEqual(['TOO_FEW_CONFIRMATIONS', 'TIER_MISMATCH']);
  });

  it('reports spent collateral and falls back to the reported amount', () => {
    const v = collateralVerdict(params, { outpoint: op, height: NOW, reportedTier: 'CUMULUS', reportedAmount: '1000.00', txOut: { kind: 'spent-or-unknown' } });
    expect(v.unspent).toBe(false);
    expect(v.confirmations).toBeNull();
    expect(v.impliedTier).toBe('CUMULUS');
    expect(v.problems.map((p) => p.code)).toEqual(['SPENT_OR_UNKNOWN']);
  });

  it('says "not checked" when gettxout was not run, and flags old V1 amounts', () => {
    const v = collateralVerdict(params, { outpoint: op, height: NOW, reportedTier: 'CUMULUS', reportedAmount: '10000.00' });
    expect(v.unspent).toBeNull();
    expect(v.impliedTier).toBeNull();
    expect(v.mismatch).toBe(true);
    expect(v.problems.map((p) => p.code)).toEqual(['NOT_A_COLLATERAL_AMOUNT', 'TIER_MISMATCH']);
  });
});
