import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDispatcher } from '../contract-server/dispatcher';
import { createHandlers } from '../contract-server/handlers';
import { createServices, type Services } from '../services';
import { makeTempDir } from '../../testkit/temp-dir';
import { startServe, type ServeHandle } from './serve-server';

const TOKEN = 'test-token-abcdefghijklmnopqrstuvwx';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** Collects every message from the start, so two frames arriving in one tick are both kept. */
function inbox(socket: WebSocket): { take: (count: number) => Promise<unknown[]> } {
  const received: unknown[] = [];
  let wake = () => undefined as void;
  socket.on('message', (data: Buffer) => {
    received.push(JSON.parse(data.toString()));
    wake();
  });
  return {
    async take(count) {
      while (received.length < count) await new Promise<void>((resolve) => (wake = resolve));
      return received.splice(0, count);
    },
  };
}

describe('fluxdeck serve', () => {
  const temp = makeTempDir();
  let services: Services;
  let serve: ServeHandle;
  let origin: string;
  const cookie = `fluxdeck_token=${TOKEN}`;

  beforeAll(async () => {
    const rendererDir = path.join(temp.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>FluxDeck</title>');
    services = createServices({ dataDir: path.join(temp.dir, 'data'), mode: 'serve' });
    serve = await startServe({ dispatch: createDispatcher(createHandlers(services)), events: services.events, rendererDir, token: TOKEN });
    origin = `http://127.0.0.1:${serve.port}`;
  });
  afterAll(async () => {
    await serve.close();
    await services.close();
    temp.cleanup();
  });

  it('prints a loopback URL carrying the token', () => {
    expect(serve.url).toBe(`http://127.0.0.1:${serve.port}/?token=${TOKEN}`);
  });

  it('refuses pages without the token, with a wrong one, or for a foreign Host', async () => {
    expect((await get(serve.port, '/')).status).toBe(401);
    expect((await get(serve.port, '/?token=wrong')).status).toBe(401);
    expect((await get(serve.port, `/?token=${TOKEN}`, { host: 'evil.example:80' })).status).toBe(403);
  });

  it('trades the token for an HttpOnly cookie, then serves the UI with a strict CSP', async () => {
    const first = await get(serve.port, `/?token=${TOKEN}`);
    expect(first.status).toBe(303);
    expect(String(first.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');
    const page = await get(serve.port, '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>FluxDeck</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('does not serve files outside the renderer folder', async () => {
    const escaped = await get(serve.port, '/..%2f..%2fdata%2ffluxdeck.db', { cookie });
    expect(escaped.body).toContain('<title>FluxDeck</title>');
  });

  it('refuses WebSockets without the token or from another origin', async () => {
    await expect(openSocket(serve.port, { origin })).rejects.toThrow(/403/);
    await expect(openSocket(serve.port, { origin: 'http://evil.example', cookie })).rejects.toThrow(/403/);
    await expect(openSocket(serve.port, { cookie })).rejects.toThrow(/403/);
  });

  it('answers contract calls and pushes fleet events over the socket', async () => {
    const socket = await openSocket(serve.port, { origin, cookie });
    const messagesIn = inbox(socket);
    socket.send(JSON.stringify({ type: 'subscribe', event: 'fleet:onChanged' }));
    socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'nodes:add', input: { name: 'ws-node', host: '192.0.2.10' } }));
    const messages = await messagesIn.take(2);
    expect(messages).toContainEqual({ type: 'event', event: 'fleet:onChanged', payload: { reason: 'added', nodeIds: [expect.any(Number)] } });
    expect(messages).toContainEqual({ type: 'result', id: 1, result: { ok: true, value: expect.objectContaining({ name: 'ws-node' }) } });
    socket.send(JSON.stringify({ type: 'call', id: 2, channel: 'nodes:list', input: {} }));
    expect((await messagesIn.take(1))[0]).toMatchObject({ type: 'result', id: 2, result: { ok: true, value: [{ name: 'ws-node' }] } });
    socket.close();
  });

  it('answers the call named in the socket address as call 0 without a message, before any message', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${serve.port}/ws?call=fleet:status`, { headers: { origin, cookie } });
    const messagesIn = inbox(socket);
    const [answer] = await messagesIn.take(1);
    expect(answer).toMatchObject({ type: 'result', id: 0, result: { ok: true, value: { count: expect.any(Number), columns: expect.objectContaining({ name: expect.any(Array) }) } } });
    socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'nodes:list', input: {} }));
    expect((await messagesIn.take(1))[0]).toMatchObject({ type: 'result', id: 1 });
    socket.close();
  });

  it('closes a socket that sends garbage instead of crashing', async () => {
    const socket = await openSocket(serve.port, { origin, cookie });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('{"type":"call","id":"__proto__"');
    expect(await closed).toBe(1003);
    const again = await openSocket(serve.port, { origin, cookie });
    again.close();
  });
});
