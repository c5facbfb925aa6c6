import type { NodeRecord, NodeStatus, Problem } from '../../../src-shared/contract';
import { blankStatus } from '../../../src-shared/node-status';

/** Thrown into a poll's AbortSignal when its deadline passes. */
export class PollDeadlineError extends Error {
  override name = 'PollDeadlineError';
  constructor(readonly deadlineMs: number) {
    super(`No answer within ${Math.round(deadlineMs / 1000)} s`);
  }
}

/** Why the poller (not the prober) produced a status. */
export type PollFailure =
  | { kind: 'timeout'; deadlineMs: number }
  | { kind: 'error'; error: unknown }
  | { kind: 'stuck' };

/**
 * The status recorded when a poll gave no status of its own: `unreachable`, every measured field
 * unknown (null), with one problem saying why.
 */
/** `lastOkAt` is left null here: the poller decides it from the node's previous status (last-ok.ts). */
export function failureStatus(node: NodeRecord, failure: PollFailure, polledAt: number): NodeStatus {
  const problem: Problem =
    failure.kind === 'timeout'
      ? {
          code: 'POLL_TIMEOUT',
          severity: 'critical',
          message: `No answer within ${Math.round(failure.deadlineMs / 1000)} s`,
          explanation: 'The node (or the network to it) is hung or overloaded. FluxDeck retries with growing intervals up to 10 minutes.',
        }
      : failure.kind === 'stuck'
        ? {
            code: 'POLL_STUCK',
            severity: 'critical',
            message: 'The previous poll of this node has still not finished',
            explanation: 'A poll passed its deadline and has not returned; FluxDeck will not start another one until it does.',
          }
        : { code: 'POLL_FAILED', severity: 'critical', message: `Poll failed: ${describe(failure.error)}` };
  return { ...blankStatus(node, 'unreachable', [problem]), lastPolledAt: polledAt };
}

function describe(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  // Error text can carry remote junk (ANSI, control characters): keep it printable and short.
  const clean = raw.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return (clean.length > 200 ? `${clean.slice(0, 199)}…` : clean) || 'unknown error';
}
