import { cleanLine } from './alert-text';

/** What one POST (with at most one 429 retry) came to. */
export interface PostOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
  attempts: number;
}

export interface PostOptions {
  /** Per attempt, covering connect, headers and body. */
  timeoutMs: number;
  /** A 429 asking to wait longer than this is reported instead of waited out. */
  maxRetryWaitMs: number;
  /** Values (tokens, webhook URLs) that must never appear in an error message. */
  secrets: readonly string[];
  /** Overridable so tests need not sleep for real. */
  sleep?: (ms: number) => Promise<void>;
}

/** Enough of a response to read an error description; a receiver cannot make us buffer more. */
const MAX_RESPONSE_BYTES = 16 * 1024;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * POSTs JSON and never throws: timeouts, refused connections, redirects and HTTP errors become an
 * outcome with a short, secret-free reason. An HTTP 429 is retried once after the `retry_after` the
 * receiver asked for (JSON body as Discord and Telegram send it, or the Retry-After header).
 */
export function postJson(url: string, body: unknown, options: PostOptions): Promise<PostOutcome> {
  return postBody(url, JSON.stringify(body), { 'content-type': 'application/json' }, options);
}

/** Like {@link postJson} with a ready body and headers (ntfy takes plain text with header fields). */
export async function postBody(url: string, payload: string, headers: Record<string, string>, options: PostOptions, method: 'POST' | 'GET' = 'POST'): Promise<PostOutcome> {
  let attempts = 0;
  for (;;) {
    attempts++;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: { ...headers, 'user-agent': 'FluxDeck' },
        body: method === 'GET' ? undefined : payload,
        // A redirect could carry the token to another host; webhook URLs are final.
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await readCapped(response);
    } catch (error) {
      return { ok: false, status: null, error: describeFailure(error, url, options), attempts };
    }
    if (response.ok) return { ok: true, status: response.status, error: null, attempts };
    if (response.status === 429 && attempts === 1) {
      const waitMs = retryAfterMs(response, text);
      if (waitMs !== undefined && waitMs <= options.maxRetryWaitMs) {
        await (options.sleep ?? defaultSleep)(waitMs);
        continue;
      }
      const hint = waitMs === undefined ? '' : `; asked to wait ${Math.ceil(waitMs / 1000)} s`;
      return { ok: false, status: 429, error: `Rate limited (HTTP 429${hint})`, attempts };
    }
    return { ok: false, status: response.status, error: describeHttpError(response, text, options), attempts };
  }
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_RESPONSE_BYTES) {
      const chunk = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (chunk.done || !chunk.value) break;
      chunks.push(chunk.value);
      size += chunk.value.byteLength;
    }
  } finally {
    // Cancelling releases the socket even when the receiver keeps streaming.
    await reader.cancel().catch(() => undefined);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES));
}

function retryAfterMs(response: Response, text: string): number | undefined {
  const fromBody = jsonField(text, (value) => {
    if (!isRecord(value)) return undefined;
    // Discord: { retry_after: 1.5 } (seconds); Telegram: { parameters: { retry_after: 3 } }.
    const direct = value.retry_after;
    const nested = isRecord(value.parameters) ? value.parameters.retry_after : undefined;
    const seconds = typeof direct === 'number' ? direct : typeof nested === 'number' ? nested : undefined;
    return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
  });
  const header = response.headers.get('retry-after');
  const seconds = fromBody ?? (header !== null && /^\d+(\.\d+)?$/.test(header.trim()) ? Number(header) : undefined);
  return seconds === undefined ? undefined : Math.ceil(seconds * 1000);
}

function describeHttpError(response: Response, text: string, options: PostOptions): string {
  if (response.status >= 300 && response.status < 400) return `Redirected (HTTP ${response.status}); use the final URL`;
  const detail = jsonField(text, (value) => {
    if (!isRecord(value)) return undefined;
    // Telegram: description; Discord: message.
    const candidate = value.description ?? value.message;
    return typeof candidate === 'string' ? candidate : undefined;
  });
  const reason = detail ? `: ${scrub(cleanLine(detail, 160), options.secrets)}` : '';
  return `HTTP ${response.status}${reason}`;
}

function describeFailure(error: unknown, url: string, options: PostOptions): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return `No answer within ${Math.round(options.timeoutMs / 100) / 10} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  const host = hostOf(url);
  const reason = code ?? (cause ? cleanLine(cause.message, 120) : error instanceof Error ? cleanLine(error.message, 120) : 'unknown error');
  return scrub(`Cannot reach ${host}: ${reason}`, options.secrets);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the receiver';
  }
}

/** Replaces every secret (and its URL-encoded form) with a marker. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('[redacted]');
  }
  return out;
}

function jsonField<T>(text: string, pick: (value: unknown) => T | undefined): T | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    return pick(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
