import type { NodesRepo } from '../nodes/nodes.repo';
import { sshTargetFor } from '../nodes/ssh-target';
import type { SshPool } from '../ssh/ssh-pool';
import type { NodeExec } from './ssh-gettxout';

export interface PoolExecDeps {
  nodes: Pick<NodesRepo, 'get' | 'credentialRefs'>;
  pool: Pick<SshPool, 'exec'>;
  /** ArcaneOS nodes have no SSH; skip them even when credentials are stored. */
  isArcane?: (nodeId: number) => boolean;
}

/**
 * A NodeExec over the app's SSH pool: null for nodes without SSH credentials (or on ArcaneOS), so
 * the collateral watch falls back to reported values; transport errors reject (the watch retries later).
 */
export function poolNodeExec(deps: PoolExecDeps): NodeExec {
  return async (nodeId, command) => {
    if (deps.isArcane?.(nodeId)) return null;
    const node = deps.nodes.get(nodeId);
    if (!node) return null;
    const target = sshTargetFor(node, deps.nodes.credentialRefs(nodeId));
    if (!target) return null;
    const result = await deps.pool.exec(target, command, { timeoutMs: 15_000, maxOutputBytes: 64 * 1024 });
    return { stdout: result.stdout, stderr: result.stderr, code: result.code };
  };
}
