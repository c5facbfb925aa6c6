import { createClient, type Bridge, type Client } from './bridge';
import { WsBridge } from './ws-bridge';

declare global {
  interface Window {
    /** Present only in the Electron app, exposed by the preload through contextBridge. */
    fluxdeck?: Bridge;
  }
}

let client: Client | undefined;

/** Picks the transport once: the preload bridge in Electron, the WebSocket in serve mode. */
export function connectClient(): Client {
  const bridge = window.fluxdeck ?? new WsBridge(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
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
