import { createHash } from 'node:crypto';
import type { ServerHostKeyAlgorithm } from 'ssh2';

/** `SHA256:` + unpadded base64 of the key blob's sha256, exactly as `ssh-keygen -lf` prints it. */
export function sshFingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** A fingerprint in the format above (43 base64 characters). */
export function isSshFingerprint(value: string): boolean {
  return /^SHA256:[A-Za-z0-9+/]{43}$/.test(value);
}

/**
 * The key type named inside an SSH public key blob (its first wire-format string), e.g.
 * `ssh-ed25519`. For RSA the blob says `ssh-rsa` whichever signature algorithm was negotiated.
 */
export function keyTypeOfBlob(keyBlob: Buffer): string | null {
  if (keyBlob.length < 4) return null;
  const len = keyBlob.readUInt32BE(0);
  if (len < 1 || len > 64 || 4 + len > keyBlob.length) return null;
  const type = keyBlob.subarray(4, 4 + len).toString('latin1');
  return /^[a-z0-9@.-]+$/.test(type) ? type : null;
}

/** Host key algorithms ssh2 can negotiate for a key type, best first. */
export function algorithmsForKeyType(keyType: string): ServerHostKeyAlgorithm[] {
  switch (keyType) {
    case 'ssh-rsa':
      return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
    case 'ssh-ed25519':
    case 'ecdsa-sha2-nistp256':
    case 'ecdsa-sha2-nistp384':
    case 'ecdsa-sha2-nistp521':
      return [keyType];
    default:
      return [];
  }
}

/** ssh2's default host key algorithm preference (protocol/constants DEFAULT_SERVER_HOST_KEY). */
export const DEFAULT_HOST_KEY_ALGORITHMS: readonly ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/**
 * The host key algorithm list to offer when some key types are pinned: those first, like OpenSSH
 * orders HostKeyAlgorithms by known_hosts, so a server with several keys shows the one we know.
 */
export function preferPinnedAlgorithms(pinnedTypes: readonly string[]): ServerHostKeyAlgorithm[] {
  const first = pinnedTypes.flatMap(algorithmsForKeyType);
  return [...new Set([...first, ...DEFAULT_HOST_KEY_ALGORITHMS])];
}
