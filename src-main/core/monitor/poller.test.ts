import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeRecord, NodeStatus, PollProgress } from '../../../src-shared/contract';
import { Poller, type PollerOptions } from './poller';
import { LatestStatuses } from './latest-statuses';
import { fakeStatus, makeNodes } from '../../testkit/poller';

const MIN = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(nodes: NodeRecord[], pollNode: PollerOptions['pollNode'], extra: Partial<PollerOptions> = {}) {
  const results: NodeStatus[] = [];
  const progress: PollProgress[] = [];
  let list = nodes;
  const poller = new Poller({
    pollNode,
    listNodes: () => list,
    onResult: (s) => results.push(s),
    onProgress: (p) => progress.push(p),
    jitter: 0,
    random: () => 0.5,
    ...extra,
  });
  return { poller, results, progress, setList: (next: NodeRecord[]) => (list = next) };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason as Error);
    });
  });

describe('Poller schedule', () => {
  it('polls every node on its interval and never overlaps polls of one node', async () => {
    const running = new Map<number, number>();
    let overlaps = 0;
    const { poller, results } = setup(makeNodes(3), async (node, signal) => {
      running.set(node.id, (running.get(node.id) ?? 0) + 1);
      if (running.get(node.id)! > 1) overlaps++;
      await sleep(node.id === 1 ? 50_000 : 1000, signal); // node 1 is slower than the interval's gaps
      running.set(node.id, running.get(node.id)! - 1);
      return fakeStatus(node);
    }, { deadlineMs: 120_000 });
    poller.start();
    for (let i = 0; i < 20; i++) {
      poller.pollNow([1]); // hammering "poll now" must not start a second poll of a busy node
      await vi.advanceTimersByTimeAsync(30_000);
    }
    poller.stop();
    expect(overlaps).toBe(0);
    const polls = (id: number) => results.filter((s) => s.nodeId === id).length;
    expect(polls(2)).toBeGreaterThanOrEqual(9);
    expect(polls(1)).toBeGreaterThanOrEqual(6);
  });

  it('respects the global concurrency limit and still polls everyone', async () => {
    let active = 0;
    let peak = 0;
    const { poller, results } = setup(makeNodes(100), async () => {
      active++;
      peak = Math.max(peak, active);
      await sleep(1000);
      active--;
      return fakeStatus(makeNodes(1)[0]!);
    }, { concurrency: 5 });
    poller.start();
    await vi.advanceTimersByTimeAsync(25_000);
    expect(peak).toBe(5);
    expect(new Set(results.map((s) => s.nodeId)).size).toBe(100);
    poller.stop();
  });

  it('backs off an unreachable node up to 10 minutes and recovers on success', async () => {
    const calls: number[] = [];
    let reachable = false;
    const { poller } = setup(makeNodes(1), async (node) => {
      calls.push(Date.now());
      return fakeStatus(node, reachable ? 'ok' : 'unreachable');
    });
    poller.start();
    await vi.advanceTimersByTimeAsync(60 * MIN);
    const gaps = calls.slice(1).map((t, i) => (t - calls[i]!) / MIN);
    expect(gaps.slice(0, 6)).toEqual([2, 4, 8, 10, 10, 10]);
    reachable = true;
    await vi.advanceTimersByTimeAsync(10 * MIN + 1);
    const afterRecovery = calls.length;
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(calls.length - afterRecovery).toBe(5);
    poller.stop();
  });

  it('aborts a hung poll at its deadline, records POLL_TIMEOUT, and the others keep their schedule', async () => {
    let hungCalls = 0;
    const { poller, results } = setup(makeNodes(3), async (node, signal) => {
      if (node.id === 1) {
        hungCalls++;
        return new Promise<NodeStatus>(() => undefined); // ignores the signal: never settles
      }
      if (node.id === 2) {
        await sleep(10 * MIN, signal); // honours the signal: rejects at the deadline
        return fakeStatus(node);
      }
      await sleep(100);
      return fakeStatus(node);
    }, { deadlineMs: 45_000, concurrency: 2 });
    poller.start();
    await vi.advanceTimersByTimeAsync(45_000);
    const timeouts = results.filter((s) => s.problems.some((p) => p.code === 'POLL_TIMEOUT'));
    expect(timeouts.map((s) => [s.nodeId, s.health])).toEqual([[1, 'unreachable'], [2, 'unreachable']]);
    await vi.advanceTimersByTimeAsync(10 * MIN);
    // Node 3 waited for a free slot only until the deadline, then polled every minute.
    expect(results.filter((s) => s.nodeId === 3).length).toBeGreaterThanOrEqual(9);
    // The hung prober call was never overlapped by a second one.
    expect(hungCalls).toBe(1);
    expect(results.filter((s) => s.nodeId === 1).at(-1)!.problems[0]!.code).toBe('POLL_STUCK');
    // The signal-honouring node was polled again (and timed out again) after backing off.
    expect(results.filter((s) => s.nodeId === 2).length).toBeGreaterThanOrEqual(3);
    poller.stop();
  });

  it('turns a throwing prober into an unreachable status with a clean message', async () => {
    const { poller, results } = setup(makeNodes(1), async () => {
      throw new Error('\u001b[31mECONNREFUSED\u0007 10.0.0.1:16127');
    });
    poller.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(results[0]).toMatchObject({ health: 'unreachable', problems: [{ code: 'POLL_FAILED', message: 'Poll failed: ECONNREFUSED  10.0.0.1:16127' }] });
    poller.stop();
  });

  it('keeps lastOkAt across an outage and from the statuses it was seeded with', async () => {
    let up = true;
    const node = makeNodes(1)[0]!;
    const { poller, results } = setup([node], async (n) => fakeStatus(n, up ? 'ok' : 'unreachable'), {
      latest: LatestStatuses.of([{ ...fakeStatus(node), lastPolledAt: 1_000_000 - 30_000, lastOkAt: 123 }]),
    });
    poller.start();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(results).toHaveLength(0); // polled 30 s before the restart: not due yet
    await vi.advanceTimersByTimeAsync(2_000);
    const okAt = results[0]!.lastOkAt!;
    expect(okAt).toBeGreaterThan(1_000_000);
    up = false;
    await vi.advanceTimersByTimeAsync(MIN);
    expect(results.at(-1)).toMatchObject({ health: 'unreachable', lastOkAt: okAt });
    poller.stop();
  });
});

describe('Poll now', () => {
  it('de-duplicates queued and running nodes and reports done/total, throttled, final always sent', async () => {
    const { poller, progress } = setup(makeNodes(10), async (node) => {
      await sleep(1000);
      return fakeStatus(node, node.id === 3 ? 'unreachable' : 'ok');
    }, { concurrency: 2 });
    poller.start();
    await vi.advanceTimersByTimeAsync(5 * 1000 + 10); // first sweep done
    expect(poller.pollNow().queued).toBe(10);
    expect(poller.pollNow().queued).toBe(0);
    expect(poller.pollNow([1, 1, 2, 999]).queued).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(progress[0]).toEqual({ running: true, done: 0, total: 10, failed: 0 });
    expect(progress.at(-1)).toEqual({ running: false, done: 10, total: 10, failed: 1 });
    // ≤ 4 per second plus the final one: 5 s of polling gives at most ~21 reports, not one per node.
    expect(progress.length).toBeLessThanOrEqual(22);
    const dones = progress.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    poller.stop();
  });

  it('polls a selection ahead of scheduled polls', async () => {
    const order: number[] = [];
    const { poller } = setup(makeNodes(20), async (node) => {
      order.push(node.id);
      await sleep(1000);
      return fakeStatus(node);
    }, { concurrency: 1 });
    poller.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(poller.pollNow([15, 20]).queued).toBe(0); // already waiting (scheduled) → promoted, not duplicated
    await vi.advanceTimersByTimeAsync(3000);
    expect(order.slice(0, 3)).toEqual([1, 15, 20]);
    poller.stop();
  });
});

describe('Poller refresh and stop', () => {
  it('starts polling added nodes, forgets removed ones, and stop cancels everything', async () => {
    const nodes = makeNodes(3);
    const removed: number[][] = [];
    const aborted: number[] = [];
    const { poller, results, setList } = setup(nodes, async (node, signal) => {
      signal.addEventListener('abort', () => aborted.push(node.id));
      await sleep(1000, signal);
      return fakeStatus(node);
    }, { onRemoved: (ids) => removed.push(ids) });
    poller.start();
    await vi.advanceTimersByTimeAsync(2000);
    setList([nodes[0]!, ...makeNodes(1, 7)]);
    poller.refresh();
    expect(removed).toEqual([[2, 3]]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(results.some((s) => s.nodeId === 7)).toBe(true);
    await vi.advanceTimersByTimeAsync(59_500); // node 7's second poll is in flight
    poller.stop();
    const before = results.length;
    expect(aborted.length).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(results.length).toBe(before);
    expect(results.filter((s) => s.nodeId === 2 || s.nodeId === 3).length).toBe(2); // only the first sweep
  });
});
