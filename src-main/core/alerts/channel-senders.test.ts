import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import { AlertDelivery } from './alert-delivery';
import { digestMessage, singleMessage, type AlertItem, type AlertMessage } from './alert-message';
import { AlertsRepo, type ChannelRow } from './alerts.repo';
import { DISCORD_MAX, TELEGRAM_MAX } from './channel-senders';
import type { DesktopNotification } from './notifier';
import { json, openAlertsDb, Receiver } from '../../testkit/alerts-harness';

const DISCORD_SECRET = '123456789012345678/abcdefghijklmnopqrstuvwxyz0123456789_-ABCDEFGHIJ';
const TELEGRAM_TOKEN = '123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0';
const HOSTILE = '@everyone **pwn** <@123> [click](http://evil.example) `x` ||spoiler||\n[OK] all fine\u001b]52;c;aGk=\u0007\u202e';

function item(overrides: Partial<AlertItem> = {}): AlertItem {
  return { nodeId: 1, nodeName: 'fra-1', tags: [], code: 'DOS', severity: 'critical', title: 'fra-1: node is in DOS state', text: 'details', at: 1_700_000_000_000, ...overrides };
}

describe('alert channels against a local receiver', () => {
  const receiver = new Receiver();
  const hung = new Receiver();
  let base: string;
  let hungBase: string;
  let harness: ReturnType<typeof openAlertsDb>;
  let repo: AlertsRepo;
  let secrets: MemorySecretStore;
  let waits: number[];
  let logLines: string[];
  let notifications: DesktopNotification[];
  let delivery: AlertDelivery;

  beforeAll(async () => {
    base = await receiver.start();
    hungBase = await hung.start();
    hung.reply = () => undefined; // accepts the request and never answers
  });
  afterAll(async () => {
    await receiver.stop();
    await hung.stop();
  });

  beforeEach(async () => {
    receiver.requests.length = 0;
    receiver.reply = (_request, response) => void response.writeHead(204).end();
    harness = openAlertsDb();
    repo = new AlertsRepo(harness.db);
    secrets = new MemorySecretStore();
    waits = [];
    logLines = [];
    notifications = [];
    await secrets.set('d', DISCORD_SECRET);
    await secrets.set('t', TELEGRAM_TOKEN);
    await secrets.set('w', `${base}/hook/s3cr3t-path-token?key=qwertyuiop`);
    await secrets.set('hung', `${hungBase}/hook`);
    delivery = new AlertDelivery({
      repo,
      secrets,
      notifier: { notify: (notification) => void notifications.push(notification) },
      discordBaseUrl: base,
      telegramBaseUrl: `${base}/`,
      timeoutMs: 500,
      maxRetryWaitMs: 5_000,
      sleep: async (ms) => void waits.push(ms),
      log: (line) => logLines.push(line),
    });
  });
  afterEach(() => harness.cleanup());

  const channel = (kind: ChannelRow['kind'], secretRef: string | null, config: ChannelRow['config'] = {}): ChannelRow =>
    repo.insertChannel({ kind, name: `${kind} channel`, enabled: true, config, secretRef });
  const send = (row: ChannelRow, message: AlertMessage = singleMessage(item())) => delivery.sendTo(row, message);

  it('posts to the Discord webhook with mentions disabled and markdown escaped', async () => {
    const result = await send(channel('discord', 'd'), singleMessage(item({ nodeName: HOSTILE, title: `${HOSTILE}: down`, text: HOSTILE })));
    expect(result).toMatchObject({ ok: true, status: 204, error: null, attempts: 1, kind: 'discord' });
    const [request] = receiver.requests;
    expect(request!.url).toBe(`/api/webhooks/${DISCORD_SECRET}`);
    const body = request!.json as { content: string; allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toContain('\\@everyone \\*\\*pwn\\*\\* \\<\\@123\\> \\[click\\]\\(http\\:');
    expect(body.content).toContain('\\|\\|spoiler\\|\\|');
    expect(body.content).not.toMatch(/(^|[^\\])@everyone/);
    // The name cannot forge a second line in the title, and control sequences are gone.
    expect(body.content.split('\n')[0]).toContain('\\[OK\\] all fine');
    expect(body.content).not.toMatch(/[\u001b\u0007\u202e]/);
  });

  it('caps Discord content at 2000 characters and Telegram text at 4096', async () => {
    const huge = singleMessage(item({ text: '_'.repeat(10_000) }));
    huge.text = '_'.repeat(10_000); // past the message-level cap on purpose
    await send(channel('discord', 'd'), huge);
    await send(channel('telegram', 't', { chatId: '-1001234567890' }), huge);
    const discord = receiver.requests[0]!.json as { content: string };
    const telegram = receiver.requests[1]!.json as { text: string };
    expect(discord.content.length).toBeLessThanOrEqual(DISCORD_MAX);
    expect(discord.content.endsWith('…')).toBe(true);
    expect(telegram.text.length).toBeLessThanOrEqual(TELEGRAM_MAX);
    expect(telegram.text.endsWith('…')).toBe(true);
  });

  it('sends Telegram plain text to the chat, with no parse_mode and no link previews', async () => {
    receiver.reply = (_request, response) => json(response, 200, { ok: true, result: { message_id: 1 } });
    const result = await send(channel('telegram', 't', { chatId: '-1001234567890' }), singleMessage(item({ nodeName: HOSTILE, title: `<b>${HOSTILE}</b>` })));
    expect(result).toMatchObject({ ok: true, status: 200 });
    const [request] = receiver.requests;
    expect(request!.url).toBe(`/bot${TELEGRAM_TOKEN}/sendMessage`);
    const body = request!.json as Record<string, unknown>;
    expect(body.chat_id).toBe('-1001234567890');
    expect(body).not.toHaveProperty('parse_mode');
    expect(body.link_preview_options).toEqual({ is_disabled: true });
    expect(String(body.text).startsWith('[CRITICAL] <b>@everyone')).toBe(true);
    expect(String(body.text)).not.toMatch(/[\u001b\u0007\u202e]/);
  });

  it('posts the generic webhook JSON shape', async () => {
    const items = Array.from({ length: 7 }, (_, index) => item({ nodeId: index + 1, nodeName: `n${index + 1}` }));
    const result = await send(channel('webhook', 'w'), digestMessage(items, 1_700_000_000_000));
    expect(result.ok).toBe(true);
    const [request] = receiver.requests;
    expect(request!.url).toBe('/hook/s3cr3t-path-token?key=qwertyuiop');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.json).toMatchObject({
      title: '7 alerts on 7 nodes',
      severity: 'critical',
      kind: 'digest',
      at: '2023-11-14T22:13:20.000Z',
      nodes: [{ id: 1, name: 'n1', code: 'DOS', severity: 'critical' }, ...Array(6).fill(expect.anything())],
    });
    expect((request!.json as { text: string }).text).toContain('DOS: 7');
  });

  it('honours a 429 retry_after once, then gives up', async () => {
    let calls = 0;
    receiver.reply = (_request, response) => (++calls === 1 ? json(response, 429, { message: 'You are being rate limited.', retry_after: 1.25, global: false }) : void response.writeHead(204).end());
    const first = await send(channel('discord', 'd'));
    expect(first).toMatchObject({ ok: true, attempts: 2 });
    expect(waits).toEqual([1250]);

    receiver.reply = (_request, response) => json(response, 429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } });
    receiver.requests.length = 0;
    const second = await send(channel('telegram', 't', { chatId: '42' }));
    expect(second).toMatchObject({ ok: false, status: 429, attempts: 2 });
    expect(receiver.requests).toHaveLength(2);
    expect(waits).toEqual([1250, 2000]);
  });

  it('does not wait out a retry_after longer than the limit', async () => {
    receiver.reply = (_request, response) => void response.writeHead(429, { 'retry-after': '600' }).end();
    const result = await send(channel('webhook', 'w'));
    expect(result).toMatchObject({ ok: false, status: 429, attempts: 1 });
    expect(result.error).toContain('600 s');
    expect(waits).toEqual([]);
  });

  it('times out a hung receiver without holding up the other channels', async () => {
    // The migration seeds an enabled desktop channel ("This computer") first.
    channel('webhook', 'hung');
    channel('discord', 'd');
    const results = await delivery.sendToAll(singleMessage(item()));
    expect(results.map((result) => [result.kind, result.ok])).toEqual([
      ['desktop', true],
      ['webhook', false],
      ['discord', true],
    ]);
    expect(results[1]!.error).toBe('No answer within 0.5 s');
    expect(notifications).toEqual([{ title: '[CRITICAL] fra-1: node is in DOS state', body: 'details', severity: 'critical' }]);
    expect(logLines.some((line) => line.includes('webhook channel') && line.includes('No answer'))).toBe(true);
  });

  it('keeps tokens out of error messages and log lines', async () => {
    receiver.reply = (request, response) =>
      json(response, 401, { ok: false, error_code: 401, description: `Unauthorized: bad token in ${request.url}` });
    const telegram = await send(channel('telegram', 't', { chatId: '42' }));
    expect(telegram).toMatchObject({ ok: false, status: 401 });
    expect(telegram.error).toContain('[redacted]');
    receiver.reply = (request, response) => json(response, 404, { message: `Unknown Webhook ${request.url}` });
    const webhook = await send(channel('webhook', 'w'));
    const discord = await send(channel('discord', 'd'));
    const everything = JSON.stringify([telegram, webhook, discord, logLines]);
    for (const secret of [TELEGRAM_TOKEN, 's3cr3t-path-token', 'qwertyuiop', DISCORD_SECRET.split('/')[1]!]) expect(everything).not.toContain(secret);
  });

  it('reports a refused connection, a redirect and a missing secret as results, not exceptions', async () => {
    await secrets.set('closed', 'http://127.0.0.1:1/hook?token=abcdef');
    const refused = await send(channel('webhook', 'closed'));
    expect(refused).toMatchObject({ ok: false, status: null });
    expect(refused.error).toMatch(/^Cannot reach 127\.0\.0\.1:1/);
    receiver.reply = (_request, response) => void response.writeHead(302, { location: 'http://evil.example/' }).end();
    expect(await send(channel('webhook', 'w'))).toMatchObject({ ok: false, status: 302 });
    expect(await send(channel('discord', 'missing'))).toMatchObject({ ok: false, error: expect.stringContaining('No webhook URL') });
    expect(await send(channel('discord', null))).toMatchObject({ ok: false });
  });

  it('reports a desktop notifier failure as a result', async () => {
    const failing = new AlertDelivery({ repo, secrets, notifier: { notify: () => Promise.reject(new Error('no display')) }, log: () => undefined });
    expect(await failing.sendTo(channel('desktop', null), singleMessage(item()))).toMatchObject({ ok: false, error: 'Notification failed: no display' });
  });
});
