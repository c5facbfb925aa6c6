import { keyTypeOfBlob, sshFingerprint } from '../../ssh/host-key-format';
import { scanKnownHosts, type KnownHostsTarget } from '../../ssh/known-hosts';
import { emptySource, type ImportSource } from './import-source';

const SKIP_WORDS: Record<string, string> = {
  revoked: 'marked @revoked (those keys are now refused)',
  'cert-authority': '@cert-authority lines: not supported (certificate host keys are not checked), nothing pinned from them',
  wildcard: 'wildcard patterns (a pin names one host)',
  negated: 'negated patterns',
  invalid: 'malformed',
  'unsupported-type': 'key types FluxDeck cannot verify',
  'no-target': 'for hosts that are not nodes',
};

/**
 * Keys of an OpenSSH known_hosts file for the given hosts (registered nodes and rows being
 * imported). `@revoked` lines become revocations, as OpenSSH refuses such a key; we refuse it for
 * every host (stricter than OpenSSH's per-pattern match, never weaker).
 */
export function knownHostsSource(text: string, targets: readonly KnownHostsTarget[]): ImportSource {
  const source = emptySource('known-hosts');
  addKnownHosts(source, text, targets);
  return source;
}

/** Adds a known_hosts file's pins, revocations and notes to a source (an ssh-config import uses it too). */
export function addKnownHosts(source: ImportSource, text: string, targets: readonly KnownHostsTarget[]): void {
  const scan = scanKnownHosts(text, targets);
  const revokedSet = new Set(revokedKeys(text).map((k) => k.fingerprint));
  source.revoked.push(...revokedKeys(text));
  source.pins.push(...scan.matches.filter((m) => !revokedSet.has(m.fingerprint)));
  for (const [reason, count] of Object.entries(scan.skipped)) {
    if (count && reason !== 'no-target') source.notes.push(`known_hosts: ${count} line(s) ${SKIP_WORDS[reason] ?? reason}`);
  }
}

/** The keys of `@revoked` lines (marker, host patterns, key type, base64 key). */
export function revokedKeys(text: string): { keyType: string; fingerprint: string }[] {
  const keys: { keyType: string; fingerprint: string }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] !== '@revoked' || !fields[2] || !fields[3] || !/^[A-Za-z0-9+/]+={0,2}$/.test(fields[3])) continue;
    const blob = Buffer.from(fields[3], 'base64');
    if (keyTypeOfBlob(blob) !== fields[2]) continue;
    keys.push({ keyType: fields[2], fingerprint: sshFingerprint(blob) });
  }
  return keys;
}
