import type { Health, NodeStatus, Problem } from './contract/fleet.contract';

/** The identity fields a status carries; a `NodeRecord` satisfies it. */
export interface NodeIdentity {
  id: number;
  name: string;
  host: string;
  tags: readonly string[];
}

/**
 * A status that claims nothing: every measured value null (unknown), never invented. Used for a node
 * before its first poll and for polls that produced no facts, in main and in the renderer alike.
 */
export function blankStatus(node: NodeIdentity, health: Health = 'unknown', problems: Problem[] = []): NodeStatus {
  return {
    nodeId: node.id,
    name: node.name,
    host: node.host,
    tags: [...node.tags],
    health,
    problems,
    fluxnode: null,
    benchmark: null,
    daemon: null,
    flux: null,
    system: null,
    services: null,
    referenceHeight: null,
    blocksBehind: null,
    confirmInBlocks: null,
    maintenanceWindowBlocks: null,
    maintenanceWindowSeconds: null,
    nextPaymentSeconds: null,
    apps: [],
    lastPolledAt: null,
    lastOkAt: null,
  };
}
