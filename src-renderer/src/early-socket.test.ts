import { afterEach, describe, expect, it } from 'vitest';
import script from '../public/early-socket.js?raw';
import { createAppRouter, routes, showsFleet } from './router';

// public/early-socket.js runs before any module, so it keeps its own pattern of the fleet's routes;
// this holds it to the router's, so the two cannot drift apart.

class RecordingSocket {
  static opened: string[] = [];
  readyState = 0;
  constructor(readonly url: string) {
    RecordingSocket.opened.push(url);
  }
  addEventListener(): void {}
  removeEventListener(): void {}
}

/** Runs the script as the page does, a classic script, at `hash`; the address it opened, if any. */
function earlyAddress(hash: string): string | undefined {
  window.location.hash = hash;
  RecordingSocket.opened = [];
  // Indirect eval: in the global scope, as a classic script runs (happy-dom runs no <script> here).
  (0, eval)(script);
  return RecordingSocket.opened[0];
}

Object.assign(globalThis, { WebSocket: RecordingSocket });

afterEach(() => {
  delete window.fluxdeckEarlySocket;
  window.location.hash = '';
});

describe('early-socket.js', () => {
  const router = createAppRouter();
  const paths = [...routes.map((route) => route.path.replace(':id', 'node-7')), '', '/nodes/', '/fleet/extra', '/nowhere'];

  it.each(paths)('names the fleet snapshot in its address exactly when the router shows the fleet at "%s"', (routePath) => {
    const asks = earlyAddress(routePath === '' ? '' : `#${routePath}`)?.endsWith('/ws?call=fleet:status');
    expect(asks).toBe(showsFleet(router, routePath === '' ? '/' : routePath));
  });

  it('does nothing in Electron, where the preload bridge is already there', () => {
    Object.assign(window, { fluxdeck: {} });
    expect(earlyAddress('#/fleet')).toBeUndefined();
    delete (window as { fluxdeck?: unknown }).fluxdeck;
  });
});
