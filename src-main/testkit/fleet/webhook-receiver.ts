import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local webhook endpoint that keeps every JSON body posted to it. */
export interface WebhookReceiver {
  url: string;
  /** Parsed bodies, oldest first. */
  readonly bodies: unknown[];
  clear(): void;
  close(): Promise<void>;
}

/** Starts a node:http server on 127.0.0.1, ephemeral port; answers 204 to every POST. */
export async function startWebhookReceiver(path = '/hook/secret-token'): Promise<WebhookReceiver> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    bodies,
    clear: () => {
      bodies.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
