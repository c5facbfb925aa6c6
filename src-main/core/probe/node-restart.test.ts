import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../../src-shared/contract/nodes.contract';
import { startSimFleet, type SimFleet } from '../../sim/fleet';
import { FluxosClient } from '../fluxos/fluxos-client';
import { NodeProber } from './node-prober';

let fleet: SimFleet;
let fluxos: FluxosClient;
let clock = 1_760_000_000_000;

beforeAll(async () => {
  fleet = await startSimFleet({ nodes: [{ name: 'a', preset: 'healthy-cumulus-legacy' }] }, { blockMs: 0 });
  fluxos = new FluxosClient({ timeoutMs: 1_500 });
});
afterAll(async () => {
  fluxos?.close();
  await fleet?.handle.close();
});

const record = (): NodeRecord => {
  const inv = fleet.inventory.nodes[0]!;
  return { id: 1, name: 'a', host: inv.host, sshPort: 22, apiPort: inv.apiPort, username: null, auth: { kind: 'none' }, tags: [], createdAt: 0, updatedAt: 0 };
};

describe('a node that starts anew', () => {
  it('is seen as ArcaneOS at the first poll after its reinstall, not when the 10-minute cache runs out', async () => {
    const prober = new NodeProber({ fluxos, now: () => clock });
    expect((await prober.probe(record())).api.isArcaneOs).toMatchObject({ ok: true, value: false, cached: false });
    clock += 31_000;
    expect((await prober.probe(record())).api.isArcaneOs).toMatchObject({ ok: true, value: false, cached: true });

    fleet.handle.setState('a', { reinstall: { atBlock: fleet.handle.height + 1, ip: '10.9.8.7' } });
    fleet.handle.advanceBlocks(1);
    clock += 31_000;
    const after = await prober.probe(record());
    expect(after.api.fluxnodeStatus).toMatchObject({ ok: true, value: { status: 'STARTED', ip: '10.9.8.7' } });
    expect(after.api.isArcaneOs).toMatchObject({ ok: true, value: true, cached: false });
    expect(after.api.benchmarks).toMatchObject({ ok: true, cached: false });
  });
});
