import { blankStatus } from '../../src-shared/node-status';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { NodeStatus } from '../../src-shared/contract/fleet.contract';
import { openDatabase, type Db } from '../core/store/database';
import type { Migration } from '../core/store/migrate';
import { migration001 } from '../core/store/migrations/001-initial';
import { migration002 } from '../core/store/migrations/002-host-keys';
import { migration005 } from '../core/store/migrations/005-alerts';
import { migration009 } from '../core/store/migrations/009-alerts-ack';
import { makeTempDir } from './temp-dir';

// Other features own 003/004; alerts only needs the nodes table from 001 and its own 005 and 009.
const placeholder = (version: number): Migration => ({ version, name: `placeholder-${version}`, up: () => undefined });

/** A real SQLite file in a temp dir with the schema alerts needs, plus `addNode` for FK targets. */
export function openAlertsDb(): { db: Db; file: string; addNode: (id: number, name?: string) => void; cleanup: () => void } {
  const temp = makeTempDir('fluxdeck-alerts-');
  const file = path.join(temp.dir, 'fluxdeck.db');
  const db = openDatabase(file, { migrations: [migration001, migration002, placeholder(3), placeholder(4), migration005, placeholder(6), placeholder(7), placeholder(8), migration009] });
  const insert = db.prepare('INSERT INTO nodes (id, name, host, created_at, updated_at) VALUES (?, ?, ?, 1, 1)');
  return {
    db,
    file,
    addNode: (id, name = `node-${id}`) => void insert.run(id, name, `10.0.${Math.floor(id / 250)}.${id % 250}`),
    cleanup: () => {
      db.close();
      temp.cleanup();
    },
  };
}

/** A NodeStatus with nothing known, overridden as a test needs. */
export function nodeStatus(overrides: Partial<NodeStatus> & { nodeId: number }): NodeStatus {
  const id = overrides.nodeId;
  return { ...blankStatus({ id, name: `node-${id}`, host: `10.0.0.${id % 250}`, tags: [] }, 'ok'), ...overrides };
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  text: string;
  json: unknown;
}

type Reply = (request: ReceivedRequest, response: ServerResponse) => void;

/** An HTTP receiver on 127.0.0.1:0 that records what it gets; `reply` decides each answer (default 204). */
export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  reply: Reply = (_request, response) => void response.writeHead(204).end();
  private server: Server | undefined;
  private readonly open = new Set<ServerResponse>();

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const received = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, text, json };
        this.requests.push(received);
        this.open.add(response);
        response.on('close', () => this.open.delete(response));
        this.reply(received, response);
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const response of this.open) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
