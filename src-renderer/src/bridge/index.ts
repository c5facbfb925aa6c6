import { createClient, type Bridge, type Client } from './bridge';
import { WsBridge, type EarlySocket } from './ws-bridge';

declare global {
  interface Window {
    /** Present only in the Electron app, exposed by the preload through contextBridge. */
    fluxdeck?: Bridge;
    /** Serve mode: the socket `public/early-socket.js` opened before the bundle ran. */
    fluxdeckEarlySocket?: EarlySocket;
  }
}

let client: Client | undefined;

/** Picks the transport once: the preload bridge in Electron, the WebSocket in serve mode. */
export function connectClient(): Client {
  const bridge = window.fluxdeck ?? new WsBridge(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, window.fluxdeckEarlySocket);
  client = createClient(bridge);
  return client;
}

/** Stores call this; tests install their own client with setClient. */
export function useClient(): Client {
  if (!client) throw new Error('FluxDeck client is not connected yet');
  return client;
}

export function setClient(next: Client): void {
  client = next;
}
