import type { ServerHostKeyAlgorithm } from 'ssh2';
import { isSshFingerprint, keyTypeOfBlob, preferPinnedAlgorithms, sshFingerprint, algorithmsForKeyType } from './host-key-format';
import type { HostKeyPin, HostKeySource, HostKeysRepo } from './host-keys.repo';
import { scanKnownHosts, type KnownHostsSkipReason, type KnownHostsTarget } from './known-hosts';
import { PresentedHostKeys } from './presented-host-keys';
import { SshError } from './ssh-error';

/** What to do with a host whose key we have never seen. */
export type UnknownHostKeyPolicy = 'tofu' | 'ask';

/** A change worth telling the user about (and recording in the audit log). */
export interface HostKeyEvent {
  host: string;
  port: number;
  kind: 'pinned' | 'mismatch' | 'replaced';
  keyType: string;
  fingerprint: string;
  previousFingerprint?: string;
}

export interface HostKeysOptions {
  /** Default `tofu`: record the first key seen. */
  policy?: UnknownHostKeyPolicy;
  onHostKeyEvent?: (event: HostKeyEvent) => void;
  now?: () => number;
  /** Keys marked `@revoked` in an imported known_hosts file: refused even when pinned, as OpenSSH does. */
  isRevoked?: (fingerprint: string) => boolean;
  /** Where refused handshakes leave the key they presented; shared with the interactive check. */
  presented?: PresentedHostKeys;
}

/** Outcome of checking a presented key. */
export type HostKeyVerdict = { ok: true } | { ok: false; error: SshError };

/** Counts from an import. */
export interface HostKeyImportReport {
  imported: number;
  unchanged: number;
  /** Already pinned with a different fingerprint: left as is (replacing is a deliberate act). */
  conflicts: number;
  skipped: Partial<Record<KnownHostsSkipReason | 'invalid-fingerprint', number>>;
}

/** An inventory node with an optional pinned key. */
export interface InventoryHostKey {
  host: string;
  port: number;
  hostKey?: { type: string; fingerprint: string };
}

/**
 * Host key pinning: checks the key a server presents before authentication, records first-use keys
 * (TOFU) or asks, refuses changed keys, and imports pins from inventories and known_hosts files.
 */
export class HostKeys {
  private readonly policy: UnknownHostKeyPolicy;
  private readonly now: () => number;
  /** Keys refused handshakes presented: the only keys `hostkeys:trust` may pin. */
  readonly presented: PresentedHostKeys;

  constructor(
    private readonly repo: HostKeysRepo,
    private readonly options: HostKeysOptions = {},
  ) {
    this.policy = options.policy ?? 'tofu';
    this.now = options.now ?? Date.now;
    this.presented = options.presented ?? new PresentedHostKeys(this.now);
  }

  /** Checks `keyBlob` (the raw key ssh2's hostVerifier receives) for `host:port`. */
  verify(host: string, port: number, keyBlob: Buffer, targetLabel = `${host}:${port}`): HostKeyVerdict {
    const keyType = keyTypeOfBlob(keyBlob) ?? 'unknown';
    const fingerprint = sshFingerprint(keyBlob);
    if (this.options.isRevoked?.(fingerprint)) {
      return {
        ok: false,
        error: new SshError('HOST_KEY_MISMATCH', `The ${keyType} host key ${fingerprint} is revoked (a known_hosts @revoked line): refusing to connect`, {
          target: targetLabel,
          keyType,
          fingerprint,
        }),
      };
    }
    const pins = this.repo.list(host, port);
    const same = pins.find((p) => p.keyType === keyType);
    if (same && same.fingerprint === fingerprint) {
      this.repo.touch(host, port, keyType, this.now());
      return { ok: true };
    }
    const previous = same ?? pins[0];
    if (previous) {
      this.emit({ host, port, kind: 'mismatch', keyType, fingerprint, previousFingerprint: previous.fingerprint });
      this.presented.record(host, port, { keyType, fingerprint, previousFingerprint: previous.fingerprint });
      const why = same
        ? `The ${keyType} host key changed`
        : `The server presented a ${keyType} key but only ${pins.map((p) => p.keyType).join(', ')} is pinned`;
      return {
        ok: false,
        error: new SshError('HOST_KEY_MISMATCH', `${why}: refusing to connect (possible man-in-the-middle)`, {
          target: targetLabel,
          keyType,
          fingerprint,
          previousFingerprint: previous.fingerprint,
        }),
      };
    }
    if (this.policy === 'tofu' && algorithmsForKeyType(keyType).length > 0) {
      this.repo.insert({ host, port, keyType, fingerprint, source: 'tofu' }, this.now());
      this.emit({ host, port, kind: 'pinned', keyType, fingerprint });
      return { ok: true };
    }
    this.presented.record(host, port, { keyType, fingerprint });
    return {
      ok: false,
      error: new SshError('HOST_KEY_UNKNOWN', `Unknown ${keyType} host key ${fingerprint}: confirm it to connect`, {
        target: targetLabel,
        keyType,
        fingerprint,
      }),
    };
  }

  /** Algorithm order for ssh2 that asks for the pinned key types first (undefined when none). */
  preferredAlgorithms(host: string, port: number): ServerHostKeyAlgorithm[] | undefined {
    const pins = this.repo.list(host, port);
    return pins.length > 0 ? preferPinnedAlgorithms(pins.map((p) => p.keyType)) : undefined;
  }

  /** Whether exactly this key is pinned (used to lift a host-key backoff once the user acted). */
  isPinned(host: string, port: number, keyType: string, fingerprint: string): boolean {
    return this.repo.get(host, port, keyType)?.fingerprint === fingerprint;
  }

  list(host: string, port: number): HostKeyPin[] {
    return this.repo.list(host, port);
  }

  /**
   * Pins a key the user confirmed (after HOST_KEY_UNKNOWN). Pinning the same key again is a no-op;
   * a different pinned key of that type is refused: use {@link replace}.
   */
  pin(host: string, port: number, keyType: string, fingerprint: string, source: HostKeySource = 'user'): void {
    assertFingerprint(fingerprint);
    const existing = this.repo.get(host, port, keyType);
    if (existing) {
      if (existing.fingerprint === fingerprint) return;
      throw new SshError('HOST_KEY_MISMATCH', `A different ${keyType} key is already pinned: replace it explicitly`, {
        target: `${host}:${port}`,
        keyType,
        fingerprint,
        previousFingerprint: existing.fingerprint,
      });
    }
    this.repo.insert({ host, port, keyType, fingerprint, source }, this.now());
    this.emit({ host, port, kind: 'pinned', keyType, fingerprint });
  }

  /** Deliberately replaces (or adds) the pinned key of a type, e.g. after a node was reinstalled. */
  replace(host: string, port: number, keyType: string, fingerprint: string): void {
    assertFingerprint(fingerprint);
    const existing = this.repo.get(host, port, keyType);
    if (existing && existing.fingerprint === fingerprint) return;
    if (!existing || !this.repo.replace({ host, port, keyType, fingerprint, source: 'user' }, this.now())) {
      this.repo.insert({ host, port, keyType, fingerprint, source: 'user' }, this.now());
    }
    this.emit({ host, port, kind: 'replaced', keyType, fingerprint, previousFingerprint: existing?.fingerprint });
  }

  /** Imports `hostKey` pins from inventory nodes. */
  importInventory(nodes: readonly InventoryHostKey[]): HostKeyImportReport {
    const report = emptyReport();
    for (const node of nodes) {
      if (!node.hostKey) continue;
      if (!isSshFingerprint(node.hostKey.fingerprint) || algorithmsForKeyType(node.hostKey.type).length === 0) {
        bump(report, 'invalid-fingerprint');
        continue;
      }
      this.apply(report, node.host, node.port, node.hostKey.type, node.hostKey.fingerprint, 'inventory');
    }
    return report;
  }

  /** Imports the keys of `targets` from an OpenSSH known_hosts file's text. */
  importKnownHosts(text: string, targets: readonly KnownHostsTarget[]): HostKeyImportReport {
    const scan = scanKnownHosts(text, targets);
    const report = emptyReport();
    report.skipped = { ...scan.skipped };
    for (const m of scan.matches) this.apply(report, m.host, m.port, m.keyType, m.fingerprint, 'known_hosts');
    return report;
  }

  private apply(r: HostKeyImportReport, host: string, port: number, keyType: string, fp: string, source: HostKeySource): void {
    const existing = this.repo.get(host, port, keyType);
    if (!existing) {
      this.repo.insert({ host, port, keyType, fingerprint: fp, source }, this.now());
      this.emit({ host, port, kind: 'pinned', keyType, fingerprint: fp });
      r.imported++;
    } else if (existing.fingerprint === fp) {
      r.unchanged++;
    } else {
      r.conflicts++;
    }
  }

  private emit(event: HostKeyEvent): void {
    try {
      this.options.onHostKeyEvent?.(event);
    } catch {
      // A failing listener must not decide whether we connect.
    }
  }
}

function assertFingerprint(fp: string): void {
  if (!isSshFingerprint(fp)) throw new RangeError('Fingerprint must look like SHA256:<43 base64 characters>');
}

function emptyReport(): HostKeyImportReport {
  return { imported: 0, unchanged: 0, conflicts: 0, skipped: {} };
}

function bump(r: HostKeyImportReport, reason: 'invalid-fingerprint'): void {
  r.skipped[reason] = (r.skipped[reason] ?? 0) + 1;
}
