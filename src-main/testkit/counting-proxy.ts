import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny HTTP proxy on 127.0.0.1 that counts requests per path before forwarding them upstream. */
export interface CountingProxy {
  port: number;
  /** Requests seen per path (query included), in arrival order. */
  requests: string[];
  count(pathPrefix?: string): number;
  reset(): void;
  close(): Promise<void>;
}

/** `listenPort`: 0 for any; a node's own port number makes the proxy stand where its FluxOS does. */
export async function startCountingProxy(upstreamHost: string, upstreamPort: number, listenPort = 0): Promise<CountingProxy> {
  const requests: string[] = [];
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '/');
    const upstream = http.request(
      { host: upstreamHost, port: upstreamPort, path: req.url, method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    count: (prefix = '') => requests.filter((r) => r.startsWith(prefix)).length,
    reset: () => {
      requests.length = 0;
    },
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
