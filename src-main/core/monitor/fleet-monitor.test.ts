import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PollProgress } from '../../../src-shared/contract';
import { EventHub } from '../contract-server/event-hub';
import path from 'node:path';
import { addNodes } from '../../testkit/history';
import { openDatabase } from '../store/database';
import { NodesRepo } from '../nodes/nodes.repo';
import { makeTempDir } from '../../testkit/temp-dir';
import { FleetMonitor } from './fleet-monitor';
import type { StatusDiff } from './status-batcher';
import { fakeStatus } from '../../testkit/poller';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2025, 0, 1) }));
afterEach(() => vi.useRealTimers());

describe('FleetMonitor', () => {
  it('polls, stores history, pushes batched diffs and progress, and survives a restart', async () => {
    // The whole schema: the node list joins owners (migration 007).
    const db = openDatabase(path.join(temp.dir, 'fleet.db'));
    addNodes(db, 50);
    const nodes = new NodesRepo(db);
    const hub = new EventHub();
    const diffs: StatusDiff[] = [];
    const progress: PollProgress[] = [];
    hub.subscribe('fleet:onStatus', (d) => diffs.push(d));
    hub.subscribe('fleet:onPollProgress', (p) => progress.push(p));
    let bad = 0;
    const monitor = new FleetMonitor({
      db, events: hub, listNodes: () => nodes.list(), maintenance: false,
      pollNode: async (node) => fakeStatus(node, node.id <= bad ? 'critical' : 'ok'),
    });
    expect(monitor.status().every((s) => s.health === 'unknown')).toBe(true);
    monitor.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(monitor.status().every((s) => s.health === 'ok')).toBe(true);
    expect(monitor.statusOf(nodes.list()[0]!.id)).toMatchObject({ health: 'ok', name: nodes.list()[0]!.name });
    expect(monitor.statusOf(999_999)).toBeNull();
    expect(monitor.table()).toMatchObject({ stream: monitor.batcher.stream, seq: 1 });
    expect(monitor.table().rows.find((row) => row.nodeId === 1)).toMatchObject({ name: nodes.list()[0]!.name, health: 'ok', problem: null });
    expect(diffs).toHaveLength(1); // 50 first results in one window
    expect(diffs[0]!.changed).toHaveLength(50);
    expect((db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n).toBe(50);

    bad = 3;
    expect(monitor.pollNow().queued).toBe(50);
    await vi.advanceTimersByTimeAsync(2000);
    expect(diffs.at(-1)!.changed.map((s) => s.nodeId)).toEqual([1, 2, 3]); // only what changed
    expect(progress.at(-1)).toEqual({ running: false, done: 50, total: 50, failed: 0 });
    // A snapshot taken while a change is queued comes after the diff that carries it.
    monitor.latest.set(fakeStatus(nodes.list().find((node) => node.id === 5)!, 'warning'));
    monitor.batcher.push(monitor.latest.get(5)!);
    const snapshot = monitor.table();
    expect(diffs.at(-1)).toMatchObject({ seq: snapshot.seq, changed: [{ nodeId: 5, health: 'warning' }] });
    expect(snapshot.rows.find((row) => row.nodeId === 5)!.health).toBe('warning');
    expect(monitor.events(1, 10).map((e) => e.kind)).toEqual(['health']);
    expect(monitor.series(1, 'health', Date.now() - 60_000, Date.now()).max).toEqual([0, 3]);

    const [removed] = nodes.list();
    db.prepare('DELETE FROM nodes WHERE id = ?').run(removed!.id);
    monitor.refresh();
    await vi.advanceTimersByTimeAsync(300);
    expect(diffs.at(-1)!.removed).toEqual([removed!.id]);
    const shownLast = monitor.statusOf(10)!.lastPolledAt;
    monitor.stop();

    // Restart: the stored baselines mean the same state logs nothing new.
    const again = new FleetMonitor({ db, events: hub, listNodes: () => nodes.list(), maintenance: false, pollNode: async (node) => fakeStatus(node, node.id <= bad ? 'critical' : 'ok') });
    expect(again.status().filter((s) => s.health === 'critical')).toHaveLength(2);
    // Its second, unchanged poll was not due for a refresh; stopping stored it all the same.
    expect(again.status().find((s) => s.nodeId === 10)!.lastPolledAt).toBe(shownLast);
    again.start();
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    again.stop();
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(2);
    db.close();
  });

  it('shows a node renamed, moved or retagged since its last poll under its new identity at once', async () => {
    const db = openDatabase(path.join(temp.dir, 'renamed.db'));
    addNodes(db, 2);
    const nodes = new NodesRepo(db);
    const monitor = new FleetMonitor({
      db, events: new EventHub(), listNodes: () => nodes.list(), listIdentities: () => nodes.identities(), maintenance: false,
      pollNode: async (node) => fakeStatus(node, 'ok'),
    });
    monitor.start();
    await vi.advanceTimersByTimeAsync(2000);
    const [renamed, kept] = nodes.list();
    nodes.update(renamed!.id, { name: 'renamed', host: '192.0.2.7', tags: ['rack-2'] });
    const identity = { name: 'renamed', host: '192.0.2.7', tags: ['rack-2'], health: 'ok' };
    expect(monitor.statusOf(renamed!.id)).toMatchObject(identity);
    expect(monitor.status().find((s) => s.nodeId === renamed!.id)).toMatchObject(identity);
    expect(monitor.table().rows.find((row) => row.nodeId === renamed!.id)).toMatchObject(identity);
    expect(monitor.table().rows.find((row) => row.nodeId === kept!.id)).toMatchObject({ name: kept!.name, host: kept!.host, health: 'ok' });
    monitor.stop();
    db.close();
  });
});
