import type { EventHub } from '../contract-server/event-hub';
import type { NodeRecord, NodeStatus } from '../../../src-shared/contract';
import { pollerCounter, renderMetrics } from './metrics-text';

export interface MetricsDeps {
  events: EventHub;
  listNodes: () => NodeRecord[];
  statuses: () => NodeStatus[];
  /** Ledger payments per node (count and satoshis), read per scrape. */
  payments?: () => ReadonlyMap<number, { count: number; sat: bigint }>;
}

/** The fleet as Prometheus text, with the poller's own figures counted from its progress events. */
export function createMetrics(deps: MetricsDeps): { render: () => string; close: () => void } {
  const counter = pollerCounter();
  const unsubscribe = deps.events.subscribe('fleet:onPollProgress', counter.onProgress);
  return {
    render: () => renderMetrics(deps.listNodes(), deps.statuses(), counter.figures(), deps.payments?.()),
    close: unsubscribe,
  };
}
