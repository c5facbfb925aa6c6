import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChainParams, type Tier } from '../core/chain/chain-params';
import { PaymentsRepo } from '../core/rewards/payments.repo';
import { tierRewardAt } from '../core/chain/subsidy';
import { startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';

/**
 * Payments and collateral through the wired pipeline: the simulated chain mines blocks between
 * polls, the ledger records each payment once with the consensus amount (across repeated polls and a
 * restart on the same data dir), and a spent collateral output turns into COLLATERAL_SPENT.
 */

const params = loadChainParams();
const NODES: Record<string, Tier> = { 'cumulus-a': 'CUMULUS', 'cumulus-b': 'CUMULUS', 'nimbus-a': 'NIMBUS', 'stratus-arcane': 'STRATUS' };
/** A large network, as on mainnet: the payment queue is long, so no node looks overdue. */
const FLUXNODE_COUNT = {
  total: 8500, stable: 8500, 'basic-enabled': 5000, 'super-enabled': 1500, 'bamf-enabled': 2000,
  'cumulus-enabled': 5000, 'nimbus-enabled': 1500, 'stratus-enabled': 2000, ipv4: 8400, ipv6: 100, onion: 0,
};

let h: FleetHarness;
let clock = Date.now();
/** Every (node, last_paid_height) the simulated chain has shown at a poll: what the ledger must hold. */
const expected = new Set<string>();

beforeAll(async () => {
  h = await startFleetHarness(
    {
      network: { height: 2_100_000, fluxnodeCount: FLUXNODE_COUNT },
      nodes: [
        { name: 'cumulus-a', preset: 'healthy-cumulus-legacy' },
        { name: 'cumulus-b', preset: 'healthy-cumulus-legacy' },
        { name: 'nimbus-a', preset: 'healthy-nimbus-legacy' },
        { name: 'stratus-arcane', preset: 'healthy-stratus-arcane' },
      ],
    },
    { rewardsClock: { now: () => clock } },
  );
}, 60_000);

afterAll(async () => {
  await h?.close();
}, 30_000);

/** The chain's truth right now, noted before a poll reads it. */
function noteChain(): void {
  for (const name of Object.keys(NODES)) {
    const paid = h.sim.handle.node(name).state.fluxnodeStatus.last_paid_height;
    if (paid > 0) expected.add(`${name}@${paid}`);
  }
}

async function poll(): Promise<void> {
  noteChain();
  await h.pollCycle(undefined, 20_000);
  await h.services.collateral.watch.idle();
}

function ledger(): Array<{ key: string; amountSat: bigint; tier: Tier }> {
  const names = new Map(h.services.nodesRepo.list().map((n) => [n.id, n.name]));
  return new PaymentsRepo(h.services.db)
    .list()
    .map((row) => ({ key: `${names.get(row.nodeId)}@${row.height}`, amountSat: row.amountSat, tier: row.tier }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

function expectLedgerMatchesChain(): void {
  const rows = ledger();
  expect(rows.map((r) => r.key)).toEqual([...expected].sort());
  for (const row of rows) {
    const [name, height] = row.key.split('@') as [string, string];
    expect(row.tier, row.key).toBe(NODES[name]);
    expect(row.amountSat, row.key).toBe(tierRewardAt(params, Number(height), NODES[name]!));
    expect(row.amountSat > 0n, row.key).toBe(true);
  }
}

describe('payments and collateral through the wired pipeline', () => {
  it('records each payment the chain makes, once, with the tier payout at that height', async () => {
    await poll();
    for (const [name, status] of h.statuses()) expect(status.health, name).toBe('ok');
    // The first sighting records each node's last payment.
    expectLedgerMatchesChain();
    expect(ledger()).toHaveLength(4);

    // One block per poll: every tier pays its front node, so the ledger grows by one row per tier.
    for (let i = 0; i < 4; i++) {
      h.sim.handle.advanceBlocks(1);
      await poll();
      expectLedgerMatchesChain();
    }
    expect(ledger()).toHaveLength(4 + 4 * 3);
    // Both CUMULUS nodes took turns.
    const cumulusB = ledger().filter((r) => r.key.startsWith('cumulus-b@')).length;
    expect(cumulusB).toBeGreaterThanOrEqual(2);

    // Polling again without new blocks adds nothing.
    await poll();
    await poll();
    expectLedgerMatchesChain();

    // The history tells the same story as node events.
    const events = h.services.monitor.events(h.idOf('nimbus-a'), 100);
    const paidHeights = events.filter((e) => e.kind === 'payment_received').map((e) => e.message);
    expect(paidHeights).toHaveLength(4);
    expect(paidHeights.every((m) => /was paid [\d.]+ FLUX \(NIMBUS\) in block \d+/.test(m))).toBe(true);
  }, 60_000);

  it('a restart on the same data dir neither duplicates nor misses payments', async () => {
    const before = ledger().length;
    await h.restart();
    await poll();
    expect(ledger()).toHaveLength(before);
    expectLedgerMatchesChain();

    h.sim.handle.advanceBlocks(1);
    await poll();
    await poll();
    expectLedgerMatchesChain();
    expect(ledger()).toHaveLength(before + 3);
  }, 60_000);

  it('a spent collateral output raises COLLATERAL_SPENT on that node only', async () => {
    const id = h.idOf('cumulus-a');
    // gettxout over SSH has seen the output unspent (after the restart's first poll).
    expect(h.services.collateral.watch.state(id)).toMatchObject({ method: 'gettxout', seenUnspent: true, spent: false });

    h.sim.handle.setState('cumulus-a', { collateral: { spent: true } });
    // gettxout runs at most every 10 minutes per node.
    clock += 11 * 60_000;
    await poll(); // the check runs behind this poll
    await poll(); // and its verdict shows on the next one
    const status = h.statusOf('cumulus-a');
    expect(status.health).toBe('critical');
    expect(status.problems.find((p) => p.code === 'COLLATERAL_SPENT')).toMatchObject({ severity: 'critical' });
    for (const name of ['cumulus-b', 'nimbus-a', 'stratus-arcane']) expect(h.statusOf(name).health, name).toBe('ok');

    const events = h.services.monitor.events(id, 100);
    expect(events.filter((e) => e.kind === 'collateral_spent')).toHaveLength(1);
    expect(events.find((e) => e.kind === 'collateral_spent')?.severity).toBe('critical');

    // The verdict is stored: a restart keeps the problem without another gettxout.
    await h.restart();
    await poll();
    expect(h.statusOf('cumulus-a').problems.map((p) => p.code)).toContain('COLLATERAL_SPENT');
    expect(h.services.monitor.events(id, 100).filter((e) => e.kind === 'collateral_spent')).toHaveLength(1);
  }, 60_000);
});
