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

  it('turns a Flux ID into its nodes through the stats stand-in, listing ip, tier, status and txid before adding', async () => {
    const base = sim.inventory.publicApi!;
    const power = (await (await fetch(`${base}/proposals/votepower/1SimZelIdAddressXXXXXXXXXXXXXXXXXX`)).json()) as { data: { nodes: { address: string; txhash: string }[] } };
    expect(power.data.nodes.length).toBeGreaterThan(0);
    const list = (await (await fetch(`${base}/daemon/viewdeterministicfluxnodelist`)).json()) as { data: { payment_address: string; txhash: string; ip: string; tier: string }[] };
    const addresses = new Set(power.data.nodes.map((n) => n.address));
    const expected = list.data.filter((n) => addresses.has(n.payment_address));
    const dir = `${temp.dir}/fluxid`;
    const args = ['nodes', 'discover', '--owner', 'Beta Client', '--flux-id', '1SimZelIdAddressXXXXXXXXXXXXXXXXXX', '--public-api', base, '--json', '--data-dir', dir];
    const dry = await runCapture([...args, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    const plan = JSON.parse(dry.stdout) as { add: unknown[]; found: { ip: string; tier: string; status: string; txid: string }[] };
    expect(plan.found.map((n) => n.txid).sort()).toEqual(expected.map((n) => n.txhash).sort());
    expect(plan.found[0]).toMatchObject({ status: 'CONFIRMED', ip: expect.any(String) as string, tier: expect.stringMatching(/^(CUMULUS|NIMBUS|STRATUS)$/) as string });
    expect(plan.add).toHaveLength(expected.length);
    expect(JSON.parse((await runCapture(['nodes', 'list', '--json', '--data-dir', dir])).stdout)).toEqual({ nodes: [] });
    expect((await runCapture(args)).code).toBe(0);
    const nodes = (JSON.parse((await runCapture(['nodes', 'list', '--json', '--data-dir', dir])).stdout) as { nodes: { owner: string }[] }).nodes;
    expect(nodes.filter((n) => n.owner === 'Beta Client')).toHaveLength(expected.length);
  });

  it('refuses a Flux ID that is not one, before asking anyone', async () => {
    const run = await runCapture(['nodes', 'discover', '--owner', 'X', '--flux-id', 'not an id', '--public-api', sim.inventory.publicApi!, '--data-dir', temp.dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/That is not a Flux ID/);
  });
});
