import type { NodeStatus } from '../../../src-shared/contract';

/**
 * The one place that keeps each node's latest status, seeded from history at start. The poller
 * writes it when a poll finishes; the pipeline (reference height, fleet size), the fleet view and
 * every capability read it. Nothing else keeps its own copy.
 */
export class LatestStatuses {
  private readonly byNode = new Map<number, NodeStatus>();

  static of(statuses: readonly NodeStatus[]): LatestStatuses {
    const latest = new LatestStatuses();
    for (const status of statuses) latest.set(status);
    return latest;
  }

  get(nodeId: number): NodeStatus | undefined {
    return this.byNode.get(nodeId);
  }

  set(status: NodeStatus): void {
    this.byNode.set(status.nodeId, status);
  }

  delete(nodeIds: readonly number[]): void {
    for (const id of nodeIds) this.byNode.delete(id);
  }

  all(): NodeStatus[] {
    return [...this.byNode.values()];
  }

  get size(): number {
    return this.byNode.size;
  }

  /** Every node's own daemon height (for the fleet's reference height). */
  *daemonHeights(): Iterable<number | null> {
    for (const status of this.byNode.values()) yield status.daemon?.blocks ?? null;
  }
}
