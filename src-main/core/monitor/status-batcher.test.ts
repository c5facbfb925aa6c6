import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toFleetRow } from '../../../src-shared/fleet-row';
import { StatusBatcher, type StatusDiff } from './status-batcher';
import { fakeStatus, makeNodes } from '../../testkit/poller';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('StatusBatcher', () => {
  it('coalesces many changes into one event per window, latest status per node wins', () => {
    const diffs: StatusDiff[] = [];
    const batcher = new StatusBatcher((d) => diffs.push(d), { windowMs: 250 });
    const nodes = makeNodes(100);
    for (const node of nodes) batcher.push(fakeStatus(node, 'ok'));
    vi.advanceTimersByTime(100);
    batcher.push(fakeStatus(nodes[0]!, 'critical'));
    expect(diffs).toHaveLength(0);
    vi.advanceTimersByTime(150);
    expect(diffs).toHaveLength(1);
    expect(diffs[0]!.changed).toHaveLength(100);
    expect(diffs[0]!.changed.find((s) => s.nodeId === 1)!.health).toBe('critical');
  });

  it('ignores a status whose only difference is lastPolledAt/lastOkAt (and key order)', () => {
    const diffs: StatusDiff[] = [];
    const batcher = new StatusBatcher((d) => diffs.push(d));
    const node = makeNodes(1)[0]!;
    const status = { ...fakeStatus(node), lastPolledAt: 1 };
    batcher.seed([status]);
    const reordered = Object.fromEntries(Object.entries({ ...status, lastPolledAt: 2, lastOkAt: 2 }).reverse()) as typeof status;
    expect(batcher.push(reordered)).toBe(false);
    expect(batcher.push({ ...status, lastPolledAt: 3, health: 'warning' })).toBe(true);
    expect(batcher.push({ ...status, lastPolledAt: 4 })).toBe(false); // back to what the renderer has
    vi.advanceTimersByTime(1000);
    expect(diffs).toEqual([]);
  });

  it('reports removed nodes and drops their pending changes', () => {
    const diffs: StatusDiff[] = [];
    const batcher = new StatusBatcher((d) => diffs.push(d));
    const [a, b] = makeNodes(2);
    batcher.push(fakeStatus(a!));
    batcher.push(fakeStatus(b!));
    batcher.remove([a!.id]);
    vi.advanceTimersByTime(250);
    expect(diffs).toEqual([{ stream: batcher.stream, seq: 1, changed: [toFleetRow(fakeStatus(b!))], removed: [a!.id] }]);
  });

  it('sends only the table fields that changed, in numbered diffs', () => {
    const diffs: StatusDiff[] = [];
    const batcher = new StatusBatcher((d) => diffs.push(d));
    const [a, b] = makeNodes(2);
    const before = fakeStatus(a!, 'ok', { lastPolledAt: 1, lastOkAt: 1 });
    batcher.seed([before, fakeStatus(b!)]);
    const problem = { code: 'DISK_LOW', severity: 'warning' as const, message: 'Disk 9 % free', explanation: 'Long text the table never shows.' };
    batcher.push({ ...before, health: 'warning', problems: [problem], lastPolledAt: 2, lastOkAt: 2 });
    batcher.flush();
    batcher.push({ ...before, health: 'warning', problems: [problem], system: { diskTotalBytes: 1, diskFreeBytes: 0, memTotalBytes: null, memAvailableBytes: null, load1: null, cores: null, arch: null }, lastPolledAt: 3, lastOkAt: 3 });
    batcher.flush();
    expect(diffs).toEqual([
      { stream: batcher.stream, seq: 1, removed: [], changed: [{ nodeId: a!.id, health: 'warning', problem: { code: 'DISK_LOW', severity: 'warning', message: 'Disk 9 % free' }, problemCount: 1, lastPolledAt: 2, lastOkAt: 2 }] },
      // Only a field the node page shows changed: the node is named, with its poll stamps.
      { stream: batcher.stream, seq: 2, removed: [], changed: [{ nodeId: a!.id, lastPolledAt: 3, lastOkAt: 3 }] },
    ]);
    expect(batcher.position()).toEqual({ stream: batcher.stream, seq: 2 });
  });
});
