import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createHmac, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ssh2 from 'ssh2';
import { migration002 } from '../store/migrations/002-host-keys';
import { sshFingerprint, keyTypeOfBlob, preferPinnedAlgorithms } from './host-key-format';
import { HostKeys, type HostKeyEvent } from './host-keys';
import { HostKeysRepo } from './host-keys.repo';
import { scanKnownHosts } from './known-hosts';
import { generateSshKeyPair } from '../../sim/ssh-keygen';

const { utils } = ssh2;

function newKey(kind: 'ed25519' | 'ecdsa' = 'ed25519'): { blob: Buffer; line: string; type: string } {
  const pair = generateSshKeyPair(kind === 'ecdsa' ? 'ecdsa-p256' : 'ed25519');
  const parsed = utils.parseKey(pair.publicKey);
  if (parsed instanceof Error) throw parsed;
  const blob = parsed.getPublicSSH();
  return { blob, type: parsed.type, line: `${parsed.type} ${blob.toString('base64')}` };
}

function hashedName(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('fingerprint format', () => {
  it('matches ssh-keygen -lf when OpenSSH is installed', () => {
    const keygen = '/usr/bin/ssh-keygen';
    if (!existsSync(keygen)) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'fluxdeck-fp-'));
    try {
      const file = path.join(dir, 'k');
      execFileSync(keygen, ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
      const [type, b64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
      const blob = Buffer.from(b64 ?? '', 'base64');
      const expected = execFileSync(keygen, ['-lf', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1];
      expect(sshFingerprint(blob)).toBe(expected);
      expect(keyTypeOfBlob(blob)).toBe(type);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prefers pinned key types when negotiating', () => {
    expect(preferPinnedAlgorithms(['ssh-rsa']).slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(preferPinnedAlgorithms(['ecdsa-sha2-nistp256'])[0]).toBe('ecdsa-sha2-nistp256');
  });
});

describe('HostKeys', () => {
  let db: Database.Database;
  let events: HostKeyEvent[];
  let hostKeys: HostKeys;

  beforeEach(() => {
    db = new Database(':memory:');
    migration002.up(db);
    events = [];
    hostKeys = new HostKeys(new HostKeysRepo(db), { onHostKeyEvent: (e) => events.push(e), now: () => 1000 });
  });
  afterEach(() => db.close());

  it('pins on first use, accepts the same key, refuses a changed one', () => {
    const a = newKey();
    const b = newKey();
    expect(hostKeys.verify('Node1.example', 22, a.blob).ok).toBe(true);
    expect(hostKeys.verify('node1.example', 22, a.blob).ok).toBe(true);
    const v = hostKeys.verify('node1.example', 22, b.blob);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.error.code).toBe('HOST_KEY_MISMATCH');
      expect(v.error.details).toMatchObject({ fingerprint: sshFingerprint(b.blob), previousFingerprint: sshFingerprint(a.blob) });
    }
    expect(events.map((e) => e.kind)).toEqual(['pinned', 'mismatch']);
  });

  it('treats a key of another type than the pinned one as a mismatch', () => {
    hostKeys.verify('h', 22, newKey('ed25519').blob);
    const v = hostKeys.verify('h', 22, newKey('ecdsa').blob);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.error.code).toBe('HOST_KEY_MISMATCH');
  });

  it('pins per port: the same host on another port is a different node', () => {
    hostKeys.verify('h', 22, newKey().blob);
    expect(hostKeys.verify('h', 2222, newKey().blob).ok).toBe(true);
  });

  it('pin() refuses to overwrite a different key; replace() does it deliberately', () => {
    const a = newKey();
    const b = newKey();
    hostKeys.pin('h', 22, a.type, sshFingerprint(a.blob));
    expect(() => hostKeys.pin('h', 22, a.type, sshFingerprint(b.blob))).toThrow(/replace/);
    hostKeys.replace('h', 22, a.type, sshFingerprint(b.blob));
    expect(hostKeys.verify('h', 22, b.blob).ok).toBe(true);
    expect(events.at(-1)).toMatchObject({ kind: 'replaced', previousFingerprint: sshFingerprint(a.blob) });
    expect(() => hostKeys.pin('h', 22, a.type, 'SHA256:short')).toThrow();
  });

  it('imports inventory pins, counting unchanged, conflicts and invalid ones', () => {
    const a = newKey();
    const fp = sshFingerprint(a.blob);
    const report = hostKeys.importInventory([
      { host: 'n1', port: 22, hostKey: { type: 'ssh-ed25519', fingerprint: fp } },
      { host: 'n2', port: 22 },
      { host: 'n3', port: 22, hostKey: { type: 'ssh-ed25519', fingerprint: 'md5:aa' } },
    ]);
    expect(report).toEqual({ imported: 1, unchanged: 0, conflicts: 0, skipped: { 'invalid-fingerprint': 1 } });
    expect(hostKeys.list('n1', 22)[0]).toMatchObject({ source: 'inventory', fingerprint: fp });
    const again = hostKeys.importInventory([
      { host: 'n1', port: 22, hostKey: { type: 'ssh-ed25519', fingerprint: fp } },
      { host: 'n1', port: 22, hostKey: { type: 'ssh-ed25519', fingerprint: sshFingerprint(newKey().blob) } },
    ]);
    expect(again).toMatchObject({ imported: 0, unchanged: 1, conflicts: 1 });
  });

  it('asks instead of pinning with the "ask" policy', () => {
    const ask = new HostKeys(new HostKeysRepo(db), { policy: 'ask' });
    const k = newKey();
    const v = ask.verify('x', 22, k.blob);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.error.details).toMatchObject({ keyType: 'ssh-ed25519', fingerprint: sshFingerprint(k.blob) });
    expect(ask.list('x', 22)).toEqual([]);
  });
});

describe('known_hosts import', () => {
  it('reads plain, hashed, [host]:port and comma-list entries for the given targets', () => {
    const k1 = newKey();
    const k2 = newKey();
    const k3 = newKey('ecdsa');
    const k4 = newKey();
    const text = [
      '# comment',
      '',
      `node1.example,10.0.0.1 ${k1.line} comment here`,
      `${hashedName('node2.example')} ${k2.line}`,
      `[node3.example]:2222 ${k3.line}`,
      `${hashedName('[node4.example]:16122')} ${k4.line}`,
      `@revoked node1.example ${newKey().line}`,
      `@cert-authority *.example ${newKey().line}`,
      `*.example ${newKey().line}`,
      `node1.example,!bad.example ${newKey().line}`,
      `other.example ${newKey().line}`,
      `node1.example ssh-ed25519 not-base64!`,
      `node1.example ssh-rsa ${k1.blob.toString('base64')}`,
    ].join('\n');
    const scan = scanKnownHosts(text, [
      { host: 'NODE1.example', port: 22 },
      { host: '10.0.0.1', port: 22 },
      { host: 'node2.example', port: 22 },
      { host: 'node3.example', port: 2222 },
      { host: 'node3.example', port: 22 },
      { host: 'node4.example', port: 16122 },
    ]);
    expect(scan.matches).toEqual([
      { host: 'node1.example', port: 22, keyType: 'ssh-ed25519', fingerprint: sshFingerprint(k1.blob) },
      { host: '10.0.0.1', port: 22, keyType: 'ssh-ed25519', fingerprint: sshFingerprint(k1.blob) },
      { host: 'node2.example', port: 22, keyType: 'ssh-ed25519', fingerprint: sshFingerprint(k2.blob) },
      { host: 'node3.example', port: 2222, keyType: k3.type, fingerprint: sshFingerprint(k3.blob) },
      { host: 'node4.example', port: 16122, keyType: 'ssh-ed25519', fingerprint: sshFingerprint(k4.blob) },
    ]);
    expect(scan.skipped).toEqual({ revoked: 1, 'cert-authority': 1, wildcard: 1, negated: 1, 'no-target': 1, invalid: 2 });
  });

  it('imports through HostKeys with source known_hosts and reports conflicts', () => {
    const db = new Database(':memory:');
    migration002.up(db);
    const hostKeys = new HostKeys(new HostKeysRepo(db));
    const k1 = newKey();
    hostKeys.pin('node2.example', 22, 'ssh-ed25519', sshFingerprint(newKey().blob));
    const report = hostKeys.importKnownHosts(`node1.example ${k1.line}\nnode2.example ${newKey().line}\n*.x ${k1.line}`, [
      { host: 'node1.example', port: 22 },
      { host: 'node2.example', port: 22 },
    ]);
    expect(report).toEqual({ imported: 1, unchanged: 0, conflicts: 1, skipped: { wildcard: 1 } });
    expect(hostKeys.list('node1.example', 22)[0]?.source).toBe('known_hosts');
    db.close();
  });

  it('matches hashed entries written by ssh-keygen -H when OpenSSH is installed', () => {
    const keygen = '/usr/bin/ssh-keygen';
    if (!existsSync(keygen)) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'fluxdeck-kh-'));
    try {
      const k = newKey();
      const file = path.join(dir, 'known_hosts');
      writeFileSync(file, `[node9.example]:2200 ${k.line}\nnode8.example ${k.line}\n`);
      execFileSync(keygen, ['-H', '-f', file], { stdio: 'ignore' });
      const hashed = readFileSync(file, 'utf8');
      expect(hashed).not.toContain('node9');
      const scan = scanKnownHosts(hashed, [
        { host: 'node9.example', port: 2200 },
        { host: 'node8.example', port: 22 },
      ]);
      expect(scan.matches.map((m) => `${m.host}:${m.port}`)).toEqual(['node9.example:2200', 'node8.example:22']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
