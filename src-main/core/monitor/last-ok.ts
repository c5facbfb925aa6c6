import type { NodeStatus } from '../../../src-shared/contract';

/**
 * When the node last answered: the one rule, applied by the poller to every result. A poll that
 * reached the node (any health but unreachable/unknown) moves it to the poll's own time; one that
 * did not keeps the previous value, so an outage shows since when the node has been gone.
 */
export function lastOkAtAfter(status: NodeStatus, previous: NodeStatus | undefined, polledAt: number): number | null {
  const reached = status.health !== 'unreachable' && status.health !== 'unknown';
  return reached ? polledAt : (previous?.lastOkAt ?? null);
}
