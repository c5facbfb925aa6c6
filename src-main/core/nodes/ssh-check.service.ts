import type { HostKeyPin, SshCheck } from '../../../src-shared/contract/hostkeys.contract';
import { AppError } from '../errors';
import type { SecretStore } from '../secrets/secret-store';
import { HostKeys } from '../ssh/host-keys';
import type { HostKeysRepo } from '../ssh/host-keys.repo';
import { isSshError } from '../ssh/ssh-error';
import { SshPool } from '../ssh/ssh-pool';
import type { SshTarget } from '../ssh/ssh-types';
import type { NodesRepo } from './nodes.repo';
import { sshTargetFor } from './ssh-target';

/**
 * The interactive side of host-key pinning. A check connects with its own short-lived pool whose
 * policy is "ask", so an unknown key stops the handshake before any credential is sent, and the
 * user sees the fingerprint before anything is pinned.
 */
export class SshCheckService {
  constructor(
    private readonly nodes: NodesRepo,
    private readonly repo: HostKeysRepo,
    private readonly hostKeys: HostKeys,
    private readonly secrets: SecretStore,
    /** Lets the app's long-lived pool forget its backoff for this node once the key is trusted. */
    private readonly afterTrust: (target: SshTarget, nodeId: number) => void = () => undefined,
  ) {}

  async check(id: number): Promise<SshCheck> {
    const node = this.nodes.get(id);
    if (!node) throw new AppError('NOT_FOUND', `No node with id ${id}`);
    const target = sshTargetFor(node, this.nodes.credentialRefs(id));
    if (!target) return { status: 'no-ssh', message: `${node.name} is watched through its FluxOS API only (no SSH credentials)` };
    const pool = new SshPool({ hostKeys: new HostKeys(this.repo, { policy: 'ask' }), secrets: this.secrets });
    try {
      const result = await pool.exec(target, 'uname -m', { timeoutMs: 15_000, maxOutputBytes: 4096, overflow: 'truncate' });
      const [pin] = this.repo.list(node.host, node.sshPort);
      return { status: 'ok', keyType: pin?.keyType ?? null, fingerprint: pin?.fingerprint ?? null, output: result.stdout.trim().slice(0, 200) };
    } catch (error) {
      if (!isSshError(error)) throw error;
      const { keyType, fingerprint, previousFingerprint } = error.details;
      if (error.code === 'HOST_KEY_UNKNOWN' && keyType && fingerprint) return { status: 'unknown-key', keyType, fingerprint };
      if (error.code === 'HOST_KEY_MISMATCH' && keyType && fingerprint && previousFingerprint) {
        return { status: 'mismatch', keyType, fingerprint, previousFingerprint };
      }
      return { status: 'error', code: error.code, message: error.message };
    } finally {
      await pool.close();
    }
  }

  list(id: number): HostKeyPin[] {
    const node = this.nodes.get(id);
    if (!node) throw new AppError('NOT_FOUND', `No node with id ${id}`);
    return this.repo.list(node.host, node.sshPort).map(({ keyType, fingerprint, source, firstSeen, lastSeen }) => ({ keyType, fingerprint, source, firstSeen, lastSeen }));
  }

  /** Pins a first-seen key, or replaces a pinned one after the user compared both fingerprints. */
  trust(id: number, keyType: string, fingerprint: string): HostKeyPin[] {
    const node = this.nodes.get(id);
    if (!node) throw new AppError('NOT_FOUND', `No node with id ${id}`);
    const pinned = this.repo.get(node.host, node.sshPort, keyType);
    if (pinned) this.hostKeys.replace(node.host, node.sshPort, keyType, fingerprint);
    else this.hostKeys.pin(node.host, node.sshPort, keyType, fingerprint, 'user');
    const target = sshTargetFor(node, this.nodes.credentialRefs(id));
    if (target) this.afterTrust(target, id);
    return this.list(id);
  }
}
