import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Dispatch } from '../contract-server/dispatcher';
import type { EventHub } from '../contract-server/event-hub';
import { contentSecurityPolicy } from '../safety/csp';
import { ServeGuard, newToken } from './serve-guard';
import { serveStatic } from './static-files';
import { attachConnection } from './ws-connection';

export interface ServeOptions {
  dispatch: Dispatch;
  events: EventHub;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Loopback unless the user explicitly asks otherwise. */
  host?: string;
  port?: number;
  token?: string;
}

export interface ServeHandle {
  /** The URL to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;

/** `fluxdeck serve`: the real backend behind a token-guarded loopback HTTP + WebSocket server. */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostNames = host === '127.0.0.1' || host === 'localhost' ? ['127.0.0.1', 'localhost'] : [host];
  const guard = new ServeGuard(token, hostNames.map((name) => `${name}:${port}`));
  const csp = contentSecurityPolicy(hostNames.map((name) => `ws://${name}:${port}`));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!guard.hostAllowed(request) || !guard.originAllowed(request, false)) return refuse(response, 403, 'Forbidden host or origin');
    if (!guard.tokenValid(request)) return refuse(response, 401, 'Missing or wrong token: open the URL printed by `fluxdeck serve`');
    const url = new URL(request.url ?? '/', 'http://placeholder');
    if (url.searchParams.has('token')) {
      // Trade the token in the address bar for a cookie, so it does not linger in history or screenshots.
      response.writeHead(303, { location: url.pathname, 'set-cookie': guard.cookieHeader(), 'cache-control': 'no-store' });
      response.end();
      return;
    }
    void serveStatic(options.rendererDir, url.pathname, response, csp);
  });

  server.on('upgrade', (request, socket, head) => {
    if (!guard.hostAllowed(request) || !guard.originAllowed(request, true) || !guard.tokenValid(request)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const earlyCall = new URL(request.url ?? '/', 'http://placeholder').searchParams.get('call');
    sockets.handleUpgrade(request, socket, head, (ws) => attachConnection(ws, randomUUID(), options.dispatch, options.events, earlyCall));
  });

  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(message);
}
