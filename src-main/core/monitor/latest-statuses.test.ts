import { describe, expect, it } from 'vitest';
import { fakeStatus, makeNodes } from '../../testkit/poller';
import { LatestStatuses } from './latest-statuses';

const [a, b] = makeNodes(2) as [ReturnType<typeof makeNodes>[number], ReturnType<typeof makeNodes>[number]];
const at = (node: typeof a, blocks: number | null) => fakeStatus(node, 'ok', { daemon: blocks === null ? null : { blocks, version: null, connections: null } });

describe('LatestStatuses', () => {
  it('keeps the fleet max height as nodes move up, fall back, go silent or leave', () => {
    const latest = LatestStatuses.of([at(a, 100), at(b, 90)]);
    expect(latest.maxDaemonHeight()).toBe(100);
    latest.set(at(b, 120));
    expect(latest.maxDaemonHeight()).toBe(120);
    latest.set(at(b, null)); // the leader went unreachable: the next best counts
    expect(latest.maxDaemonHeight()).toBe(100);
    latest.set(at(a, -5)); // nonsense from a node is no height
    expect(latest.maxDaemonHeight()).toBeNull();
    latest.set(at(a, 130));
    latest.delete([a.id]);
    expect(latest.maxDaemonHeight()).toBeNull();
    expect(latest.size).toBe(1);
  });
});
