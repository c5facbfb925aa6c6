import { createHash } from 'node:crypto';
import type http from 'node:http';
import { ZodError } from 'zod';
import type { LastParseMemo } from '../last-parse-memo';
import { redactedSample } from '../safety/sanitize';
import { unwrapEnvelope, parseUntrustedJson } from './envelope';
import { FluxosError } from './fluxos-error';
import { httpGet, type CallContext, type HttpAnswer } from './http-get';
import { FLUXOS_ROUTES, type FluxosRouteName, type FluxosRouteResult, type RouteDef, type RouteParams } from './routes';

/** Per-call options. */
export interface CallOptions {
  params?: RouteParams;
  /** Overrides the client's default deadline for this call. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What the clients pass for one call. */
export interface FetchRouteConfig {
  baseUrl: URL;
  endpoint: string;
  agent: http.Agent;
  timeoutMs: number;
  maxBytes: number;
  /**
   * Skip parsing and validation when a route answers the same bytes as last time (per endpoint,
   * then URL). JSON parsing plus schema validation was the largest cost of a poll after the HTTP
   * client itself, and most polls get the very bytes of the last one (versions, benchmarks, apps).
   */
  memo?: LastParseMemo<string>;
}

/** An answer as the memo compares it: a digest is kept, not the body, which may run to megabytes on every node. */
function answerDigest(status: number, body: Buffer): string {
  return `${status}:${createHash('sha1').update(body).digest('base64')}`;
}

function summariseZodError(err: ZodError): string {
  const first = err.issues[0];
  if (!first) return 'unexpected shape';
  const where = first.path.length > 0 ? first.path.map(String).join('.') : 'data';
  return `${where}: ${first.message}`;
}

/** GETs one route and normalises its answer, or throws a {@link FluxosError}. */
export async function fetchRoute<R extends FluxosRouteName>(
  route: R,
  config: FetchRouteConfig,
  options: CallOptions = {},
): Promise<FluxosRouteResult<R>> {
  const def: RouteDef<unknown> = FLUXOS_ROUTES[route];
  const pathAndQuery = def.build ? def.build(options.params ?? {}) : def.path;
  const ctx: CallContext = { endpoint: config.endpoint, route: def.path };
  // Relative to the base so a public API mounted under a path prefix keeps it.
  const url = new URL(pathAndQuery.replace(/^\//, ''), config.baseUrl);
  const answer = await httpGet(
    url,
    {
      agent: config.agent,
      timeoutMs: options.timeoutMs ?? config.timeoutMs,
      maxBytes: def.maxBytes ?? config.maxBytes,
      signal: options.signal,
    },
    ctx,
  );
  const parse = (): FluxosRouteResult<R> => readRouteAnswer(def, answer, ctx) as FluxosRouteResult<R>;
  return config.memo ? config.memo.read(config.endpoint, url.href, answerDigest(answer.status, answer.body), parse) : parse();
}

/**
 * FluxOS's answer to one route read: the envelope checked, then the route's normaliser; throws a
 * {@link FluxosError}. The same reading serves an answer fetched from here and one a node's own
 * loopback gave in the SSH exec.
 */
export function readRouteAnswer<T>(def: RouteDef<T>, answer: HttpAnswer, ctx: CallContext): T {
  const data = unwrapEnvelope(answer, ctx);
  try {
    return def.normalize(data, (text) => parseUntrustedJson(text, ctx, answer.status));
  } catch (err) {
    if (err instanceof FluxosError) throw err;
    const reason = err instanceof ZodError ? summariseZodError(err) : 'unexpected shape';
    throw new FluxosError('BAD_RESPONSE', `Unexpected answer from ${def.path} (${redactedSample(reason, 120)})`, {
      ...ctx,
      httpStatus: answer.status,
      sample: redactedSample(answer.body.toString('utf8')),
    });
  }
}

/** `http://host:port/` with IPv6 literals bracketed. */
export function nodeBaseUrl(host: string, port: number): URL {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return new URL(`http://${h}:${port}/`);
}
