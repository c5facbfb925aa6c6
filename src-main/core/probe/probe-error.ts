import { FluxosError } from '../fluxos/fluxos-error';
import { SshError } from '../ssh/ssh-error';
import { redactedSample } from '../safety/sanitize';
import type { ProbeError, ProbeErrorCode } from './probe-types';

const MAX_MESSAGE = 240;

/** One-line, capped, credential-masked text fit for a ProbeError message. */
export function safeText(text: string, max = MAX_MESSAGE): string {
  return redactedSample(text, max);
}

/**
 * Turns whatever a source threw into a ProbeError. Typed client errors keep their code; anything
 * else is INTERNAL with a fixed message (an unexpected exception's text is not shown to users).
 */
export function toProbeError(err: unknown, source: string): ProbeError {
  if (err instanceof FluxosError) {
    return { code: err.code, message: safeText(err.message), source };
  }
  if (err instanceof SshError) {
    const code: ProbeErrorCode = err.code;
    const cause: ProbeErrorCode | undefined = err.details.cause;
    return { code, message: safeText(err.message), source, ...(cause !== undefined ? { cause } : {}) };
  }
  return { code: 'INTERNAL', message: 'Unexpected failure while reading this source', source };
}
