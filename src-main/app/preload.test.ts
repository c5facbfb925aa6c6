import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { IpcRendererPort } from './electron-port';
import type { FluxdeckBridge } from './preload-bridge';

/** The real preload entry, with `electron` replaced by a fake contextBridge and ipcRenderer. */
const fake = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  const listeners: Array<(event: unknown, ...args: unknown[]) => void> = [];
  const ipcRenderer: IpcRendererPort = {
    invoke: async (...args) => {
      invoked.push(args);
      return { ok: true, value: null };
    },
    send: (...args) => void sent.push(args),
    on: (_channel, listener) => listeners.push(listener),
  };
  const g = globalThis as Record<string, unknown>;
  g.__FLUXDECK_CHANNELS__ = ['fleet:status'];
  g.__FLUXDECK_EVENTS__ = ['fleet:onStatus'];
  return { exposed, invoked, sent, listeners, ipcRenderer, contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) } };
});
vi.mock('electron', () => ({ contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer }));

describe('preload exposure', () => {
  it('exposes exactly window.fluxdeck with invoke and subscribe, never ipcRenderer', async () => {
    await import('./preload');
    expect(Object.keys(fake.exposed)).toEqual(['fluxdeck']);
    const bridge = fake.exposed.fluxdeck as FluxdeckBridge;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
  });

  it('forwards only contract channels and events', async () => {
    await import('./preload');
    const bridge = fake.exposed.fluxdeck as FluxdeckBridge;
    expect(await bridge.invoke('shell:exec', { cmd: 'id' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    await bridge.invoke('fleet:status', {});
    expect(fake.invoked).toEqual([['fleet:status', {}]]);

    const seen: unknown[] = [];
    const offA = bridge.subscribe('fleet:onStatus', (p) => seen.push(p));
    const offB = bridge.subscribe('fleet:onStatus', () => undefined);
    bridge.subscribe('internal:secrets', () => seen.push('leak'));
    expect(fake.sent).toEqual([['fluxdeck:subscribe', 'fleet:onStatus']]);
    for (const listener of fake.listeners) listener({}, 'fleet:onStatus', { changed: [] });
    expect(seen).toEqual([{ changed: [] }]);
    offA();
    offB();
    expect(fake.sent).toEqual([
      ['fluxdeck:subscribe', 'fleet:onStatus'],
      ['fluxdeck:unsubscribe', 'fleet:onStatus'],
    ]);
  });
});

describe('Electron fuses and packaging in package.json', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    build: { electronFuses: Record<string, boolean>; files: string[]; asar?: boolean };
  };

  it('turns off Node-style entry points and requires the integrity-checked asar', () => {
    expect(pkg.build.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(pkg.build.asar).not.toBe(false);
  });
});
