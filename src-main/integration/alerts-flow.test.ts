import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SaveChannelInput, SilenceInput } from '../../src-shared/contract/alerts.contract';
import { startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';
import { startWebhookReceiver, type WebhookReceiver } from '../testkit/fleet/webhook-receiver';

/**
 * Alerts through the wired pipeline: a node that stops answering is alerted once after three polls
 * in a row, its recovery once, and a silenced tag's trouble is logged but not sent.
 */

const body = z.object({
  kind: z.string(),
  severity: z.string(),
  title: z.string(),
  nodes: z.array(z.object({ id: z.number(), name: z.string(), code: z.string() })),
});

let h: FleetHarness;
let hook: WebhookReceiver;

beforeAll(async () => {
  hook = await startWebhookReceiver();
  h = await startFleetHarness({
    network: { height: 2_100_000 },
    nodes: [
      { name: 'steady', preset: 'healthy-cumulus-legacy' },
      { name: 'flaky', preset: 'healthy-nimbus-arcane' },
      { name: 'lab-node', preset: 'healthy-stratus-legacy', tags: ['lab'] },
    ],
  });
  await h.services.alerts.service.saveChannel(SaveChannelInput.parse({ kind: 'webhook', name: 'ops hook', url: hook.url }));
  await h.pollCycle();
}, 60_000);

afterAll(async () => {
  await h?.close();
  await hook?.close();
}, 30_000);

beforeEach(() => hook.clear());

/** One poll of every node, then whatever the engine grouped is sent; returns what the receiver got. */
async function pollAndDeliver() {
  await h.pollCycle();
  await h.services.alerts.engine.flush();
  return hook.bodies.map((b) => body.parse(b));
}

describe('alerts through the wired pipeline', () => {
  it('a healthy fleet sends nothing', async () => {
    expect(await pollAndDeliver()).toEqual([]);
    for (const [name, status] of h.statuses()) expect(status.health, name).toBe('ok');
  });

  it('an unreachable node is alerted once, after three polls in a row, then its recovery once', async () => {
    const id = h.idOf('flaky');
    await h.sim.handle.setFaults('flaky', { apiDown: true });
    expect(await pollAndDeliver()).toEqual([]);
    expect(await pollAndDeliver()).toEqual([]);
    const third = await pollAndDeliver();
    expect(third).toHaveLength(1);
    expect(third[0]).toMatchObject({ kind: 'single', severity: 'critical', nodes: [{ id, name: 'flaky', code: 'NODE_UNREACHABLE' }] });
    expect(third[0]!.title).toBe('flaky is unreachable');
    hook.clear();
    expect(await pollAndDeliver()).toEqual([]); // still down: no repeat
    expect(h.statusOf('steady').health).toBe('ok');

    await h.sim.handle.clearFaults('flaky');
    const back = await pollAndDeliver();
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ severity: 'info', nodes: [{ id, name: 'flaky', code: 'NODE_RECOVERED' }] });
    expect(h.statusOf('flaky').health).toBe('ok');
  }, 60_000);

  it('a silenced tag: the alert is logged as silenced and not sent', async () => {
    const id = h.idOf('lab-node');
    h.services.alerts.service.silence(SilenceInput.parse({ scope: 'tag', target: 'lab', minutes: 30, reason: 'maintenance' }));
    h.sim.handle.setState('lab-node', { fluxnodeStatus: { status: 'DOS' } });
    expect(await pollAndDeliver()).toEqual([]);
    expect(h.statusOf('lab-node')).toMatchObject({ health: 'critical', fluxnode: { status: 'DOS' } });
    const logged = h.services.alerts.service.log(20).find((entry) => entry.nodeId === id);
    expect(logged).toMatchObject({ code: 'NODE_DOS', silenced: true, results: [] });
  }, 60_000);
});
