import sjson from 'secure-json-parse';
import { z } from 'zod';
import { redactedSample, sanitizeOutput } from '../safety/sanitize';
import { FluxosError } from './fluxos-error';
import type { CallContext, HttpAnswer } from './http-get';

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Parses JSON text that came from the network: `__proto__` and `constructor.prototype` keys are
 * refused (prototype poisoning), any syntax error becomes a BAD_RESPONSE.
 */
export function parseUntrustedJson(text: string, ctx: CallContext, httpStatus?: number): unknown {
  try {
    return sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' }) as unknown;
  } catch (err) {
    const poisoned = err instanceof SyntaxError && /prototype/i.test(err.message);
    throw new FluxosError('BAD_RESPONSE', poisoned ? 'Answer carries forbidden prototype keys' : 'Answer is not valid JSON', {
      ...ctx,
      httpStatus,
      sample: redactedSample(text),
    });
  }
}

const errorDataSchema = z
  .object({
    code: z.union([z.number(), z.string().transform((s) => redactedSample(s, 40))]).optional().catch(undefined),
    message: z.string().optional().catch(undefined),
  })
  .catch({});

const envelopeSchema = z.object({
  status: z.string(),
  data: z.unknown().optional(),
});

/**
 * Checks an HTTP answer from FluxOS and returns the envelope's `data`.
 * FluxOS answers errors with HTTP 200 and `{"status":"error"}`, so the JSON status is what counts.
 */
export function unwrapEnvelope(answer: HttpAnswer, ctx: CallContext): unknown {
  const text = answer.body.toString('utf8');
  if (!JSON_CONTENT_TYPE.test(answer.contentType)) {
    const what = answer.contentType ? answer.contentType.split(';')[0]?.trim() : 'no content-type';
    throw new FluxosError('BAD_RESPONSE', `Expected JSON, got ${what} (HTTP ${answer.status})`, {
      ...ctx,
      httpStatus: answer.status,
      sample: redactedSample(text),
    });
  }
  const parsed = parseUntrustedJson(text, ctx, answer.status);
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) {
    throw new FluxosError('BAD_RESPONSE', `Answer is not a FluxOS envelope (HTTP ${answer.status})`, {
      ...ctx,
      httpStatus: answer.status,
      sample: redactedSample(text),
    });
  }
  const { status, data } = envelope.data;
  if (status === 'success' && answer.status >= 200 && answer.status < 300) return data;
  if (status === 'error' || status === 'warning') {
    const info = errorDataSchema.parse(data);
    const message = info.message ? sanitizeOutput(info.message, { maxBytes: 300 }).replace(/\s+/g, ' ').trim() : '';
    throw new FluxosError('API_ERROR', message ? `Node answered ${status}: ${message}` : `Node answered ${status}`, {
      ...ctx,
      httpStatus: answer.status,
      apiCode: info.code,
    });
  }
  throw new FluxosError('BAD_RESPONSE', `Unexpected envelope status (HTTP ${answer.status})`, {
    ...ctx,
    httpStatus: answer.status,
    sample: redactedSample(text),
  });
}
