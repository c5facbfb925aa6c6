import type http from 'node:http';
import { ZodError } from 'zod';
import { redactedSample } from '../safety/sanitize';
import { BodyMemo } from './body-memo';
import { unwrapEnvelope, parseUntrustedJson } from './envelope';
import { FluxosError } from './fluxos-error';
import { httpGet, type CallContext } from './http-get';
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
  /** Skip parsing and validation when a route answers the same bytes as last time. */
  memo?: BodyMemo;
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
  const digest = config.memo ? BodyMemo.digest(answer.status, answer.body) : '';
  const known = config.memo?.get(config.endpoint, url.href, digest);
  if (known !== undefined) return known as FluxosRouteResult<R>;
  const data = unwrapEnvelope(answer, ctx);
  try {
    const value = def.normalize(data, (text) => parseUntrustedJson(text, ctx, answer.status)) as FluxosRouteResult<R>;
    config.memo?.set(config.endpoint, url.href, digest, value);
    return value;
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
