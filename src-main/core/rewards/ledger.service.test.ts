import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testkit/temp-dir';
import type { Db } from '../store/database';
import { loadChainParams } from '../chain/chain-params';
import { LedgerService, type LedgerEvent } from './ledger.service';
import { PaymentsRepo } from './payments.repo';
import { addNodes, nodeStatus, openLedgerDb } from '../../testkit/rewards';

const params = loadChainParams();
let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let ids: number[];

beforeEach(() => {
  temp = makeTempDir('fluxdeck-ledger-svc-');
  db = openLedgerDb(temp.dir);
  ids = addNodes(db, [{ name: 'alpha' }, { name: 'beta' }]);
});

afterEach(() => {
  db.close();
  temp.cleanup();
});

function service(events: LedgerEvent[] = [], enabled: number | null = 100): LedgerService {
  return new LedgerService(db, { params: () => params, enabledNodes: () => enabled, onEvent: (e) => events.push(e), now: () => 1_800_000_000_000 });
}

describe('LedgerService', () => {
  it('stores a payment with the tier payout of that height as last_paid_height advances', () => {
    const ledger = service();
    const id = ids[0]!;
    const first = nodeStatus(id, 2_200_000, { tier: 'NIMBUS', lastPaidHeight: 2_199_990, lastPaid: '2026-01-01T00:00:00.000Z' });
    expect(ledger.observe(undefined, first).payments).toHaveLength(1);
    // PoN before the first cut: Nimbus gets 3.5 FLUX; after the first cut (block 3,071,200) 3.15.
    const second = nodeStatus(id, 3_071_300, { tier: 'NIMBUS', lastPaidHeight: 3_071_250, lastPaid: '2027-01-01T00:00:00.000Z' });
    const out = ledger.observe(first, second);
    expect(out.payments).toHaveLength(1);
    const rows = new PaymentsRepo(db).list({ nodeId: id });
    expect(rows.map((r) => [r.height, r.amountSat, r.tier, r.source])).toEqual([
      [3_071_250, 315_000_000n, 'NIMBUS', 'last_paid_height'],
      [2_199_990, 350_000_000n, 'NIMBUS', 'last_paid_height'],
    ]);
    expect(rows[0]!.paidAt).toBe(Date.parse('2027-01-01T00:00:00.000Z'));
  });

  it('never duplicates a payment across repeated polls or a fresh service on the same database', () => {
    const id = ids[1]!;
    const status = nodeStatus(id, 2_200_000, { lastPaidHeight: 2_199_000 });
    const a = service();
    a.observe(undefined, status);
    a.observe(status, status);
    a.observe(status, { ...status, lastPolledAt: status.lastPolledAt! + 60_000 });
    const b = service();
    expect(b.observe(undefined, status).payments).toEqual([]);
    expect(new PaymentsRepo(db).list()).toHaveLength(1);
  });

  it('emits payment_received for a payment seen happening, not for the one found on a first look', () => {
    const events: LedgerEvent[] = [];
    const ledger = service(events, 5000);
    const id = ids[0]!;
    const before = nodeStatus(id, 2_200_000, { lastPaidHeight: 2_199_000 });
    ledger.observe(undefined, before);
    expect(events).toEqual([]);
    ledger.observe(before, nodeStatus(id, 2_200_100, { lastPaidHeight: 2_200_050 }));
    expect(events).toEqual([expect.objectContaining({ kind: 'payment_received', severity: 'info', nodeId: id })]);
    expect(events[0]!.message).toContain('1.00000000 FLUX');
  });

  it("logs a never-paid node's first payment, once", () => {
    const events: LedgerEvent[] = [];
    const ledger = service(events, 5000);
    const id = ids[0]!;
    const never = nodeStatus(id, 2_200_000, { lastPaidHeight: null, lastPaid: null });
    ledger.observe(undefined, never);
    ledger.observe(never, never);
    const payments = () => events.filter((e) => e.kind === 'payment_received');
    expect(payments()).toEqual([]);
    const paid = nodeStatus(id, 2_200_100, { lastPaidHeight: 2_200_050 });
    ledger.observe(never, paid);
    ledger.observe(paid, paid);
    expect(payments().map((e) => [e.kind, e.nodeId])).toEqual([['payment_received', id]]);
  });

  it('reports a missed payment once per window, also after a restart, and again for the next window', () => {
    const events: LedgerEvent[] = [];
    const id = ids[0]!;
    // 100 enabled nodes: paid every 100 blocks; missed once more than 100 blocks past the ETA (2,000,100).
    const onTime = nodeStatus(id, 2_000_150, { lastPaidHeight: 2_000_000 });
    const late = nodeStatus(id, 2_000_201, { lastPaidHeight: 2_000_000 });
    const ledger = service(events);
    ledger.observe(undefined, onTime);
    expect(events.filter((e) => e.kind === 'payment_missed')).toEqual([]);
    ledger.observe(onTime, late);
    ledger.observe(late, { ...late, referenceHeight: 2_000_300 });
    service(events).observe(undefined, { ...late, referenceHeight: 2_000_400 });
    const missed = events.filter((e) => e.kind === 'payment_missed');
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ nodeId: id, severity: 'warning' });
    expect(missed[0]!.message).toMatch(/expected by block 2000100, now 101 blocks/);

    expect(ledger.problems(id)).toEqual([expect.objectContaining({ code: 'PAYMENT_MISSED', severity: 'warning' })]);

    // Paid at last (the problem clears), then late again: a new window, a new event.
    const paid = nodeStatus(id, 2_000_500, { lastPaidHeight: 2_000_450 });
    ledger.observe(late, paid);
    expect(ledger.problems(id)).toEqual([]);
    ledger.observe(paid, nodeStatus(id, 2_000_700, { lastPaidHeight: 2_000_450 }));
    expect(events.filter((e) => e.kind === 'payment_missed')).toHaveLength(2);
  });

  it('does not judge payments without queue length, or for nodes that are not confirmed', () => {
    const events: LedgerEvent[] = [];
    const id = ids[0]!;
    service(events, null).observe(undefined, nodeStatus(id, 2_100_000, { lastPaidHeight: 2_000_000 }));
    service(events).observe(undefined, nodeStatus(id, 2_100_000, { status: 'DOS', lastPaidHeight: 2_000_000 }));
    expect(events).toEqual([]);
  });

  it('ignores statuses without a tier or fluxnode section and never throws', () => {
    const errors: unknown[] = [];
    const ledger = new LedgerService(db, { params: () => params, onError: (e) => errors.push(e) });
    const id = ids[0]!;
    expect(ledger.observe(undefined, nodeStatus(id, 2_100_000, { tier: null, lastPaidHeight: 5 }))).toEqual({ payments: [], events: [] });
    expect(ledger.observe(undefined, { ...nodeStatus(id, 2_100_000), fluxnode: null }).payments).toEqual([]);
    // A node id that is not in the database: the foreign key refuses the row, observe reports and goes on.
    expect(ledger.observe(undefined, nodeStatus(9999, 2_100_000, { lastPaidHeight: 2_000_000 })).payments).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
