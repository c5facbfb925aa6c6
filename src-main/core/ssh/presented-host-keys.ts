/**
 * The host keys servers actually presented in handshakes we refused (unknown or changed key),
 * per `host:port`. `hostkeys:trust` may only pin one of these: a well-formed fingerprint typed or
 * sent by anyone else is not a key any server showed us. OpenSSH works the same way: it offers
 * to add exactly the key from the handshake in progress, never an arbitrary one.
 */

export interface PresentedHostKey {
  keyType: string;
  fingerprint: string;
  /** The pin the key was refused against (a changed key); absent for a first-seen key. */
  previousFingerprint?: string;
  at: number;
}

/** How long a refused handshake's key may be trusted: long enough to compare it by hand. */
export const PRESENTED_KEY_TTL_MS = 30 * 60_000;

export class PresentedHostKeys {
  private readonly keys = new Map<string, PresentedHostKey[]>();

  constructor(private readonly now: () => number = Date.now) {}

  record(host: string, port: number, key: Omit<PresentedHostKey, 'at'>): void {
    const id = endpoint(host, port);
    const kept = this.fresh(id).filter((k) => k.keyType !== key.keyType);
    this.keys.set(id, [...kept, { ...key, at: this.now() }]);
  }

  /** The presented key of `keyType` with this fingerprint, if a handshake showed it recently. */
  find(host: string, port: number, keyType: string, fingerprint: string): PresentedHostKey | undefined {
    return this.fresh(endpoint(host, port)).find((k) => k.keyType === keyType && k.fingerprint === fingerprint);
  }

  forget(host: string, port: number, keyType: string): void {
    const id = endpoint(host, port);
    const kept = this.fresh(id).filter((k) => k.keyType !== keyType);
    if (kept.length > 0) this.keys.set(id, kept);
    else this.keys.delete(id);
  }

  private fresh(id: string): PresentedHostKey[] {
    const cutoff = this.now() - PRESENTED_KEY_TTL_MS;
    return (this.keys.get(id) ?? []).filter((k) => k.at >= cutoff);
  }
}

function endpoint(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}
