import type { NodeRecord } from '../../../src-shared/contract';
import type { SshTarget } from '../ssh/ssh-types';
import type { NodeCredentialRefs } from './nodes.repo';

/** How main reaches a node over SSH, or null for API-only nodes. Secrets stay behind their refs. */
export function sshTargetFor(node: NodeRecord, refs: NodeCredentialRefs | undefined): SshTarget | null {
  if (!refs || node.auth.kind === 'none') return null;
  const base = { host: node.host, port: node.sshPort, username: node.username ?? 'root' };
  const passphraseRef = refs.passphraseRef ?? undefined;
  switch (node.auth.kind) {
    case 'key-file':
      return refs.keyPath ? { ...base, auth: { kind: 'key-file', path: refs.keyPath, passphraseRef } } : null;
    case 'key':
      return refs.secretRef ? { ...base, auth: { kind: 'key', secretRef: refs.secretRef, passphraseRef } } : null;
    case 'password':
      return refs.secretRef ? { ...base, auth: { kind: 'password', secretRef: refs.secretRef } } : null;
    case 'agent':
      return { ...base, auth: { kind: 'agent' } };
  }
}
