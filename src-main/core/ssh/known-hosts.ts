import { createHmac, timingSafeEqual } from 'node:crypto';
import { algorithmsForKeyType, keyTypeOfBlob, sshFingerprint } from './host-key-format';

/** A host the import should look for (hashed entries can only be matched by testing a name). */
export interface KnownHostsTarget {
  host: string;
  port: number;
}

/** A known_hosts key that applies to one of the targets. */
export interface KnownHostsMatch {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
}

/** Why a line was not used. */
export type KnownHostsSkipReason =
  | 'revoked'
  | 'cert-authority'
  | 'wildcard'
  | 'negated'
  | 'invalid'
  | 'unsupported-type'
  | 'no-target';

export interface KnownHostsScan {
  matches: KnownHostsMatch[];
  skipped: Partial<Record<KnownHostsSkipReason, number>>;
}

/** How OpenSSH writes a host in known_hosts: bare for port 22, else `[host]:port`. */
function hostToken(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function parsePlainPattern(pattern: string): { host: string; port: number } | null {
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(pattern);
  if (bracketed?.[1] && bracketed[2]) return { host: bracketed[1], port: Number(bracketed[2]) };
  if (pattern.includes('[') || pattern.includes(']')) return null;
  return { host: pattern, port: 22 };
}

function hashedMatches(field: string, targets: readonly KnownHostsTarget[]): KnownHostsTarget[] {
  const parts = field.split('|');
  // `|1|salt|hash` splits into ['', '1', salt, hash].
  if (parts.length !== 4 || parts[1] !== '1' || !parts[2] || !parts[3]) return [];
  const salt = Buffer.from(parts[2], 'base64');
  const expected = Buffer.from(parts[3], 'base64');
  if (expected.length !== 20) return [];
  return targets.filter((t) => {
    const mac = createHmac('sha1', salt).update(hostToken(t.host, t.port)).digest();
    return timingSafeEqual(mac, expected);
  });
}

/**
 * Reads an OpenSSH known_hosts file and returns the keys that apply to `targets`: plain and hashed
 * (`|1|salt|HMAC-SHA1`) names, `[host]:port`, comma lists. `@revoked` / `@cert-authority` lines,
 * wildcard or negated patterns and malformed lines are skipped and counted by reason.
 */
export function scanKnownHosts(text: string, targets: readonly KnownHostsTarget[]): KnownHostsScan {
  const wanted = targets.map((t) => ({ host: t.host.toLowerCase(), port: t.port }));
  const matches: KnownHostsMatch[] = [];
  const skipped: Partial<Record<KnownHostsSkipReason, number>> = {};
  const skip = (reason: KnownHostsSkipReason): void => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };

  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    if (fields[0] === '@revoked') {
      skip('revoked');
      continue;
    }
    if (fields[0] === '@cert-authority') {
      skip('cert-authority');
      continue;
    }
    if (fields[0]?.startsWith('@')) {
      skip('invalid');
      continue;
    }
    const [hosts, keyType, keyB64] = fields;
    if (!hosts || !keyType || !keyB64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(keyB64)) {
      skip('invalid');
      continue;
    }
    const blob = Buffer.from(keyB64, 'base64');
    if (keyTypeOfBlob(blob) !== keyType) {
      skip('invalid');
      continue;
    }
    if (algorithmsForKeyType(keyType).length === 0) {
      skip('unsupported-type');
      continue;
    }

    let hits: KnownHostsTarget[];
    let reason: KnownHostsSkipReason = 'no-target';
    if (hosts.startsWith('|')) {
      hits = hashedMatches(hosts, wanted);
    } else {
      const patterns = hosts.split(',').filter((p) => p !== '');
      if (patterns.some((p) => p.startsWith('!'))) {
        // A negation can exclude a host that another pattern names; without full pattern
        // semantics the safe choice is to import nothing from the line.
        skip('negated');
        continue;
      }
      hits = [];
      for (const pattern of patterns) {
        if (/[*?]/.test(pattern)) {
          reason = 'wildcard';
          continue;
        }
        const parsed = parsePlainPattern(pattern.toLowerCase());
        if (!parsed) continue;
        hits.push(...wanted.filter((t) => t.host === parsed.host && t.port === parsed.port));
      }
    }
    if (hits.length === 0) {
      skip(reason);
      continue;
    }
    const fingerprint = sshFingerprint(blob);
    for (const t of hits) matches.push({ host: t.host, port: t.port, keyType, fingerprint });
  }
  return { matches, skipped };
}
