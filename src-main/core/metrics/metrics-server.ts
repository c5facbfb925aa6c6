import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  render: () => string;
  /** A fixed token (from --metrics-token-file); default a random one per start. */
  token?: string;
  port?: number;
}

/** A fresh bearer token: 32 random bytes, URL-safe. */
export function newMetricsToken(): string {
  return randomBytes(32).toString('base64url');
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (\S+)$/.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `/metrics` on loopback only, behind its own bearer token (separate from the UI token, so a
 * Prometheus config never holds the key to the app). Anything but GET /metrics is 404.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const token = options.token ?? newMetricsToken();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (!tokenMatches(req.headers.authorization, token)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="fluxdeck-metrics"' }).end('unauthorized\n');
      return;
    }
    let body: string;
    try {
      body = options.render();
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
