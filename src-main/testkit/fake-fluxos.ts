import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the fake answers for one path: a raw HTTP reply, or a behaviour. */
export type FakeReply =
  | { kind: 'json'; body: unknown; status?: number }
  | { kind: 'raw'; body: string | Buffer; contentType?: string; status?: number; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'slow-body'; chunks: string[]; intervalMs: number }
  | { kind: 'cut'; body: string; declaredLength: number };

/** A node:http server on 127.0.0.1:0 answering like FluxOS from a path → reply table. */
export interface FakeFluxos {
  port: number;
  host: string;
  replies: Map<string, FakeReply>;
  /** Paths requested, in order (path + query). */
  requests: string[];
  /** Distinct TCP connections accepted so far. */
  connections: () => number;
  close: () => Promise<void>;
}

/** The envelope FluxOS puts around successful answers. */
export function success(data: unknown): FakeReply {
  return { kind: 'json', body: { status: 'success', data } };
}

export async function startFakeFluxos(): Promise<FakeFluxos> {
  const replies = new Map<string, FakeReply>();
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const path = url.split('?')[0] ?? url;
    const reply = replies.get(url) ?? replies.get(path);
    if (!reply) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>Cannot GET</body></html>');
      return;
    }
    switch (reply.kind) {
      case 'json': {
        const body = JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
        return;
      }
      case 'raw':
        res.writeHead(reply.status ?? 200, {
          ...(reply.contentType ? { 'content-type': reply.contentType } : {}),
          ...reply.headers,
        });
        res.end(reply.body);
        return;
      case 'hang':
        return;
      case 'slow-body': {
        res.writeHead(200, { 'content-type': 'application/json' });
        let i = 0;
        const tick = setInterval(() => {
          if (res.destroyed || i >= reply.chunks.length) {
            clearInterval(tick);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(reply.chunks[i++]);
        }, reply.intervalMs);
        return;
      }
      case 'cut':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(reply.declaredLength) });
        res.write(reply.body);
        setTimeout(() => res.socket?.destroy(), 20);
        return;
    }
  });
  server.on('connection', (s) => {
    accepted++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    host: '127.0.0.1',
    replies,
    requests,
    connections: () => accepted,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
