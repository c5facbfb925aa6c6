import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../core/contract-server/dispatcher';
import { EventHub } from '../core/contract-server/event-hub';
import type { FramePort, IpcEventPort, IpcMainPort, WebContentsPort } from './electron-port';
import { registerIpc } from './ipc';
import { isTrustedUrl } from './renderer-origin';

/** ipcMain as a map of the listeners the shell registered, and one fake window. */
function harness() {
  const handles = new Map<string, (event: IpcEventPort, input: unknown) => unknown>();
  const ons = new Map<string, (event: IpcEventPort, name: unknown) => void>();
  const ipcMain: IpcMainPort = {
    handle: (channel, listener) => void handles.set(channel, listener),
    on: (channel, listener) => ons.set(channel, listener),
  };
  const calls: unknown[] = [];
  const dispatch: Dispatch = async (channel, input) => {
    calls.push([channel, input]);
    return { ok: true, value: 'answered' };
  };
  const events = new EventHub();
  const logs: string[] = [];
  registerIpc(ipcMain, dispatch, events, (url) => isTrustedUrl(url, 'app://fluxdeck'), (line) => logs.push(line));

  const sent: unknown[][] = [];
  const lifecycle = new Map<string, () => void>();
  const mainFrame: FramePort = { url: 'app://fluxdeck/index.html' };
  const sender: WebContentsPort = {
    id: 4,
    mainFrame,
    isDestroyed: () => false,
    send: (...args) => void sent.push(args),
    once: (name, listener) => lifecycle.set(name, listener),
    on: () => undefined,
    off: () => undefined,
  };
  const from = (frame: FramePort | null): IpcEventPort => ({ senderFrame: frame, sender });
  return { handles, ons, calls, events, logs, sent, lifecycle, mainFrame, from };
}

describe('IPC sender checks', () => {
  it('answers the top frame of our window at our origin', async () => {
    const h = harness();
    expect(await h.handles.get('fleet:status')!(h.from(h.mainFrame), {})).toEqual({ ok: true, value: 'answered' });
    expect(h.calls).toEqual([['fleet:status', {}]]);
  });

  it('refuses sub-frames, other origins and destroyed frames before parsing, logging who without the payload', async () => {
    const h = harness();
    const payload = { inventory: 'SECRET-PAYLOAD-123' };
    const refused = [
      h.from({ url: 'app://fluxdeck/index.html' }), // a sub-frame at our own origin
      h.from(null),
    ];
    for (const event of refused) expect(await h.handles.get('nodes:import')!(event, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The top frame, navigated somewhere else.
    const elsewhere = { url: 'app://fluxdeck.evil.example/x' };
    const hostile = { ...h.from(elsewhere), sender: { ...h.from(elsewhere).sender, mainFrame: elsewhere } };
    expect(await h.handles.get('nodes:import')!(hostile, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(h.calls).toEqual([]);
    expect(h.logs).toEqual([
      '[ipc] refused nodes:import from a sub-frame at app://fluxdeck (window 4)',
      '[ipc] refused nodes:import from a destroyed frame (window 4)',
      '[ipc] refused nodes:import from the top frame at app://fluxdeck.evil.example (window 4)',
    ]);
    expect(h.logs.join('\n')).not.toContain('SECRET-PAYLOAD');
  });

  it('delivers subscribed events to the window until it is destroyed; untrusted frames cannot subscribe', () => {
    const h = harness();
    h.ons.get('fluxdeck:subscribe')!(h.from({ url: 'https://attacker.example/' }), 'fleet:onStatus');
    h.events.publish('fleet:onStatus', { stream: 's', seq: 1, changed: [], removed: [] });
    expect(h.sent).toEqual([]);

    h.ons.get('fluxdeck:subscribe')!(h.from(h.mainFrame), 'fleet:onStatus');
    h.events.publish('fleet:onStatus', { stream: 's', seq: 1, changed: [], removed: [] });
    expect(h.sent).toEqual([['fluxdeck:event', 'fleet:onStatus', { stream: 's', seq: 1, changed: [], removed: [] }]]);

    h.lifecycle.get('destroyed')!();
    h.events.publish('fleet:onStatus', { stream: 's', seq: 1, changed: [], removed: [] });
    expect(h.sent).toHaveLength(1);
  });
});
