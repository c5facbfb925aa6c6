// The only bridge between the sandboxed renderer and main. It exposes two functions limited to the
// contract's channels and events, never ipcRenderer itself; main still checks the sender frame and
// validates every channel and input.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

declare const __FLUXDECK_CHANNELS__: readonly string[];
declare const __FLUXDECK_EVENTS__: readonly string[];

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
const CHANNELS = new Set(__FLUXDECK_CHANNELS__);
const EVENTS = new Set(__FLUXDECK_EVENTS__);

ipcRenderer.on('fluxdeck:event', (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name === 'string') for (const listener of listeners.get(name) ?? []) listener(payload);
});

contextBridge.exposeInMainWorld('fluxdeck', {
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (!CHANNELS.has(channel)) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${channel}` } });
    return ipcRenderer.invoke(channel, input);
  },
  subscribe(name: string, listener: Listener): () => void {
    if (!EVENTS.has(name)) return () => undefined;
    let set = listeners.get(name);
    if (!set) {
      set = new Set();
      listeners.set(name, set);
      ipcRenderer.send('fluxdeck:subscribe', name);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        listeners.delete(name);
        ipcRenderer.send('fluxdeck:unsubscribe', name);
      }
    };
  },
});
