import type { NodeRecord, NodeStatus } from '../../src-shared/contract';
import { blankStatus } from '../../src-shared/node-status';

export function makeNodes(count: number, startId = 1): NodeRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const id = startId + i;
    return { id, name: `node-${id}`, host: `10.0.0.${id % 256}`, sshPort: 22, apiPort: 16127, username: null, auth: { kind: 'none' }, tags: [], createdAt: 0, updatedAt: 0 };
  });
}

/** A deterministic prober result. */
export function fakeStatus(node: NodeRecord, health: NodeStatus['health'] = 'ok', extra: Partial<NodeStatus> = {}): NodeStatus {
  return { ...blankStatus(node, health), ...extra };
}
