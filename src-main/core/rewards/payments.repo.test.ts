import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migration004 } from '../store/migrations/004-ledger';
import { loadChainParams } from '../chain/chain-params';
import { checkMissedPayment, detectPayments, type PaymentSnapshot } from './ledger';
import { PaymentRowError, PaymentsRepo } from './payments.repo';
import { FluxPricesRepo, PriceError } from './prices.repo';

const params = loadChainParams();
let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fluxdeck-ledger-'));
  db = new Database(path.join(dir, 'test.db'));
  db.pragma('foreign_keys = ON');
  // The lead's migration 001 owns `nodes`; a minimal stand-in is enough for the foreign key.
  db.exec('CREATE TABLE nodes (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  db.exec("INSERT INTO nodes (id, name) VALUES (1, 'alpha'), (2, 'beta')");
  db.transaction(() => migration004.up(db))();
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const snap = (over: Partial<PaymentSnapshot>): PaymentSnapshot => ({
  nodeId: 1,
  tier: 'NIMBUS',
  lastPaidHeight: 2_200_000,
  lastPaidUnix: 1_767_225_600, // 2026-01-01T00:00:00Z
  observedAtMs: 1_767_300_000_000,
  ...over,
});

describe('detectPayments', () => {
  it('emits one row with the exact tier payout when last_paid_height moves forward', () => {
    const rows = detectPayments(snap({}), snap({ lastPaidHeight: 2_201_500, lastPaidUnix: 1_767_270_600 }), params);
    expect(rows).toEqual([
      { nodeId: 1, height: 2_201_500, paidAt: 1_767_270_600_000, amountSat: 350_000_000n, tier: 'NIMBUS', source: 'last_paid_height' },
    ]);
  });

  it('records the last payment on first sight, nothing when unchanged, never paid or going backwards', () => {
    expect(detectPayments(null, snap({}), params)).toHaveLength(1);
    expect(detectPayments(snap({}), snap({}), params)).toEqual([]);
    expect(detectPayments(null, snap({ lastPaidHeight: 0, lastPaidUnix: 0 }), params)).toEqual([]);
    expect(detectPayments(snap({}), snap({ lastPaidHeight: 2_100_000 }), params)).toEqual([]);
  });

  it('uses the observation time when lastpaid is 0, and the pre-PoN amount for old heights', () => {
    const [row] = detectPayments(null, snap({ lastPaidHeight: 1_500_000, lastPaidUnix: 0, tier: 'STRATUS' }), params);
    expect(row?.paidAt).toBe(1_767_300_000_000);
    expect(row?.amountSat).toBe(1_125_000_000n);
  });
});

describe('checkMissedPayment', () => {
  it('flags a node whose ETA passed by more than one interval', () => {
    const base = { lastPaidHeight: 2_200_000, confirmedHeight: 2_100_000, enabledNodes: 1500 };
    expect(checkMissedPayment(params, { ...base, height: 2_201_400 }).value).toBe(false);
    expect(checkMissedPayment(params, { ...base, height: 2_203_000 }).value).toBe(false);
    const late = checkMissedPayment(params, { ...base, height: 2_203_001 });
    expect(late.value).toBe(true);
    expect(late.verdict).toEqual({ expectedHeight: 2_201_500, overdueBlocks: 1501, overdueSeconds: 45_030 });
  });

  it('uses the rank when known', () => {
    const r = checkMissedPayment(params, {
      height: 2_200_300,
      lastPaidHeight: 2_199_000,
      confirmedHeight: 1,
      enabledNodes: 100,
      rank: { rank: 9, atHeight: 2_200_000 },
    });
    expect(r.verdict.expectedHeight).toBe(2_200_010);
    expect(r.value).toBe(true);
    expect(r.formula).toContain('rank 9');
  });
});

describe('PaymentsRepo', () => {
  it('inserts, ignores duplicates, and lists with filters newest first', () => {
    const repo = new PaymentsRepo(db);
    const jan = Date.UTC(2026, 0, 15);
    const feb = Date.UTC(2026, 1, 3);
    const rows = [
      { nodeId: 1, height: 2_200_000, paidAt: jan, amountSat: 350_000_000n, tier: 'NIMBUS' as const, source: 'last_paid_height' as const },
      { nodeId: 1, height: 2_201_500, paidAt: feb, amountSat: 350_000_000n, tier: 'NIMBUS' as const, source: 'last_paid_height' as const },
      { nodeId: 2, height: 2_200_100, paidAt: jan + 1, amountSat: 100_000_000n, tier: 'CUMULUS' as const, source: 'last_paid_height' as const },
    ];
    expect(repo.insert(rows)).toBe(3);
    expect(repo.insert(rows)).toBe(0);
    expect(repo.list().map((p) => p.height)).toEqual([2_201_500, 2_200_100, 2_200_000]);
    expect(repo.list({ nodeId: 1 }).map((p) => p.height)).toEqual([2_201_500, 2_200_000]);
    expect(repo.list({ fromMs: Date.UTC(2026, 1, 1) }).map((p) => p.height)).toEqual([2_201_500]);
    expect(repo.list({ toMs: Date.UTC(2026, 1, 1), nodeId: 2 })[0]?.amountSat).toBe(100_000_000n);
  });

  it('sums months per node and for the fleet in exact satoshis', () => {
    const repo = new PaymentsRepo(db);
    const jan = Date.UTC(2026, 0, 10);
    repo.insert([
      { nodeId: 1, height: 10, paidAt: jan, amountSat: 350_000_000n, tier: 'NIMBUS', source: 'last_paid_height' },
      { nodeId: 1, height: 20, paidAt: jan + 86_400_000, amountSat: 350_000_000n, tier: 'NIMBUS', source: 'last_paid_height' },
      { nodeId: 2, height: 15, paidAt: jan, amountSat: 100_000_000n, tier: 'CUMULUS', source: 'last_paid_height' },
      { nodeId: 2, height: 99, paidAt: Date.UTC(2026, 2, 1), amountSat: 90_000_000n, tier: 'CUMULUS', source: 'last_paid_height' },
    ]);
    expect(repo.monthlyTotalsByNode()).toEqual([
      { month: '2026-01', nodeId: 1, count: 2, totalSat: 700_000_000n },
      { month: '2026-01', nodeId: 2, count: 1, totalSat: 100_000_000n },
      { month: '2026-03', nodeId: 2, count: 1, totalSat: 90_000_000n },
    ]);
    expect(repo.monthlyTotalsFleet()).toEqual([
      { month: '2026-01', nodeId: null, count: 3, totalSat: 800_000_000n },
      { month: '2026-03', nodeId: null, count: 1, totalSat: 90_000_000n },
    ]);
  });

  it('deletes a node’s payments with the node and rejects malformed rows', () => {
    const repo = new PaymentsRepo(db);
    repo.insert([{ nodeId: 2, height: 5, paidAt: 1, amountSat: 1n, tier: 'CUMULUS', source: 'last_paid_height' }]);
    db.prepare('DELETE FROM nodes WHERE id = 2').run();
    expect(repo.list()).toEqual([]);
    expect(() => repo.insert([{ nodeId: 1, height: -1, paidAt: 1, amountSat: 1n, tier: 'CUMULUS', source: 'last_paid_height' }])).toThrow(PaymentRowError);
    const bogusTier = JSON.parse('{"nodeId":1,"height":5,"paidAt":1,"tier":"TITAN","source":"last_paid_height"}') as never;
    expect(() => repo.insert([bogusTier])).toThrow(PaymentRowError);
    expect(() => repo.list({ nodeId: Number.NaN })).toThrow(PaymentRowError);
  });
});

describe('FluxPricesRepo', () => {
  it('upserts daily prices and reads a range', () => {
    const prices = new FluxPricesRepo(db);
    prices.upsert({ day: '2026-01-01', usd: 0.5, source: 'user' });
    prices.upsert({ day: '2026-01-01', usd: 0.55, source: 'user' });
    prices.upsert({ day: '2026-01-03', usd: 0.6, source: 'user' });
    expect([...prices.range('2026-01-01', '2026-01-02')]).toEqual([['2026-01-01', 0.55]]);
    expect(() => prices.upsert({ day: '2026-13-01', usd: 1, source: 'user' })).toThrow(PriceError);
    expect(() => prices.upsert({ day: '2026-01-01', usd: -1, source: 'user' })).toThrow(PriceError);
  });
});
