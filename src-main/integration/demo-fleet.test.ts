import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import demoFleet from '../../resources/sim/demo-fleet.json';
import { SaveChannelInput } from '../../src-shared/contract/alerts.contract';
import type { AlertFired } from '../../src-shared/contract/alerts.contract';
import type { FleetDiff, NodeStatus } from '../../src-shared/contract';
import { DEMO_EXPECTED } from '../testkit/fleet/demo-expectations';
import { nextEvent, startFleetHarness, type FleetHarness } from '../testkit/fleet/fleet-harness';
import { startWebhookReceiver, type WebhookReceiver } from '../testkit/fleet/webhook-receiver';

/**
 * Acceptance: the 12-node demo fleet through the real composition root (import → poll → health →
 * history → alerts), then one healthy node expires on the simulated chain and the change reaches
 * the status table, the node's events, `fleet:onStatus` and a webhook channel.
 */

let h: FleetHarness;
let hook: WebhookReceiver;

const webhookBody = z.object({
  title: z.string(),
  text: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  kind: z.enum(['single', 'digest', 'test']),
  nodes: z.array(z.object({ id: z.number(), name: z.string(), code: z.string(), severity: z.string() })),
  at: z.string(),
});

const codes = (status: NodeStatus): string[] => status.problems.map((p) => p.code).sort();

beforeAll(async () => {
  hook = await startWebhookReceiver();
  h = await startFleetHarness(demoFleet);
  await h.services.alerts.service.saveChannel(SaveChannelInput.parse({ kind: 'webhook', name: 'local hook', url: hook.url }));
}, 60_000);

afterAll(async () => {
  await h?.close();
  await hook?.close();
}, 30_000);

describe('the demo fleet through the wired pipeline', () => {
  it('one poll cycle: every troubled node shows its problems, the healthy ones are ok', async () => {
    const progress = await h.pollCycle();
    expect(progress).toMatchObject({ running: false, done: 12, total: 12, failed: 0 });
    const seen = Object.fromEntries([...h.statuses()].map(([name, s]) => [name, { health: s.health, codes: codes(s) }]));
    expect(seen).toEqual(DEMO_EXPECTED);
    // Written to the history, so `fluxdeck status` (a fresh process) reads the same.
    const stored = new Map(h.services.monitor.history.latestAll().map((s) => [s.name, s]));
    expect(stored.size).toBe(12);
    for (const [name, status] of h.statuses()) expect(stored.get(name)?.health, name).toBe(status.health);
    // The first poll announces what was already critical, once each; warnings stay on the dashboard,
    // except the reward-risk codes the default alert rules send whatever their severity.
    await h.services.alerts.engine.flush();
    const first = hook.bodies.map((body) => webhookBody.parse(body));
    const alerted = first.flatMap((b) => b.nodes.map((n) => `${n.name}:${n.code}`)).sort();
    expect(alerted).toEqual([
      'cumulus-bench-failed:BENCHMARK_FAILED',
      'cumulus-near-deadline:CONFIRMATION_OVERDUE',
      'nimbus-dos:NODE_DOS',
      'old-cumulus-expired:NODE_EXPIRED',
      'stratus-lowdisk-mongod-down:SERVICE_DOWN',
      'upnp-outdated-hostile:FLUXOS_OUTDATED',
    ]);
    // Hostile names reach the receiver as plain text.
    expect(JSON.stringify(first)).not.toMatch(/\\u001b|\\u0007/);
  }, 60_000);

  it('a healthy node that expires on the chain: status, events, fleet:onStatus and a webhook alert', async () => {
    const name = 'home-cumulus-1';
    const id = h.idOf(name);
    expect(h.statusOf(name).health).toBe('ok');
    hook.clear();
    const fired: AlertFired[] = [];
    const unsubscribe = h.services.events.subscribe('alerts:onFired', (payload) => fired.push(payload));
    const changed = nextEvent<FleetDiff>(
      (listener) => h.services.events.subscribe('fleet:onStatus', listener),
      (diff) => diff.changed.some((s) => s.nodeId === id && s.nodeStatus === 'EXPIRED'),
      20_000,
      'fleet:onStatus with the expired node',
    );

    h.sim.handle.setState(name, { fluxnodeStatus: { status: 'expired' } });
    await h.pollCycle();

    const status = h.statusOf(name);
    expect(status.fluxnode?.status).toBe('EXPIRED');
    expect(status.health).toBe('critical');
    expect(codes(status)).toEqual(['NODE_EXPIRED']);
    // Its neighbours are untouched.
    expect(h.statusOf('vps-nimbus-1').health).toBe('ok');

    const diff = await changed;
    expect(diff.changed.find((s) => s.nodeId === id)?.health).toBe('critical');

    const events = h.services.monitor.events(id, 50);
    expect(events.find((e) => e.kind === 'fluxnode-status')).toMatchObject({ severity: 'critical', message: expect.stringContaining('EXPIRED') as string });
    expect(events.find((e) => e.kind === 'health')).toMatchObject({ severity: 'critical', message: expect.stringContaining('ok → critical') as string });

    await h.services.alerts.engine.flush();
    unsubscribe();
    const bodies = hook.bodies.map((body) => webhookBody.parse(body));
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ kind: 'single', severity: 'critical', nodes: [{ id, name, code: 'NODE_EXPIRED', severity: 'critical' }] });
    expect(bodies[0]!.title).toContain(name);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.title).toContain(name);
    const log = h.services.alerts.service.log(10);
    expect(log[0]).toMatchObject({ nodeId: id, code: 'NODE_EXPIRED' });
    expect(log[0]!.results).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'webhook', ok: true, status: 204 })]) as unknown);
  }, 60_000);
});
