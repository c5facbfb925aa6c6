import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventorySchema } from '../../../src-shared/inventory.schema';
import { parseCommandArgs } from '../command';
import { captureIo } from '../../testkit/cli-io';
import { simCommand } from './sim.command';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fluxdeck-sim-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});


async function waitForFile(path: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      if (Date.now() > deadline) throw new Error(`${path} never appeared`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

describe('fluxdeck sim', () => {
  it('writes the inventory once listening and closes every socket on signal', async () => {
    const demo = new URL('../../../resources/sim/demo-fleet.json', import.meta.url).pathname;
    const out = join(dir, 'inventory.json');
    const keys = join(dir, 'keys');
    const { io, stop, out: stdout } = captureIo();
    const running = simCommand.run(parseCommandArgs(simCommand, ['--fleet', demo, '--inventory', out, '--keys-dir', keys, '--block-ms', '0']), io);
    const inventory = inventorySchema.parse(JSON.parse(await waitForFile(out)));
    expect(inventory.nodes).toHaveLength(12);
    expect(inventory.nodes[0]!.privateKeyPath).toBe(join(keys, 'id_ed25519'));
    const first = inventory.nodes[0]!;
    const res = await fetch(`http://${first.host}:${first.apiPort}/flux/version`);
    expect(await res.json()).toEqual({ status: 'success', data: '8.17.0' });
    expect(stdout()).toContain('Simulating 12 FluxNodes');

    stop();
    expect(await running).toBe(0);
    expect(stdout()).toContain('stopped');
    await expect(fetch(`http://${first.host}:${first.apiPort}/flux/version`)).rejects.toThrow();
    await expect(fetch(`${inventory.publicApi!}/daemon/getblockcount`)).rejects.toThrow();

    // A second run with the same keys dir presents the same host keys.
    const again = captureIo();
    const out2 = join(dir, 'inventory2.json');
    const rerun = simCommand.run(parseCommandArgs(simCommand, ['--fleet', demo, '--inventory', out2, '--keys-dir', keys, '--block-ms', '0']), again.io);
    const inventory2 = inventorySchema.parse(JSON.parse(await waitForFile(out2)));
    again.stop();
    expect(await rerun).toBe(0);
    expect(inventory2.nodes.map((n) => n.hostKey?.fingerprint)).toEqual(inventory.nodes.map((n) => n.hostKey?.fingerprint));
  });

  it('prints every problem of a bad fleet file and exits 1', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ nodes: [{ name: 'a', preset: 'gold-plated', sshPort: 'x' }, { name: '', faults: { nope: 1 } }] }));
    const { io, err } = captureIo();
    const code = await simCommand.run(parseCommandArgs(simCommand, ['--fleet', bad, '--inventory', join(dir, 'never.json')]), io);
    expect(code).toBe(1);
    expect(err()).toContain('unknown preset');
    expect(err()).toContain('nodes[0].sshPort');
    expect(err()).toMatch(/nodes\[1\]\.faults/);
    expect(err()).toContain('nope');
  });

  it('reports unreadable JSON plainly', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "nodes": [ ');
    const { io, err } = captureIo();
    expect(await simCommand.run(parseCommandArgs(simCommand, ['--fleet', broken, '--inventory', join(dir, 'x.json')]), io)).toBe(1);
    expect(err()).toMatch(/is not valid JSON/);
  });
});
