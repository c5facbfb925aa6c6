import type { IpcRendererPort } from './electron-port';

type Listener = (payload: unknown) => void;

/** The object the preload exposes as `window.fluxdeck`: two functions, never ipcRenderer itself. */
export interface FluxdeckBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(name: string, listener: Listener): () => void;
}

/**
 * The only bridge between the sandboxed renderer and main, limited to the contract's channels and
 * events (baked in at build time); main still checks the sender frame and validates every input.
 */
export function createBridge(ipcRenderer: IpcRendererPort, channels: readonly string[], events: readonly string[]): FluxdeckBridge {
  const listeners = new Map<string, Set<Listener>>();
  const CHANNELS = new Set(channels);
  const EVENTS = new Set(events);

  ipcRenderer.on('fluxdeck:event', (_event: unknown, name: unknown, payload: unknown) => {
    if (typeof name === 'string') for (const listener of listeners.get(name) ?? []) listener(payload);
  });

  return {
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
  };
}
