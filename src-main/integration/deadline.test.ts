import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ROUTE_CACHE, startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';
import { problemCodes } from '../testkit/fleet/problem-codes';

/**
 * The poll deadline through the wired pipeline: a node whose SSH output trickles in for longer than
 * the poller's deadline is recorded as timed out without holding up the rest of the fleet, is never
 * polled twice at once, and reads normally again once its slow poll has ended and the fault is gone.
 */

let h: FleetHarness;
const codes = problemCodes;

beforeAll(async () => {
  h = await startFleetHarness(
    {
      nodes: [
        { name: 'healthy', preset: 'healthy-cumulus-legacy' },
        // 20 chunks, 200 ms apart: about 4 s for one SSH exec.
        { name: 'trickle', preset: 'healthy-cumulus-legacy', faults: { sshSlowOutput: 200 } },
      ],
      network: { height: 2_100_000 },
    },
    {
      poller: { intervalMs: 24 * 3_600_000, deadlineMs: 1_500 },
      probe: { prober: { apiTimeoutMs: 1_000, sshTimeoutMs: 8_000, routeTtls: NO_ROUTE_CACHE }, sshTarget: { readyTimeoutMs: 1_000 } },
    },
  );
}, 60_000);

afterAll(async () => {
  await h?.close();
}, 30_000);

describe('poll deadline', () => {
  it('a poll past its deadline is a timeout for that node only; the next one waits for it', async () => {
    const progress = await h.pollCycle(undefined, 15_000);
    expect(progress).toMatchObject({ done: 2, total: 2, failed: 1 });
    expect(h.statusOf('healthy').health).toBe('ok');
    const timedOut = h.statusOf('trickle');
    expect(timedOut.health).toBe('unreachable');
    expect(codes(timedOut)).toEqual(['POLL_TIMEOUT']);

    // The slow exec is still running: a new poll does not start a second one beside it.
    await h.pollCycle(['trickle'], 5_000);
    expect(codes(h.statusOf('trickle'))).toEqual(['POLL_STUCK']);

    await h.sim.handle.clearFaults('trickle');
    // Once the trickling exec has ended (~4 s), the node polls normally again.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && h.statusOf('trickle').health !== 'ok') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await h.pollCycle(['trickle'], 5_000);
    }
    expect(h.statusOf('trickle')).toMatchObject({ health: 'ok', problems: [] });
    const events = h.services.monitor.events(h.idOf('trickle'), 50).map((e) => e.kind);
    expect(events).toEqual(expect.arrayContaining(['health', 'problem', 'problem-cleared']));
  }, 45_000);
});
