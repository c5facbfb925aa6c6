import { afterEach, describe, expect, it } from 'vitest';
import { startSimFleet, type SimFleet } from './fleet';
import type { FleetSpecInput } from './fleet.schema';

const H = 2_100_000;
let fleet: SimFleet | undefined;

afterEach(async () => {
  await fleet?.handle.close();
  fleet = undefined;
});

async function start(spec: FleetSpecInput, blockMs = 0): Promise<SimFleet> {
  fleet = await startSimFleet(spec, { blockMs });
  return fleet;
}

type Entry = { txhash: string; tier: string; rank: number; last_paid_height: number; last_confirmed_height: number };

async function list(f: SimFleet): Promise<Entry[]> {
  const res = await fetch(`${f.inventory.publicApi!}/daemon/viewdeterministicfluxnodelist`, { signal: AbortSignal.timeout(5_000) });
  return ((await res.json()) as { data: Entry[] }).data;
}

function status(f: SimFleet, name: string): Record<string, unknown> {
  return f.handle.node(name).state.fluxnodeStatus;
}

const paid = (h: number) => ({ fluxnodeStatus: { last_paid_height: h } });

describe('payment queue', () => {
  it('pays rank 0 of each tier every block and rotates it to the back', async () => {
    const f = await start({
      network: { height: H },
      nodes: [
        { name: 'c1', state: paid(H - 10) },
        { name: 'c2', state: paid(H - 30) },
        { name: 'c3', state: paid(H - 20) },
        { name: 'n1', preset: 'healthy-nimbus-legacy', state: paid(H - 5) },
        { name: 'n2', preset: 'healthy-nimbus-legacy', state: paid(H - 7) },
      ],
    });
    const txOf = (name: string): string => String(status(f, name)['txhash']);
    const cumulusOrder = async (): Promise<string[]> => (await list(f)).filter((e) => e.tier === 'CUMULUS').map((e) => e.txhash);
    expect(await cumulusOrder()).toEqual([txOf('c2'), txOf('c3'), txOf('c1')]);

    f.handle.advanceBlocks(1);
    expect(f.handle.height).toBe(H + 1);
    expect(status(f, 'c2')['last_paid_height']).toBe(H + 1);
    expect(status(f, 'n2')['last_paid_height']).toBe(H + 1);
    expect(await cumulusOrder()).toEqual([txOf('c3'), txOf('c1'), txOf('c2')]);

    f.handle.advanceBlocks(2);
    expect(await cumulusOrder()).toEqual([txOf('c2'), txOf('c3'), txOf('c1')]);
    const entries = await list(f);
    expect(entries.filter((e) => e.tier === 'NIMBUS').map((e) => e.rank)).toEqual([0, 1]);
    // lastpaid follows the payment height (30 s blocks).
    const st = (await (await fetch(`http://${f.inventory.nodes[0]!.host}:${f.inventory.nodes[0]!.apiPort}/daemon/getfluxnodestatus`)).json()) as {
      data: { lastpaid: string; last_paid_height: number };
    };
    expect(st.data.last_paid_height).toBe(H + 3);
  });

  it('puts a never-paid node before a paid one confirmed at the same height', async () => {
    const f = await start({
      nodes: [
        { name: 'paid', state: { fluxnodeStatus: { last_paid_height: H - 100, confirmed_height: H - 5000 } } },
        { name: 'fresh', state: { fluxnodeStatus: { last_paid_height: 0, confirmed_height: H - 100 } } },
      ],
    });
    expect((await list(f)).map((e) => e.txhash)).toEqual([status(f, 'fresh')['txhash'], status(f, 'paid')['txhash']]);
  });

  it('recomputes ranks after setState', async () => {
    const f = await start({ nodes: [{ name: 'a', state: paid(H - 1) }, { name: 'b', state: paid(H - 2) }] });
    expect((await list(f))[0]!.txhash).toBe(status(f, 'b')['txhash']);
    f.handle.setState('a', paid(H - 50));
    expect((await list(f))[0]!.txhash).toBe(status(f, 'a')['txhash']);
    expect(() => f.handle.setState('a', { blockCount: -1 })).toThrow(/blockCount/);
  });
});

describe('confirmation rules', () => {
  it('expires a node 640 blocks after its last confirmation when it stops confirming', async () => {
    const f = await start({
      nodes: [
        { name: 'dying', state: { confirming: false, fluxnodeStatus: { last_confirmed_height: H - 600 } } },
        { name: 'healthy', state: { fluxnodeStatus: { last_confirmed_height: H - 500 } } },
      ],
    });
    f.handle.advanceBlocks(39);
    expect(status(f, 'dying')['status']).toBe('CONFIRMED');
    f.handle.advanceBlocks(1);
    expect(status(f, 'dying')['status']).toBe('expired');
    expect((await list(f)).map((e) => e.txhash)).toEqual([status(f, 'healthy')['txhash']]);
    // The healthy one keeps re-confirming roughly every 500 blocks and never expires.
    f.handle.advanceBlocks(2_000);
    expect(status(f, 'healthy')['status']).toBe('CONFIRMED');
    expect(f.handle.height - Number(status(f, 'healthy')['last_confirmed_height'])).toBeLessThanOrEqual(541);
    const node = f.inventory.nodes[0]!;
    const res = await fetch(`http://${node.host}:${node.apiPort}/daemon/getfluxnodestatus`);
    expect(((await res.json()) as { data: unknown }).data).toEqual({ status: 'expired', collateral: expect.stringMatching(/^COutPoint/) as unknown });
  });

  it('confirms a STARTED node, or sends it to DOS and then out', async () => {
    const f = await start({
      nodes: [
        { name: 'starting', preset: 'started-cumulus-legacy' },
        { name: 'stuck', preset: 'started-nimbus-legacy', state: { confirming: false, fluxnodeStatus: { added_height: H } } },
      ],
    });
    f.handle.advanceBlocks(10);
    expect(status(f, 'starting')).toMatchObject({ status: 'CONFIRMED', last_confirmed_height: expect.any(Number) as unknown });
    expect(status(f, 'stuck')['status']).toBe('STARTED');
    f.handle.advanceBlocks(240);
    expect(status(f, 'stuck')['status']).toBe('DOS');
    f.handle.advanceBlocks(720 - 250);
    expect(status(f, 'stuck')['status']).toBe('expired');
  });

  it('keeps a lagging daemon the same number of blocks behind', async () => {
    const f = await start({ nodes: [{ name: 'lag', state: { blockCount: H - 30 } }] });
    f.handle.advanceBlocks(7);
    expect(f.handle.node('lag').state.blockCount).toBe(H + 7 - 30);
  });

  it('advances on its own every blockMs', async () => {
    const f = await start({ nodes: [{ name: 'x' }] }, 20);
    const deadline = Date.now() + 5_000;
    while (f.handle.height < H + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(f.handle.height).toBeGreaterThanOrEqual(H + 2);
  });
});
