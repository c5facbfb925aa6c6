import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../testkit/temp-dir';
import { generateSshKeyPair } from './ssh-keygen';

const { utils } = ssh2;
const KEYGEN = '/usr/bin/ssh-keygen';

describe('the project SSH key generator', () => {
  // ssh2's own generator fails this about 1 time in 256 (mscdex/ssh2#1513): 2,000 draws would
  // hit it with near certainty (1 - (255/256)^2000 > 99.9%).
  it('makes 2,000 ed25519 keys that ssh2 parses, private and public, with matching public halves', () => {
    for (let i = 0; i < 2000; i++) {
      const pair = generateSshKeyPair('ed25519', `k${i}`);
      const priv = utils.parseKey(pair.privateKey);
      const pub = utils.parseKey(pair.publicKey);
      if (priv instanceof Error) throw new Error(`key ${i}: private key rejected: ${priv.message}`);
      if (pub instanceof Error) throw new Error(`key ${i}: public key rejected: ${pub.message}`);
      expect(priv.getPublicSSH().equals(pair.publicBlob)).toBe(true);
      expect(pub.getPublicSSH().equals(pair.publicBlob)).toBe(true);
      // The private key really signs for its public half.
      if (i % 100 === 0) {
        const data = Buffer.from(`payload ${i}`);
        expect(pub.verify(data, priv.sign(data))).toBe(true);
      }
    }
  });

  it('makes ecdsa-sha2-nistp256 keys that sign and verify', () => {
    for (let i = 0; i < 200; i++) {
      const pair = generateSshKeyPair('ecdsa-p256');
      const priv = utils.parseKey(pair.privateKey);
      const pub = utils.parseKey(pair.publicKey);
      if (priv instanceof Error || pub instanceof Error) throw new Error(`key ${i} rejected`);
      expect(pub.type).toBe('ecdsa-sha2-nistp256');
      const data = Buffer.from('x');
      expect(pub.verify(data, priv.sign(data))).toBe(true);
    }
  });

  it('is the only key generator the project calls (simulator, fixtures, bench)', () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|mjs)$/.test(entry.name) && !full.endsWith(`${path.sep}ssh-keygen.ts`) && !full.endsWith('ssh-keygen.test.ts')) {
          if (/generateKeyPair(Sync)?\(\s*['"]ed25519|utils\.generateKeyPair/.test(readFileSync(full, 'utf8'))) offenders.push(path.relative(root, full));
        }
      }
    };
    for (const dir of ['src-main', 'bench', 'scripts']) walk(path.join(root, dir));
    expect(offenders).toEqual([]);
  });

  it('writes files OpenSSH itself reads, with the same fingerprint', () => {
    if (!existsSync(KEYGEN)) {
      console.log('[ssh-keygen] skipped the OpenSSH cross-check: ssh-keygen is not installed');
      return;
    }
    const { dir, cleanup } = makeTempDir('fluxdeck-keygen-');
    try {
      for (const kind of ['ed25519', 'ecdsa-p256'] as const) {
        const pair = generateSshKeyPair(kind, 'fluxdeck-test');
        const file = path.join(dir, kind);
        writeFileSync(file, pair.privateKey, { mode: 0o600 });
        // -y derives the public key from the private file: OpenSSH accepted the container.
        const derived = execFileSync(KEYGEN, ['-y', '-f', file], { encoding: 'utf8' }).trim().split(' ').slice(0, 2).join(' ');
        expect(derived).toBe(pair.publicKey.split(' ').slice(0, 2).join(' '));
        const fingerprint = execFileSync(KEYGEN, ['-lf', file], { encoding: 'utf8' }).split(' ')[1];
        expect(fingerprint).toBe(`SHA256:${createHash('sha256').update(pair.publicBlob).digest('base64').replace(/=+$/, '')}`);
      }
    } finally {
      cleanup();
    }
  });
});
