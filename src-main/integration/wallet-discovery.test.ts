import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoFleet from '../../resources/sim/demo-fleet.json';
import { startSimFleet, type SimFleet } from '../sim';
import { runCapture } from '../testkit/cli-io';
import { makeTempDir } from '../testkit/temp-dir';

let sim: SimFleet;
let temp: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  sim = await startSimFleet(demoFleet, { blockMs: 0 });
  temp = makeTempDir('fluxdeck-wallet-');
}, 60_000);

afterAll(async () => {
  await sim?.handle.close();
  temp?.cleanup();
}, 30_000);

describe('wallet discovery from the public deterministic list', () => {
  it('adds every node paid to an address as an API-only node under its owner, once', async () => {
    const list = (await (await fetch(`${sim.inventory.publicApi!}/daemon/viewdeterministicfluxnodelist`)).json()) as { data: { payment_address: string; ip: string }[] };
    const address = list.data[0]!.payment_address;
    const expected = list.data.filter((n) => n.payment_address === address).length;
    const args = ['nodes', 'discover', '--owner', 'Acme', '--address', address, '--public-api', sim.inventory.publicApi!, '--json', '--data-dir', temp.dir];
    const run = await runCapture(args);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { add: { name: string; owner: string; username: string | null; privateKeyPath: string | null }[] };
    expect(result.add).toHaveLength(expected);
    for (const row of result.add) expect(row).toMatchObject({ owner: 'Acme', username: null, privateKeyPath: null });
    const nodes = (JSON.parse((await runCapture(['nodes', 'list', '--json', '--data-dir', temp.dir])).stdout) as { nodes: { owner: string; auth: { kind: string } }[] }).nodes;
    expect(nodes.filter((n) => n.owner === 'Acme' && n.auth.kind === 'none')).toHaveLength(expected);
    const again = JSON.parse((await runCapture(args)).stdout) as { add: unknown[]; skip: unknown[] };
    expect(again.add).toHaveLength(0);
    expect(again.skip).toHaveLength(expected);
  });
});
