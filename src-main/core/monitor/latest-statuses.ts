import type { NodeStatus } from '../../../src-shared/contract';

/**
 * The one place that keeps each node's latest status, seeded from history at start. The poller
 * writes it when a poll finishes; the pipeline (reference height, fleet size), the fleet view and
 * every capability read it. Nothing else keeps its own copy.
 */
export class LatestStatuses {
  private readonly byNode = new Map<number, NodeStatus>();
  /** The highest valid daemon height, or undefined when it must be counted again. */
  private maxHeight: number | null | undefined = null;

  static of(statuses: readonly NodeStatus[]): LatestStatuses {
    const latest = new LatestStatuses();
    for (const status of statuses) latest.set(status);
    return latest;
  }

  get(nodeId: number): NodeStatus | undefined {
    return this.byNode.get(nodeId);
  }

  set(status: NodeStatus): void {
    const before = heightOf(this.byNode.get(status.nodeId));
    this.byNode.set(status.nodeId, status);
    const after = heightOf(status);
    if (this.maxHeight === undefined) return;
    if (after !== null && (this.maxHeight === null || after > this.maxHeight)) this.maxHeight = after;
    else if (before !== null && before === this.maxHeight && after !== before) this.maxHeight = undefined;
  }

  delete(nodeIds: readonly number[]): void {
    for (const id of nodeIds) {
      if (this.maxHeight !== undefined && heightOf(this.byNode.get(id)) === this.maxHeight) this.maxHeight = undefined;
      this.byNode.delete(id);
    }
  }

  all(): NodeStatus[] {
    return [...this.byNode.values()];
  }

  get size(): number {
    return this.byNode.size;
  }

  /**
   * The highest daemon height any node reports (for the fleet's reference height), or null. Kept
   * as results arrive: counting 5,000 statuses on every poll made a round quadratic.
   */
  maxDaemonHeight(): number | null {
    if (this.maxHeight === undefined) {
      let best: number | null = null;
      for (const status of this.byNode.values()) {
        const h = heightOf(status);
        if (h !== null && (best === null || h > best)) best = h;
      }
      this.maxHeight = best;
    }
    return this.maxHeight;
  }
}

/** A node's own height when it is a plausible one (a positive safe integer). */
function heightOf(status: NodeStatus | undefined): number | null {
  const h = status?.daemon?.blocks;
  return typeof h === 'number' && Number.isSafeInteger(h) && h > 0 ? h : null;
}
