import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddNodeInput, type FleetDiff } from '../../src-shared/contract';
import { nextEvent, startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';

/**
 * Fleet membership while the monitor runs: a removed node leaves the status table, the history's
 * latest rows and `fleet:onStatus`; a node added through the app is polled at once.
 */

let h: FleetHarness;

beforeAll(async () => {
  h = await startFleetHarness({
    network: { height: 2_100_000 },
    nodes: [
      { name: 'keep', preset: 'healthy-cumulus-legacy' },
      { name: 'leave', preset: 'healthy-nimbus-legacy' },
    ],
  });
  await h.pollCycle();
}, 60_000);

afterAll(async () => {
  await h?.close();
}, 30_000);

describe('fleet membership while polling', () => {
  it('a removed node disappears everywhere; re-added under a new name it is polled at once', async () => {
    const leaving = h.idOf('leave');
    const removed = nextEvent<{ changed: unknown[]; removed: number[] }>(
      (listener) => h.services.events.subscribe('fleet:onStatus', listener),
      (diff) => diff.removed.includes(leaving),
      10_000,
      'fleet:onStatus naming the removed node',
    );
    const before = h.services.monitor.events(leaving, 50);
    expect(before.length).toBeGreaterThan(0); // at least the host-key pin from the import
    const record = await h.services.nodes.remove(leaving);
    await removed;
    expect([...h.statuses().keys()]).toEqual(['keep']);
    expect(h.services.monitor.history.latestAll().map((s) => s.name)).toEqual(['keep']);

    const inv = h.sim.inventory.nodes.find((n) => n.name === 'leave')!;
    const added = nextEvent<FleetDiff>(
      (listener) => h.services.events.subscribe('fleet:onStatus', listener),
      (diff) => diff.changed.some((s) => s.name === 'back-again' && s.health !== 'unknown'),
      20_000,
      'fleet:onStatus with the re-added node polled',
    );
    const addedAt = Date.now();
    const again = await h.services.nodes.add(
      AddNodeInput.parse({
        name: 'back-again',
        host: record.host,
        sshPort: inv.sshPort,
        apiPort: inv.apiPort,
        username: inv.username,
        credentials: { kind: 'key-file', path: inv.privateKeyPath },
      }),
    );
    await added;
    // SQLite may hand the freed id to the new node: nothing of the old node's past may come with it.
    expect(h.services.monitor.events(again.id, 50).filter((e) => e.at < addedAt)).toEqual([]);
    const status = h.statusOf('back-again');
    expect(status).toMatchObject({ health: 'ok', problems: [] });
    expect(status.fluxnode).toMatchObject({ status: 'CONFIRMED', tier: 'NIMBUS' });
    // Read over SSH too: the pinned host key of that address still holds.
    expect(status.services).toMatchObject({ zelcash: 'active' });
    expect(h.statusOf('keep').health).toBe('ok');
  }, 45_000);
});
