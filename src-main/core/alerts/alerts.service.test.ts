import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertsChannels } from '../../../src-shared/contract/alerts.contract';
import { AppError } from '../errors';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import type { CapabilityHandlers } from '../capability';
import { callHandler } from '../../testkit/handlers';
import { createAlerts } from './alerts.module';
import { nodeStatus, openAlertsDb, Receiver } from '../../testkit/alerts-harness';

const DISCORD_URL = 'https://discord.com/api/webhooks/123456789012345678/Zm9vYmFyYmF6cXV4cXV1eFRPS0VOVkFMVUVfLWFiY2RlZmdo';
const DISCORD_TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eFRPS0VOVkFMVUVfLWFiY2RlZmdo';
const BOT_TOKEN = '987654321:AAE_secret-telegram-token-value_0123456789';
const HOOK_TOKEN = 'hook-token-do-not-store-7f3a9c';

const call = callHandler;

describe('alerts service and handlers', () => {
  const receiver = new Receiver();
  let base: string;
  let harness: ReturnType<typeof openAlertsDb>;
  let secrets: MemorySecretStore;
  let handlers: CapabilityHandlers;
  let now: number;

  beforeAll(async () => {
    base = await receiver.start();
  });
  afterAll(() => receiver.stop());

  beforeEach(() => {
    receiver.requests.length = 0;
    harness = openAlertsDb();
    secrets = new MemorySecretStore();
    now = 1_700_000_000_000;
    const alerts = createAlerts({
      db: harness.db,
      secrets,
      clock: () => now,
      notifier: { notify: () => undefined },
      delivery: { discordBaseUrl: base, telegramBaseUrl: base, timeoutMs: 2000, log: () => undefined },
      engine: { autoFlush: false, log: () => undefined },
    });
    handlers = alerts.handlers;
  });
  afterEach(() => harness.cleanup());

  async function addAll() {
    const discord = (await call(handlers, 'alerts:saveChannel', { kind: 'discord', name: 'Ops Discord', webhookUrl: DISCORD_URL })) as { id: number };
    const telegram = (await call(handlers, 'alerts:saveChannel', { kind: 'telegram', name: 'TG', chatId: '-100123', botToken: BOT_TOKEN })) as { id: number };
    const hook = (await call(handlers, 'alerts:saveChannel', { kind: 'webhook', name: 'Hook', url: `${base}/in/${HOOK_TOKEN}` })) as { id: number };
    return { discord, telegram, hook };
  }

  it('keeps channel secrets out of the database file and out of alerts:channels', async () => {
    await addAll();
    const listed = JSON.stringify(await call(handlers, 'alerts:channels', {}));
    const rows = JSON.stringify(harness.db.prepare('SELECT * FROM alert_channels').all());
    harness.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(harness.file).toString('latin1');
    for (const secret of [DISCORD_TOKEN, BOT_TOKEN, HOOK_TOKEN, '987654321:']) {
      expect(listed).not.toContain(secret);
      expect(rows).not.toContain(secret);
      expect(file).not.toContain(secret);
    }
    expect(JSON.parse(listed)).toMatchObject([
      { kind: 'desktop', name: 'This computer', hasSecret: false },
      { kind: 'discord', name: 'Ops Discord', hasSecret: true, config: {} },
      { kind: 'telegram', hasSecret: true, config: { chatId: '-100123' } },
      { kind: 'webhook', hasSecret: true, config: { host: base.slice('http://'.length) } },
    ]);
  });

  it('keeps the stored secret when an edit leaves it out, and forgets it on removal', async () => {
    const { telegram } = await addAll();
    const ref = (harness.db.prepare('SELECT secret_ref FROM alert_channels WHERE id = ?').get(telegram.id) as { secret_ref: string }).secret_ref;
    const edited = await call(handlers, 'alerts:saveChannel', { id: telegram.id, kind: 'telegram', name: 'TG renamed', chatId: '@fluxops', enabled: false });
    expect(edited).toMatchObject({ name: 'TG renamed', enabled: false, hasSecret: true, config: { chatId: '@fluxops' } });
    expect(await secrets.get(ref)).toBe(BOT_TOKEN);
    expect(await call(handlers, 'alerts:removeChannel', { id: telegram.id })).toEqual({ removed: true });
    expect(await secrets.get(ref)).toBeUndefined();
    expect(await call(handlers, 'alerts:removeChannel', { id: telegram.id })).toEqual({ removed: false });
  });

  it('rejects bad channel input with readable errors', async () => {
    expect(() => alertsChannels['alerts:saveChannel'].input.parse({ kind: 'discord', name: 'x', webhookUrl: 'https://evil.example/api/webhooks/1/2' })).toThrow(/Discord/);
    expect(() => alertsChannels['alerts:saveChannel'].input.parse({ kind: 'telegram', name: 'x', chatId: 'abc', botToken: BOT_TOKEN })).toThrow(/That is not a Telegram chat id/);
    expect(() => alertsChannels['alerts:saveChannel'].input.parse({ kind: 'webhook', name: 'x', url: 'file:///etc/passwd' })).toThrow(/That is not a web address/);
    expect(() => alertsChannels['alerts:saveChannel'].input.parse({ kind: 'webhook', name: 'x', url: 'https://a', __proto__: { y: 1 }, extra: 1 })).toThrow();
    await expect(call(handlers, 'alerts:saveChannel', { kind: 'discord', name: 'no url' })).rejects.toThrow(AppError);
    await expect(call(handlers, 'alerts:saveChannel', { id: 999, kind: 'desktop', name: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(handlers, 'alerts:saveChannel', { id: 1, kind: 'webhook', name: 'x', url: 'https://a.example/' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('sends a labelled test message through one channel and returns its result', async () => {
    const { discord, hook } = await addAll();
    const result = await call(handlers, 'alerts:test', { channelId: discord.id });
    expect(result).toMatchObject({ ok: true, status: 204, channelId: discord.id, kind: 'discord' });
    expect((receiver.requests[0]!.json as { content: string }).content).toContain('\\[TEST\\] FluxDeck test message');
    receiver.reply = (_request, response) => void response.writeHead(500).end('nope');
    expect(await call(handlers, 'alerts:test', { channelId: hook.id })).toMatchObject({ ok: false, status: 500, error: 'HTTP 500' });
    receiver.reply = (_request, response) => void response.writeHead(204).end();
    expect((receiver.requests[1]!.json as { title: string }).title).toBe('[TEST] FluxDeck test message');
    await expect(call(handlers, 'alerts:test', { channelId: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('adds, lists and lifts silences; expired ones drop out', async () => {
    expect(() => alertsChannels['alerts:silence'].input.parse({ scope: 'tag', minutes: 30 })).toThrow(/node or tag/);
    expect(() => alertsChannels['alerts:silence'].input.parse({ scope: 'node', target: 'fra-1', minutes: 30 })).toThrow(/node id/);
    const silence = (await call(handlers, 'alerts:silence', { scope: 'tag', target: 'frankfurt', minutes: 120, reason: 'kernel update' })) as { id: number };
    await call(handlers, 'alerts:silence', { scope: 'all', target: 'ignored', minutes: 30 });
    expect(await call(handlers, 'alerts:silences', {})).toMatchObject([
      { scope: 'all', target: null, untilMs: now + 30 * 60_000 },
      { scope: 'tag', target: 'frankfurt', untilMs: now + 120 * 60_000, reason: 'kernel update' },
    ]);
    now += 31 * 60_000;
    expect(await call(handlers, 'alerts:silences', {})).toHaveLength(1);
    expect(await call(handlers, 'alerts:unsilence', { id: silence.id })).toEqual({ removed: true });
    expect(await call(handlers, 'alerts:silences', {})).toEqual([]);
  });

  it('delivers a 100-node outage to a real receiver as one request per channel', async () => {
    const fired: unknown[] = [];
    const alerts = createAlerts({
      db: harness.db,
      secrets,
      onFired: (payload) => fired.push(payload),
      delivery: { discordBaseUrl: base, timeoutMs: 2000, log: () => undefined },
      engine: { autoFlush: false, log: () => undefined },
    });
    await call(alerts.handlers, 'alerts:saveChannel', { kind: 'discord', name: 'Ops', webhookUrl: DISCORD_URL });
    for (let round = 0; round < 3; round++) {
      for (let id = 1; id <= 100; id++) alerts.engine.observe(undefined, nodeStatus({ nodeId: id, health: 'unreachable' }), now + round);
    }
    await alerts.engine.flush(now + 5);
    expect(receiver.requests).toHaveLength(1);
    expect((receiver.requests[0]!.json as { content: string }).content).toContain('NODE\\_UNREACHABLE\\: 100');
    expect(fired).toHaveLength(1);
  });

  it('returns the log newest first', async () => {
    harness.addNode(3);
    const alerts = createAlerts({ db: harness.db, secrets, engine: { autoFlush: false, log: () => undefined }, delivery: { log: () => undefined } });
    alerts.repo.insertLog({ at: 1, nodeId: 3, code: 'A', severity: 'critical', title: 'first', text: '', results: [], silenced: false });
    alerts.repo.insertLog({ at: 2, nodeId: 999, code: 'B', severity: 'info', title: 'second', text: '', results: [], silenced: true });
    expect(await call(handlers, 'alerts:log', {})).toMatchObject([
      { title: 'second', nodeId: null, silenced: true },
      { title: 'first', nodeId: 3, silenced: false },
    ]);
    expect(await call(handlers, 'alerts:log', { limit: 1 })).toHaveLength(1);
  });
});
