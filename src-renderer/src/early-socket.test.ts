import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppRouter, routes, showsFleet } from './router';

// public/early-socket.js runs before any module, so it keeps its own pattern of the fleet's routes;
// this holds it to the router's, so the two cannot drift apart.
const script = readFileSync(path.join(__dirname, '../public/early-socket.js'), 'utf8');

class RecordingSocket {
  static opened: string[] = [];
  readyState = 0;
  constructor(readonly url: string) {
    RecordingSocket.opened.push(url);
  }
  addEventListener(): void {}
  removeEventListener(): void {}
}

function earlyAddress(hash: string): string {
  window.location.hash = hash;
  RecordingSocket.opened = [];
  new Function('WebSocket', script)(RecordingSocket);
  return RecordingSocket.opened[0];
}

afterEach(() => {
  delete window.fluxdeckEarlySocket;
  window.location.hash = '';
});

describe('early-socket.js', () => {
  const router = createAppRouter();
  const paths = [...routes.map((route) => route.path.replace(':id', 'node-7')), '', '/nodes/', '/fleet/extra', '/nowhere'];

  it.each(paths)('names the fleet snapshot in its address exactly when the router shows the fleet at "%s"', (routePath) => {
    const asks = earlyAddress(routePath === '' ? '' : `#${routePath}`).endsWith('/ws?call=fleet:status');
    expect(asks).toBe(showsFleet(router, routePath === '' ? '/' : routePath));
  });

  it('does nothing in Electron, where the preload bridge is already there', () => {
    Object.assign(window, { fluxdeck: {} });
    expect(earlyAddress('#/fleet')).toBeUndefined();
    delete (window as { fluxdeck?: unknown }).fluxdeck;
  });
});
