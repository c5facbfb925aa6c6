import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import demoFleet from '../../resources/sim/demo-fleet.json';
import { runCapture } from '../testkit/cli-io';
import { withServices } from '../cli/context';
import { startSimFleet, writeInventoryFile, type SimFleet } from '../sim';
import { makeTempDir } from '../testkit/temp-dir';
import { DEMO_EXPECTED } from '../testkit/fleet/demo-expectations';
import { withDeadline } from '../testkit/fleet/fleet-harness';

/**
 * The operator's path with production settings (no test overrides): `nodes import` an inventory,
 * `poll --once`, `status`, each a fresh set of services on one data dir, as separate CLI runs are.
 */

const statusJson = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      health: z.string(),
      problems: z.array(z.object({ code: z.string() })),
      fluxnode: z.object({ status: z.string() }).nullable(),
      lastPolledAt: z.string().nullable(),
    }),
  ),
});

let sim: SimFleet;
let temp: ReturnType<typeof makeTempDir>;
const cli = (...argv: string[]) => withDeadline(runCapture(['--data-dir', temp.dir, ...argv]), 60_000, `fluxdeck ${argv.join(' ')}`);
const summary = (out: string) =>
  Object.fromEntries(statusJson.parse(JSON.parse(out)).nodes.map((n) => [n.name, { health: n.health, codes: n.problems.map((p) => p.code).sort() }]));

beforeAll(async () => {
  sim = await startSimFleet(demoFleet, { blockMs: 0 });
  temp = makeTempDir('fluxdeck-cli-flow-');
  const inventory = join(temp.dir, 'inventory.json');
  await writeInventoryFile(inventory, sim.inventory);
  const imported = await cli('nodes', 'import', inventory, '--set-public-api', '--json');
  expect(imported.code).toBe(0);
}, 60_000);

afterAll(async () => {
  await sim?.handle.close();
  temp?.cleanup();
}, 30_000);

describe('fluxdeck poll --once and status against the demo fleet', () => {
  it('poll --once prints every node with its problems; status reads the same back', async () => {
    const polled = await cli('poll', '--once', '--json');
    expect(polled.code).toBe(0);
    expect(polled.stderr).toContain('polled 12/12');
    expect(summary(polled.stdout)).toEqual(DEMO_EXPECTED);

    const status = await cli('status', '--json');
    expect(status.code).toBe(0);
    expect(summary(status.stdout)).toEqual(DEMO_EXPECTED);
    for (const node of statusJson.parse(JSON.parse(status.stdout)).nodes) expect(node.lastPolledAt, node.name).not.toBeNull();
  }, 90_000);

  it('a node that expires shows EXPIRED in the table after the next poll, with its events stored', async () => {
    sim.handle.setState('vps-nimbus-1', { fluxnodeStatus: { status: 'expired' } });
    const polled = await cli('poll', '--once');
    expect(polled.code).toBe(0);
    // An expired outpoint carries no tier (fluxd answers only status and collateral).
    const row = polled.stdout.split('\n').find((line) => line.startsWith('vps-nimbus-1 '));
    expect(row).toMatch(/^vps-nimbus-1\s+critical\s+EXPIRED\s+-\s+.*NODE_EXPIRED/);

    const table = await cli('status');
    expect(table.stdout.split('\n').find((line) => line.startsWith('vps-nimbus-1 '))).toBe(row);
    const counts = table.stdout.trimEnd().split('\n').at(-1)!.split(', ').sort();
    expect(counts).toEqual(['3 ok', '3 warning', '6 critical']);

    const events = await withServices(temp.dir, (services) => {
      const id = services.nodesRepo.list().find((n) => n.name === 'vps-nimbus-1')!.id;
      return services.monitor.events(id, 50);
    });
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['fluxnode-status', 'health', 'problem']));
  }, 90_000);
});
