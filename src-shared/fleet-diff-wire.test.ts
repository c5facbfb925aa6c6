import { describe, expect, it } from 'vitest';
import type { FleetDiff, FleetRowChange } from './contract/fleet.contract';
import { fromSocketPayload, toSocketPayload } from './contract/server-message';
import { decodeFleetDiff, encodeFleetDiff } from './fleet-diff-wire';

const disk = { code: 'DISK_LOW', severity: 'warning' as const, message: 'Disk 9 % free on /' };

/** A fleet-wide tick: every node's health, problem and poll stamp, half of them with the same problem. */
function tick(count: number): FleetDiff {
  const changed: FleetRowChange[] = Array.from({ length: count }, (_, i) => ({
    nodeId: i + 1,
    health: i % 2 ? 'ok' : 'warning',
    problem: i % 2 ? null : { ...disk },
    problemCount: i % 2 ? 0 : 1,
    lastPolledAt: 1_764_670_000_000,
  }));
  changed.push({ nodeId: 9_001, tags: ['eu', 'gpu'] }, { nodeId: 9_002 }, { nodeId: 9_003, name: 'renamed', tags: [] });
  return { stream: 'run-1', seq: 7, changed, removed: [42] };
}

const byNode = (diff: FleetDiff) => ({ ...diff, changed: [...diff.changed].sort((a, b) => a.nodeId - b.nodeId) });
const overTheSocket = (diff: FleetDiff): unknown => JSON.parse(JSON.stringify(toSocketPayload('fleet:onStatus', diff)));

describe('fleet diff on the socket (the compact fleet:onStatus)', () => {
  it('gives back the same changes, each with only the fields it carried, at the same stream position', () => {
    const diff = tick(10);
    const decoded = fromSocketPayload('fleet:onStatus', overTheSocket(diff)) as FleetDiff;
    expect(byNode(decoded)).toEqual(byNode(diff));
    expect(decoded.changed.find((change) => change.nodeId === 9_002)).toEqual({ nodeId: 9_002 });
  });

  it('sends each distinct problem or tag list once, and is a fraction of the row form', () => {
    const diff = tick(5_000);
    const wire = encodeFleetDiff(diff);
    expect(wire.shared).toEqual([disk, ['eu', 'gpu'], []]);
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(diff).length / 3);
    expect(JSON.stringify(wire)).toMatch(/^\{"stream":"run-1","seq":7,/);
  });

  it('leaves the other events as they are', () => {
    const payload = { reason: 'added', nodeIds: [1] };
    expect(toSocketPayload('fleet:onChanged', payload)).toBe(payload);
    expect(fromSocketPayload('fleet:onChanged', payload)).toBe(payload);
  });

  it('throws on a malformed payload instead of passing on what it cannot read', () => {
    const good = overTheSocket(tick(2)) as { groups: { fields: string[]; nodeIds: number[]; columns: unknown[][] }[] };
    const broken = (change: (wire: typeof good) => void): unknown => {
      const wire = structuredClone(good);
      change(wire);
      return wire;
    };
    expect(() => decodeFleetDiff(null)).toThrow();
    expect(() => decodeFleetDiff({ stream: 'run-1', seq: 1, changed: [], removed: [] })).toThrow();
    expect(() => decodeFleetDiff(broken((w) => (w.groups[0]!.fields[0] = '__proto__')))).toThrow();
    expect(() => decodeFleetDiff(broken((w) => w.groups[0]!.columns[0]!.pop()))).toThrow();
    expect(() => decodeFleetDiff(broken((w) => w.groups[0]!.columns.pop()))).toThrow();
    const problem = good.groups[0]!.fields.indexOf('problem');
    expect(() => decodeFleetDiff(broken((w) => (w.groups[0]!.columns[problem]![0] = 99)))).toThrow();
    expect(() => decodeFleetDiff(broken((w) => (w.groups[0]!.columns[problem]![0] = 'x')))).toThrow();
  });
});
