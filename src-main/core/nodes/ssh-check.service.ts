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
    const pool = new SshPool({ hostKeys: new HostKeys(this.repo, { policy: 'ask', presented: this.hostKeys.presented }), secrets: this.secrets });
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

  /**
   * Pins a first-seen key, or replaces a pinned one after the user compared both fingerprints.
   * Only a key a refused handshake actually presented may be trusted, and replacing a pin must
   * name the pin being replaced: anything else is refused and the old pin stays.
   */
  trust(id: number, keyType: string, fingerprint: string, previousFingerprint?: string): HostKeyPin[] {
    const node = this.nodes.get(id);
    if (!node) throw new AppError('NOT_FOUND', `No node with id ${id}`);
    const { host, sshPort: port } = node;
    const pins = this.repo.list(host, port);
    const pinned = pins.find((p) => p.keyType === keyType);
    if (pinned?.fingerprint === fingerprint) return this.list(id);
    const presented = this.hostKeys.presented.find(host, port, keyType, fingerprint);
    if (!presented) {
      throw new AppError('FORBIDDEN', `${node.name} has not presented the ${keyType} key ${fingerprint}: check the connection again and trust the key it shows`);
    }
    // The pin the key was refused against must still be the pin, and the caller must name it.
    const current = pinned ?? pins[0];
    if (current) {
      if (previousFingerprint === undefined) {
        throw new AppError('FORBIDDEN', `${node.name} has a pinned ${current.keyType} key ${current.fingerprint}: replacing it needs that fingerprint too`);
      }
      if (previousFingerprint !== current.fingerprint || presented.previousFingerprint !== current.fingerprint) {
        throw new AppError('CONFLICT', `The pinned key of ${node.name} is not ${previousFingerprint}: check the connection again`);
      }
    } else if (previousFingerprint !== undefined) {
      throw new AppError('CONFLICT', `${node.name} has no pinned key to replace: check the connection again`);
    }
    if (pinned) this.hostKeys.replace(host, port, keyType, fingerprint);
    else this.hostKeys.pin(host, port, keyType, fingerprint, 'user');
    this.hostKeys.presented.forget(host, port, keyType);
    const target = sshTargetFor(node, this.nodes.credentialRefs(id));
    if (target) this.afterTrust(target, id);
    return this.list(id);
  }
}
