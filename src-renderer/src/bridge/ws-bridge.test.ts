// @vitest-environment node
// A real WebSocket server on 127.0.0.1 plays main's side; the bridge runs over Node's `ws` client.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { FleetDiff } from '../../../src-shared/contract';
import { toSocketPayload } from '../../../src-shared/contract/server-message';
import { WsBridge, type EarlySocket } from './ws-bridge';

/** Like a browser's socket, a failed connection is a closed one, not an uncaught error. */
class BrowserLikeSocket extends WebSocket {
  constructor(address: string) {
    super(address);
    this.on('error', () => undefined);
  }
}
Object.assign(globalThis, { WebSocket: BrowserLikeSocket });

interface Peer {
  socket: WebSocket;
  url: string;
  received: unknown[];
}

let server: WebSocketServer;
let peers: Peer[];
let url: string;

beforeEach(async () => {
  peers = [];
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket, request) => {
    const peer: Peer = { socket, url: request.url ?? '', received: [] };
    socket.on('message', (data: Buffer) => peer.received.push(JSON.parse(data.toString())));
    peers.push(peer);
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ws`;
});
afterEach(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
});

async function until<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** What early-socket.js sets up, opened against the test server. */
function earlySocket(withCall: boolean): EarlySocket {
  const socket = new BrowserLikeSocket(`${url}${withCall ? '?call=fleet:status' : ''}`) as unknown as globalThis.WebSocket;
  const messages: string[] = [];
  const keep = (message: MessageEvent) => messages.push(String(message.data));
  socket.addEventListener('message', keep);
  return { socket, messages, calls: withCall ? { 'fleet:status': 0 } : {}, detach: () => socket.removeEventListener('message', keep) };
}

const snapshot = (label: string) => JSON.stringify({ type: 'result', id: 0, result: { ok: true, value: label } });
const event = (payload: unknown) => JSON.stringify({ type: 'event', event: 'fleet:changed', payload });

describe('WsBridge adopting the early socket', () => {
  it('hands the call-0 answer and the messages received before it existed to their callers once', async () => {
    const early = earlySocket(true);
    const peer = await until(() => peers[0]);
    peer.socket.send(snapshot('first'));
    await until(() => (early.messages.length === 1 ? true : undefined));

    const bridge = new WsBridge(url, early);
    expect(await bridge.invoke('fleet:status', {})).toEqual({ ok: true, value: 'first' });
    // A second snapshot call is a new call on the wire, not the early answer again.
    const again = bridge.invoke('fleet:status', {});
    const call = await until(() => peer.received.find((m) => (m as { type: string }).type === 'call') as { id: number } | undefined);
    expect(call).toMatchObject({ channel: 'fleet:status', input: {} });
    expect(call.id).toBeGreaterThan(0);
    peer.socket.send(JSON.stringify({ type: 'result', id: call.id, result: { ok: true, value: 'second' } }));
    expect(await again).toEqual({ ok: true, value: 'second' });
    expect(peers).toHaveLength(1);
  });

  it('resolves the pending snapshot call when the answer arrives after the takeover, and delivers later events once', async () => {
    const early = earlySocket(true);
    const bridge = new WsBridge(url, early);
    const seen: unknown[] = [];
    bridge.subscribe('fleet:changed', (payload) => seen.push(payload));
    const status = bridge.invoke('fleet:status', {});
    const peer = await until(() => peers[0]);
    await until(() => (peer.received.length > 0 ? true : undefined));
    expect(peer.received).toEqual([{ type: 'subscribe', event: 'fleet:changed' }]);

    peer.socket.send(snapshot('late'));
    peer.socket.send(event(1));
    expect(await status).toEqual({ ok: true, value: 'late' });
    await until(() => (seen.length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([1]);
    expect(early.messages).toEqual([]);
  });

  it('opens its own socket and asks for the snapshot when the early one closed before the takeover', async () => {
    const early = earlySocket(true);
    const first = await until(() => peers[0]);
    first.socket.close();
    await until(() => (early.socket.readyState === WebSocket.CLOSED ? true : undefined));

    const bridge = new WsBridge(url, early);
    const status = bridge.invoke('fleet:status', {});
    const second = await until(() => peers[1]);
    expect(second.url).toBe('/ws');
    const call = await until(() => second.received[0] as { id: number; channel: string } | undefined);
    expect(call.channel).toBe('fleet:status');
    second.socket.send(JSON.stringify({ type: 'result', id: call.id, result: { ok: true, value: 'own' } }));
    expect(await status).toEqual({ ok: true, value: 'own' });
  });

  it('sends the snapshot call itself on a route the early socket did not ask for', async () => {
    const early = earlySocket(false);
    const bridge = new WsBridge(url, early);
    const status = bridge.invoke('fleet:status', {});
    const peer = await until(() => peers[0]);
    expect(peer.url).toBe('/ws');
    const call = await until(() => peer.received[0] as { id: number; channel: string } | undefined);
    expect(call).toMatchObject({ type: 'call', channel: 'fleet:status' });
    peer.socket.send(JSON.stringify({ type: 'result', id: call.id, result: { ok: true, value: 'asked' } }));
    expect(await status).toEqual({ ok: true, value: 'asked' });
  });

  it('reconnects with the plain address when the server drops the socket, re-subscribes and can resync', async () => {
    const early = earlySocket(true);
    const bridge = new WsBridge(url, early);
    const seen: unknown[] = [];
    bridge.subscribe('fleet:changed', (payload) => seen.push(payload));
    const status0 = bridge.invoke('fleet:status', {});
    const first = await until(() => peers[0]);
    first.socket.send(snapshot('before'));
    expect(await status0).toEqual({ ok: true, value: 'before' });

    first.socket.terminate();
    const second = await until(() => peers[1]);
    expect(first.url).toBe('/ws?call=fleet:status');
    expect(second.url).toBe('/ws');
    await until(() => (second.received.length > 0 ? true : undefined));
    expect(second.received[0]).toEqual({ type: 'subscribe', event: 'fleet:changed' });

    const status = bridge.invoke('fleet:status', {});
    const call = await until(() => second.received.find((m) => (m as { type: string }).type === 'call') as { id: number } | undefined);
    second.socket.send(JSON.stringify({ type: 'result', id: call.id, result: { ok: true, value: 'after' } }));
    second.socket.send(event(2));
    expect(await status).toEqual({ ok: true, value: 'after' });
    await until(() => (seen.length > 0 ? true : undefined));
    expect(seen).toEqual([2]);
  });
});

describe('WsBridge reading fleet diffs', () => {
  it('hands a listener the diff main published, from its compact socket form, and drops a malformed one', async () => {
    const bridge = new WsBridge(url);
    const seen: unknown[] = [];
    bridge.subscribe('fleet:onStatus', (payload) => seen.push(payload));
    const peer = await until(() => peers[0]);
    await until(() => (peer.received.length > 0 ? true : undefined));
    const diff = (seq: number): FleetDiff => ({ stream: 'run-1', seq, changed: [{ nodeId: 3, health: 'warning', problem: { code: 'DISK_LOW', severity: 'warning', message: 'Disk low' } }], removed: [] });
    const send = (payload: unknown) => peer.socket.send(JSON.stringify({ type: 'event', event: 'fleet:onStatus', payload }));

    send({ stream: 'run-1', seq: 1, groups: [{ fields: ['health'], nodeIds: [3], columns: [] }], shared: [], removed: [] });
    send(toSocketPayload('fleet:onStatus', diff(2)));
    await until(() => (seen.length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([diff(2)]);
  });
});
