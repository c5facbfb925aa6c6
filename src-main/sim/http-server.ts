import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ERROR_ENVELOPE, HTML_502, apiFaultHits, truncate, withProtoKeys } from './faults';
import { answerRoute, type RouteContext } from './node-api';
import type { SimNode } from './sim-node';

/**
 * HTTP side of a simulated node (FluxOS API on apiPort) and of the fleet's public API. Responses
 * mimic Express as FluxOS runs it: compact JSON, `cors()` header, Express's HTML 404 page.
 */

interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Express `finalhandler` answer for a route nobody registered. */
export function expressNotFound(method: string, url: string): Reply {
  return {
    status: 404,
    contentType: 'text/html; charset=utf-8',
    headers: { 'Content-Security-Policy': "default-src 'none'", 'X-Content-Type-Options': 'nosniff' },
    body:
      '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n' +
      `<pre>Cannot ${escapeHtml(method)} ${escapeHtml(url)}</pre>\n</body>\n</html>\n`,
  };
}

const UNAUTHORIZED_BODY = JSON.stringify({
  status: 'error',
  data: { code: 401, name: 'Unauthorized', message: 'Unauthorized. Access denied.' },
});

function routeReply(method: string, rawUrl: string, node: SimNode | undefined, ctx: RouteContext): Reply {
  const url = new URL(rawUrl, 'http://sim.invalid');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  if (method !== 'GET' && method !== 'HEAD') return expressNotFound(method, url.pathname);
  if (node && Object.hasOwn(node.apiOverrides, path)) {
    const raw = node.apiOverrides[path];
    return { status: 200, contentType: JSON_TYPE, body: typeof raw === 'string' ? raw : JSON.stringify(raw) };
  }
  const answer = answerRoute(path, url.searchParams, node, ctx);
  if (answer.kind === 'notFound') return expressNotFound(method, url.pathname);
  if (answer.kind === 'unauthorized') return { status: 200, contentType: JSON_TYPE, body: UNAUTHORIZED_BODY };
  return { status: 200, contentType: JSON_TYPE, body: JSON.stringify({ status: 'success', data: answer.data }) };
}

/** Builds the reply for one request, with the node's API faults applied; undefined = never answer. */
export function buildReply(method: string, rawUrl: string, node: SimNode | undefined, ctx: RouteContext): Reply | undefined {
  const path = new URL(rawUrl, 'http://sim.invalid').pathname;
  const faults = node?.faults ?? {};
  if (apiFaultHits(faults, 'apiHang', path)) return undefined;
  if (apiFaultHits(faults, 'apiHtml', path)) return { status: 502, contentType: 'text/html', body: HTML_502 };
  const reply = routeReply(method, rawUrl, node, ctx);
  if (reply.contentType !== JSON_TYPE) return reply;
  let body = reply.body;
  if (apiFaultHits(faults, 'apiErrorEnvelope', path)) body = ERROR_ENVELOPE;
  if (apiFaultHits(faults, 'apiProtoKeys', path)) body = withProtoKeys(body);
  if (apiFaultHits(faults, 'apiTruncatedJson', path)) body = truncate(body);
  return { ...reply, body };
}

/** One listening HTTP server that can be taken down and brought back on the same port. */
export class SimHttpServer {
  private server: http.Server | undefined;
  private boundPort = 0;

  constructor(
    private readonly host: string,
    private readonly node: SimNode | undefined,
    private readonly ctx: RouteContext,
  ) {}

  /** The bound port (0 until first started). */
  get port(): number {
    return this.boundPort;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Listens on `port` (0 = ephemeral, or the previous port when restarting). */
  async start(port = this.boundPort): Promise<number> {
    if (this.server) return this.boundPort;
    const server = http.createServer((req, res) => this.onRequest(req, res));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.host, port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => undefined);
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
    return this.boundPort;
  }

  /** Stops listening and drops every open connection (hung requests included). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    let reply: Reply | undefined;
    try {
      reply = buildReply(req.method ?? 'GET', req.url ?? '/', this.node, this.ctx);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply = { status: 500, contentType: JSON_TYPE, body: JSON.stringify({ status: 'error', data: { code: 500, name: 'Error', message } }) };
    }
    if (!reply) return; // apiHang: keep the socket, answer nothing
    res.writeHead(reply.status, {
      'Content-Type': reply.contentType,
      'Content-Length': Buffer.byteLength(reply.body),
      'Access-Control-Allow-Origin': '*',
      ...reply.headers,
    });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  }
}
