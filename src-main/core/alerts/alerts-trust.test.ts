import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertRules, SaveChannelInput } from '../../../src-shared/contract/alerts.contract';
import type { NodeStatus, Problem } from '../../../src-shared/contract/fleet.contract';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { createAlerts } from './alerts.module';
import { sendSlack } from './channel-senders';
import { nodeStatus, openAlertsDb, Receiver } from '../../testkit/alerts-harness';
import { SmtpTestServer } from '../../testkit/smtp-test-server';

const MIN = 60_000;
const warning = (code: string): Problem => ({ code, severity: 'warning', message: `${code} needs a look` });
const critical = (code: string): Problem => ({ code, severity: 'critical', message: `${code} happened` });

describe('alerts that can be trusted', () => {
  const receiver = new Receiver();
  let base: string;
  let harness: ReturnType<typeof openAlertsDb>;
  let alerts: ReturnType<typeof createAlerts>;
  let clock: number;
  let settings: Map<string, unknown>;
  const last = new Map<number, NodeStatus>();

  beforeAll(async () => {
    base = await receiver.start();
  });
  afterAll(() => receiver.stop());

  beforeEach(() => {
    receiver.requests.length = 0;
    harness = openAlertsDb();
    for (let id = 1; id <= 5; id++) harness.addNode(id);
    clock = 1_700_000_000_000;
    settings = new Map();
    last.clear();
    alerts = createAlerts({
      db: harness.db,
      secrets: new MemorySecretStore(),
      settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) },
      engine: { autoFlush: false, log: () => undefined },
      delivery: { log: () => undefined },
      clock: () => clock,
    });
    // Only the channels a test adds: the seeded desktop channel would answer "not available" here.
    alerts.repo.removeChannel(1);
  });
  afterEach(async () => {
    await alerts.close();
    harness.cleanup();
  });

  async function hook(name: string) {
    return alerts.service.saveChannel(SaveChannelInput.parse({ kind: 'webhook', name, url: `${base}/${name}` }));
  }

  function poll(nodeId: number, overrides: Partial<NodeStatus>, stepMs = 30_000): void {
    const next = nodeStatus({ nodeId, ...overrides });
    alerts.engine.observe(last.get(nodeId), next, clock);
    last.set(nodeId, next);
    clock += stepMs;
  }

  const sentTo = (name: string) => receiver.requests.filter((request) => request.url === `/${name}`).map((request) => (request.json as { title: string }).title);

  it('alerts on a node that has never answered since it was added, although the poller backs off from it', async () => {
    await hook('ops');
    // A new node that never answers: the poller waits 1, 2, 4 minutes between tries.
    poll(1, { health: 'unreachable', lastOkAt: null }, 1 * MIN);
    poll(1, { health: 'unreachable', lastOkAt: null }, 2 * MIN);
    await alerts.engine.flush(clock);
    expect(sentTo('ops')).toEqual([]);
    poll(1, { health: 'unreachable', lastOkAt: null }, 4 * MIN);
    await alerts.engine.flush(clock);
    expect(sentTo('ops')).toEqual(['node-1 has never answered']);
    expect(alerts.service.log(10, { nodeId: 1 })[0]).toMatchObject({ code: 'NODE_UNREACHABLE', severity: 'critical' });
  });

  it('repeats an alert nobody acknowledged, and an acknowledgement stops repeats until the state changes', async () => {
    await hook('ops');
    alerts.policy.save(AlertRules.parse({ repeatHours: 1 }));
    poll(2, { health: 'critical', problems: [critical('DOS')] }, 61 * MIN);
    poll(2, { health: 'critical', problems: [critical('DOS')] }, 61 * MIN);
    await alerts.engine.flush(clock);
    expect(sentTo('ops')).toEqual(['node-2: DOS happened', 'Still: node-2: DOS happened']);

    const entry = alerts.service.log(10, { nodeId: 2 })[0]!;
    const result = alerts.handlers['alerts:acknowledge']({ id: entry.id }, { clientId: 't' });
    expect(result).toEqual({ acknowledged: 2 });
    expect(alerts.service.log(10, { nodeId: 2, unacknowledgedOnly: true })).toEqual([]);
    for (let i = 0; i < 3; i++) poll(2, { health: 'critical', problems: [critical('DOS')] }, 61 * MIN);
    await alerts.engine.flush(clock);
    expect(sentTo('ops')).toHaveLength(2);

    // The problem clears, then comes back: a new state, so it alerts again.
    poll(2, { health: 'ok', problems: [] });
    poll(2, { health: 'critical', problems: [critical('DOS')] });
    await alerts.engine.flush(clock);
    expect(sentTo('ops').slice(2)).toEqual(['node-2 is back to OK', 'node-2: DOS happened']);
    expect(alerts.repo.acknowledgements()).toEqual([]);
  });

  it('keeps an acknowledgement across a restart', async () => {
    await hook('ops');
    alerts.policy.save(AlertRules.parse({ repeatHours: 1 }));
    poll(3, { health: 'critical', problems: [critical('DOS')] }, 61 * MIN);
    await alerts.engine.flush(clock);
    alerts.service.acknowledge(alerts.service.log(1)[0]!.id, (nodeId, code) => alerts.engine.acknowledge(nodeId, code));
    await alerts.close();
    alerts = createAlerts({ db: harness.db, secrets: new MemorySecretStore(), settings: { get: (key) => settings.get(key), set: (key, value) => void settings.set(key, value) }, engine: { autoFlush: false, log: () => undefined }, clock: () => clock });
    alerts.repo.removeChannel(1);
    for (let i = 0; i < 3; i++) poll(3, { health: 'critical', problems: [critical('DOS')] }, 61 * MIN);
    await alerts.engine.flush(clock);
    expect(sentTo('ops')).toHaveLength(1);
  });

  it('sends warnings only to channels whose minimum allows them; reward-risk codes reach every channel by default', async () => {
    const pager = await hook('pager');
    const chat = await hook('chat');
    expect(alerts.policy.rules()).toMatchObject({ defaultMinSeverity: 'critical', optInCodes: ['PAYMENT_MISSED', 'CONFIRMATION_OVERDUE'] });
    alerts.policy.save(AlertRules.parse({ channelMinSeverity: { [String(chat.id)]: 'warning' } }));

    poll(4, { health: 'warning', problems: [warning('DISK_LOW')] });
    poll(5, { health: 'warning', problems: [warning('PAYMENT_MISSED')] });
    await alerts.engine.flush(clock);
    expect(sentTo('pager')).toEqual(['node-5: PAYMENT_MISSED needs a look']);
    expect(sentTo('chat').sort()).toEqual(['node-4: DISK_LOW needs a look', 'node-5: PAYMENT_MISSED needs a look']);
    expect(alerts.policy.routes(warning('DISK_LOW'))).toEqual(['chat']);
    expect(alerts.policy.routes(warning('CONFIRMATION_OVERDUE'))).toEqual(['pager', 'chat']);
    expect(pager.id).not.toBe(chat.id);
  });

  it('raises no warning alert at all with the default rules', async () => {
    await hook('ops');
    poll(4, { health: 'warning', problems: [warning('DISK_LOW')] });
    await alerts.engine.flush(clock);
    expect(receiver.requests).toHaveLength(0);
    expect(alerts.service.log(10)).toEqual([]);
  });

  it('posts to Slack and ntfy with their own formats', async () => {
    const slack = await alerts.service.saveChannel(SaveChannelInput.parse({ kind: 'slack', name: 'slack', webhookUrl: 'https://hooks.slack.com/services/T000/B000/abcdefXYZ' }));
    expect(() => SaveChannelInput.parse({ kind: 'slack', name: 's', webhookUrl: 'https://evil.example/services/T/B/x' })).toThrow(/That is not a Slack webhook URL/);
    // The schema pins Slack's origin; point the stored secret at the local receiver to see the body.
    await alerts.service.saveChannel(SaveChannelInput.parse({ kind: 'ntfy', name: 'phone', topicUrl: `${base}/fluxdeck-secret-topic` }));
    expect(slack).toMatchObject({ kind: 'slack', hasSecret: true, config: { host: 'hooks.slack.com' } });
    // The schema pins Slack's origin; the sender itself is tried against the local receiver.
    const outcome = await sendSlack({ kind: 'single', title: 'fra-1 <@here> down', text: 'a & b', severity: 'critical', at: clock, nodes: [] }, `${base}/slack`, { timeoutMs: 5000, maxRetryWaitMs: 0 });
    expect(outcome.ok).toBe(true);
    expect(receiver.requests.at(-1)!.json).toMatchObject({ text: '*fra-1 &lt;@here&gt; down*\na &amp; b', unfurl_links: false });
    const ntfy = alerts.service.channels().find((channel) => channel.kind === 'ntfy')!;
    expect(await alerts.service.test(ntfy.id)).toMatchObject({ ok: true });
    const request = receiver.requests.at(-1)!;
    expect(request.url).toBe('/fluxdeck-secret-topic');
    expect(request.headers.title).toBe('[TEST] FluxDeck test message');
    expect(request.text).toContain('No node needs attention');
  });

  it('calls the heartbeat URL once per poll cycle and reports its answer', async () => {
    await alerts.heartbeat.save(`${base}/ping/abc-123`);
    alerts.observe(undefined, nodeStatus({ nodeId: 1, health: 'ok' }));
    alerts.observe(undefined, nodeStatus({ nodeId: 2, health: 'ok' }));
    await alerts.heartbeat.idle();
    expect(receiver.requests.filter((request) => request.url === '/ping/abc-123').map((request) => request.method)).toEqual(['GET']);
    expect(await alerts.heartbeat.current()).toMatchObject({ configured: true, host: new URL(base).host, lastOk: true });
    clock += 31_000;
    alerts.observe(undefined, nodeStatus({ nodeId: 1, health: 'ok' }));
    await alerts.heartbeat.idle();
    expect(receiver.requests.filter((request) => request.url === '/ping/abc-123')).toHaveLength(2);
  });
});

describe('email delivery', () => {
  const smtp = new SmtpTestServer({ user: 'ops', password: 'smtp-pass-7c1e' });
  let endpoint: { host: string; port: number };
  let harness: ReturnType<typeof openAlertsDb>;

  beforeAll(async () => {
    endpoint = await smtp.start();
  });
  afterAll(() => smtp.stop());
  beforeEach(() => {
    harness = openAlertsDb();
  });
  afterEach(() => harness.cleanup());

  function make(ca?: string) {
    return createAlerts({ db: harness.db, secrets: new MemorySecretStore(), delivery: { smtpCa: ca, timeoutMs: 5000, log: () => undefined }, engine: { autoFlush: false } });
  }
  const emailInput = (extra: object = {}) =>
    SaveChannelInput.parse({ kind: 'email', name: 'mail', smtpHost: endpoint.host, smtpPort: endpoint.port, from: 'fluxdeck@example.com', to: 'ops@example.com', username: 'ops', password: 'smtp-pass-7c1e', ...extra });

  it('delivers over STARTTLS with a login, and keeps the password out of the channel list', async () => {
    const alerts = make(smtp.tls.cert);
    const channel = await alerts.service.saveChannel(emailInput());
    expect(JSON.stringify(alerts.service.channels())).not.toContain('smtp-pass-7c1e');
    expect(await alerts.service.test(channel.id)).toMatchObject({ ok: true, error: null });
    const mail = smtp.mails.at(-1)!;
    expect(mail).toMatchObject({ from: 'fluxdeck@example.com', to: ['ops@example.com'], secure: true, user: 'ops' });
    expect(mail.raw).toContain('Subject: FluxDeck: [TEST] FluxDeck test message');
    await alerts.close();
  });

  it('refuses a certificate it cannot trust unless the channel accepts self-signed, and says why', async () => {
    const alerts = make();
    const strict = await alerts.service.saveChannel(emailInput());
    const result = await alerts.service.test(strict.id);
    expect(result.ok).toBe(false);
    expect(result.error).toContain('no trusted TLS');
    expect(result.error).not.toContain('smtp-pass-7c1e');
    const lenient = await alerts.service.saveChannel(emailInput({ name: 'lan relay', allowSelfSigned: true }));
    expect(await alerts.service.test(lenient.id)).toMatchObject({ ok: true });
    await alerts.close();
  });

  it('speaks to people about a bad address', () => {
    expect(() => emailInput({ to: 'not-an-address' })).toThrow(/That is not an email address/);
  });
});
