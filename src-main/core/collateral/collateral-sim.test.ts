import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { InventoryNode } from '../../../src-shared/inventory.schema';
import { loadChainParams } from '../chain/chain-params';
import { LedgerService } from '../rewards/ledger.service';
import { PaymentsRepo } from '../rewards/payments.repo';
import { addNodes, nodeStatus, openLedgerDb } from '../../testkit/rewards';
import { startSimFleet, type SimFleet } from '../../sim/fleet';
import { sshRun } from '../../testkit/test-ssh-client';
import type { Db } from '../store/database';
import { makeTempDir } from '../../testkit/temp-dir';
import { COLLATERAL_SPENT, CollateralWatch, type CollateralEvent } from './collateral-watch';
import { sshTxOutFetcher } from './ssh-gettxout';

/** End to end against the simulator's real SSH server: gettxout answers and last_paid_height changes. */

const params = loadChainParams();
let fleet: SimFleet;
let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let id: number;

beforeAll(async () => {
  fleet = await startSimFleet({ network: { height: 2_100_000 }, nodes: [{ name: 'legacy', preset: 'healthy-nimbus-legacy' }] }, { blockMs: 0 });
});
afterAll(async () => {
  await fleet?.handle.close();
});
beforeEach(() => {
  temp = makeTempDir('fluxdeck-collateral-sim-');
  db = openLedgerDb(temp.dir);
  [id] = addNodes(db, [{ name: 'legacy' }]) as [number];
});
afterEach(() => {
  db.close();
  temp.cleanup();
});

const inv = (): InventoryNode => fleet.inventory.nodes.find((n) => n.name === 'legacy')!;
const statusSchema = z.object({
  status: z.string(),
  txhash: z.string(),
  outidx: z.number(),
  tier: z.string(),
  amount: z.string(),
  last_paid_height: z.number(),
  confirmed_height: z.number(),
  lastpaid: z.string(),
});

/** The node's status as FluxDeck would build it, from `flux-cli getfluxnodestatus` over SSH. */
async function pollStatus() {
  const raw = statusSchema.parse(JSON.parse((await sshRun(inv(), 'flux-cli getfluxnodestatus')).stdout));
  return nodeStatus(id, fleet.handle.height, {
    status: raw.status,
    txhash: raw.txhash,
    outidx: raw.outidx,
    tier: raw.tier,
    amount: Number(raw.amount),
    lastPaidHeight: raw.last_paid_height,
    confirmedHeight: raw.confirmed_height,
    lastPaid: Number(raw.lastpaid) > 0 ? new Date(Number(raw.lastpaid) * 1000).toISOString() : null,
  });
}

describe('collateral and ledger against the simulator', () => {
  it('reads gettxout over SSH, then flags COLLATERAL_SPENT once the output is spent', async () => {
    const clock = { now: 1_800_000_000_000 };
    const events: CollateralEvent[] = [];
    const exec = async (_nodeId: number, command: string) => sshRun(inv(), command);
    const watch = new CollateralWatch(db, { params: () => params, fetchTxOut: sshTxOutFetcher(exec), onEvent: (e) => events.push(e), now: () => clock.now });
    const status = await pollStatus();
    watch.observe(undefined, status);
    await watch.idle();
    expect(watch.state(id)!.verdict).toMatchObject({ unspent: true, impliedTier: 'NIMBUS', reportedTier: 'NIMBUS', mismatch: false, amountFlux: '12500.00000000' });
    expect(watch.state(id)!.verdict!.confirmations).toBeGreaterThan(100);

    fleet.handle.setState('legacy', { collateral: { spent: true } });
    clock.now += 10 * 60_000;
    watch.observe(status, status);
    await watch.idle();
    expect(events).toHaveLength(1);
    expect(watch.problems(id)[0]).toMatchObject({ code: COLLATERAL_SPENT, severity: 'critical' });
    fleet.handle.setState('legacy', { collateral: { spent: false } });
  });

  it('records each payment the chain makes, with the exact tier payout', async () => {
    const ledger = new LedgerService(db, { params: () => params });
    let previous = await pollStatus();
    ledger.observe(undefined, previous);
    const heights = new Set<number>([previous.fluxnode!.lastPaidHeight!]);
    // A one-node tier is paid every block: each poll after a block shows a new last_paid_height.
    for (let i = 0; i < 4; i++) {
      fleet.handle.advanceBlocks(1);
      const next = await pollStatus();
      ledger.observe(previous, next);
      ledger.observe(next, next);
      heights.add(next.fluxnode!.lastPaidHeight!);
      previous = next;
    }
    const rows = new PaymentsRepo(db).list({ nodeId: id });
    expect(new Set(rows.map((r) => r.height))).toEqual(new Set([...heights].filter((h) => h > 0)));
    for (const row of rows) expect(row.amountSat).toBe(row.height >= params.upgrades.pon ? 350_000_000n : 468_750_000n);
  });
});
