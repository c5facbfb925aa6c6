import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { setClient } from '../bridge';
import type { NodeStatus } from '../../../src-shared/contract';
import { FakeClient, FakeFleet, makeFleet, makeStatus } from '../testkit/fake-client';
import { useFleetStore } from './fleet.store';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(statuses = makeFleet(20)) {
  const fleet = new FakeFleet(statuses);
  const client = fleet
    .install(new FakeClient())
    .handle('fleet:pollNow', (input) => ({ ok: true, value: { queued: input.nodeIds?.length ?? statuses.length } }));
  setClient(client);
  setActivePinia(createPinia());
  return { client, fleet, store: useFleetStore() };
}

/** What the table holds, row by row in id order. */
const table = (store: ReturnType<typeof useFleetStore>) => [...store.rows].sort((a, b) => a.id - b.id).map((row) => row.status);

const names = (store: ReturnType<typeof useFleetStore>) => store.visible.map((row) => row.status.name);

describe('fleet store', () => {
  beforeEach(() => localStorage.clear());

  it('loads the snapshot and counts nodes by health', async () => {
    const { store } = setup([
      makeStatus(1, { health: 'ok' }),
      makeStatus(2, { health: 'ok' }),
      makeStatus(3, { health: 'critical' }),
      makeStatus(4, { health: 'unreachable' }),
      makeStatus(5, { health: 'warning' }),
    ]);
    store.start();
    await flush();
    expect(store.loaded).toBe(true);
    expect(store.counts).toEqual({ ok: 2, warning: 1, critical: 1, unreachable: 1, unknown: 0, total: 5 });
    // Default order: worst health first.
    expect(store.visible[0]!.status.health).toBe('critical');
  });

  it('applies pushed diffs in place: changes, additions and removals', async () => {
    const { client, fleet, store } = setup([makeStatus(1, { health: 'ok' }), makeStatus(2, { health: 'ok' })]);
    store.start();
    await flush();
    const before = store.version;
    const untouched = store.get(2);
    client.emit('fleet:onStatus', fleet.diff([makeStatus(1, { health: 'critical', lastPolledAt: 1_900_000_000_000 }), makeStatus(3, { health: 'warning' })]));
    expect(store.get(2)).toBe(untouched); // an unchanged node keeps its row object
    client.emit('fleet:onStatus', fleet.diff([], [2]));
    expect(store.version).toBeGreaterThan(before);
    expect(store.counts).toMatchObject({ ok: 0, critical: 1, warning: 1, total: 2 });
    expect(store.get(1)!.status.health).toBe('critical');
    expect(store.get(2)).toBeUndefined();
  });

  it('after a sequence of field diffs the table shows exactly what a fresh snapshot shows', async () => {
    const statuses = makeFleet(60);
    const { client, fleet, store } = setup(statuses);
    store.start();
    await flush();
    const problem = { code: 'DISK_LOW', severity: 'warning' as const, message: 'Disk 9 % free on /' };
    const rounds: ((s: NodeStatus, i: number) => NodeStatus | null)[] = [
      (s, i) => (i % 3 === 0 ? { ...s, health: 'warning', problems: [problem], lastPolledAt: 1_900_000_000_000 } : null),
      (s, i) => (i % 2 === 0 ? { ...s, blocksBehind: 40 + i, fluxnode: s.fluxnode && { ...s.fluxnode, rank: i, status: 'DOS' } } : null),
      (s, i) => (i % 3 === 0 ? { ...s, health: 'ok', problems: [], tags: [...s.tags, 'moved'] } : null),
      (s, i) => (i % 5 === 0 ? { ...s, apps: [{ name: 'web', image: null, state: 'running', ports: '80' }], flux: null, benchmark: null } : null),
    ];
    let current = statuses;
    for (const round of rounds) {
      const next = current.map((s, i) => round(s, i) ?? s);
      client.emit('fleet:onStatus', fleet.diff(next.filter((s, i) => s !== current[i])));
      current = next;
    }
    client.emit('fleet:onStatus', fleet.diff([makeStatus(61, { name: 'newcomer' })], [5, 6]));

    const shown = table(store);
    const fresh = setup([]);
    fresh.client.handle('fleet:status', () => ({ ok: true, value: fleet.snapshot() }));
    await fresh.store.load();
    expect(shown).toEqual(table(fresh.store));
    expect(shown).toHaveLength(59);
    expect(store.get(7)!.status).toMatchObject({ health: 'ok', blocksBehind: 46, rank: 6, nodeStatus: 'DOS', problem: null });
  });

  it('re-reads the snapshot when a diff was lost, instead of drifting', async () => {
    const { client, fleet, store } = setup([makeStatus(1, { health: 'ok' }), makeStatus(2, { health: 'ok' })]);
    store.start();
    await flush();
    fleet.diff([makeStatus(1, { health: 'critical' })]); // published, never delivered
    client.emit('fleet:onStatus', fleet.diff([makeStatus(2, { health: 'warning' })]));
    await flush();
    expect(client.callsTo('fleet:status')).toHaveLength(2);
    expect(store.get(1)!.status.health).toBe('critical');
    expect(store.get(2)!.status.health).toBe('warning');
    // And it follows the stream again from there.
    client.emit('fleet:onStatus', fleet.diff([makeStatus(2, { health: 'ok' })]));
    expect(store.get(2)!.status.health).toBe('ok');
    expect(client.callsTo('fleet:status')).toHaveLength(2);
  });

  it('re-reads the snapshot when main restarted (another stream)', async () => {
    const { client, store } = setup([makeStatus(1, { health: 'ok' })]);
    store.start();
    await flush();
    const restarted = new FakeFleet([makeStatus(1, { health: 'unreachable' })]);
    client.handle('fleet:status', () => ({ ok: true, value: { ...restarted.snapshot(), stream: 'after-restart' } }));
    client.emit('fleet:onStatus', { ...restarted.diff([makeStatus(1, { health: 'unreachable' })]), stream: 'after-restart' });
    await flush();
    expect(store.get(1)!.status.health).toBe('unreachable');
  });

  it('ignores a diff it already has', async () => {
    const { client, fleet, store } = setup([makeStatus(1, { health: 'ok' })]);
    store.start();
    await flush();
    const first = fleet.diff([makeStatus(1, { health: 'critical' })]);
    client.emit('fleet:onStatus', first);
    client.emit('fleet:onStatus', fleet.diff([makeStatus(1, { health: 'warning' })]));
    client.emit('fleet:onStatus', first); // replayed
    expect(store.get(1)!.status.health).toBe('warning');
    expect(client.callsTo('fleet:status')).toHaveLength(1);
  });

  it('replays diffs that arrive while the snapshot is loading, skipping those it already covers', async () => {
    const fleet = new FakeFleet([makeStatus(1, { health: 'ok' })]);
    let answer: () => void = () => undefined;
    const client = new FakeClient().handle('fleet:status', () => {
      const snapshot = fleet.snapshot();
      return new Promise((resolve) => (answer = () => resolve({ ok: true, value: snapshot })));
    });
    setClient(client);
    setActivePinia(createPinia());
    const store = useFleetStore();
    store.start();
    client.emit('fleet:onStatus', fleet.diff([makeStatus(1, { health: 'warning' })]));
    answer();
    await flush();
    expect(store.get(1)!.status.health).toBe('warning');
    expect(client.callsTo('fleet:status')).toHaveLength(1);
  });

  it('follows poll progress and reloads when the fleet membership changes', async () => {
    const { client, fleet, store } = setup([makeStatus(1)]);
    store.start();
    await flush();
    client.emit('fleet:onPollProgress', { running: true, done: 3, total: 10, failed: 1 });
    expect(store.progress).toEqual({ running: true, done: 3, total: 10, failed: 1 });
    fleet.diff([makeStatus(2)]);
    client.emit('fleet:onChanged', { reason: 'added', nodeIds: [2] });
    await flush();
    expect(store.rows).toHaveLength(2);
    store.stop();
    expect(client.listenerCount('fleet:onStatus')).toBe(0);
  });

  it('falls back to the node list, health unknown, while main lacks fleet:status', async () => {
    const client = new FakeClient().handle('nodes:list', () => ({
      ok: true,
      value: [{ id: 7, name: 'alpha', host: '198.51.100.7', sshPort: 22, apiPort: 16127, username: null, auth: { kind: 'none' }, tags: [], createdAt: 0, updatedAt: 0 }],
    }));
    setClient(client);
    setActivePinia(createPinia());
    const store = useFleetStore();
    await store.load();
    expect(store.error).toBeNull();
    expect(store.degraded?.code).toBe('UNKNOWN_CHANNEL');
    expect(store.visible.map((row) => [row.status.name, row.status.health])).toEqual([['alpha', 'unknown']]);
  });

  it('reports a load error and recovers on retry', async () => {
    let fail = true;
    const client = new FakeClient()
      .handle('fleet:status', () => (fail ? { ok: false, error: { code: 'INTERNAL', message: 'database is locked' } } : { ok: true, value: new FakeFleet([makeStatus(1)]).snapshot() }))
      .handle('nodes:list', () => ({ ok: false, error: { code: 'INTERNAL', message: 'also locked' } }));
    setClient(client);
    setActivePinia(createPinia());
    const store = useFleetStore();
    await store.load();
    expect(store.error?.message).toBe('database is locked');
    fail = false;
    await store.load();
    expect(store.error).toBeNull();
    expect(store.rows).toHaveLength(1);
  });

  it('filters by health, tier, tag and free text over name, host and tags', async () => {
    const { store } = setup([
      makeStatus(1, { name: 'fra-1', host: '10.0.0.1', tags: ['frankfurt'], health: 'ok' }),
      makeStatus(2, { name: 'fra-2', host: '10.0.0.2', tags: ['frankfurt', 'hetzner'], health: 'critical' }),
      makeStatus(3, { name: 'nyc-1', host: 'nyc.example.com', tags: ['hetzner'], health: 'warning' }),
    ]);
    await store.load();
    store.filter.text = 'fra';
    expect(names(store).sort()).toEqual(['fra-1', 'fra-2']);
    store.filter.text = 'EXAMPLE';
    expect(names(store)).toEqual(['nyc-1']);
    store.filter.text = 'hetzner fra';
    expect(names(store)).toEqual(['fra-2']);
    store.filter.text = '';
    store.toggleHealth('critical');
    store.toggleHealth('warning');
    expect(names(store).sort()).toEqual(['fra-2', 'nyc-1']);
    store.toggleHealth('warning');
    expect(names(store)).toEqual(['fra-2']);
    store.filter.health = [];
    store.filter.tag = 'frankfurt';
    store.filter.tier = store.get(2)!.status.tier;
    expect(names(store)).toEqual(['fra-2']);
    expect(store.tags).toEqual(['frankfurt', 'hetzner']);
  });

  it('sorts by any column in both directions, unknowns last, ties stable by name', async () => {
    const { store } = setup([
      makeStatus(1, { name: 'node-10', blocksBehind: 3 }),
      makeStatus(2, { name: 'node-9', blocksBehind: null }),
      makeStatus(3, { name: 'node-2', blocksBehind: 3 }),
      makeStatus(4, { name: 'node-1', blocksBehind: 0 }),
    ]);
    await store.load();
    store.setSort('name');
    expect(names(store)).toEqual(['node-1', 'node-2', 'node-9', 'node-10']);
    store.setSort('name');
    expect(store.sort).toEqual({ key: 'name', dir: 'desc' });
    expect(names(store)).toEqual(['node-10', 'node-9', 'node-2', 'node-1']);
    store.setSort('blockLag');
    expect(names(store)).toEqual(['node-1', 'node-2', 'node-10', 'node-9']);
    store.setSort('blockLag');
    expect(names(store)).toEqual(['node-2', 'node-10', 'node-1', 'node-9']);
  });

  it('selects single nodes, shift ranges and everything visible, and polls the selection', async () => {
    const { client, fleet, store } = setup(makeFleet(10));
    store.start();
    await flush();
    store.setSort('name');
    const ids = store.visible.map((row) => row.id);
    store.toggleSelected(ids[1]!);
    store.selectRange(ids[1]!, ids[4]!);
    expect([...store.selected].sort((a, b) => a - b)).toEqual(ids.slice(1, 5).sort((a, b) => a - b));
    store.toggleSelected(ids[2]!);
    expect(store.selected.has(ids[2]!)).toBe(false);
    const result = await store.pollNow([...store.selected]);
    expect(result.ok && result.value.queued).toBe(3);
    expect(client.callsTo('fleet:pollNow')).toEqual([{ nodeIds: [...store.selected] }]);
    expect(store.progress).toMatchObject({ running: true, total: 3 });
    store.filter.text = 'node-1';
    store.selectAllVisible(true);
    expect(store.selectedVisible).toBe(store.visible.length);
    client.emit('fleet:onStatus', fleet.diff([], [ids[1]!]));
    expect(store.selected.has(ids[1]!)).toBe(false);
    store.clearSelection();
    expect(store.selected.size).toBe(0);
    await store.pollNow();
    expect(client.callsTo('fleet:pollNow').at(-1)).toEqual({});
  });

  it('keeps the table sorted as diffs rename, add and remove nodes', async () => {
    const { client, fleet, store } = setup(makeFleet(5));
    store.start();
    await flush();
    store.setSort('name');
    expect(names(store)).toEqual(['node-1', 'node-2', 'node-3', 'node-4', 'node-5']);
    client.emit('fleet:onStatus', fleet.diff([makeStatus(2, { name: 'zz-2' })]));
    expect(names(store)).toEqual(['node-1', 'node-3', 'node-4', 'node-5', 'zz-2']);
    client.emit('fleet:onStatus', fleet.diff([makeStatus(6, { name: 'aa-6' })], [4]));
    expect(names(store)).toEqual(['aa-6', 'node-1', 'node-3', 'node-5', 'zz-2']);
  });

  it('re-sorts and re-filters by what a diff changed: a number read from the row, a text key derived again', async () => {
    const { client, fleet, store } = setup([
      makeStatus(1, { name: 'a', health: 'ok', blocksBehind: 0 }),
      makeStatus(2, { name: 'b', health: 'ok', blocksBehind: 5 }),
      makeStatus(3, { name: 'c', health: 'ok', blocksBehind: 9 }),
    ]);
    store.start();
    await flush();
    store.setSort('blockLag');
    store.setSort('blockLag');
    expect(names(store)).toEqual(['c', 'b', 'a']);
    client.emit('fleet:onStatus', fleet.diff([makeStatus(1, { name: 'a', health: 'critical', blocksBehind: 20 })]));
    expect(names(store)).toEqual(['a', 'c', 'b']);
    store.setSort('health');
    expect(names(store)[0]).toBe('a');
    const tier = store.get(3)!.status.tier;
    client.emit('fleet:onStatus', fleet.diff([makeStatus(3, { name: 'c', health: 'ok', blocksBehind: 9, fluxnode: { ...makeStatus(3).fluxnode!, tier: 'ZZ-TIER' } })]));
    store.filter.tier = 'ZZ-TIER';
    expect(names(store)).toEqual(['c']);
    store.filter.tier = tier;
    expect(names(store)).not.toContain('c');
  });

  it('handles 5,000 nodes: counts, filters, sorts and applies a diff', async () => {
    const { client, fleet, store } = setup(makeFleet(5000));
    store.start();
    await flush();
    expect(store.counts.total).toBe(5000);
    expect(store.counts.ok + store.counts.warning + store.counts.critical + store.counts.unreachable + store.counts.unknown).toBe(5000);
    store.setSort('name');
    expect(store.visible[0]!.status.name).toBe('node-1');
    expect(store.visible[4999]!.status.name).toBe('node-5000');
    store.setSort('rank');
    const ranks = store.visible.map((row) => row.status.rank!);
    expect(ranks.every((rank, index) => index === 0 || ranks[index - 1]! <= rank)).toBe(true);
    store.toggleHealth('critical');
    expect(store.visible).toHaveLength(store.counts.critical);
    client.emit('fleet:onStatus', fleet.diff([makeStatus(4999, { health: 'critical', lastPolledAt: 1_900_000_000_000 })]));
    expect(store.visible.some((row) => row.id === 4999)).toBe(true);
    expect(store.counts.total).toBe(5000);
  });
});
