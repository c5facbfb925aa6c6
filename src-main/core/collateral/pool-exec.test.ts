import { describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../../src-shared/contract/nodes.contract';
import { poolNodeExec } from './pool-exec';

describe('poolNodeExec', () => {
  const record = (auth: NodeRecord['auth']): NodeRecord => ({
    id: 1, name: 'a', host: '10.0.0.1', sshPort: 22, apiPort: 16127, username: null, auth, tags: [], createdAt: 0, updatedAt: 0,
  });

  it('runs on nodes with credentials and returns null for API-only and ArcaneOS nodes', async () => {
    const seen: string[] = [];
    const pool = { exec: (target: { username: string; host: string }, command: string) => {
      seen.push(`${target.username}@${target.host} ${command}`);
      return Promise.resolve({ stdout: '{}', stderr: '', code: 0, signal: null, truncated: false });
    } };
    const refs = { keyPath: '/k', secretRef: null, passphraseRef: null };
    const withKey = poolNodeExec({ nodes: { get: () => record({ kind: 'key-file', path: '/k', hasPassphrase: false }), credentialRefs: () => refs }, pool });
    expect(await withKey(1, 'flux-cli gettxout x 0')).toEqual({ stdout: '{}', stderr: '', code: 0 });
    expect(seen).toEqual(['root@10.0.0.1 flux-cli gettxout x 0']);
    const apiOnly = poolNodeExec({ nodes: { get: () => record({ kind: 'none' }), credentialRefs: () => refs }, pool });
    expect(await apiOnly(1, 'x')).toBeNull();
    const arcane = poolNodeExec({ nodes: { get: () => record({ kind: 'agent' }), credentialRefs: () => refs }, pool, isArcane: () => true });
    expect(await arcane(1, 'x')).toBeNull();
    expect(seen).toHaveLength(1);
  });
});
