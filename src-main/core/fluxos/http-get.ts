import http from 'node:http';
import https from 'node:https';
import { FluxosError } from './fluxos-error';

/** A raw HTTP answer, body bounded by the caller's limit. */
export interface HttpAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

/** Limits for one GET. */
export interface HttpGetOptions {
  /** Deadline for the whole exchange: connect, headers and body. */
  timeoutMs: number;
  maxBytes: number;
  agent: http.Agent;
  signal?: AbortSignal;
}

/** Where the call goes, for error details. */
export interface CallContext {
  endpoint: string;
  route: string;
}

// Network errors meaning "nobody answered there": the node or the path to it is down.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EADDRNOTAVAIL',
]);

function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code: unknown = err.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * GETs `url` once with a hard deadline and a body cap. Retries exactly once when a kept-alive socket
 * turned out to be closed by the server before any response byte (a normal keep-alive race).
 */
export async function httpGet(url: URL, options: HttpGetOptions, ctx: CallContext): Promise<HttpAnswer> {
  const deadline = Date.now() + options.timeoutMs;
  try {
    return await getOnce(url, options, ctx, deadline);
  } catch (err) {
    if (err instanceof StaleSocketError && Date.now() < deadline) {
      return getOnce(url, options, ctx, deadline);
    }
    if (err instanceof StaleSocketError) throw err.cause;
    throw err;
  }
}

class StaleSocketError extends Error {
  constructor(override readonly cause: FluxosError) {
    super('stale keep-alive socket');
  }
}

function getOnce(url: URL, options: HttpGetOptions, ctx: CallContext, deadline: number): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    let settled = false;
    let gotResponse = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (err: FluxosError): void => {
      finish(() => reject(err));
      req.destroy();
    };

    const req = transport.get(url, {
      agent: options.agent,
      headers: { accept: 'application/json', 'accept-encoding': 'identity' },
    });

    const remaining = Math.max(0, deadline - Date.now());
    const timer = setTimeout(() => {
      fail(new FluxosError('TIMEOUT', `No complete answer within ${options.timeoutMs} ms`, ctx));
    }, remaining);
    const onAbort = (): void => fail(new FluxosError('TIMEOUT', 'Request cancelled', ctx));
    if (options.signal?.aborted) {
      queueMicrotask(onAbort);
    } else {
      options.signal?.addEventListener('abort', onAbort, { once: true });
    }

    req.on('error', (err) => {
      if (settled) return;
      const code = errnoCode(err) ?? 'ERROR';
      const unreachable = new FluxosError(
        'UNREACHABLE',
        gotResponse ? `Connection lost while reading the answer (${code})` : `Cannot reach the API (${code})`,
        ctx,
      );
      if (!gotResponse && req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) {
        finish(() => reject(new StaleSocketError(unreachable)));
        return;
      }
      if (!UNREACHABLE_CODES.has(code) && !gotResponse) {
        finish(() => reject(new FluxosError('UNREACHABLE', 'Cannot reach the API', ctx)));
        return;
      }
      finish(() => reject(unreachable));
    });

    req.on('response', (res) => {
      gotResponse = true;
      const status = res.statusCode ?? 0;
      const contentType = String(res.headers['content-type'] ?? '');
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        fail(
          new FluxosError('TOO_LARGE', `Answer of ${declared} bytes exceeds the ${options.maxBytes}-byte limit`, {
            ...ctx,
            httpStatus: status,
          }),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          fail(
            new FluxosError('TOO_LARGE', `Answer exceeds the ${options.maxBytes}-byte limit`, {
              ...ctx,
              httpStatus: status,
            }),
          );
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (!res.complete) {
          fail(new FluxosError('UNREACHABLE', 'Connection closed before the answer was complete', ctx));
          return;
        }
        finish(() => resolve({ status, contentType, body: Buffer.concat(chunks, size) }));
      });
      res.on('aborted', () => {
        fail(new FluxosError('UNREACHABLE', 'Connection closed before the answer was complete', ctx));
      });
      res.on('error', () => {
        fail(new FluxosError('UNREACHABLE', 'Connection lost while reading the answer', ctx));
      });
    });
  });
}
